//! The exposure kept by the service: reopening the exposure screen does
//! not run the simulation again, and any change to what it depends on (an
//! answer, a saved assumption) makes it run again.

use std::sync::Arc;

use ironbridge_core::QuestionId;
use ironbridge_core::assessment::{Response, SavedAssumptions};
use ironbridge_service::{ExposureView, Service, open_store};

fn block<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(f)
}

fn service(dir: &tempfile::TempDir) -> Service {
    let url = format!("sqlite:{}", dir.path().join("ironbridge.db").display());
    let key = dir.path().join("audit.key");
    let opened =
        block(open_store(None, Some(&url), Some(&key))).expect("a store in a temporary folder");
    Service::shipped(opened.store).expect("the shipped bank is valid")
}

fn saved(pairs: &[(&str, f64)]) -> SavedAssumptions {
    SavedAssumptions::from_overrides(pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)))
}

/// The five-week row: (gross loss, insured recovery).
fn five_weeks(view: &ExposureView) -> (f64, f64) {
    let row = &view.exposure.as_ref().expect("figures").scenarios[2];
    (row.gross_loss, row.insured_recovery)
}

#[test]
fn reopening_reuses_the_exposure_until_an_answer_or_an_assumption_changes() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    let demo = block(service.create_demo()).unwrap();
    // Fewer draws keep the test quick.
    let small = saved(&[("draws", 5_000.0)]);
    block(service.save_assumptions(&demo.id, small.clone())).unwrap();
    let first = block(service.exposure(&demo.id)).unwrap();
    assert_eq!(first.assumptions.draws, 5_000);
    let again = block(service.exposure(&demo.id)).unwrap();
    assert!(Arc::ptr_eq(&first, &again), "reopened: the same result");
    assert_eq!(service.exposure_runs(), 1);

    // An answer changed: the aggregate limit cut from £5m to £1m.
    let limit = QuestionId::parse("INS-02").unwrap();
    let mut record = demo
        .answer(&limit)
        .expect("the demo answers INS-02")
        .clone();
    record.response = Some(Response::Number(1_000_000.0));
    block(service.save_answer(&demo.id, record)).unwrap();
    let answered = block(service.exposure(&demo.id)).unwrap();
    assert_eq!(service.exposure_runs(), 2);
    assert!(five_weeks(&answered).1 < five_weeks(&first).1);
    block(service.exposure(&demo.id)).unwrap();
    assert_eq!(service.exposure_runs(), 2, "unchanged since: kept");

    // An assumption changed.
    let more = saved(&[("draws", 5_000.0), ("fixed_cost_share", 0.35)]);
    block(service.save_assumptions(&demo.id, more.clone())).unwrap();
    let assumed = block(service.exposure(&demo.id)).unwrap();
    assert_eq!(service.exposure_runs(), 3);
    assert!(five_weeks(&assumed).0 > five_weeks(&answered).0);
    // Saving the same again changes nothing, so the result is kept.
    block(service.save_assumptions(&demo.id, more)).unwrap();
    let same = block(service.exposure(&demo.id)).unwrap();
    assert!(Arc::ptr_eq(&assumed, &same));
    assert_eq!(service.exposure_runs(), 3);
}

#[test]
fn assumptions_out_of_bounds_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    let demo = block(service.create_demo()).unwrap();
    for bad in [
        saved(&[("fixed_cost_share", 7.0)]),
        saved(&[("no_such_assumption", 1.0)]),
        saved(&[("custom_days", 0.0)]),
    ] {
        let err = block(service.save_assumptions(&demo.id, bad)).unwrap_err();
        assert_eq!(err.code(), "exposure.invalid_assumption", "{err}");
    }
    let stored = block(service.open(&demo.id, None)).unwrap();
    assert!(stored.exposure_assumptions.is_empty());
    let log = block(service.verify_log(&demo.id)).unwrap();
    assert_eq!(log.entries, 1, "only the creation is logged");
}

#[test]
fn a_pdf_export_uses_the_exposure_the_screen_computed() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    let demo = block(service.create_demo()).unwrap();
    block(service.save_assumptions(&demo.id, saved(&[("draws", 5_000.0)]))).unwrap();
    let shown = block(service.exposure(&demo.id)).unwrap();
    assert_eq!(service.exposure_runs(), 1);
    let path = dir.path().join("report.pdf");
    let date = chrono::Utc::now();
    block(service.export_pdf(&demo.id, Default::default(), date, &path)).unwrap();
    assert_eq!(
        service.exposure_runs(),
        1,
        "the export did not run the model again"
    );
    // An export before the screen runs the model once and leaves it for the screen.
    let other = block(service.create_demo()).unwrap();
    block(service.export_pdf(&other.id, Default::default(), date, &path)).unwrap();
    assert_eq!(service.exposure_runs(), 2);
    block(service.exposure(&other.id)).unwrap();
    assert_eq!(service.exposure_runs(), 2);
    assert!(shown.exposure.is_ok());
}
