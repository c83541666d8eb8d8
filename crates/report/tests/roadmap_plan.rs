//! The roadmap as a plan: a gap with a plan entry shows its owner, target
//! date, effort, status and note beside it in the roadmap's pages; a gap to
//! close now without one says "not yet assigned"; the roadmap says how many
//! gaps of each tier have an owner and a date; an entry whose question is not
//! a gap is not printed.

mod demo;

use chrono::NaiveDate;
use ironbridge_core::Bank;
use ironbridge_core::assessment::{Assessment, Effort, PlanItem, PlanStatus};
use ironbridge_core::scoring::{Gap, Horizon};
use ironbridge_report::LaidOut;
use ironbridge_report::templates::ReportData;

fn demo() -> Assessment {
    let mut assessment = demo::assessment();
    // Whatever the demo file holds, these tests decide the plan.
    assessment.plan.clear();
    assessment
}

fn laid_out(bank: &Bank, assessment: &Assessment) -> LaidOut {
    demo::report(&ReportData::compute(bank, assessment)).1
}

/// Each page's text, runs joined by spaces (the cells of a table row
/// interleave line by line, so a test looks for words a line holds).
fn pages(laid_out: &LaidOut) -> Vec<String> {
    laid_out
        .page_texts()
        .into_iter()
        // A date or an effort band is held together by no-break spaces.
        .map(|text| text.replace('\u{a0}', " "))
        .collect()
}

/// The pages of the roadmap section: from its heading to the next section's.
fn roadmap_pages(laid_out: &LaidOut) -> std::ops::Range<usize> {
    let sections: Vec<_> = laid_out.outline.iter().filter(|e| e.depth <= 1).collect();
    let at = sections
        .iter()
        .position(|e| e.title.ends_with("Prioritised roadmap"))
        .expect("the roadmap is in the outline");
    let end = sections
        .get(at + 1)
        .map_or(laid_out.pages.len(), |e| e.page + 1);
    sections[at].page..end
}

fn gaps(bank: &Bank, assessment: &Assessment, horizon: Horizon) -> Vec<Gap> {
    let data = ReportData::compute(bank, assessment);
    data.scorecard
        .gaps
        .into_iter()
        .filter(|g| g.horizon == horizon)
        .collect()
}

#[test]
fn plan_entries_show_beside_their_gaps_in_the_roadmap() {
    let bank = demo::bank();
    let mut assessment = demo();
    let now = gaps(&bank, &assessment, Horizon::Now);
    let later = gaps(&bank, &assessment, Horizon::Later);
    assert!(
        now.len() >= 2 && !later.is_empty(),
        "the demo has gaps in each tier"
    );
    assessment.plan.insert(
        now[0].question.clone(),
        PlanItem {
            owner: "Priya Raman, Head of IT".into(),
            target_date: NaiveDate::from_ymd_opt(2027, 3, 31),
            effort: Some(Effort::Medium),
            status: PlanStatus::Done,
            note: "Waits for the firewall replacement.".into(),
        },
    );
    assessment.plan.insert(
        later[0].question.clone(),
        PlanItem {
            owner: "Operations Director".into(),
            status: PlanStatus::Blocked,
            ..PlanItem::default()
        },
    );
    let laid_out = laid_out(&bank, &assessment);
    let pages = pages(&laid_out);
    let roadmap = roadmap_pages(&laid_out);
    let text = pages[roadmap.clone()].join(" ");

    for expected in [
        "Priya Raman, Head of IT",
        "by 31 March 2027",
        "effort M (5–20 days)",
        "Done",
        "Waits for the firewall replacement.",
        "Operations Director",
        "no target date yet",
        "Blocked",
    ] {
        assert!(text.contains(expected), "{expected:?} not in the roadmap");
    }
    // The entry is printed once, in the roadmap, with its gap on the same page.
    let owner_pages: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].contains("Priya Raman, Head of IT"))
        .collect();
    assert_eq!(owner_pages.len(), 1, "{owner_pages:?}");
    assert!(roadmap.contains(&owner_pages[0]));
    assert!(pages[owner_pages[0]].contains(&now[0].question.to_string()));

    let (total, left) = (now.len(), now.len() - 1);
    let sentence = format!("With an owner and a target date: 1 of the {total} gaps to close now, ");
    assert!(text.contains(&sentence), "{sentence:?} not in the roadmap");
    // The other first-tier gaps each say they have no plan.
    let unassigned = text
        .matches("not yet assigned: no owner or target date")
        .count();
    assert_eq!(unassigned, left);
}

#[test]
fn without_a_plan_every_first_tier_gap_says_not_yet_assigned() {
    let bank = demo::bank();
    let assessment = demo();
    let now = gaps(&bank, &assessment, Horizon::Now);
    let laid_out = laid_out(&bank, &assessment);
    let pages = pages(&laid_out);
    let text = pages[roadmap_pages(&laid_out)].join(" ");
    assert_eq!(
        text.matches("not yet assigned: no owner or target date")
            .count(),
        now.len()
    );
    let sentence = format!(
        "With an owner and a target date: none of the {} gaps to close now, none of the",
        now.len()
    );
    assert!(text.contains(&sentence), "{sentence:?} not in the roadmap");
    assert!(
        !text.contains("effort "),
        "no effort is printed without a plan"
    );
}

#[test]
fn an_entry_whose_question_is_not_a_gap_is_not_printed() {
    let bank = demo::bank();
    let mut assessment = demo();
    let data = ReportData::compute(&bank, &assessment);
    let closed = bank
        .questions()
        .filter(|q| q.is_scored())
        .find(|q| data.scorecard.gaps.iter().all(|g| g.question != q.id))
        .expect("the demo meets some targets")
        .id
        .clone();
    assessment.plan.insert(
        closed,
        PlanItem {
            owner: "Somebody Unprinted".into(),
            ..PlanItem::default()
        },
    );
    let text = pages(&laid_out(&bank, &assessment)).join(" ");
    assert!(!text.contains("Somebody Unprinted"));
}
