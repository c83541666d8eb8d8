//! Assessments in and out as bundles: writing a whole assessment (a new
//! one or an import) with its audit entry, reading a revision whole as a
//! bundle, and the audit summary a bundle carries.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use ironbridge_core::AssessmentId;
use ironbridge_core::assessment::{BankRef, Organisation, Response, Status};
use ironbridge_core::bundle::{self, AuditSummary, Bundle, LogHead, base64};

use super::chain::Chain;
use super::{
    corrupt, from_json, insert_registers, latest, parse_question, registers_from, to_json,
};
use crate::audit_key::AuditKey;
use crate::audit_replay::Snapshot;
use crate::backend::{Content, EvidenceRow, Head, RevisionRow, Tx};
use crate::error::{ImportError, InvalidInput, Result, StoreError};
use crate::model::{Actor, AuditEntry, Saved, now};

/// Writes a whole assessment (new or imported) with its audit entry.
pub(super) async fn insert_bundle<T: Tx>(
    tx: &mut T,
    actor: &Actor,
    key: &AuditKey,
    bundle: &Bundle,
    imported: Option<&AuditSummary>,
) -> Result<Saved> {
    let header = &bundle.assessment;
    if bundle.profile.name.trim().is_empty() {
        return Err(InvalidInput::EmptyOrganisation.into());
    }
    let at = now();
    let organisation = tx.organisation_id(&bundle.profile.name).await?;
    let baseline = imported.map(to_json);
    if !tx
        .insert_assessment(&header.id, organisation, at, baseline.as_deref())
        .await?
    {
        return Err(StoreError::Exists {
            id: header.id.to_string(),
        });
    }
    let mut rev = revision_row(bundle, at);
    rev.key = tx.insert_revision(&rev).await?;
    for (position, person) in header.participants.iter().enumerate() {
        tx.insert_participant(rev.key, position as i64, person)
            .await?;
    }
    let by = actor.as_str();
    for answer in &bundle.answers {
        let response = to_json(&answer.response);
        tx.set_response(rev.key, answer.question.as_str(), Some(&response), at, by)
            .await?;
    }
    for note in &bundle.notes {
        tx.set_note(rev.key, note.question.as_str(), Some(&note.text), at, by)
            .await?;
    }
    for question in &bundle.follow_ups {
        tx.set_follow_up(rev.key, question.as_str(), true, at, by)
            .await?;
    }
    insert_registers(tx, rev.key, &bundle.registers).await?;
    for evidence in &bundle.evidence {
        let content = decode_evidence(evidence)?;
        let row = EvidenceRow {
            file_name: evidence.file_name.clone(),
            sha256: evidence.sha256.clone(),
            media_type: evidence.media_type.clone(),
            question: evidence.question.as_ref().map(ToString::to_string),
            size: content.len() as i64,
            added_at: at,
            added_by: by.to_owned(),
            content: None,
        };
        tx.insert_blob(&row.sha256, &content).await?;
        tx.insert_evidence(rev.key, &row).await?;
    }
    if header.status != Status::Draft {
        tx.set_status(rev.key, header.status, header.completed_on, at)
            .await?;
        rev.status = header.status;
    }
    let mut chain = Chain::lock(tx, &header.id, actor, key).await?;
    // What was stored, as digests, so that `verify_log` can replay the log
    // from here and compare it with the rows.
    let stored = tx
        .revision(&header.id, Some(header.revision))
        .await?
        .ok_or_else(|| StoreError::NoRevision {
            id: header.id.to_string(),
            revision: header.revision,
        })?;
    let snapshot = Snapshot::of(&stored, &tx.content(rev.key, false).await?);
    let (entity, mut value) = log_value(bundle, imported);
    value["content"] = serde_json::json!(snapshot);
    chain
        .record(tx, &rev, at, entity, "", None, Some(value.to_string()))
        .await?;
    chain.finish(tx).await?;
    Ok(chain.saved(&rev))
}

