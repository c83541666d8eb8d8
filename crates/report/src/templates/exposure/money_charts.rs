//! The two charts of the money-at-risk section and the sentence under each:
//! the loss exceedance curve of the simulation, and the waterfall from the
//! gross loss of the headline incident through what the policy pays to what
//! stays with the company, split by the terms that keep it there.
//!
//! Invariant: every plotted amount is a field of the model's output (an
//! exceedance point, a scenario row's outcome and recovery); nothing is
//! recomputed here except sums. The waterfall's steps add up to the gross
//! loss exactly: the policy's payment plus each amount kept by a term.

use ironbridge_core::assessment::Assessment;
use ironbridge_core::exposure::{ExceedancePoint, Exposure, ScenarioRow, Terms};

use crate::charts::{
    Chart, ExceedanceChart, ExceedanceSeries, Marker, Tick, WaterfallChart, WaterfallStep,
    nice_ticks,
};
use crate::style::Colour;
use crate::templates::format::{self, GREEN, RED};

const RAMP_UP: &str = "Ramp-up after restart (not covered)";
const BEYOND: &str = "Beyond the indemnity period";
const SUBLIMIT: &str = "Above the business-interruption sublimit";

/// Dark grey of gross amounts.
const GROSS: Colour = Colour::rgb(0x55, 0x5d, 0x68);
/// Lighter red of the parts of the uninsured loss.
const KEPT: Colour = Colour::rgb(0xd9, 0x8f, 0x86);

/// Whether the outage length was set by the assessor (saved assumptions or
/// `--days`) rather than estimated from the registers.
pub(crate) fn days_set_by_hand(exposure: &Exposure) -> bool {
    exposure
        .assumptions
        .iter()
        .any(|row| row.key == "custom_days" && !row.value.is_null())
}

/// The headline incident in words, to begin a sentence after a capital:
/// "a production halt of about 26 days (the estimated time to restore)" or
/// "an assumed outage of 10 days (set by the assessor)".
pub(crate) fn outage_words(exposure: &Exposure, days: f64) -> String {
    let n = format::number(days.round());
    if days_set_by_hand(exposure) {
        format!("an assumed outage of {n} days (set by the assessor)")
    } else {
        format!("a production halt of about {n} days (the estimated time to restore)")
    }
}

/// The exceedance point with probability `p`, if the simulation gave one.
fn point(exposure: &Exposure, p: f64) -> Option<&ExceedancePoint> {
    exposure
        .simulation
        .exceedance
        .iter()
        .find(|e| (e.probability - p).abs() < 1e-9)
}

/// Money ticks from 0 to at least `max`, formatted as the report formats money.
fn money_ticks(max: f64, a: &Assessment) -> Vec<Tick> {
    nice_ticks(max)
        .into_iter()
        .map(|value| Tick {
            value,
            label: format::money_brief(value, a),
        })
        .collect()
}

/// Whether the gross and uninsured curves differ (a policy pays something).
fn insured_at_all(exposure: &Exposure) -> bool {
    exposure
        .simulation
        .exceedance
        .iter()
        .any(|e| e.gross - e.uninsured > e.gross.abs() * 1e-6)
}

