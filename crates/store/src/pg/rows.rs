//! The rows the PostgreSQL store reads, one struct per query shape
//! (`query_as` + `FromRow`), with the columns as the queries name them.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::FromRow;

#[derive(FromRow)]
pub(super) struct HeadRow {
    pub(super) audit_seq: i64,
    pub(super) audit_head: String,
    pub(super) audit_baseline: Option<String>,
    pub(super) audit_key_id: Option<String>,
    pub(super) audit_head_mac: Option<String>,
}

#[derive(FromRow)]
pub(super) struct RevisionDbRow {
    pub(super) key: i64,
    pub(super) assessment_id: String,
    pub(super) revision: i64,
    pub(super) status: String,
    pub(super) title: String,
    pub(super) bank_id: String,
    pub(super) bank_version: String,
    pub(super) mode: String,
    pub(super) assessor_name: String,
    pub(super) assessor_role: String,
    pub(super) assessor_organisation: Option<String>,
    pub(super) started_on: NaiveDate,
    pub(super) completed_on: Option<NaiveDate>,
    pub(super) target_profile: String,
    pub(super) target_overrides: String,
    pub(super) organisation: String,
    pub(super) sector: String,
    pub(super) employees: i64,
    pub(super) annual_revenue: f64,
    pub(super) currency: String,
    pub(super) operating_days_per_year: i64,
    pub(super) annual_operating_profit: Option<f64>,
    pub(super) cash_available: Option<f64>,
    pub(super) sites: String,
    pub(super) narrative: String,
    pub(super) exposure_assumptions: String,
    pub(super) roadmap_plan: String,
    pub(super) created_at: DateTime<Utc>,
    pub(super) updated_at: DateTime<Utc>,
}

#[derive(FromRow)]
pub(super) struct StateRow {
    pub(super) response: Option<String>,
    pub(super) note: Option<String>,
    pub(super) follow_up: bool,
}

#[derive(FromRow)]
pub(super) struct PersonRow {
    pub(super) name: String,
    pub(super) role: String,
    pub(super) organisation: Option<String>,
}

#[derive(FromRow)]
pub(super) struct RegisterDbRow {
    pub(super) id: String,
    pub(super) position: i64,
    pub(super) name: String,
    pub(super) body: String,
}

#[derive(FromRow)]
pub(super) struct EvidenceDbRow {
    pub(super) file_name: String,
    pub(super) sha256: String,
    pub(super) media_type: String,
    pub(super) question: Option<String>,
    pub(super) size: i64,
    pub(super) added_at: DateTime<Utc>,
    pub(super) added_by: String,
    pub(super) content: Option<Vec<u8>>,
}

#[derive(FromRow)]
pub(super) struct AuditRow {
    pub(super) assessment_id: String,
    pub(super) chain_seq: i64,
    pub(super) at: DateTime<Utc>,
    pub(super) actor: String,
    pub(super) revision: i64,
    pub(super) entity: String,
    pub(super) entity_key: String,
    pub(super) old_value: Option<String>,
    pub(super) new_value: Option<String>,
    pub(super) prev_hash: String,
    pub(super) hash: String,
    pub(super) mac: Option<String>,
}

#[derive(FromRow)]
pub(super) struct SummaryRow {
    pub(super) assessment_id: String,
    pub(super) revision: i64,
    pub(super) title: String,
    pub(super) organisation: String,
    pub(super) mode: String,
    pub(super) status: String,
    pub(super) bank_id: String,
    pub(super) bank_version: String,
    pub(super) updated_at: DateTime<Utc>,
    pub(super) n_answers: i64,
}