/// The revision row of a bundle's assessment, as a draft made at `at`.
fn revision_row(bundle: &Bundle, at: DateTime<Utc>) -> RevisionRow {
    let header = &bundle.assessment;
    let profile = &bundle.profile;
    RevisionRow {
        key: 0,
        assessment_id: header.id.to_string(),
        revision: header.revision,
        // Rows go into a draft; a final status is set last (the triggers freeze final revisions).
        status: Status::Draft,
        title: header.title.clone(),
        bank_id: bundle.bank.id.clone(),
        bank_version: bundle.bank.version.clone(),
        mode: header.mode,
        assessor: header.assessor.clone(),
        started_on: header.started_on,
        completed_on: header.completed_on,
        target_profile: header.target_profile.clone(),
        target_overrides: to_json(&header.target_overrides),
        organisation: profile.name.clone(),
        sector: profile.sector.clone(),
        employees: i64::from(profile.employees),
        annual_revenue: profile.annual_revenue,
        currency: profile.currency.clone(),
        operating_days_per_year: i64::from(profile.operating_days_per_year),
        annual_operating_profit: profile.annual_operating_profit,
        cash_available: profile.cash_available,
        sites: to_json(&profile.sites),
        narrative: to_json(&bundle.narrative),
        exposure_assumptions: to_json(&bundle.exposure_assumptions),
        roadmap_plan: to_json(&bundle.plan),
        created_at: at,
        updated_at: at,
    }
}

/// The audit entry that records a new or imported assessment: its entity
/// and its value (the stored content is added to it).
fn log_value(
    bundle: &Bundle,
    imported: Option<&AuditSummary>,
) -> (&'static str, serde_json::Value) {
    let header = &bundle.assessment;
    match imported {
        Some(summary) => (
            "import",
            serde_json::json!({
                "revision": header.revision,
                "exported_at": bundle.exported_at,
                "audit": summary,
                "content_sha256": bundle.content_sha256,
                "integrity": bundle.integrity_note().unwrap_or("the content matched its digest"),
            }),
        ),
        None => (
            "assessment",
            serde_json::json!({
                "revision": header.revision,
                "title": header.title,
                "organisation": bundle.profile.name,
                "bank": bundle.bank,
                "answers": bundle.answers.len(),
            }),
        ),
    }
}

/// Reads a revision whole, as a bundle (without `exported_at`).
pub(super) async fn read_bundle<T: Tx>(
    tx: &mut T,
    id: &str,
    revision: Option<u32>,
    with_blobs: bool,
) -> Result<Bundle> {
    let rev = match revision {
        None => latest(tx, id).await?,
        Some(n) => tx
            .revision(id, Some(n))
            .await?
            .ok_or_else(|| StoreError::NoRevision {
                id: id.to_owned(),
                revision: n,
            })?,
    };
    let content = tx.content(rev.key, with_blobs).await?;
    let mut answers = Vec::new();
    for (question, response) in &content.answers {
        answers.push(bundle::Answer {
            question: parse_question(question)?,
            response: from_json::<Response>(response, "answers.response")?,
        });
    }
    let mut notes = Vec::new();
    for (question, text) in &content.notes {
        notes.push(bundle::Note {
            question: parse_question(question)?,
            text: text.clone(),
        });
    }
    let mut follow_ups = Vec::new();
    for question in &content.follow_ups {
        follow_ups.push(parse_question(question)?);
    }
    let evidence = evidence_of(&content)?;
    let head = tx
        .head(id)
        .await?
        .ok_or_else(|| StoreError::NotFound { id: id.to_owned() })?;
    let entries = tx.audit_entries(id).await?;
    let mut audit = summarise(head.baseline.as_deref(), &entries)?;
    audit.head = log_head(&head);
    Ok(Bundle {
        format: bundle::FORMAT.to_owned(),
        version: bundle::VERSION,
        exported_at: None,
        bank: BankRef {
            id: rev.bank_id.clone(),
            version: rev.bank_version.clone(),
        },
        assessment: bundle::Header {
            id: AssessmentId::parse(&rev.assessment_id).map_err(|e| StoreError::Corrupt {
                what: e.to_string(),
            })?,
            revision: rev.revision,
            title: rev.title.clone(),
            assessor: rev.assessor.clone(),
            participants: content.participants.clone(),
            mode: rev.mode,
            status: rev.status,
            started_on: rev.started_on,
            completed_on: rev.completed_on,
            target_profile: rev.target_profile.clone(),
            target_overrides: from_json(&rev.target_overrides, "target_overrides")?,
        },
        profile: Organisation {
            name: rev.organisation.clone(),
            sector: rev.sector.clone(),
            employees: u32::try_from(rev.employees).map_err(|_| corrupt("employees"))?,
            annual_revenue: rev.annual_revenue,
            currency: rev.currency.clone(),
            operating_days_per_year: u16::try_from(rev.operating_days_per_year)
                .map_err(|_| corrupt("operating_days_per_year"))?,
            annual_operating_profit: rev.annual_operating_profit,
            cash_available: rev.cash_available,
            sites: from_json(&rev.sites, "sites")?,
        },
        answers,
        notes,
        follow_ups,
        registers: registers_from(&content)?,
        evidence,
        narrative: from_json(&rev.narrative, "narrative")?,
        exposure_assumptions: from_json(&rev.exposure_assumptions, "exposure_assumptions")?,
        plan: from_json(&rev.roadmap_plan, "roadmap_plan")?,
        audit,
        content_sha256: None,
    })
}

