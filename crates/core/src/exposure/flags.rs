//! The flags: exclusions, conditions and gaps that may defeat or shrink a
//! claim, and losses that exceed the company's cash or profit.
//!
//! Invariant: flags are ordered by severity, then code, so the list is
//! total and stable; each names the bank questions behind it.

use serde::Serialize;

use super::ExposureInputs;
use super::money::{money_short, trim};
use super::policy::PolicyStatus;
use super::prepared::Prepared;
use super::providers::ProviderOutage;
use super::questions;
use super::row::ScenarioRow;
use super::wording::WarClauseFamily;
use crate::dependencies::Severity;
use crate::dependencies::rule_questions::{RuleQuestion, question_ids};
use crate::ids::QuestionId;

/// An exclusion, condition or gap that may defeat or shrink a claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposureFlag {
    /// Stable code (`policy.war_exclusion`).
    pub code: String,
    /// How much it matters.
    pub severity: Severity,
    /// One line.
    pub title: String,
    /// Why, in plain language.
    pub explanation: String,
    /// The amount at stake, if one can be given.
    pub amount: Option<f64>,
    /// The bank questions behind it.
    pub questions: Vec<QuestionId>,
}

/// What the flags are computed from.
struct Context<'a> {
    inputs: &'a ExposureInputs,
    prepared: &'a Prepared,
    /// The custom row (the estimated time to restore, unless set).
    custom: &'a ScenarioRow,
    /// The five-week row.
    five: &'a ScenarioRow,
    currency: &'a str,
}

impl Context<'_> {
    fn m(&self, v: f64) -> String {
        money_short(v, self.currency)
    }

    /// The custom scenario in words: "in an outage of 23 days (the estimated
    /// time to restore)", or "in an assumed outage of 10 days (set by the assessor)".
    fn custom_outage(&self) -> String {
        let days = trim(self.custom.days);
        if self.prepared.days_set_by_hand {
            format!("in an assumed outage of {days} days (set by the assessor)")
        } else {
            format!("in an outage of {days} days (the estimated time to restore)")
        }
    }
}

/// The flags being collected.
#[derive(Default)]
struct Flags(Vec<ExposureFlag>);

impl Flags {
    fn add(
        &mut self,
        code: &str,
        severity: Severity,
        title: String,
        explanation: String,
        amount: Option<f64>,
        behind: &[RuleQuestion],
    ) {
        self.0.push(ExposureFlag {
            code: code.to_owned(),
            severity,
            title,
            explanation,
            amount,
            questions: question_ids(behind),
        });
    }
}

/// Every flag, most severe first.
pub(super) fn flags(
    inputs: &ExposureInputs,
    prepared: &Prepared,
    scenarios: &[ScenarioRow],
    outages: &[ProviderOutage],
    currency: &str,
) -> Vec<ExposureFlag> {
    let cx = Context {
        inputs,
        prepared,
        custom: &scenarios[3],
        five: &scenarios[2],
        currency,
    };
    let mut out = Flags::default();
    if prepared.terms.in_force {
        claim_defeaters(&cx, &mut out);
        limits_and_periods(&cx, &mut out);
    } else {
        not_in_force(&cx, &mut out);
    }
    provider_outages(&cx, outages, &mut out);
    cash_and_profit(&cx, &mut out);
    let mut out = out.0;
    out.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| a.code.cmp(&b.code))
    });
    out
}

fn not_in_force(cx: &Context<'_>, out: &mut Flags) {
    let status = match cx.inputs.policy.status {
        PolicyStatus::None => "There is no cyber policy",
        PolicyStatus::Negotiating => "A cyber policy is being negotiated but is not bound",
        PolicyStatus::Lapsed => "The cyber policy has lapsed",
        PolicyStatus::Unknown => "Nobody could say whether a cyber policy is in force",
        PolicyStatus::InForce => "",
    };
    out.add(
        "policy.not_in_force",
        Severity::Critical,
        "No cyber policy in force".to_owned(),
        format!(
            "{status}, so the whole loss stays with the company: {} for a five-week halt. Jaguar Land Rover was negotiating a policy but had none bound when its production stopped for about five weeks in 2025.",
            cx.m(cx.five.gross_loss)
        ),
        Some(cx.five.gross_loss),
        questions::NOT_IN_FORCE,
    );
}