/// The loss exceedance curve: gross and uninsured loss (one curve when
/// nothing is insured), the median and the one-in-twenty marked.
pub(crate) fn exceedance_chart(exposure: &Exposure, a: &Assessment) -> Chart {
    let curve = &exposure.simulation.exceedance;
    let both = insured_at_all(exposure);
    let marker = |p: f64, gross: bool, name: &str| {
        point(exposure, p).map(|e| {
            let amount = if gross { e.gross } else { e.uninsured };
            Marker {
                probability: p,
                amount,
                label: format!("{name}: {}", format::money_brief(amount, a)),
            }
        })
    };
    let mut series = Vec::new();
    if both {
        series.push(ExceedanceSeries {
            label: "Gross loss".to_owned(),
            colour: GROSS,
            points: curve.iter().map(|e| (e.probability, e.gross)).collect(),
            markers: marker(0.05, true, "1 in 20").into_iter().collect(),
        });
    }
    series.push(ExceedanceSeries {
        label: if both {
            "Uninsured loss".to_owned()
        } else {
            "Loss (all of it uninsured)".to_owned()
        },
        colour: RED,
        points: curve.iter().map(|e| (e.probability, e.uninsured)).collect(),
        markers: [marker(0.5, false, "Median"), marker(0.05, false, "1 in 20")]
            .into_iter()
            .flatten()
            .collect(),
    });
    let max = curve.iter().map(|e| e.gross).fold(0.0, f64::max);
    Chart::Exceedance(ExceedanceChart {
        series,
        ticks: money_ticks(max, a),
        amount_title: "Loss from one incident".to_owned(),
        probability_title: "Chance that one incident costs more (log scale)".to_owned(),
    })
}

/// The sentence under the exceedance curve.
pub(crate) fn exceedance_reading(exposure: &Exposure, a: &Assessment) -> String {
    let m = |v: f64| format::money_brief(v, a);
    let (Some(median), Some(twenty)) = (point(exposure, 0.5), point(exposure, 0.05)) else {
        return String::new();
    };
    if insured_at_all(exposure) {
        format!(
            "In one incident in twenty the uninsured loss exceeds {}; in half of them, {}.",
            m(twenty.uninsured),
            m(median.uninsured)
        )
    } else {
        format!(
            "In one incident in twenty the loss, all of it uninsured, exceeds {}; in half of them, {}.",
            m(twenty.uninsured),
            m(median.uninsured)
        )
    }
}

/// The steps from the gross loss of `row` to its uninsured loss: what the
/// policy pays, then each amount a term or gap keeps with the company, in
/// the order the policy applies them. Amounts are positive; the policy's
/// payment plus the rest is the gross loss.
pub(crate) fn kept_by_terms(
    row: &ScenarioRow,
    terms: &Terms,
    nothing_known: bool,
) -> Vec<(String, f64)> {
    let o = &row.outcome;
    let r = &o.recovery;
    let paid = if nothing_known {
        "Counted as paid by insurance"
    } else {
        "Paid by the cyber policy"
    };
    let mut parts = vec![(paid.to_owned(), r.insured)];
    if r.insured <= 0.0 && r.covered_bi <= 0.0 && r.covered_costs <= 0.0 {
        let why = if nothing_known {
            "No policy known to be in force"
        } else {
            "No cover for this loss"
        };
        parts.push((why.to_owned(), row.gross_loss - r.insured));
        return parts;
    }
    // Interruption outside the covered period is the ramp-up after restart
    // when the policy stops at restoration and the halt ends inside the
    // indemnity period; otherwise (also) the time after that period.
    let outside = if !terms.ramp_up_covered && row.days <= terms.indemnity_period_days {
        RAMP_UP
    } else if terms.ramp_up_covered {
        BEYOND
    } else {
        "Ramp-up and beyond the indemnity period"
    };
    let kept = [
        ("Waiting period", r.waiting_period_loss),
        ("Shutdown not a covered trigger", r.bi_not_triggered),
        (outside, r.outside_indemnity_loss),
        (
            "Response costs not covered",
            (o.response_costs - r.covered_costs).max(0.0),
        ),
        (
            "Hardware, extortion over sublimits",
            r.above_other_sublimits,
        ),
        ("Retention", r.retention),
        ("Co-insurance", r.coinsurance),
        (SUBLIMIT, r.above_bi_sublimit),
        ("Above the aggregate limit", r.above_aggregate),
    ];
    let small = row.gross_loss * 0.005;
    let mut other = 0.0;
    for (label, amount) in kept {
        if amount > small {
            parts.push((label.to_owned(), amount));
        } else if amount > 0.0 {
            other += amount;
        }
    }
    if other > 0.0 {
        parts.push(("Other terms".to_owned(), other));
    }
    parts
}

