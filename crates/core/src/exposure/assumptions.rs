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
}

/// A numeric assumption's documentation, range and accessors.
#[derive(Clone, Copy, Debug)]
pub struct NumericAssumption {
    /// The field name, as in JSON.
    pub key: &'static str,
    /// What it is, for a table.
    pub label: &'static str,
    /// Its unit (`share`, `days`, `hours`, `×`).
    pub unit: &'static str,
    /// Low end of the sensitivity range.
    pub low: f64,
    /// High end of the sensitivity range.
    pub high: f64,
    /// Smallest accepted value.
    pub min: f64,
    /// Largest accepted value.
    pub max: f64,
    /// Whether it moves the company's own-incident scenarios (and so belongs in the sensitivity ranking).
    pub own_incident: bool,
    /// Kind of source.
    pub source_kind: SourceKind,
    /// The source, in words.
    pub source: &'static str,
    /// Reads it.
    pub get: fn(&Assumptions) -> f64,
    /// Writes it.
    pub set: fn(&mut Assumptions, f64),
}

/// Every numeric assumption, in the order of the documentation (`docs/EXPOSURE.md`).
pub const NUMERIC: &[NumericAssumption] = &[
    NumericAssumption {
        key: "revenue_share_stopping",
        label: "Share of revenue that stops with production",
        unit: "share",
        low: 0.8,
        high: 1.0,
        min: 0.0,
        max: 1.0,
        own_incident: true,
        source_kind: SourceKind::Practitioner,
        source: "Practitioner judgement: at a just-in-time manufacturer nearly all revenue stops with production; a few per cent continues from finished-goods stock, spares and tooling. A manufacturer invoices on shipment: JLR's wholesale volumes fell 43% in the quarter after its 2025 halt while retail sales from dealer stock fell 25% (JLR Q3 FY26 volumes, reported by Cybersecurity Dive and The Times, January 2026).",
        get: |a| a.revenue_share_stopping,
        set: |a, v| a.revenue_share_stopping = v,
    },
    NumericAssumption {
        key: "fixed_cost_share",
        label: "Costs that keep running during a halt, share of revenue",
        unit: "share",
        low: 0.15,
        high: 0.35,
        min: 0.0,
        max: 1.0,
        own_incident: true,
        source_kind: SourceKind::Practitioner,
        source: "Practitioner judgement for UK discrete manufacturing: staff are kept on and paid through a halt of weeks, with site, lease and equipment costs. The loss measure (lost fixed costs plus lost profit, i.e. insurable gross profit) is the one the Cyber Monitoring Centre used for JLR: £108m a week of 'fixed costs and profit' (CMC statement, October 2025).",
        get: |a| a.fixed_cost_share,
        set: |a, v| a.fixed_cost_share = v,
    },
    NumericAssumption {
        key: "operating_margin_if_unknown",
        label: "Operating margin when the profile gives no profit",
        unit: "share",
        low: 0.02,
        high: 0.08,
        min: -1.0,
        max: 1.0,
        own_incident: true,
        source_kind: SourceKind::Practitioner,
        source: "Practitioner judgement: typical operating margins of automotive and engineering suppliers run from about 2% to 8%; used only when the organisation profile has no operating profit.",
        get: |a| a.operating_margin_if_unknown,
        set: |a, v| a.operating_margin_if_unknown = v,
    },
    NumericAssumption {
        key: "extra_cost_share",
        label: "Increased cost of working, share of revenue lost",
        unit: "share",
        low: 0.0,
        high: 0.15,
        min: 0.0,
        max: 5.0,
        own_incident: true,
        source_kind: SourceKind::Practitioner,
        source: "Practitioner judgement: overtime to catch up, expediting, premium freight and temporary workarounds. Customer line-stoppage charges are contract-specific and not in the default: add them here when known (an OEM's charges can exceed the lost margin).",
        get: |a| a.extra_cost_share,
        set: |a, v| a.extra_cost_share = v,
    },
    NumericAssumption {
        key: "response_cost_share",
        label: "One-off incident response costs, share of annual revenue",
        unit: "share",
        low: 0.001,
        high: 0.005,
        min: 0.0,
        max: 1.0,
        own_incident: true,
        source_kind: SourceKind::Published,
        source: "Calibrated with recovery_cost_day_share so that a five-week incident costs about 0.7% of annual revenue in response and recovery: JLR booked £196m of direct cyber-incident costs (Q2 FY26) on annual revenue of £29bn (0.7%); M&S about £136m (November 2025) on £13.8bn (1.0%). Sophos reports a mean recovery cost of $1.67m for manufacturers hit by ransomware (State of Ransomware in Manufacturing and Production 2024). The split between one-off and daily costs is practitioner judgement.",
        get: |a| a.response_cost_share,
        set: |a, v| a.response_cost_share = v,
    },
    NumericAssumption {
        key: "recovery_cost_day_share",
        label: "Recovery spend per day of outage, share of a day's revenue",
        unit: "share",
        low: 0.02,
        high: 0.1,
        min: 0.0,
        max: 10.0,
        own_incident: true,
        source_kind: SourceKind::Published,
        source: "See response_cost_share: 5% of a day's revenue for each day of outage adds about 0.5% of annual revenue over five weeks (external responders, rebuild contractors, IT overtime, replacement hardware).",
        get: |a| a.recovery_cost_day_share,
        set: |a, v| a.recovery_cost_day_share = v,
    },
    NumericAssumption {
        key: "ramp_up_ratio",
        label: "Ramp-up to full output, multiple of the halt's length",
        unit: "×",
        low: 0.25,
        high: 1.0,
        min: 0.0,
        max: 10.0,
        own_incident: true,
        source_kind: SourceKind::Published,
        source: "JLR halted production on 1 September 2025, restarted in phases from 8 October (about 37 days) and was back to normal production levels by mid-November (about 38 days later): a ratio of about 1 (JLR statements; Independent and Times reports, January 2026). Practitioner judgement halves it for a company with fewer lines and suppliers to restart; output is assumed to rise linearly, so the ramp-up loses half its length in output.",
        get: |a| a.ramp_up_ratio,
        set: |a, v| a.ramp_up_ratio = v,
    },
    NumericAssumption {
        key: "investigation_days",
        label: "Investigation and containment before restores start",
        unit: "days",
        low: 1.0,
        high: 7.0,
        min: 0.0,
        max: 365.0,
        own_incident: true,
        source_kind: SourceKind::Practitioner,
        source: "Practitioner judgement: scoping, containment and a clean recovery environment come before any restore (JLR shut its systems down on detection and restarted only after a forensic investigation).",
        get: |a| a.investigation_days,
        set: |a, v| a.investigation_days = v,
    },
    NumericAssumption {
        key: "tested_rto_factor",
        label: "Multiplier on a tested recovery time objective",
        unit: "×",
        low: 1.0,
        high: 2.0,
        min: 0.0,
        max: 100.0,
        own_incident: true,
        source_kind: SourceKind::Practitioner,
        source: "Practitioner judgement: a restore test proves one system in isolation; when everything must be restored at once, people, bandwidth and backup infrastructure are shared and the time stretches.",
        get: |a| a.tested_rto_factor,
        set: |a, v| a.tested_rto_factor = v,
    },
    NumericAssumption {
        key: "untested_rto_factor",
        label: "Multiplier on an untested recovery time objective",
        unit: "×",
        low: 2.0,
        high: 5.0,
        min: 0.0,
        max: 100.0,
        own_incident: true,
        source_kind: SourceKind::Practitioner,
        source: "Practitioner judgement, informed by the gap between typical contractual objectives (one to three days) and the average downtime after ransomware of 16 to 23 days reported by Coveware in its quarterly reports (Q4 2019: 16.2 days; Q2 2021: 23 days).",
        get: |a| a.untested_rto_factor,
        set: |a, v| a.untested_rto_factor = v,
    },
    NumericAssumption {
        key: "no_rto_restore_days",
        label: "Days to rebuild a system with no recovery objective",
        unit: "days",
        low: 7.0,
        high: 28.0,
        min: 0.0,
        max: 365.0,
        own_incident: true,
        source_kind: SourceKind::Practitioner,
        source: "Practitioner judgement: a rebuild without a plan or a proven backup; Coveware's average downtime of about three weeks for whole incidents (Q2 2021: 23 days) is the upper anchor, of which investigation and the systems restored first take part.",
        get: |a| a.no_rto_restore_days,
        set: |a, v| a.no_rto_restore_days = v,
    },
    NumericAssumption {
        key: "unrehearsed_fallback_factor",
        label: "Share of stated capacity an unrehearsed fallback achieves",
        unit: "share",
        low: 0.0,
        high: 1.0,
        min: 0.0,
        max: 1.0,
        own_incident: true,
        source_kind: SourceKind::Practitioner,
        source: "Practitioner judgement: a manual fallback that has never been rehearsed delivers less than its owners expect (missing forms, labels, people who know the steps).",
        get: |a| a.unrehearsed_fallback_factor,
        set: |a, v| a.unrehearsed_fallback_factor = v,
    },
    NumericAssumption {
        key: "degraded_output_loss",
        label: "Output lost while a 'degrades' system is down",
        unit: "share",
        low: 0.25,
        high: 0.75,
        min: 0.0,
        max: 1.0,
        own_incident: true,
        source_kind: SourceKind::Practitioner,
        source: "Practitioner judgement: the register says only that production continues at reduced output; half is the midpoint.",
        get: |a| a.degraded_output_loss,
        set: |a, v| a.degraded_output_loss = v,
    },
    NumericAssumption {
        key: "dependent_waiting_extra_hours",
        label: "Extra waiting period for dependent business interruption",
        unit: "hours",
        low: 0.0,
        high: 24.0,
        min: 0.0,
        max: 720.0,
        own_incident: false,
        source_kind: SourceKind::MarketPractice,
        source: "Market practice: the waiting period for dependent (contingent) business interruption is often 12 to 24 hours longer than for the insured's own systems (bank guidance to INS-11).",
        get: |a| a.dependent_waiting_extra_hours,
        set: |a, v| a.dependent_waiting_extra_hours = v,
    },
    NumericAssumption {
        key: "provider_outage_response_share",
        label: "Response costs in a provider outage, share of an own incident's",
        unit: "share",
        low: 0.1,
        high: 0.5,
        min: 0.0,
        max: 1.0,
        own_incident: false,
        source_kind: SourceKind::Practitioner,
        source: "Practitioner judgement: when the outage is at a provider, the company still pays for legal advice, crisis communications and workarounds, but not for forensics on or a rebuild of its own estate.",
        get: |a| a.provider_outage_response_share,
        set: |a, v| a.provider_outage_response_share = v,
    },
    NumericAssumption {
        key: "waiting_period_hours_if_unknown",
        label: "Waiting period when the answer is missing",
        unit: "hours",
        low: 8.0,
        high: 24.0,
        min: 0.0,
        max: 720.0,
        own_incident: false,
        source_kind: SourceKind::MarketPractice,
        source: "Market practice: cyber business-interruption waiting periods typically run from 8 to 24 hours (RGL Forensics, 'Do waiting periods work in cyber claims?': 4 to 12 hours; broker guidance: 8 to 24 hours for small and mid-size firms); the model takes the upper end when the answer is missing.",
        get: |a| a.waiting_period_hours_if_unknown,
        set: |a, v| a.waiting_period_hours_if_unknown = v,
    },
    NumericAssumption {
        key: "indemnity_period_days_if_unknown",
        label: "Indemnity period when the answer is missing",
        unit: "days",
        low: 90.0,
        high: 180.0,
        min: 0.0,
        max: 1095.0,
        own_incident: false,
        source_kind: SourceKind::MarketPractice,
        source: "Market practice: business-interruption indemnity periods of 90, 120 or 180 days are common (bank guidance to INS-08); the model takes the shortest when the answer is missing.",
        get: |a| a.indemnity_period_days_if_unknown,
        set: |a, v| a.indemnity_period_days_if_unknown = v,
    },
];

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
                SourceKind::MarketPractice,
                "Market practice: many cyber business-interruption sections pay for the 'period of restoration', which ends when systems are restored, unless an extended period of indemnity is bought (bank guidance to INS-08). Set true when the wording covers the return to normal trading.",
            ),
            other(
                "response_costs_covered",
                "Policy pays incident response and recovery costs",
                "",
                json(&self.response_costs_covered),
                json(&defaults.response_costs_covered),
                SourceKind::MarketPractice,
                "Market practice: cyber policies' first-party sections pay incident response, forensic, legal and data-restoration costs, out of the same aggregate limit (bank guidance to INS-02).",
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
        rows
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
