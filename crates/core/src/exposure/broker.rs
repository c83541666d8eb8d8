//! The scenarios a broker asks for beyond the halt lengths: an attack
//! attributed to a state, where the war exclusion is argued; an outage at a
//! cloud provider that hits many customers at once; a precautionary shutdown
//! of systems that were not compromised; and a halt that outlasts the
//! indemnity period. Each is one [`ScenarioRow`] with its arithmetic.
//!
//! Where cover hangs on a reading that is argued or not known (the war
//! exclusion, an unknown term of the wording), the row holds the reading in
//! which cover does not respond, and [`BrokerScenario::uninsured_if_cover_responds`]
//! the other end of the range: a range, never zero or full cover stated as fact.
//!
//! Invariant: the row never counts a disputed or unknown term as cover, so
//! the range's low end is at most the row's uninsured loss.

use serde::Serialize;

use super::ExposureInputs;
use super::assumptions::Assumptions;
use super::money::{money_short, trim};
use super::policy::{PolicyStatus, Terms};
use super::prepared::Prepared;
use super::providers::{ProviderOutage, provider_outages};
use super::row::{ScenarioRow, row};
use super::wording::{Answer, Trigger, WarClauseFamily};
use crate::assessment::ProviderService;

/// Days the beyond-the-indemnity-period scenario runs past the period.
pub const DAYS_BEYOND_INDEMNITY: f64 = 30.0;

/// One scenario a broker asks for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BrokerScenario {
    /// The question, in a broker's words.
    pub question: String,
    /// The answer in one or two sentences (also a step of the row's explanation).
    pub reading: String,
    /// The figures, with cover counted only where the wording is known to give it.
    pub row: ScenarioRow,
    /// When cover hangs on an argued or unknown reading: the uninsured loss if
    /// cover responds (the low end of the range; the row holds the high end).
    pub uninsured_if_cover_responds: Option<f64>,
}

