//! How long production would be down, estimated from the registers, and how
//! much output the manual fallbacks carry meanwhile.
//!
//! Each system's restore time comes from its recovery time objective,
//! stretched by a factor that depends on whether a restore has shown it, or
//! from a default rebuild time when it has none. Restores start after the
//! investigation, and a system can only be restored once everything it
//! needs is back: ready day = max(investigation, ready days of its needs) +
//! its restore time. The halt lasts until the last system whose own loss
//! stops production is ready (or, if none stops it, the last that degrades it).
//!
//! Invariant: the estimate is a deterministic function of the registers and
//! the assumptions; a `depends_on` cycle is cut (the edge that closes it is
//! ignored) rather than followed forever.

use std::collections::BTreeMap;

use serde::Serialize;

use super::assumptions::Assumptions;
use super::loss::{OutputCurve, OutputStep};
use crate::assessment::{CriticalSystem, ProductionImpact, Registers};

/// The estimated time to restore production.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RestoreEstimate {
    /// Days from the start of the outage until production can restart.
    pub days: f64,
    /// Days of investigation before restores start.
    pub investigation_days: f64,
    /// Every system with an impact on production, in register order.
    pub systems: Vec<SystemRestore>,
    /// The chain that sets the halt's length, first restored first.
    pub critical_path: Vec<String>,
    /// Whether the registers had no system with an impact on production, so a default was used.
    pub defaulted: bool,
    /// The estimate in a sentence.
    pub explanation: String,
}

/// One system's restore.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemRestore {
    /// Register id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What its loss does to production.
    pub production_impact: ProductionImpact,
    /// Where its restore time comes from.
    pub basis: RestoreBasis,
    /// Days to restore it once what it needs is back.
    pub restore_days: f64,
    /// Day it is back, counted from the start of the outage.
    pub ready_day: f64,
    /// The system it waits for last, if any.
    pub waits_for: Option<String>,
}

/// Where a restore time comes from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RestoreBasis {
    /// A recovery time objective shown by a restore test, stretched by a factor.
    TestedRto {
        /// The objective, hours.
        hours: f64,
        /// The factor applied.
        factor: f64,
    },
    /// A recovery time objective never shown, stretched by a larger factor.
    UntestedRto {
        /// The objective, hours.
        hours: f64,
        /// The factor applied.
        factor: f64,
    },
    /// No objective: a default rebuild time.
    NoRto {
        /// The days assumed.
        days: f64,
    },
}