/// Height in points of the waterfall of `row`: a bar's row for the gross
/// loss, each step and the uninsured loss, at most 260.
pub(crate) fn waterfall_height(row: &ScenarioRow, terms: &Terms, nothing_known: bool) -> f32 {
    let rows = kept_by_terms(row, terms, nothing_known).len() + 2;
    (rows as f32 * 21.0 + 18.0).min(260.0)
}

/// The waterfall of the headline incident.
pub(crate) fn waterfall_chart(
    row: &ScenarioRow,
    terms: &Terms,
    nothing_known: bool,
    a: &Assessment,
) -> Chart {
    let m = |v: f64| format::money_brief(v, a);
    let parts = kept_by_terms(row, terms, nothing_known);
    let gross = row.gross_loss;
    let mut steps = vec![WaterfallStep {
        label: "Gross loss".to_owned(),
        from: 0.0,
        to: gross,
        value: m(gross),
        colour: GROSS,
        total: true,
    }];
    let mut level = gross;
    for (i, (label, amount)) in parts.iter().enumerate() {
        steps.push(WaterfallStep {
            label: label.clone(),
            from: level,
            to: level - amount,
            value: if *amount > 0.0 {
                format!("\u{2212}{}", m(*amount))
            } else {
                m(0.0)
            },
            colour: if i == 0 { GREEN } else { KEPT },
            total: false,
        });
        level -= amount;
        if i == 0 {
            steps.push(WaterfallStep {
                label: "Uninsured loss, made up of:".to_owned(),
                from: 0.0,
                to: level,
                value: m(row.uninsured_loss),
                colour: RED,
                total: true,
            });
        }
    }
    // The parts of the uninsured loss step down from it to nothing.
    Chart::Waterfall(WaterfallChart {
        steps,
        ticks: money_ticks(gross, a),
    })
}

/// The sentence under the waterfall: where most of the uninsured loss comes from.
pub(crate) fn waterfall_reading(
    row: &ScenarioRow,
    terms: &Terms,
    nothing_known: bool,
    a: &Assessment,
) -> String {
    let m = |v: f64| format::money_brief(v, a);
    let parts = kept_by_terms(row, terms, nothing_known);
    let largest = parts
        .iter()
        .skip(1)
        .max_by(|x, y| x.1.total_cmp(&y.1))
        .filter(|p| p.1 > 0.0);
    let paid = row.insured_recovery;
    match largest {
        None => format!(
            "Of a gross loss of {}, the policy would pay all of it.",
            m(row.gross_loss)
        ),
        Some(_) if nothing_known => format!(
            "Of a gross loss of {}, none is counted as recovered: nobody could say whether a cyber policy is in \
             force, so all of it is shown as staying with the company.",
            m(row.gross_loss)
        ),
        Some(_) if paid <= 0.0 => format!(
            "Of a gross loss of {}, nothing would be recovered: all of it stays with the company.",
            m(row.gross_loss)
        ),
        Some((_, amount)) => {
            // Parts that print as the same amount are named together, so
            // a tie never reads as one part being the larger.
            let top: Vec<String> = parts
                .iter()
                .skip(1)
                .filter(|p| m(p.1) == m(*amount))
                .map(|p| part_in_words(&p.0))
                .collect();
            let largest = if top.len() == 1 {
                format!("the largest part, {}, is {}", m(*amount), top[0])
            } else {
                format!(
                    "the largest parts, {} each, are {} and {}",
                    m(*amount),
                    top[..top.len() - 1].join(", "),
                    top[top.len() - 1]
                )
            };
            format!(
                "Of a gross loss of {}, the policy would pay {}; of the {} that stays with the company, {largest}.",
                m(row.gross_loss),
                m(paid),
                m(row.uninsured_loss),
            )
        }
    }
}

