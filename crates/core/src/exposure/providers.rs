//! An outage at each provider that hosts production systems: what goes down
//! with it, what the output curve becomes, and whether dependent
//! business-interruption cover responds.
//!
//! Invariant: a provider outage never uses the own-incident terms unless
//! dependent cover responds; when it does not, nothing is paid.

use serde::Serialize;

use super::ExposureInputs;
use super::assumptions::Assumptions;
use super::loss::{LossModel, OutputCurve};
use super::money::trim;
use super::policy::Terms;
use super::prepared::Prepared;
use super::restore;
use super::row::{ScenarioRow, row};
use crate::dependencies::{self, DependencyConfig};

/// An outage at one provider.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProviderOutage {
    /// Provider id.
    pub provider: String,
    /// Provider name.
    pub name: String,
    /// Systems down: what it hosts and what needs that.
    pub systems_down: Vec<String>,
    /// Output while they are down.
    pub output: OutputCurve,
    /// Whether dependent business-interruption cover responds.
    pub dependent_cover: bool,
    /// Why or why not.
    pub cover_reason: String,
    /// The figures, for an outage of the custom length.
    pub row: ScenarioRow,
}

/// An outage of the custom length at each provider that hosts production systems.
pub(super) fn provider_outages(
    inputs: &ExposureInputs,
    assumptions: &Assumptions,
    prepared: &Prepared,
    currency: &str,
) -> Vec<ProviderOutage> {
    let analysis = dependencies::analyse(&inputs.registers, &DependencyConfig::default());
    let mut out = Vec::new();
    for (p, provider) in analysis.providers.iter().zip(&inputs.registers.providers) {
        let down: Vec<&crate::assessment::CriticalSystem> = inputs
            .registers
            .systems
            .iter()
            .filter(|s| p.outage.systems.contains(&s.id))
            .collect();
        let Some(curve) = restore::output_curve(&down, assumptions) else {
            continue;
        };
        let (covered, reason) = inputs.policy.dependent_cover_for_service(
            &provider.id,
            &provider.services,
            assumptions,
        );
        let terms = if covered {
            inputs.policy.dependent_terms(&prepared.terms, assumptions)
        } else {
            Terms {
                in_force: false,
                ..prepared.terms.clone()
            }
        };
        let share = assumptions.provider_outage_response_share;
        let model = LossModel {
            curve: curve.clone(),
            recovery_cost_per_day: prepared.model.recovery_cost_per_day * share,
            hardware_costs: 0.0,
            extortion_costs: 0.0,
            ..prepared.model.clone()
        };
        let outcome = model.evaluate_days(
            prepared.custom_days,
            prepared.basis.response_costs * share,
            &terms,
        );
        let note = format!(
            "Outage at {}: {} down; dependent business-interruption cover {}: {}.",
            provider.name,
            p.outage.systems.join(", "),
            if covered {
                "responds"
            } else {
                "does not respond"
            },
            reason
        );
        out.push(ProviderOutage {
            provider: provider.id.clone(),
            name: provider.name.clone(),
            systems_down: p.outage.systems.clone(),
            output: curve,
            dependent_cover: covered,
            cover_reason: reason,
            row: row(
                &format!("provider.{}", provider.id),
                format!(
                    "Outage at {}: {} days",
                    provider.name,
                    trim(prepared.custom_days)
                ),
                outcome,
                &prepared.basis,
                &terms,
                currency,
                Some(&note),
            ),
        });
    }
    out
}
