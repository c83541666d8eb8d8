//! The exposure model's assumptions: every number the model needs that the
//! assessment does not give, with its default, its source, a low/high range
//! for the sensitivity ranking, and the bounds it is checked against.
//!
//! Invariant: [`Assumptions`] deserialises from any subset of its fields (the
//! rest keep their defaults), so a caller stores only the overrides; every
//! numeric field has exactly one entry in [`NUMERIC`], which is the single
//! place its label, unit, range, bounds and source are written.

use serde::{Deserialize, Serialize};

use super::ExposureError;
use super::numeric::NUMERIC;
use super::wording::{DayBasis, Trigger, Wording};

/// What the exposure model assumes. `Default` gives the documented defaults;
/// a JSON object with some of the fields overrides just those.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Assumptions {
    /// Share of revenue that stops when production stops (0–1).
    pub revenue_share_stopping: f64,
    /// Costs that keep running during a halt (staff, sites, leases), as a share of annual revenue (0–1).
    pub fixed_cost_share: f64,
    /// Operating margin used when the profile gives no operating profit (0–1).
    pub operating_margin_if_unknown: f64,
    /// Increased cost of working (overtime, expediting, premium freight), as a share of the revenue lost.
    pub extra_cost_share: f64,
    /// One-off incident response costs (forensics, legal, crisis communications), as a share of annual revenue.
    pub response_cost_share: f64,
    /// Recovery spend per day of outage (rebuild, external responders), as a share of a day's revenue.
    pub recovery_cost_day_share: f64,
    /// Length of the ramp-up back to full output after restart, as a multiple of the halt's length.
    pub ramp_up_ratio: f64,
    /// Days of investigation and containment before restores can start.
    pub investigation_days: f64,
    /// Multiplier on a tested recovery time objective when everything is restored at once.
    pub tested_rto_factor: f64,
    /// Multiplier on an untested recovery time objective.
    pub untested_rto_factor: f64,
    /// Days to rebuild a system that has no recovery time objective.
    pub no_rto_restore_days: f64,
    /// Share of its stated capacity that a fallback never rehearsed achieves (0–1).
    pub unrehearsed_fallback_factor: f64,
    /// Share of output lost while a system whose loss "degrades" production is down (0–1).
    pub degraded_output_loss: f64,
    /// How the business-interruption waiting period works.
    pub waiting_period_basis: WaitingBasis,
    /// Whether the policy pays for the ramp-up after systems are restored (an extended indemnity period).
    pub ramp_up_covered: bool,
    /// Whether incident response and recovery costs are covered (first-party sections of the policy).
    pub response_costs_covered: bool,
    /// Hours added to the waiting period for dependent business interruption.
    pub dependent_waiting_extra_hours: f64,
    /// Provider ids named in the policy's dependent business-interruption schedule.
    pub dependent_named_providers: Vec<String>,
    /// Share of the response and recovery costs incurred when the outage is at a provider and nothing of the company's was attacked (0–1).
    pub provider_outage_response_share: f64,
    /// Whether the policy pays those response costs in a provider outage
    /// (wordings that treat an outsourcer's systems as the insured's own).
    pub provider_outage_costs_covered: bool,
    /// Waiting period used when the policy is in force but the answer is missing, hours.
    pub waiting_period_hours_if_unknown: f64,
    /// Indemnity period used when the policy is in force but the answer is missing, days.
    pub indemnity_period_days_if_unknown: f64,
    /// Length of the custom scenario, days; `None` uses the estimated time to restore.
    pub custom_days: Option<f64>,
    /// Days to restore as a range for the simulation; `None` derives it from the estimate and `days_spread`.
    pub days_range: Option<Estimate>,
    /// Daily loss at a full stop as a range; `None` derives it from the model and `daily_loss_spread`.
    pub daily_loss_range: Option<Estimate>,
    /// One-off response costs as a range; `None` derives them from the model and `response_cost_spread`.
    pub response_cost_range: Option<Estimate>,
    /// Low and high multiples of the estimated days to restore, for the derived range.
    pub days_spread: Spread,
    /// Low and high multiples of the modelled daily loss, for the derived range.
    pub daily_loss_spread: Spread,
    /// Low and high multiples of the modelled response costs, for the derived range.
    pub response_cost_spread: Spread,
    /// The shape of the derived ranges.
    pub shape: Shape,
    /// Seed of the simulation: the same seed gives the same figures.
    pub seed: u64,
    /// Number of simulated incidents.
    pub draws: u32,
    /// The policy wording's terms beyond the INS questions (defaults: the model without them).
    pub wording: Wording,
    /// How a day of outage is valued: calendar days (revenue / 365) or working days (revenue / operating days).
    pub day_basis: DayBasis,
    /// What set production down in the company's own incident: an attack, or a precautionary shutdown of healthy systems.
    pub trigger: Trigger,
    /// Hardware made unusable by the attack and replaced (PLCs, HMIs, industrial PCs), as a share of annual revenue.
    pub bricking_cost_share: f64,
    /// Extortion paid, as a share of annual revenue.
    pub extortion_cost_share: f64,
    /// Whether a provider outage is a widespread event (many customers hit at once, as when a cloud region fails).
    pub provider_outage_widespread: bool,
}