fn part_in_words(label: &str) -> String {
    match label {
        "Waiting period" => "the loss in the waiting period".to_owned(),
        "Shutdown not a covered trigger" => {
            "interruption from a shutdown the policy's trigger does not cover".to_owned()
        }
        BEYOND => "the loss after the indemnity period ends".to_owned(),
        RAMP_UP => {
            "the output lost while production ramps up after systems are restored, which the \
                    policy does not cover"
                .to_owned()
        }
        "Response costs not covered" => {
            "response and recovery costs the policy does not cover".to_owned()
        }
        "Hardware, extortion over sublimits" => {
            "hardware and extortion costs above their sublimits".to_owned()
        }
        "Retention" => "the retention".to_owned(),
        "Co-insurance" => "the company's co-insurance share".to_owned(),
        SUBLIMIT => "business interruption above the policy's sublimit".to_owned(),
        "Above the aggregate limit" => "the loss above the aggregate limit".to_owned(),
        other => other.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use ironbridge_core::Bank;
    use ironbridge_core::assessment::Response;
    use ironbridge_core::embedded::DEMO_ASSESSMENT;
    use ironbridge_core::exposure::Assumptions;

    use super::*;
    use crate::templates::ReportData;
    use crate::templates::exposure::money_headline;

    fn demo() -> (Bank, Assessment) {
        let bank = Bank::shipped().expect("the shipped bank is valid");
        let assessment = Assessment::from_json(DEMO_ASSESSMENT).expect("the demo reads");
        (bank, assessment)
    }

    fn assumptions(custom_days: Option<f64>) -> Assumptions {
        Assumptions {
            draws: 20_000,
            custom_days,
            ..Assumptions::default()
        }
    }

    fn custom(exposure: &Exposure) -> &ScenarioRow {
        exposure
            .scenarios
            .iter()
            .find(|s| s.key == "custom")
            .expect("the model always has a custom row")
    }

    #[test]
    fn the_exceedance_curve_plots_the_simulation_and_labels_its_percentiles() {
        let (bank, assessment) = demo();
        let data = ReportData::compute_with(&bank, &assessment, &assumptions(None));
        let exposure = data.exposure.as_ref().expect("the demo has an exposure");
        let Chart::Exceedance(chart) = exceedance_chart(exposure, &assessment) else {
            panic!("not an exceedance chart");
        };
        let sim = &exposure.simulation;
        let uninsured = chart
            .series
            .iter()
            .find(|s| s.label == "Uninsured loss")
            .expect("the demo's policy pays, so there is an uninsured curve");
        let gross = chart
            .series
            .iter()
            .find(|s| s.label == "Gross loss")
            .expect("and a gross curve");
        // Every plotted point is a point of the simulated curve.
        assert_eq!(uninsured.points.len(), sim.exceedance.len());
        for (plotted, e) in uninsured.points.iter().zip(&sim.exceedance) {
            assert_eq!(*plotted, (e.probability, e.uninsured));
        }
        for (plotted, e) in gross.points.iter().zip(&sim.exceedance) {
            assert_eq!(*plotted, (e.probability, e.gross));
        }
        // The 1-in-20 label is the 95th percentile of the simulated
        // uninsured loss, the median label the model's median.
        let p95 = sim
            .exceedance
            .iter()
            .find(|e| (e.probability - 0.05).abs() < 1e-12)
            .expect("the curve has a 5% point");
        let labels: Vec<&str> = uninsured.markers.iter().map(|m| m.label.as_str()).collect();
        let one_in_twenty = format!(
            "1 in 20: {}",
            format::money_brief(p95.uninsured, &assessment)
        );
        let median = format!(
            "Median: {}",
            format::money_brief(sim.uninsured.p50, &assessment)
        );
        assert!(labels.contains(&one_in_twenty.as_str()), "{labels:?}");
        assert!(labels.contains(&median.as_str()), "{labels:?}");
        assert!(p95.uninsured > sim.uninsured.p50);
        let reading = exceedance_reading(exposure, &assessment);
        assert!(
            reading.contains(&format!(
                "uninsured loss exceeds {}",
                format::money_brief(p95.uninsured, &assessment)
            )),
            "{reading}"
        );
    }

    fn check_sums(row: &ScenarioRow, terms: &Terms, unknown: bool, assessment: &Assessment) {
        let parts = kept_by_terms(row, terms, unknown);
        let total: f64 = parts.iter().map(|p| p.1).sum();
        assert!(
            (total - row.gross_loss).abs() <= row.gross_loss * 1e-9,
            "steps {total} vs gross {}: {parts:?}",
            row.gross_loss
        );
        assert!((parts[0].1 - row.insured_recovery).abs() <= 1e-6);
        let kept: f64 = parts.iter().skip(1).map(|p| p.1).sum();
        assert!((kept - row.uninsured_loss).abs() <= row.gross_loss * 1e-9);
        let Chart::Waterfall(chart) = waterfall_chart(row, terms, unknown, assessment) else {
            panic!("not a waterfall");
        };
        // Gross, paid, the uninsured total, then its parts down to nothing.
        assert_eq!(chart.steps.len(), parts.len() + 2);
        let last = chart.steps.last().expect("steps");
        assert!(last.to.abs() <= row.gross_loss * 1e-9, "{last:?}");
        assert!((chart.steps[2].to - row.uninsured_loss).abs() <= row.gross_loss * 1e-9);
    }

    #[test]
    fn the_waterfall_steps_add_up_to_the_gross_loss() {
        let (bank, mut assessment) = demo();
        for days in [None, Some(3.0), Some(120.0)] {
            let data = ReportData::compute_with(&bank, &assessment, &assumptions(days));
            let exposure = data.exposure.as_ref().expect("the demo has an exposure");
            let row = custom(exposure);
            check_sums(row, &exposure.terms, false, &assessment);
            // The demo's sublimit binds in a long halt: it is named.
            if days == Some(120.0) {
                let parts = kept_by_terms(row, &exposure.terms, false);
                assert!(parts.iter().any(|p| p.0 == SUBLIMIT), "{parts:?}");
            }
        }
        // With the policy unknown, nothing is counted as paid.
        for answer in &mut assessment.answers {
            if answer.question.as_str() == "INS-01" {
                answer.response = Some(Response::Unknown);
            }
        }
        let data = ReportData::compute_with(&bank, &assessment, &assumptions(None));
        let exposure = data.exposure.as_ref().expect("an exposure");
        let row = custom(exposure);
        check_sums(row, &exposure.terms, true, &assessment);
        let parts = kept_by_terms(row, &exposure.terms, true);
        assert_eq!(parts[1].0, "No policy known to be in force");
    }

    #[test]
    fn hand_set_days_are_called_assumed_and_estimated_days_estimated() {
        let (bank, assessment) = demo();
        let set = ReportData::compute_with(&bank, &assessment, &assumptions(Some(10.0)));
        let exposure = set.exposure.as_ref().expect("an exposure");
        assert!(days_set_by_hand(exposure));
        let headline = money_headline(exposure, &set);
        assert!(
            headline.contains("An assumed outage of 10 days (set by the assessor)"),
            "{headline}"
        );
        assert!(
            !headline.contains("estimated time to restore"),
            "{headline}"
        );

        let estimated = ReportData::compute_with(&bank, &assessment, &assumptions(None));
        let exposure = estimated.exposure.as_ref().expect("an exposure");
        assert!(!days_set_by_hand(exposure));
        let headline = money_headline(exposure, &estimated);
        assert!(
            headline.contains("(the estimated time to restore)"),
            "{headline}"
        );
        assert!(!headline.contains("set by the assessor"), "{headline}");
    }
}