/// Exclusions and conditions that may defeat the whole claim.
fn claim_defeaters(cx: &Context<'_>, out: &mut Flags) {
    let policy = &cx.inputs.policy;
    let custom = cx.custom;
    war_exclusion(cx, out);
    if policy.conditions_reviewed != Some(true) {
        let untested = cx
            .inputs
            .registers
            .systems
            .iter()
            .filter(|s| {
                s.production_impact == crate::assessment::ProductionImpact::Stops && !s.rto_tested
            })
            .count();
        out.add(
            "policy.conditions",
            Severity::High,
            "Conditions and proposal answers are unchecked".to_owned(),
            format!(
                "Cyber policies commonly make maintained backups, MFA and timely patching conditions of cover or answers in the proposal form, and nobody has checked them against reality. A broken condition, or an unfair presentation of the risk under the Insurance Act 2015, lets the insurer reduce or refuse a claim{}. {} of recovery at the estimated restore time depends on it.",
                if untested > 0 {
                    format!(
                        "; the registers show {untested} production-stopping system(s) whose restore has never been tested"
                    )
                } else {
                    String::new()
                },
                cx.m(custom.insured_recovery)
            ),
            Some(custom.insured_recovery),
            questions::CONDITIONS,
        );
    }
    if policy.panel_ir_provider != Some(true) {
        out.add(
            "policy.panel_ir",
            Severity::Medium,
            "The insurer's incident-response panel is not in the plan".to_owned(),
            "Costs of responders who are not on the insurer's panel may need its consent or may not be paid; the response costs in the table assume they are.".to_owned(),
            Some(custom.outcome.recovery.costs_paid),
            questions::PANEL_IR,
        );
    }
}

/// The war and state-backed attack exclusion. Reviewing the wording does
/// not remove the exclusion, so the flag stays, less severe once the clause
/// is known and reviewed; a clause of the LMA5564–5567 family or another
/// is named, and a policy recorded as having none drops it.
fn war_exclusion(cx: &Context<'_>, out: &mut Flags) {
    let terms = &cx.prepared.terms;
    let custom = cx.custom;
    let clause = terms.war_clause;
    if clause.family == WarClauseFamily::NoExclusion {
        return;
    }
    let reviewed = cx.inputs.policy.war_exclusion_reviewed == Some(true);
    let at = cx.custom_outage();
    let (severity, explanation) = if reviewed && clause.family != WarClauseFamily::Unknown {
        (
            Severity::Medium,
            format!(
                "The wording carries {}, reviewed with the broker. Reviewing does not remove it: if an attack were attributed to a state and the clause applied, the insurer could refuse the claim, so {} of recovery {at} is at stake. Treat the recovery as a range from nothing to the full amount until attribution is settled.",
                clause.describe(),
                cx.m(custom.insured_recovery)
            ),
        )
    } else {
        (
            Severity::High,
            format!(
                "Since March 2023 Lloyd's has required cyber policies to exclude state-backed cyber attacks (Market Bulletin Y5381); this policy carries {}{}. If the attack were attributed to a state (as was suggested, unproven, for Jaguar Land Rover in 2025), the insurer could refuse the claim: {} of recovery {at} would be lost.",
                clause.describe(),
                if reviewed {
                    ", reviewed but not recorded by clause"
                } else {
                    ", and nobody has reviewed how its wording and attribution rules would apply"
                },
                cx.m(custom.insured_recovery)
            ),
        )
    };
    out.add(
        "policy.war_exclusion",
        severity,
        "The state-backed attack exclusion may apply".to_owned(),
        explanation,
        Some(custom.insured_recovery),
        questions::WAR_EXCLUSION,
    );
}