/// How a waiting period (time excess) works.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitingBasis {
    /// The loss in the first hours is never paid.
    TimeDeductible,
    /// Once the outage lasts longer than the waiting period, the loss is paid from the start.
    QualifyingPeriod,
}

/// An uncertain quantity: low, most likely, high.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// The lowest plausible value.
    pub low: f64,
    /// The most likely value.
    pub most_likely: f64,
    /// The highest plausible value.
    pub high: f64,
    /// The distribution between them.
    #[serde(default)]
    pub shape: Shape,
}

/// The distribution of an [`Estimate`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// PERT (beta) with the usual weight 4 on the most likely value.
    #[default]
    Pert,
    /// Triangular.
    Triangular,
    /// Uniform between low and high (the most likely value is ignored).
    Uniform,
}

/// Multiples of a modelled value giving the low and high ends of a range.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spread {
    /// Low end, as a multiple (≤ 1).
    pub low: f64,
    /// High end, as a multiple (≥ 1).
    pub high: f64,
}

impl Default for Assumptions {
    fn default() -> Self {
        Self {
            revenue_share_stopping: 0.95,
            fixed_cost_share: 0.25,
            operating_margin_if_unknown: 0.05,
            extra_cost_share: 0.05,
            response_cost_share: 0.0025,
            recovery_cost_day_share: 0.05,
            ramp_up_ratio: 0.5,
            investigation_days: 3.0,
            tested_rto_factor: 1.5,
            untested_rto_factor: 3.0,
            no_rto_restore_days: 14.0,
            unrehearsed_fallback_factor: 0.5,
            degraded_output_loss: 0.5,
            waiting_period_basis: WaitingBasis::TimeDeductible,
            ramp_up_covered: false,
            response_costs_covered: true,
            dependent_waiting_extra_hours: 12.0,
            dependent_named_providers: Vec::new(),
            provider_outage_response_share: 0.25,
            provider_outage_costs_covered: false,
            waiting_period_hours_if_unknown: 24.0,
            indemnity_period_days_if_unknown: 90.0,
            custom_days: None,
            days_range: None,
            daily_loss_range: None,
            response_cost_range: None,
            days_spread: Spread {
                low: 0.5,
                high: 2.0,
            },
            daily_loss_spread: Spread {
                low: 0.8,
                high: 1.25,
            },
            response_cost_spread: Spread {
                low: 0.5,
                high: 2.0,
            },
            shape: Shape::Pert,
            seed: 1,
            draws: 100_000,
            wording: Wording::default(),
            day_basis: DayBasis::CalendarDays,
            trigger: Trigger::SecurityFailure,
            bricking_cost_share: 0.0,
            extortion_cost_share: 0.0,
            provider_outage_widespread: false,
        }
    }
}

/// Where a default comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A published study, statistic or case.
    Published,
    /// A practitioner's judgement, stated as such (with the evidence that informs it).
    Practitioner,
    /// How policies are usually worded.
    MarketPractice,
    /// Computed from published figures by a stated method (a calibration or a split).
    Derived,
}

/// One row of the assumptions table shown beside the figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssumptionRow {
    /// The field name.
    pub key: String,
    /// What it is.
    pub label: String,
    /// Its unit.
    pub unit: String,
    /// The value used.
    pub value: serde_json::Value,
    /// The default.
    pub default: serde_json::Value,
    /// Whether the value differs from the default.
    pub overridden: bool,
    /// Low end of the sensitivity range, for numeric assumptions.
    pub low: Option<f64>,
    /// High end of the sensitivity range, for numeric assumptions.
    pub high: Option<f64>,
    /// Kind of source of the default.
    pub source_kind: SourceKind,
    /// Source of the default.
    pub source: String,
}

