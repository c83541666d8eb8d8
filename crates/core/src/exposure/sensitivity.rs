//! The sensitivity ranking (tornado data): each assumption that moves the
//! company's own incident is set to the low and then the high end of its
//! range, everything else held, and the uninsured loss of the custom
//! scenario recomputed; the halt's length is varied over its range too.
//!
//! Invariant: entries are ordered by swing (|high − low| of the uninsured
//! loss), largest first, ties by key, so the ranking is total and stable.

use serde::Serialize;

use super::assumptions::Assumptions;
use super::numeric::NUMERIC;
use super::{ExposureError, ExposureInputs, Prepared};

/// The sensitivity ranking.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sensitivity {
    /// Length of the scenario varied, days (the custom scenario).
    pub scenario_days: f64,
    /// Its uninsured loss with every assumption at its value.
    pub base_uninsured: f64,
    /// One entry per assumption, largest swing first.
    pub entries: Vec<TornadoEntry>,
}

/// One bar of the tornado.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TornadoEntry {
    /// The assumption's key (`days_to_restore` for the halt's length).
    pub key: String,
    /// What it is.
    pub label: String,
    /// Its unit.
    pub unit: String,
    /// The value used.
    pub base_value: f64,
    /// Low end.
    pub low_value: f64,
    /// High end.
    pub high_value: f64,
    /// Uninsured loss with the assumption at its low end.
    pub uninsured_at_low: f64,
    /// Uninsured loss with the assumption at its high end.
    pub uninsured_at_high: f64,
    /// |uninsured at high − uninsured at low|.
    pub swing: f64,
}

pub(super) fn rank(
    inputs: &ExposureInputs,
    assumptions: &Assumptions,
    prepared: &Prepared,
) -> Result<Sensitivity, ExposureError> {
    let uninsured = |p: &Prepared, days: f64| {
        p.model
            .evaluate_days(days, p.basis.response_costs, &p.terms)
            .uninsured_loss
    };
    let base_uninsured = uninsured(prepared, prepared.custom_days);
    let mut entries = Vec::new();
    let days = prepared.days_range;
    let at_low = uninsured(prepared, days.low);
    let at_high = uninsured(prepared, days.high);
    entries.push(TornadoEntry {
        key: "days_to_restore".to_owned(),
        label: "Length of the halt".to_owned(),
        unit: "days".to_owned(),
        base_value: prepared.custom_days,
        low_value: days.low,
        high_value: days.high,
        uninsured_at_low: at_low,
        uninsured_at_high: at_high,
        swing: (at_high - at_low).abs(),
    });
    for field in NUMERIC.iter().filter(|f| f.own_incident) {
        let mut values = [0.0; 2];
        for (slot, end) in values.iter_mut().zip([field.low, field.high]) {
            let mut varied = assumptions.clone();
            (field.set)(&mut varied, end);
            let p = Prepared::new(inputs, &varied)?;
            *slot = uninsured(&p, p.custom_days);
        }
        entries.push(TornadoEntry {
            key: field.key.to_owned(),
            label: field.label.to_owned(),
            unit: field.unit.to_owned(),
            base_value: (field.get)(assumptions),
            low_value: field.low,
            high_value: field.high,
            uninsured_at_low: values[0],
            uninsured_at_high: values[1],
            swing: (values[1] - values[0]).abs(),
        });
    }
    entries.sort_by(|a, b| b.swing.total_cmp(&a.swing).then_with(|| a.key.cmp(&b.key)));
    Ok(Sensitivity {
        scenario_days: prepared.custom_days,
        base_uninsured,
        entries,
    })
}
