//! The shipped demo's assessment report as the integration tests read it:
//! the demo assessment on the shipped bank, dated at a fixed moment, with
//! the default branding.

#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use ironbridge_core::Bank;
use ironbridge_core::assessment::Assessment;
use ironbridge_core::embedded::DEMO_ASSESSMENT;
use ironbridge_report::templates::{ReportData, assessment_report};
use ironbridge_report::{Branding, Document, LaidOut};

/// 2025-11-24 16:00:00 UTC, the document date of every test report.
pub fn date() -> DateTime<Utc> {
    Utc.timestamp_opt(1_764_000_000, 0)
        .single()
        .expect("a valid date")
}

/// The shipped bank (the demo's).
pub fn bank() -> Bank {
    Bank::shipped().expect("the shipped bank is valid")
}

/// The demo assessment, as shipped.
pub fn assessment() -> Assessment {
    Assessment::from_json(DEMO_ASSESSMENT).expect("the demo reads")
}

/// The assessment report of `data`, at [`date`], and its layout.
pub fn report(data: &ReportData<'_>) -> (Document, LaidOut) {
    let doc = assessment_report(data, Branding::default(), date());
    let laid_out = doc.layout().expect("lays out");
    (doc, laid_out)
}