impl Assumptions {
    /// Checks every value against its bounds; all problems at once.
    pub fn check(&self) -> Result<(), Vec<ExposureError>> {
        let mut problems = Vec::new();
        for field in NUMERIC {
            let value = (field.get)(self);
            if !value.is_finite() || value < field.min || value > field.max {
                problems.push(ExposureError::AssumptionOutOfRange {
                    key: field.key.to_owned(),
                    value,
                    min: field.min,
                    max: field.max,
                });
            }
        }
        if let Some(days) = self.custom_days
            && (!days.is_finite() || days <= 0.0 || days > 3650.0)
        {
            problems.push(ExposureError::AssumptionOutOfRange {
                key: "custom_days".into(),
                value: days,
                min: 0.0,
                max: 3650.0,
            });
        }
        for (key, range) in [
            ("days_range", self.days_range),
            ("daily_loss_range", self.daily_loss_range),
            ("response_cost_range", self.response_cost_range),
        ] {
            if let Some(e) = range
                && !e.is_valid()
            {
                problems.push(ExposureError::BadRange {
                    key: key.to_owned(),
                    low: e.low,
                    most_likely: e.most_likely,
                    high: e.high,
                });
            }
        }
        for (key, spread) in [
            ("days_spread", self.days_spread),
            ("daily_loss_spread", self.daily_loss_spread),
            ("response_cost_spread", self.response_cost_spread),
        ] {
            if !(spread.low.is_finite() && spread.high.is_finite())
                || spread.low < 0.0
                || spread.low > 1.0
                || spread.high < 1.0
                || spread.high > 100.0
            {
                problems.push(ExposureError::BadRange {
                    key: key.to_owned(),
                    low: spread.low,
                    most_likely: 1.0,
                    high: spread.high,
                });
            }
        }
        for (key, value) in self.wording.bad_amounts() {
            problems.push(ExposureError::AssumptionOutOfRange {
                key: key.to_owned(),
                value,
                min: 0.0,
                max: 1e13,
            });
        }
        if self.draws == 0 || self.draws > 10_000_000 {
            problems.push(ExposureError::AssumptionOutOfRange {
                key: "draws".into(),
                value: f64::from(self.draws),
                min: 1.0,
                max: 10_000_000.0,
            });
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Every assumption with its value, default, whether it was overridden, and its source.
    pub fn table(&self) -> Vec<AssumptionRow> {
        let defaults = Assumptions::default();
        let mut rows: Vec<AssumptionRow> = NUMERIC
            .iter()
            .map(|f| {
                let value = (f.get)(self);
                let default = (f.get)(&defaults);
                AssumptionRow {
                    key: f.key.to_owned(),
                    label: f.label.to_owned(),
                    unit: f.unit.to_owned(),
                    value: serde_json::json!(value),
                    default: serde_json::json!(default),
                    overridden: value != default,
                    low: Some(f.low),
                    high: Some(f.high),
                    source_kind: f.source_kind,
                    source: f.source.to_owned(),
                }
            })
            .collect();
        let other = |key: &str,
                     label: &str,
                     unit: &str,
                     value: serde_json::Value,
                     default: serde_json::Value,
                     kind,
                     source: &str| AssumptionRow {
            key: key.to_owned(),
            label: label.to_owned(),
            unit: unit.to_owned(),
            overridden: value != default,
            value,
            default,
            low: None,
            high: None,
            source_kind: kind,
            source: source.to_owned(),
        };
        rows.extend([
            other(
                "waiting_period_basis",
                "How the waiting period works",
                "",
                json(&self.waiting_period_basis),
                json(&defaults.waiting_period_basis),
                SourceKind::MarketPractice,
                "Market practice: in standard cyber forms the income lost during the waiting period is never recovered, i.e. a time deductible (RGL Forensics; insurance training material on cyber business-interruption waiting periods). Set qualifying_period if the wording pays from the start once the waiting period is exceeded.",
            ),
            other(
                "ramp_up_covered",
                "Policy pays for the ramp-up after restoration",
                "",
                json(&self.ramp_up_covered),
                json(&defaults.ramp_up_covered),
                SourceKind::Practitioner,
                "Practitioner judgement (the model's authors), not a published survey: many cyber business-interruption sections pay for the 'period of restoration', which ends when systems are restored, unless an extended period of indemnity is bought. Set true when the wording covers the return to normal trading.",
            ),
            other(
                "response_costs_covered",
                "Policy pays incident response and recovery costs",
                "",
                json(&self.response_costs_covered),
                json(&defaults.response_costs_covered),
                SourceKind::Practitioner,
                "Practitioner judgement (the model's authors), not a published survey: cyber policies' first-party sections commonly pay incident response, forensic, legal and data-restoration costs out of the same aggregate limit. Set false when the wording does not, or when an outsourcer's systems are not treated as the insured's own.",
            ),
            other(
                "provider_outage_costs_covered",
                "Policy pays response costs in a provider outage",
                "",
                json(&self.provider_outage_costs_covered),
                json(&defaults.provider_outage_costs_covered),
                SourceKind::Practitioner,
                "Practitioner judgement (the model's authors), not a published survey: first-party response sections usually respond to a breach of the insured's own systems, and dependent business interruption pays lost income only. Set true when the wording treats an outsourcer's or cloud provider's systems as the insured's own (some do for named IT providers).",
            ),
            other(
                "dependent_named_providers",
                "Providers named for dependent business interruption",
                "",
                json(&self.dependent_named_providers),
                json(&defaults.dependent_named_providers),
                SourceKind::Practitioner,
                "From the policy schedule when dependent cover is for named providers only (INS-10 'named_providers'); empty means none is taken as named.",
            ),
            other(
                "custom_days",
                "Length of the custom scenario",
                "days",
                json(&self.custom_days),
                json(&defaults.custom_days),
                SourceKind::Practitioner,
                "Empty: the estimated time to restore from the registers.",
            ),
            other(
                "days_spread",
                "Range of days to restore, multiples of the estimate",
                "×",
                json(&self.days_spread),
                json(&defaults.days_spread),
                SourceKind::Practitioner,
                "Practitioner judgement: outages overrun more often than they undershoot (JLR first told staff to stay home until 9 September 2025; production restarted on 8 October). Used when days_range is not given.",
            ),
            other(
                "daily_loss_spread",
                "Range of the daily loss, multiples of the modelled figure",
                "×",
                json(&self.daily_loss_spread),
                json(&defaults.daily_loss_spread),
                SourceKind::Practitioner,
                "Practitioner judgement: uncertainty in margins, stock buffers and what customers take elsewhere. Used when daily_loss_range is not given.",
            ),
            other(
                "response_cost_spread",
                "Range of response costs, multiples of the modelled figure",
                "×",
                json(&self.response_cost_spread),
                json(&defaults.response_cost_spread),
                SourceKind::Practitioner,
                "Practitioner judgement: response costs vary widely with the scope of compromise and data theft. Used when response_cost_range is not given.",
            ),
            other(
                "shape",
                "Shape of the derived ranges",
                "",
                json(&self.shape),
                json(&defaults.shape),
                SourceKind::Practitioner,
                "PERT: the usual choice for expert three-point estimates (weight 4 on the most likely value).",
            ),
            other(
                "seed",
                "Seed of the simulation",
                "",
                json(&self.seed),
                json(&defaults.seed),
                SourceKind::Practitioner,
                "Any number; the same seed gives the same figures.",
            ),
            other(
                "draws",
                "Simulated incidents",
                "",
                json(&self.draws),
                json(&defaults.draws),
                SourceKind::Practitioner,
                "100,000 draws put the 99th percentile within a fraction of a per cent of its limit.",
            ),
        ]);
        rows.extend(self.wording_rows(&defaults));
        rows
    }
}

impl Assumptions {
    /// The rows of the wording's terms, the day basis and the trigger.
    fn wording_rows(&self, defaults: &Assumptions) -> Vec<AssumptionRow> {
        let (w, d) = (&self.wording, &defaults.wording);
        let judgement = SourceKind::Practitioner;
        let row = |key: &str, label: &str, value, default, kind, source: &str| AssumptionRow {
            key: key.to_owned(),
            label: label.to_owned(),
            unit: String::new(),
            overridden: value != default,
            value,
            default,
            low: None,
            high: None,
            source_kind: kind,
            source: source.to_owned(),
        };
        vec![
            row(
                "day_basis",
                "How a day of outage is valued",
                json(&self.day_basis),
                json(&defaults.day_basis),
                judgement,
                "Calendar days by default: revenue / 365 a day, right for a halt of weeks that spans weekends. Choose working_days when the outage's days are production days: a 250-day plant then loses revenue / 250 a day.",
            ),
            row(
                "trigger",
                "What set production down",
                json(&self.trigger),
                json(&defaults.trigger),
                judgement,
                "An attack (security failure) by default; precautionary_shutdown models healthy systems shut down as a precaution, which business interruption pays only if the wording covers it.",
            ),
            row(
                "provider_outage_widespread",
                "A provider outage is a widespread event",
                json(&self.provider_outage_widespread),
                json(&defaults.provider_outage_widespread),
                judgement,
                "No by default; set it for a cloud outage that hits many customers at once, where a widespread-event exclusion bites.",
            ),
            row(
                "wording.retention_order",
                "Retention comes off before or after the sublimits",
                json(&w.retention_order),
                json(&d.retention_order),
                SourceKind::MarketPractice,
                "Read it in the wording's basis of settlement. Before the sublimits by default (the model's convention before this term existed); after the sublimits the retention erodes the sublimit and pays less.",
            ),
            row(
                "wording.voluntary_shutdown_covered",
                "Business interruption responds to a voluntary or precautionary shutdown",
                json(&w.voluntary_shutdown_covered),
                json(&d.voluntary_shutdown_covered),
                judgement,
                "Unknown by default, counted as no: some wordings pay only when a security or system failure stops the systems, not when the insured shuts healthy systems down.",
            ),
            row(
                "wording.bricking_covered",
                "Hardware replacement (bricking) is covered",
                json(&w.bricking_covered),
                json(&d.bricking_covered),
                judgement,
                "Unknown by default, counted as no: replacing hardware is often excluded or sublimited.",
            ),
            row(
                "wording.bricking_sublimit",
                "Sublimit for hardware replacement",
                json(&w.bricking_sublimit),
                json(&d.bricking_sublimit),
                judgement,
                "Empty: unknown, nothing counted as payable.",
            ),
            row(
                "wording.extortion_sublimit",
                "Sublimit for extortion payments",
                json(&w.extortion_sublimit),
                json(&d.extortion_sublimit),
                judgement,
                "Empty: unknown, nothing counted as payable.",
            ),
            row(
                "wording.unnamed_cloud_providers_covered",
                "Dependent cover for named providers also covers unnamed cloud providers",
                json(&w.unnamed_cloud_providers_covered),
                json(&d.unnamed_cloud_providers_covered),
                judgement,
                "Unknown by default, counted as no.",
            ),
            row(
                "wording.widespread_event_exclusion",
                "Dependent cover excludes a widespread event",
                json(&w.widespread_event_exclusion),
                json(&d.widespread_event_exclusion),
                judgement,
                "Unknown by default, counted as yes when a provider outage is widespread (an unknown exclusion is not taken as cover).",
            ),
            row(
                "wording.war_clause",
                "War and cyber-operation exclusion clause",
                json(&w.war_clause),
                json(&d.war_clause),
                SourceKind::Published,
                "Lloyd's Market Bulletin Y5381 (2022) requires a state-backed cyber-attack exclusion in every Lloyd's cyber policy from 31 March 2023; the LMA published the model clauses LMA5564 to LMA5567 (November 2021). Record which the wording uses; unknown by default.",
            ),
        ]
    }
}

impl Estimate {
    /// A fixed value, as a range of zero width.
    pub fn fixed(value: f64) -> Self {
        Self {
            low: value,
            most_likely: value,
            high: value,
            shape: Shape::Pert,
        }
    }

    /// Low ≤ most likely ≤ high, all finite and not negative.
    pub fn is_valid(&self) -> bool {
        [self.low, self.most_likely, self.high]
            .iter()
            .all(|v| v.is_finite() && *v >= 0.0)
            && self.low <= self.most_likely
            && self.most_likely <= self.high
    }
}

/// A value as JSON; serialising plain data cannot fail (a failure would show as `null`).
fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