/// The evidence rows of a revision as a bundle carries them (the content
/// base64, empty when it was not read).
fn evidence_of(content: &Content) -> Result<Vec<bundle::Evidence>> {
    let mut evidence = Vec::new();
    for row in &content.evidence {
        evidence.push(bundle::Evidence {
            file_name: row.file_name.clone(),
            media_type: row.media_type.clone(),
            question: row.question.as_deref().map(parse_question).transpose()?,
            sha256: row.sha256.clone(),
            size: row.size.max(0) as u64,
            content: row
                .content
                .as_deref()
                .map(base64::encode)
                .unwrap_or_default(),
        });
    }
    Ok(evidence)
}

/// Where this database's log of the assessment ends, as a bundle carries
/// it (`audit.head`): the last entry's number and hash, and the id of the
/// key that signed the head. None before the first entry (every stored
/// assessment has one: its creation or its import).
fn log_head(head: &Head) -> Option<LogHead> {
    (head.audit_seq > 0).then(|| LogHead {
        chain_seq: head.audit_seq,
        hash: head.audit_head.clone(),
        key_id: head.key_id.clone(),
    })
}

/// What an import keeps of a bundle's audit summary (as the assessment's
/// `audit_baseline`): no counts of its own (those come from this database's
/// log, [`summarise`]), and the bundle's statements, earlier ones first, as
/// received, each with the log head it carried (so a re-export lists the
/// head of every log the assessment passed through); `parse` refused implausible ones, and at most
/// [`bundle::checks::MAX_EARLIER_LOGS`] are kept, the newest.
pub(super) fn imported_baseline(bundle: &Bundle) -> AuditSummary {
    let audit = &bundle.audit;
    let mut earlier = audit.earlier.clone();
    earlier.push(bundle::EarlierLog {
        exported_at: bundle.exported_at,
        changes: audit.changes,
        actors: audit.actors.clone(),
        first_change_at: audit.first_change_at,
        last_change_at: audit.last_change_at,
        head: audit.head.clone(),
    });
    let excess = earlier
        .len()
        .saturating_sub(bundle::checks::MAX_EARLIER_LOGS);
    earlier.drain(..excess);
    AuditSummary {
        earlier,
        ..AuditSummary::default()
    }
}

/// The audit summary a bundle carries: the counts of this database's own
/// log (the import itself is not a change), and what imported bundles said
/// before, from the baseline. A baseline written before bundle version 2
/// holds counts of its own: they become one earlier statement.
fn summarise(baseline: Option<&str>, entries: &[AuditEntry]) -> Result<AuditSummary> {
    let stored: AuditSummary = match baseline {
        Some(text) => from_json(text, "audit_baseline")?,
        None => AuditSummary::default(),
    };
    let mut summary = AuditSummary {
        earlier: stored.earlier,
        ..AuditSummary::default()
    };
    if stored.changes > 0 || !stored.actors.is_empty() {
        summary.earlier.push(bundle::EarlierLog {
            exported_at: None,
            changes: stored.changes,
            actors: stored.actors,
            first_change_at: stored.first_change_at,
            last_change_at: stored.last_change_at,
            head: None,
        });
    }
    let mut actors: BTreeSet<String> = BTreeSet::new();
    for entry in entries.iter().filter(|e| e.entity != "import") {
        summary.changes += 1;
        actors.insert(entry.actor.clone());
        summary.first_change_at = Some(
            summary
                .first_change_at
                .map_or(entry.at, |t| t.min(entry.at)),
        );
        summary.last_change_at = Some(summary.last_change_at.map_or(entry.at, |t| t.max(entry.at)));
    }
    summary.actors = actors.into_iter().collect();
    Ok(summary)
}

pub(super) fn decode_evidence(evidence: &bundle::Evidence) -> Result<Vec<u8>> {
    evidence.decode_content().map_err(|problem| {
        ImportError::Bundle(bundle::BundleError::EvidenceEncoding {
            file_name: evidence.file_name.clone(),
            problem,
        })
        .into()
    })
}