/// Estimates the time to restore production from the registers.
pub fn estimate(registers: &Registers, assumptions: &Assumptions) -> RestoreEstimate {
    let systems = &registers.systems;
    let index: BTreeMap<&str, usize> = systems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let n = systems.len();
    let mut ready: Vec<Option<f64>> = vec![None; n];
    let mut waits: Vec<Option<usize>> = vec![None; n];
    let mut on_stack = vec![false; n];
    for i in 0..n {
        ready_day(
            i,
            systems,
            &index,
            assumptions,
            &mut ready,
            &mut waits,
            &mut on_stack,
        );
    }
    let relevant: Vec<usize> = (0..n)
        .filter(|&i| systems[i].production_impact != ProductionImpact::None)
        .collect();
    let rows: Vec<SystemRestore> = relevant
        .iter()
        .map(|&i| {
            let s = &systems[i];
            let (basis, restore_days) = restore_time(s, assumptions);
            SystemRestore {
                id: s.id.clone(),
                name: s.name.clone(),
                production_impact: s.production_impact,
                basis,
                restore_days,
                ready_day: ready[i].unwrap_or(0.0),
                waits_for: waits[i].map(|j| systems[j].id.clone()),
            }
        })
        .collect();
    let pick = |impact: ProductionImpact| {
        relevant
            .iter()
            .copied()
            .filter(|&i| systems[i].production_impact == impact)
            .fold(None::<(usize, f64)>, |acc, i| {
                let day = ready[i].unwrap_or(0.0);
                match acc {
                    Some((_, best)) if best >= day => acc,
                    _ => Some((i, day)),
                }
            })
    };
    let last = pick(ProductionImpact::Stops).or_else(|| pick(ProductionImpact::Degrades));
    match last {
        Some((i, days)) => {
            let mut path = vec![i];
            let mut at = i;
            while let Some(j) = waits[at] {
                if path.contains(&j) {
                    break;
                }
                path.push(j);
                at = j;
            }
            path.reverse();
            let names: Vec<&str> = path.iter().map(|&k| systems[k].name.as_str()).collect();
            let explanation = format!(
                "Production restarts after about {:.0} days: {} days of investigation, then {} restored in turn ({}), the last system production needs.",
                days,
                trim(assumptions.investigation_days),
                names.join(" → "),
                path.iter()
                    .map(|&k| {
                        let (basis, d) = restore_time(&systems[k], assumptions);
                        format!("{} {}", systems[k].name, basis_text(basis, d))
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            RestoreEstimate {
                days,
                investigation_days: assumptions.investigation_days,
                systems: rows,
                critical_path: path.iter().map(|&k| systems[k].id.clone()).collect(),
                defaulted: false,
                explanation,
            }
        }
        None => {
            let days = assumptions.investigation_days + assumptions.no_rto_restore_days;
            RestoreEstimate {
                days,
                investigation_days: assumptions.investigation_days,
                systems: rows,
                critical_path: Vec::new(),
                defaulted: true,
                explanation: format!(
                    "The registers name no system production depends on, so the estimate is the default: {} days of investigation and {} days of rebuild.",
                    trim(assumptions.investigation_days),
                    trim(assumptions.no_rto_restore_days)
                ),
            }
        }
    }
}

/// Output while the given systems are all down: the minimum over them of
/// what each leaves (nothing, the degraded share, or its fallback while it lasts).
/// `None` when none of them affects production.
pub fn output_curve(systems: &[&CriticalSystem], assumptions: &Assumptions) -> Option<OutputCurve> {
    let relevant: Vec<&CriticalSystem> = systems
        .iter()
        .copied()
        .filter(|s| s.production_impact != ProductionImpact::None)
        .collect();
    if relevant.is_empty() {
        return None;
    }
    let mut breaks: Vec<f64> = vec![0.0];
    for s in &relevant {
        if let Some(f) = &s.manual_fallback
            && f.sustainable_days > 0.0
        {
            breaks.push(f.sustainable_days);
        }
    }
    breaks.sort_by(f64::total_cmp);
    breaks.dedup();
    let mut steps: Vec<OutputStep> = Vec::new();
    for &from_day in &breaks {
        let output = relevant
            .iter()
            .map(|s| available(s, from_day, assumptions))
            .fold(1.0_f64, f64::min);
        if steps.last().is_none_or(|last| last.output != output) {
            steps.push(OutputStep { from_day, output });
        }
    }
    Some(OutputCurve { steps })
}

/// Share of output a system leaves on day `t` of its outage.
fn available(system: &CriticalSystem, t: f64, assumptions: &Assumptions) -> f64 {
    let base = match system.production_impact {
        ProductionImpact::Stops => 0.0,
        ProductionImpact::Degrades => 1.0 - assumptions.degraded_output_loss,
        ProductionImpact::None => 1.0,
    };
    match &system.manual_fallback {
        Some(f) if t < f.sustainable_days => {
            let factor = if f.rehearsed {
                1.0
            } else {
                assumptions.unrehearsed_fallback_factor
            };
            base.max((f.capacity_percent / 100.0 * factor).clamp(0.0, 1.0))
        }
        _ => base,
    }
}

fn restore_time(system: &CriticalSystem, assumptions: &Assumptions) -> (RestoreBasis, f64) {
    match system.rto_hours {
        Some(hours) if system.rto_tested => (
            RestoreBasis::TestedRto {
                hours,
                factor: assumptions.tested_rto_factor,
            },
            hours / 24.0 * assumptions.tested_rto_factor,
        ),
        Some(hours) => (
            RestoreBasis::UntestedRto {
                hours,
                factor: assumptions.untested_rto_factor,
            },
            hours / 24.0 * assumptions.untested_rto_factor,
        ),
        None => (
            RestoreBasis::NoRto {
                days: assumptions.no_rto_restore_days,
            },
            assumptions.no_rto_restore_days,
        ),
    }
}

fn basis_text(basis: RestoreBasis, days: f64) -> String {
    match basis {
        RestoreBasis::TestedRto { hours, factor } => format!(
            "{} days (tested objective {} h × {})",
            trim(days),
            trim(hours),
            trim(factor)
        ),
        RestoreBasis::UntestedRto { hours, factor } => format!(
            "{} days (untested objective {} h × {})",
            trim(days),
            trim(hours),
            trim(factor)
        ),
        RestoreBasis::NoRto { .. } => {
            format!("{} days (no objective: default rebuild)", trim(days))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn ready_day(
    i: usize,
    systems: &[CriticalSystem],
    index: &BTreeMap<&str, usize>,
    assumptions: &Assumptions,
    ready: &mut [Option<f64>],
    waits: &mut [Option<usize>],
    on_stack: &mut [bool],
) -> f64 {
    if let Some(day) = ready[i] {
        return day;
    }
    on_stack[i] = true;
    let mut start = assumptions.investigation_days;
    let mut waited = None;
    for d in &systems[i].depends_on {
        let Some(&j) = index.get(d.as_str()) else {
            continue;
        };
        if j == i || on_stack[j] {
            continue;
        }
        let day = ready_day(j, systems, index, assumptions, ready, waits, on_stack);
        if day > start {
            start = day;
            waited = Some(j);
        }
    }
    on_stack[i] = false;
    let day = start + restore_time(&systems[i], assumptions).1;
    ready[i] = Some(day);
    waits[i] = waited;
    day
}

fn trim(value: f64) -> String {
    let text = format!("{value:.1}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