/// Limits that run out, periods that leave loss unpaid, terms not known.
fn limits_and_periods(cx: &Context<'_>, out: &mut Flags) {
    let terms = &cx.prepared.terms;
    let (five, custom) = (cx.five, cx.custom);
    if five.outcome.recovery.above_bi_sublimit > 0.0 {
        let days_to_exhaust = if cx.prepared.basis.daily_loss > 0.0 {
            terms.bi_sublimit / cx.prepared.basis.daily_loss
        } else {
            0.0
        };
        out.add(
            "policy.bi_sublimit_exhausted",
            Severity::High,
            "The business-interruption sublimit runs out".to_owned(),
            format!(
                "The business-interruption sublimit of {} equals about {:.0} days of a full stop; in a five-week halt {} of covered loss lies above it.",
                cx.m(terms.bi_sublimit),
                days_to_exhaust,
                cx.m(five.outcome.recovery.above_bi_sublimit)
            ),
            Some(five.outcome.recovery.above_bi_sublimit),
            questions::BI_SUBLIMIT_EXHAUSTED,
        );
    }
    if five.outcome.recovery.above_aggregate > 0.0 {
        out.add(
            "policy.aggregate_exhausted",
            Severity::High,
            "The aggregate limit runs out".to_owned(),
            format!(
                "In a five-week halt the covered loss exceeds the aggregate limit of {} by {}.",
                cx.m(terms.aggregate_limit),
                cx.m(five.outcome.recovery.above_aggregate)
            ),
            Some(five.outcome.recovery.above_aggregate),
            questions::AGGREGATE_EXHAUSTED,
        );
    }
    if custom.outcome.recovery.outside_indemnity_loss > 0.0 {
        out.add(
            "policy.indemnity_period",
            Severity::Medium,
            "Part of the loss falls outside the indemnity period".to_owned(),
            format!(
                "{} of business-interruption loss at the estimated restore time falls after the {}-day indemnity period{}.",
                cx.m(custom.outcome.recovery.outside_indemnity_loss),
                trim(terms.indemnity_period_days),
                if terms.ramp_up_covered {
                    String::new()
                } else {
                    " or in the ramp-up after systems are restored, which a period-of-restoration basis does not pay".to_owned()
                }
            ),
            Some(custom.outcome.recovery.outside_indemnity_loss),
            questions::INDEMNITY_PERIOD,
        );
    }
    if custom.outcome.recovery.bi_not_triggered > 0.0 {
        out.add(
            "policy.voluntary_shutdown",
            Severity::High,
            "A precautionary shutdown may not be covered".to_owned(),
            format!(
                "Production stopped because healthy systems were shut down as a precaution, and the wording does not say that business interruption responds to a voluntary or precautionary shutdown: {} of business interruption {} is not paid.",
                cx.m(custom.outcome.recovery.bi_not_triggered),
                cx.custom_outage()
            ),
            Some(custom.outcome.recovery.bi_not_triggered),
            questions::VOLUNTARY_SHUTDOWN,
        );
    }
    if custom.outcome.recovery.waiting_period_loss > 0.0 {
        out.add(
            "policy.waiting_period",
            Severity::Low,
            "The waiting period is borne by the company".to_owned(),
            format!(
                "The first {} hours of business interruption ({}) are never paid.",
                trim(terms.waiting_period_hours),
                cx.m(custom.outcome.recovery.waiting_period_loss)
            ),
            Some(custom.outcome.recovery.waiting_period_loss),
            questions::WAITING_PERIOD,
        );
    }
    if !terms.gaps.is_empty() {
        out.add(
            "policy.facts_unknown",
            Severity::Medium,
            "Policy terms are unknown".to_owned(),
            format!(
                "Some terms were not known and were filled in: {}.",
                terms.gaps.join("; ")
            ),
            None,
            questions::FACTS_UNKNOWN,
        );
    }
}

/// Provider outages that no dependent cover pays for.
fn provider_outages(cx: &Context<'_>, outages: &[ProviderOutage], out: &mut Flags) {
    let uncovered: Vec<&ProviderOutage> = outages
        .iter()
        .filter(|o| !o.dependent_cover && o.row.gross_loss > 0.0)
        .collect();
    if let Some(worst) = uncovered
        .iter()
        .max_by(|a, b| a.row.uninsured_loss.total_cmp(&b.row.uninsured_loss))
    {
        let names: Vec<&str> = uncovered.iter().map(|o| o.name.as_str()).collect();
        out.add(
            "policy.dependent_bi",
            Severity::High,
            "A provider outage would not be covered".to_owned(),
            format!(
                "An outage at {} would stop or slow production without any attack on the company's own systems, and no dependent business-interruption cover responds ({}). The largest, at {}, leaves {} uninsured over {} days.",
                names.join(", "),
                worst.cover_reason,
                worst.name,
                cx.m(worst.row.uninsured_loss),
                trim(worst.row.days)
            ),
            Some(worst.row.uninsured_loss),
            questions::DEPENDENT_BI,
        );
    }
}

/// Uninsured losses beyond the cash available or a year's profit.
fn cash_and_profit(cx: &Context<'_>, out: &mut Flags) {
    let five = cx.five;
    if let Some(cash) = cx.inputs.financials.cash_available {
        for row in [five, cx.custom] {
            if row.uninsured_loss > cash {
                out.add(
                    &format!("cash.exceeded.{}", row.key),
                    Severity::Critical,
                    format!("Uninsured loss exceeds the cash available ({})", row.label),
                    format!(
                        "In the {} scenario the uninsured loss of {} exceeds the {} of cash and undrawn credit: the company would need new funding to survive it.",
                        row.label,
                        cx.m(row.uninsured_loss),
                        cx.m(cash)
                    ),
                    Some(row.uninsured_loss - cash),
                    questions::CASH_EXCEEDED,
                );
            }
        }
    }
    let profit = cx.prepared.basis.annual_operating_profit;
    if profit > 0.0 && five.uninsured_loss > profit {
        out.add(
            "profit.exceeded",
            Severity::High,
            "A five-week halt costs more than a year's profit".to_owned(),
            format!(
                "The uninsured loss of a five-week halt ({}) exceeds annual operating profit ({}).",
                cx.m(five.uninsured_loss),
                cx.m(profit)
            ),
            Some(five.uninsured_loss),
            questions::PROFIT_EXCEEDED,
        );
    }
}
