//! The policy wording as model terms: what a loss adjuster reads in the
//! wording beyond the limits and periods of the INS questions. Which trigger
//! the business-interruption section answers to, whether the retention comes
//! off before or after a sublimit, hardware replacement ("bricking") and
//! extortion with their sublimits, dependent cover for unnamed cloud
//! providers and a widespread-event exclusion, and the war exclusion by
//! clause family. Each is recorded in [`Wording`], part of the saved
//! [`Assumptions`](super::Assumptions).
//!
//! Invariant: the defaults reproduce the model before these terms existed,
//! and an answer of [`Answer::Unknown`] never becomes cover: a term that
//! would pay only if the wording says so counts as not paying, and the gap
//! is listed in [`Terms::gaps`](super::Terms::gaps).

use serde::{Deserialize, Serialize};

/// Yes, no, or nobody knows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The wording says so.
    Yes,
    /// The wording says not.
    No,
    /// Not read, or not clear: never counted as cover.
    #[default]
    Unknown,
}

impl Answer {
    /// Whether the answer is a plain yes.
    pub fn is_yes(self) -> bool {
        self == Answer::Yes
    }
}

/// When the retention comes off a business-interruption claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetentionOrder {
    /// Retention (and co-insurance) come off the covered loss, and the
    /// sublimit caps what is left: pays min(loss − retention, sublimit).
    #[default]
    BeforeSublimits,
    /// The sublimit caps the covered loss, and the retention comes off the
    /// capped amount (the retention erodes the sublimit): pays
    /// min(loss, sublimit) − retention.
    AfterSublimits,
}

/// How a day of outage is valued.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayBasis {
    /// Every day of the outage is an average calendar day: revenue / 365.
    #[default]
    CalendarDays,
    /// Every day of the outage is a production day: revenue / operating days
    /// (a 250-day plant loses revenue / 250 a day). Right when the outage's
    /// days are working days (a short halt in the week, or lengths counted in
    /// working days); it overstates a long halt that spans weekends.
    WorkingDays,
}

impl DayBasis {
    /// Days a year the annual revenue is spread over.
    pub fn days_per_year(self, operating_days_per_year: u16) -> f64 {
        match self {
            DayBasis::CalendarDays => 365.0,
            DayBasis::WorkingDays => f64::from(operating_days_per_year),
        }
    }

    /// In words: "calendar day (revenue / 365)".
    pub fn describe(self, operating_days_per_year: u16) -> String {
        match self {
            DayBasis::CalendarDays => "calendar day (revenue / 365)".to_owned(),
            DayBasis::WorkingDays => {
                format!("working day (revenue / {operating_days_per_year})")
            }
        }
    }
}

/// What set production down in the company's own incident.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// A security failure (an attack) or a system failure took the systems down.
    #[default]
    SecurityFailure,
    /// The company shut down systems that were not themselves compromised,
    /// as a precaution (Jaguar Land Rover's 2025 halt began with the company
    /// shutting its own systems down): business interruption is paid only if
    /// the wording covers a voluntary or precautionary shutdown.
    PrecautionaryShutdown,
}

/// The family of the war and cyber-operation exclusion in the wording.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarClauseFamily {
    /// LMA5564: Cyber War and Cyber Operation Exclusion No. 1, the widest.
    Lma5564,
    /// LMA5565: No. 2.
    Lma5565,
    /// LMA5566: No. 3.
    Lma5566,
    /// LMA5567: No. 4, the narrowest of the four.
    Lma5567,
    /// Another clause (an insurer's own wording).
    Other,
    /// The wording has no war or state-backed attack exclusion.
    NoExclusion,
    /// Not read.
    #[default]
    Unknown,
}

/// The version of an LMA clause: the original or a later A or B revision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseVariant {
    /// The clause as first published (November 2021).
    #[default]
    Original,
    /// The A revision.
    A,
    /// The B revision.
    B,
}

/// The war exclusion as written in the wording.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WarClause {
    /// Which clause.
    pub family: WarClauseFamily,
    /// Which revision, for the LMA clauses.
    pub variant: ClauseVariant,
}

impl WarClause {
    /// The clause in words: "LMA5567B", "an insurer's own clause".
    pub fn describe(self) -> String {
        let suffix = match self.variant {
            ClauseVariant::Original => "",
            ClauseVariant::A => "A",
            ClauseVariant::B => "B",
        };
        match self.family {
            WarClauseFamily::Lma5564 => format!("LMA5564{suffix}"),
            WarClauseFamily::Lma5565 => format!("LMA5565{suffix}"),
            WarClauseFamily::Lma5566 => format!("LMA5566{suffix}"),
            WarClauseFamily::Lma5567 => format!("LMA5567{suffix}"),
            WarClauseFamily::Other => "an insurer's own war exclusion".to_owned(),
            WarClauseFamily::NoExclusion => "no war exclusion".to_owned(),
            WarClauseFamily::Unknown => "a war exclusion not yet identified".to_owned(),
        }
    }
}

/// The wording's terms beyond the INS questions. `Default` reproduces the
/// model without them; a JSON object with some fields overrides just those.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Wording {
    /// When the retention comes off a business-interruption claim.
    pub retention_order: RetentionOrder,
    /// Whether business interruption responds to a voluntary or precautionary shutdown.
    pub voluntary_shutdown_covered: Answer,
    /// Whether replacing hardware made unusable by the attack (PLCs, HMIs, industrial PCs) is covered.
    pub bricking_covered: Answer,
    /// Sublimit for hardware replacement; `None`: unknown, nothing counted as payable.
    pub bricking_sublimit: Option<f64>,
    /// Sublimit for extortion payments; `None`: unknown, nothing counted as payable.
    pub extortion_sublimit: Option<f64>,
    /// Whether dependent cover for named providers also covers unnamed cloud providers.
    pub unnamed_cloud_providers_covered: Answer,
    /// Whether dependent cover excludes a widespread event (an outage hitting many customers at once).
    pub widespread_event_exclusion: Answer,
    /// The war exclusion.
    pub war_clause: WarClause,
}

impl Wording {
    /// Problems with the amounts, as (field, value) pairs.
    pub(super) fn bad_amounts(&self) -> Vec<(&'static str, f64)> {
        [
            ("wording.bricking_sublimit", self.bricking_sublimit),
            ("wording.extortion_sublimit", self.extortion_sublimit),
        ]
        .into_iter()
        .filter_map(|(key, v)| v.map(|v| (key, v)))
        .filter(|(_, v)| !(v.is_finite() && *v >= 0.0 && *v <= 1e13))
        .collect()
    }
}