/// The broker's scenarios that apply to this company, in a fixed order;
/// `outages` are the model's provider outages under `assumptions`.
pub(super) fn scenarios(
    inputs: &ExposureInputs,
    assumptions: &Assumptions,
    prepared: &Prepared,
    outages: &[ProviderOutage],
    currency: &str,
) -> Vec<BrokerScenario> {
    let cx = Context {
        inputs,
        assumptions,
        prepared,
        outages,
        currency,
    };
    [
        Some(cx.state_attributed()),
        cx.cloud_outage(),
        Some(cx.precautionary_shutdown()),
        cx.beyond_indemnity(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

struct Context<'a> {
    inputs: &'a ExposureInputs,
    assumptions: &'a Assumptions,
    prepared: &'a Prepared,
    outages: &'a [ProviderOutage],
    currency: &'a str,
}

impl Context<'_> {
    fn m(&self, v: f64) -> String {
        money_short(v, self.currency)
    }

    /// The names of systems given by id, in the order given.
    fn system_names(&self, ids: &[String]) -> String {
        let registers = &self.inputs.registers;
        ids.iter()
            .map(|id| {
                registers
                    .systems
                    .iter()
                    .find(|s| &s.id == id)
                    .map_or(id.as_str(), |s| s.name.as_str())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The company's own incident of `days` under `terms`, as a row.
    fn own_row(
        &self,
        key: &str,
        label: String,
        days: f64,
        terms: &Terms,
        note: Option<&str>,
    ) -> ScenarioRow {
        let outcome =
            self.prepared
                .model
                .evaluate_days(days, self.prepared.basis.response_costs, terms);
        row(
            key,
            label,
            outcome,
            &self.prepared.basis,
            terms,
            self.currency,
            note,
        )
    }

    fn custom_days(&self) -> f64 {
        self.prepared.custom_days
    }

    /// An attack attributed to a state: cover as written against the war
    /// exclusion upheld.
    fn state_attributed(&self) -> BrokerScenario {
        let terms = &self.prepared.terms;
        let days = self.custom_days();
        let label = format!("Attack attributed to a state: {} days", trim(days));
        let question =
            "If the attack is attributed to a state, does the war exclusion take the claim away?"
                .to_owned();
        let clause = terms.war_clause;
        if !terms.in_force {
            let row = self.own_row("broker.state_attributed", label, days, terms, None);
            return BrokerScenario {
                question,
                reading: "No cyber policy is counted as in force, so nothing is paid whoever is behind the attack.".to_owned(),
                row,
                uninsured_if_cover_responds: None,
            };
        }
        if clause.family == WarClauseFamily::NoExclusion {
            let note = "The wording has no war exclusion: the policy responds as to any attack.";
            let row = self.own_row("broker.state_attributed", label, days, terms, Some(note));
            return BrokerScenario {
                question,
                reading: note.to_owned(),
                row,
                uninsured_if_cover_responds: None,
            };
        }
        let responds =
            self.prepared
                .model
                .evaluate_days(days, self.prepared.basis.response_costs, terms);
        let excluded = Terms {
            in_force: false,
            ..terms.clone()
        };
        let outcome =
            self.prepared
                .model
                .evaluate_days(days, self.prepared.basis.response_costs, &excluded);
        let clause_words = if clause.family == WarClauseFamily::Unknown {
            "The wording's war exclusion has not been identified (almost every cyber wording has one)".to_owned()
        } else {
            format!("The wording's war exclusion is {}", clause.describe())
        };
        let note = format!(
            "{clause_words}. If the insurer upholds it for an attack attributed to a state, nothing is paid and all {} stays with the company. If attribution is not established, or the attack falls within what the clause gives back (LMA5565 to LMA5567 restore some or all cover for a cyber operation without a major detrimental impact on a state; LMA5564 restores none), the policy responds as to any attack: it pays {} and {} stays uninsured. Which applies is argued case by case: read it as a range.",
            self.m(outcome.gross_loss),
            self.m(responds.recovery.insured),
            self.m(responds.uninsured_loss),
        );
        let row = row(
            "broker.state_attributed",
            label,
            outcome,
            &self.prepared.basis,
            &excluded,
            self.currency,
            Some(&note),
        );
        BrokerScenario {
            question,
            reading: note,
            row,
            uninsured_if_cover_responds: Some(responds.uninsured_loss),
        }
    }

    /// An outage hitting many customers at once at the cloud provider whose
    /// outage would cost the company most; none when no cloud provider hosts
    /// a production system.
    fn cloud_outage(&self) -> Option<BrokerScenario> {
        let mut widespread = self.assumptions.clone();
        widespread.provider_outage_widespread = true;
        let cloud: Vec<&str> = self
            .inputs
            .registers
            .providers
            .iter()
            .filter(|p| {
                p.services
                    .iter()
                    .any(|s| matches!(s, ProviderService::Hosting | ProviderService::Saas))
            })
            .map(|p| p.id.as_str())
            .collect();
        let worst = |outages: Vec<ProviderOutage>| {
            outages
                .into_iter()
                .filter(|o| cloud.contains(&o.provider.as_str()))
                .max_by(|a, b| a.row.uninsured_loss.total_cmp(&b.row.uninsured_loss))
        };
        let outage = worst(provider_outages(
            self.inputs,
            &widespread,
            self.prepared,
            self.currency,
        ))?;
        let exclusion = self.assumptions.wording.widespread_event_exclusion;
        // The same outage under the assessment's own assumptions, as the model
        // already computed it.
        let if_not_widespread = (exclusion == Answer::Unknown)
            .then(|| self.outages.iter().find(|o| o.provider == outage.provider))
            .flatten()
            .filter(|o| o.dependent_cover)
            .map(|o| o.row.uninsured_loss);
        let mut row = outage.row;
        row.key = "broker.cloud_outage".to_owned();
        row.label = format!(
            "Outage at {} hitting many customers: {} days",
            outage.name,
            trim(row.days)
        );
        let reading = format!(
            "{} is the hosting or cloud provider whose outage would cost most; an outage there that hits many customers at once takes down {}. Dependent cover {}. The wording excludes a widespread event: {}.",
            outage.name,
            self.system_names(&outage.systems_down),
            if outage.dependent_cover {
                "responds"
            } else {
                "does not respond"
            },
            answer_words(exclusion, "counted as excluded"),
        );
        row.explanation.insert(0, reading.clone());
        Some(BrokerScenario {
            question: "If a cloud provider fails for many customers at once, does dependent cover respond?".to_owned(),
            reading,
            row,
            uninsured_if_cover_responds: if_not_widespread,
        })
    }

    /// Production stopped as a precaution, systems not compromised.
    fn precautionary_shutdown(&self) -> BrokerScenario {
        let mut shutdown = self.assumptions.clone();
        shutdown.trigger = Trigger::PrecautionaryShutdown;
        let terms = self.inputs.policy.terms(&shutdown);
        let days = self.custom_days();
        let covered = self.assumptions.wording.voluntary_shutdown_covered;
        let note = format!(
            "The company stopped production as a precaution, its systems not themselves compromised (Jaguar Land Rover's 2025 halt began this way). Business interruption responds to a voluntary or precautionary shutdown: {}.",
            answer_words(covered, "counted as not covered")
        );
        let label = format!("Precautionary shutdown: {} days", trim(days));
        let row = self.own_row(
            "broker.precautionary_shutdown",
            label,
            days,
            &terms,
            Some(&note),
        );
        let if_covered = (terms.in_force && covered == Answer::Unknown).then(|| {
            shutdown.wording.voluntary_shutdown_covered = Answer::Yes;
            let terms = self.inputs.policy.terms(&shutdown);
            self.prepared
                .model
                .evaluate_days(days, self.prepared.basis.response_costs, &terms)
                .uninsured_loss
        });
        BrokerScenario {
            question: "If production is stopped as a precaution before the attack reaches it, is the loss of income covered?".to_owned(),
            reading: note,
            row,
            uninsured_if_cover_responds: if_covered,
        }
    }

    /// A halt a month longer than the indemnity period; none without a policy.
    fn beyond_indemnity(&self) -> Option<BrokerScenario> {
        let terms = &self.prepared.terms;
        if !terms.in_force || self.inputs.policy.status != PolicyStatus::InForce {
            return None;
        }
        let period = terms.indemnity_period_days;
        let days = period + DAYS_BEYOND_INDEMNITY;
        let outcome =
            self.prepared
                .model
                .evaluate_days(days, self.prepared.basis.response_costs, terms);
        let note = format!(
            "The halt runs {} days past the {}-day indemnity period: the income lost after it ({} in all, with any uncovered ramp-up) is not paid.",
            trim(DAYS_BEYOND_INDEMNITY),
            trim(period),
            self.m(outcome.recovery.outside_indemnity_loss),
        );
        let label = format!(
            "Halt of {} days, {} beyond the indemnity period",
            trim(days),
            trim(DAYS_BEYOND_INDEMNITY)
        );
        let row = row(
            "broker.beyond_indemnity",
            label,
            outcome,
            &self.prepared.basis,
            terms,
            self.currency,
            Some(&note),
        );
        Some(BrokerScenario {
            question: "If the halt outlasts the indemnity period, what is left uncovered?"
                .to_owned(),
            reading: note,
            row,
            uninsured_if_cover_responds: None,
        })
    }
}

/// A wording answer in words, with how an unknown one is counted.
fn answer_words(answer: Answer, unknown_counted: &str) -> String {
    match answer {
        Answer::Yes => "yes".to_owned(),
        Answer::No => "no".to_owned(),
        Answer::Unknown => format!("unknown, {unknown_counted}"),
    }
}
