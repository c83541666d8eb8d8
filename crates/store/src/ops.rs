//! The store's logic, written once over [`Backend`]: what a save, a status
//! change, an import or an export does, which rows change and which audit
//! entries record it.
//!
//! Invariants: every change and its audit entries commit in one transaction
//! or not at all; a change to a final revision first makes a new draft
//! revision (copying every row) and changes that; a save that changes
//! nothing writes nothing.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use ironbridge_core::assessment::{
    AnswerRecord, Assessment, BankRef, CriticalSystem, Organisation, Provider, Registers, Response,
    Status,
};
use ironbridge_core::bundle::{self, AuditSummary, Bundle, base64};
use ironbridge_core::narrative::NarrativeEdits;
use ironbridge_core::{AssessmentId, QuestionId};

use crate::audit::{self, hex_sha256};
use crate::audit_key::AuditKey;
use crate::audit_replay::{Snapshot, check_rows};
use crate::backend::{
    AnswerState, Backend, Content, EvidenceRow, Head, Register, RegisterRow, RevisionRow, Tx,
};
use crate::error::{ImportError, InvalidInput, Result, StoreError};
use crate::model::{
    Actor, AssessmentSummary, AuditEntry, AuditHead, LogVerdict, NewEvidence, Saved, now,
};
use crate::{MAX_EVIDENCE_BYTES, Store};

impl<B: Backend> Store for B {
    async fn create_assessment(&self, actor: &Actor, assessment: &Assessment) -> Result<Saved> {
        let key = self.audit_key().load_or_create()?.clone();
        let mut tx = self.begin_write().await?;
        let bundle = Bundle::from_assessment(assessment);
        let saved = insert_bundle(&mut tx, actor, &key, &bundle, None).await?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn list(&self) -> Result<Vec<AssessmentSummary>> {
        let mut tx = self.begin_read().await?;
        tx.summaries().await
    }

    async fn load(&self, id: &str, revision: Option<u32>) -> Result<Assessment> {
        let mut tx = self.begin_read().await?;
        let bundle = read_bundle(&mut tx, id, revision, false).await?;
        Ok(bundle.to_assessment())
    }

    async fn save_answer(&self, actor: &Actor, id: &str, record: &AnswerRecord) -> Result<Saved> {
        let key = self.audit_key().load_or_create()?.clone();
        let mut tx = self.begin_write().await?;
        let mut chain = Chain::lock(&mut tx, id, actor, &key).await?;
        let mut rev = latest(&mut tx, id).await?;
        let question = record.question.as_str();
        let old = tx.answer_state(rev.key, question).await?;
        let new = AnswerState {
            response: record.response.as_ref().map(to_json),
            note: (!record.note.is_empty()).then(|| record.note.clone()),
            follow_up: record.follow_up,
        };
        if old == new {
            return Ok(chain.saved(&rev));
        }
        let at = now();
        if rev.status == Status::Final {
            rev = new_revision(&mut tx, &mut chain, &rev, at).await?;
        }
        let by = actor.as_str();
        if old.response != new.response {
            tx.set_response(rev.key, question, new.response.as_deref(), at, by)
                .await?;
            chain
                .record(
                    &mut tx,
                    &rev,
                    at,
                    "answer",
                    question,
                    old.response,
                    new.response,
                )
                .await?;
        }
        if old.note != new.note {
            tx.set_note(rev.key, question, new.note.as_deref(), at, by)
                .await?;
            let as_json = |n: Option<String>| n.map(|n| to_json(&n));
            chain
                .record(
                    &mut tx,
                    &rev,
                    at,
                    "note",
                    question,
                    as_json(old.note),
                    as_json(new.note),
                )
                .await?;
        }
        if old.follow_up != new.follow_up {
            tx.set_follow_up(rev.key, question, new.follow_up, at, by)
                .await?;
            chain
                .record(
                    &mut tx,
                    &rev,
                    at,
                    "follow_up",
                    question,
                    Some(old.follow_up.to_string()),
                    Some(new.follow_up.to_string()),
                )
                .await?;
        }
        tx.touch(rev.key, at).await?;
        chain.finish(&mut tx).await?;
        let saved = chain.saved(&rev);
        tx.commit().await?;
        Ok(saved)
    }

    async fn set_status(&self, actor: &Actor, id: &str, status: Status) -> Result<Saved> {
        let key = self.audit_key().load_or_create()?.clone();
        let mut tx = self.begin_write().await?;
        let mut chain = Chain::lock(&mut tx, id, actor, &key).await?;
        let mut rev = latest(&mut tx, id).await?;
        if rev.status == status {
            return Ok(chain.saved(&rev));
        }
        let at = now();
        if rev.status == Status::Final {
            rev = new_revision(&mut tx, &mut chain, &rev, at).await?;
        }
        let completed_on = match status {
            Status::Final => Some(rev.completed_on.unwrap_or_else(|| at.date_naive())),
            _ => rev.completed_on,
        };
        tx.set_status(rev.key, status, completed_on, at).await?;
        chain
            .record(
                &mut tx,
                &rev,
                at,
                "status",
                "",
                Some(to_json(&rev.status)),
                Some(to_json(&status)),
            )
            .await?;
        chain.finish(&mut tx).await?;
        let saved = chain.saved(&rev);
        tx.commit().await?;
        Ok(saved)
    }

    async fn save_registers(
        &self,
        actor: &Actor,
        id: &str,
        registers: &Registers,
    ) -> Result<Saved> {
        let key = self.audit_key().load_or_create()?.clone();
        let mut tx = self.begin_write().await?;
        let mut chain = Chain::lock(&mut tx, id, actor, &key).await?;
        let mut rev = latest(&mut tx, id).await?;
        let content = tx.content(rev.key, false).await?;
        let old = registers_from(&content)?;
        if &old == registers {
            return Ok(chain.saved(&rev));
        }
        let at = now();
        if rev.status == Status::Final {
            rev = new_revision(&mut tx, &mut chain, &rev, at).await?;
        }
        tx.clear_registers(rev.key).await?;
        insert_registers(&mut tx, rev.key, registers).await?;
        tx.touch(rev.key, at).await?;
        chain
            .record(
                &mut tx,
                &rev,
                at,
                "registers",
                "",
                Some(to_json(&old)),
                Some(to_json(registers)),
            )
            .await?;
        chain.finish(&mut tx).await?;
        let saved = chain.saved(&rev);
        tx.commit().await?;
        Ok(saved)
    }

    async fn save_narrative(
        &self,
        actor: &Actor,
        id: &str,
        narrative: &NarrativeEdits,
    ) -> Result<Saved> {
        let key = self.audit_key().load_or_create()?.clone();
        let mut tx = self.begin_write().await?;
        let mut chain = Chain::lock(&mut tx, id, actor, &key).await?;
        let mut rev = latest(&mut tx, id).await?;
        let old: NarrativeEdits = from_json(&rev.narrative, "narrative")?;
        if &old == narrative {
            return Ok(chain.saved(&rev));
        }
        let at = now();
        if rev.status == Status::Final {
            rev = new_revision(&mut tx, &mut chain, &rev, at).await?;
        }
        let new = to_json(narrative);
        tx.set_narrative(rev.key, &new, at).await?;
        chain
            .record(
                &mut tx,
                &rev,
                at,
                "narrative",
                "",
                Some(rev.narrative.clone()),
                Some(new),
            )
            .await?;
        chain.finish(&mut tx).await?;
        let saved = chain.saved(&rev);
        tx.commit().await?;
        Ok(saved)
    }

    async fn add_evidence(&self, actor: &Actor, id: &str, evidence: NewEvidence) -> Result<Saved> {
        check_file_name(&evidence.file_name)?;
        bundle::check_media_type(&evidence.media_type).map_err(|problem| {
            InvalidInput::EvidenceMediaType {
                file_name: evidence.file_name.clone(),
                media_type: evidence.media_type.clone(),
                problem,
            }
        })?;
        let size = evidence.content.len() as u64;
        if size > MAX_EVIDENCE_BYTES {
            return Err(InvalidInput::EvidenceTooLarge {
                file_name: evidence.file_name,
                size,
                limit: MAX_EVIDENCE_BYTES,
            }
            .into());
        }
        let key = self.audit_key().load_or_create()?.clone();
        let mut tx = self.begin_write().await?;
        let mut chain = Chain::lock(&mut tx, id, actor, &key).await?;
        let mut rev = latest(&mut tx, id).await?;
        let at = now();
        if rev.status == Status::Final {
            rev = new_revision(&mut tx, &mut chain, &rev, at).await?;
        }
        let row = EvidenceRow {
            file_name: evidence.file_name.clone(),
            sha256: hex_sha256(&evidence.content),
            media_type: evidence.media_type.clone(),
            question: evidence.question.as_ref().map(ToString::to_string),
            size: size as i64,
            added_at: at,
            added_by: actor.as_str().to_owned(),
            content: None,
        };
        tx.insert_blob(&row.sha256, &evidence.content).await?;
        tx.insert_evidence(rev.key, &row).await?;
        tx.touch(rev.key, at).await?;
        let value = serde_json::json!({
            "file_name": row.file_name,
            "media_type": row.media_type,
            "question": row.question,
            "sha256": row.sha256,
            "size": size,
        });
        chain
            .record(
                &mut tx,
                &rev,
                at,
                "evidence",
                &row.file_name,
                None,
                Some(value.to_string()),
            )
            .await?;
        chain.finish(&mut tx).await?;
        let saved = chain.saved(&rev);
        tx.commit().await?;
        Ok(saved)
    }

    async fn audit_log(&self, id: &str) -> Result<Vec<AuditEntry>> {
        let mut tx = self.begin_read().await?;
        if tx.revision(id, None).await?.is_none() {
            return Err(StoreError::NotFound { id: id.to_owned() });
        }
        tx.audit_entries(id).await
    }

    async fn verify_log(&self, id: &str) -> Result<LogVerdict> {
        let key = self.audit_key().load()?.cloned();
        let mut tx = self.begin_read().await?;
        let head = tx
            .head(id)
            .await?
            .ok_or_else(|| StoreError::NotFound { id: id.to_owned() })?;
        let entries = tx.audit_entries(id).await?;
        let mut verdict = audit::verify(&entries, head.audit_seq, &head.audit_head);
        let path = self.audit_key().path();
        let signed = audit::check_signatures(id, &entries, &head, key.as_ref().ok_or(path));
        verdict.signatures = signed.signatures;
        verdict.unsigned = signed.unsigned;
        verdict.problems.extend(signed.problems);
        verdict
            .problems
            .extend(check_rows(&mut tx, id, &head, &entries).await?);
        Ok(verdict)
    }

    async fn audit_head(&self, id: &str) -> Result<AuditHead> {
        let mut tx = self.begin_read().await?;
        let head = tx
            .head(id)
            .await?
            .ok_or_else(|| StoreError::NotFound { id: id.to_owned() })?;
        Ok(AuditHead {
            assessment_id: id.to_owned(),
            chain_seq: head.audit_seq,
            hash: head.audit_head,
        })
    }

    async fn export_bundle(&self, id: &str) -> Result<Bundle> {
        let mut tx = self.begin_read().await?;
        let mut bundle = read_bundle(&mut tx, id, None, true).await?;
        bundle.exported_at = Some(now());
        Ok(bundle.sealed())
    }

    async fn import_bundle(&self, actor: &Actor, bundle: &Bundle) -> Result<Saved> {
        for evidence in &bundle.evidence {
            let content = decode_evidence(evidence)?;
            if hex_sha256(&content) != evidence.sha256 {
                return Err(ImportError::EvidenceDigestMismatch {
                    file_name: evidence.file_name.clone(),
                }
                .into());
            }
        }
        let key = self.audit_key().load_or_create()?.clone();
        let mut tx = self.begin_write().await?;
        let baseline = imported_baseline(bundle);
        let saved = insert_bundle(&mut tx, actor, &key, bundle, Some(&baseline)).await?;
        tx.commit().await?;
        Ok(saved)
    }
}

/// Signs the head of every assessment whose head is unsigned: run once,
/// when a store first opens a database after the upgrade to a signed log
/// (the chains are trusted as found then). The key is created if needed,
/// and only if there is a head to sign.
pub(crate) async fn sign_unsigned_heads<B: Backend>(backend: &B) -> Result<()> {
    let mut tx = backend.begin_write().await?;
    let heads = tx.unsigned_heads().await?;
    if heads.is_empty() {
        return Ok(());
    }
    let key = backend.audit_key().load_or_create()?;
    let key_id = key.id();
    for (id, seq, head) in heads {
        let mac = key.sign_head(&id, seq, &head);
        tx.set_head(&id, seq, &head, &key_id, &mac).await?;
    }
    tx.commit().await
}

/// Writes a whole assessment (new or imported) with its audit entry.
async fn insert_bundle<T: Tx>(
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
    let profile = &bundle.profile;
    let mut rev = RevisionRow {
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
        created_at: at,
        updated_at: at,
    };
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
    let (entity, mut value) = match imported {
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
                "organisation": profile.name,
                "bank": bundle.bank,
                "answers": bundle.answers.len(),
            }),
        ),
    };
    value["content"] = serde_json::json!(snapshot);
    chain
        .record(tx, &rev, at, entity, "", None, Some(value.to_string()))
        .await?;
    chain.finish(tx).await?;
    Ok(chain.saved(&rev))
}

/// Reads a revision whole, as a bundle (without `exported_at`).
async fn read_bundle<T: Tx>(
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
    let head = tx
        .head(id)
        .await?
        .ok_or_else(|| StoreError::NotFound { id: id.to_owned() })?;
    let entries = tx.audit_entries(id).await?;
    let audit = summarise(head.baseline.as_deref(), &entries)?;
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
        audit,
        content_sha256: None,
    })
}

/// What an import keeps of a bundle's audit summary (as the assessment's
/// `audit_baseline`): no counts of its own (those come from this database's
/// log, [`summarise`]), and the bundle's statements, earlier ones first, as
/// received; `parse` refused implausible ones, and at most
/// [`bundle::checks::MAX_EARLIER_LOGS`] are kept, the newest.
fn imported_baseline(bundle: &Bundle) -> AuditSummary {
    let audit = &bundle.audit;
    let mut earlier = audit.earlier.clone();
    earlier.push(bundle::EarlierLog {
        exported_at: bundle.exported_at,
        changes: audit.changes,
        actors: audit.actors.clone(),
        first_change_at: audit.first_change_at,
        last_change_at: audit.last_change_at,
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

/// Copies a final revision into a new draft and records it.
async fn new_revision<T: Tx>(
    tx: &mut T,
    chain: &mut Chain,
    from: &RevisionRow,
    at: DateTime<Utc>,
) -> Result<RevisionRow> {
    let content = tx.content(from.key, false).await?;
    let mut rev = from.clone();
    rev.revision = from.revision + 1;
    rev.status = Status::Draft;
    rev.completed_on = None;
    rev.created_at = at;
    rev.updated_at = at;
    rev.key = tx.insert_revision(&rev).await?;
    for (position, person) in content.participants.iter().enumerate() {
        tx.insert_participant(rev.key, position as i64, person)
            .await?;
    }
    let by = chain.actor.clone();
    for (question, response) in &content.answers {
        tx.set_response(rev.key, question, Some(response), at, &by)
            .await?;
    }
    for (question, note) in &content.notes {
        tx.set_note(rev.key, question, Some(note), at, &by).await?;
    }
    for question in &content.follow_ups {
        tx.set_follow_up(rev.key, question, true, at, &by).await?;
    }
    for row in &content.systems {
        tx.insert_register(Register::Systems, rev.key, row).await?;
    }
    for row in &content.providers {
        tx.insert_register(Register::Providers, rev.key, row)
            .await?;
    }
    for row in &content.evidence {
        tx.insert_evidence(rev.key, row).await?;
    }
    chain
        .record(
            tx,
            &rev,
            at,
            "revision",
            "",
            Some(from.revision.to_string()),
            Some(rev.revision.to_string()),
        )
        .await?;
    Ok(rev)
}

async fn insert_registers<T: Tx>(tx: &mut T, key: i64, registers: &Registers) -> Result<()> {
    for (position, system) in registers.systems.iter().enumerate() {
        let row = RegisterRow {
            id: system.id.clone(),
            position: position as i64,
            name: system.name.clone(),
            body: to_json(system),
        };
        tx.insert_register(Register::Systems, key, &row).await?;
    }
    for (position, provider) in registers.providers.iter().enumerate() {
        let row = RegisterRow {
            id: provider.id.clone(),
            position: position as i64,
            name: provider.name.clone(),
            body: to_json(provider),
        };
        tx.insert_register(Register::Providers, key, &row).await?;
    }
    Ok(())
}

pub(crate) fn registers_from(content: &Content) -> Result<Registers> {
    let mut systems = Vec::new();
    for row in &content.systems {
        systems.push(from_json::<CriticalSystem>(&row.body, "systems.body")?);
    }
    let mut providers = Vec::new();
    for row in &content.providers {
        providers.push(from_json::<Provider>(&row.body, "providers.body")?);
    }
    Ok(Registers { systems, providers })
}

async fn latest<T: Tx>(tx: &mut T, id: &str) -> Result<RevisionRow> {
    tx.revision(id, None)
        .await?
        .ok_or_else(|| StoreError::NotFound { id: id.to_owned() })
}

/// The audit chain of one assessment while a transaction writes to it.
struct Chain {
    id: String,
    actor: String,
    seq: u64,
    head: String,
    appended: bool,
    key: AuditKey,
}

impl Chain {
    /// Locks the assessment and reads its chain head.
    ///
    /// A head that is not the key's signature of itself is not extended
    /// (signing on top of it would vouch for whatever was changed before),
    /// except the head of a chain not begun yet.
    async fn lock<T: Tx>(tx: &mut T, id: &str, actor: &Actor, key: &AuditKey) -> Result<Chain> {
        let head = tx
            .lock_head(id)
            .await?
            .ok_or_else(|| StoreError::NotFound { id: id.to_owned() })?;
        let unbegun = head.audit_seq == 0 && head.audit_head == audit::GENESIS;
        if !unbegun && let Some(problem) = audit::head_problem(id, &head, key) {
            return Err(StoreError::LogNotSigned {
                id: id.to_owned(),
                problem,
            });
        }
        let Head {
            audit_seq,
            audit_head,
            ..
        } = head;
        Ok(Chain {
            id: id.to_owned(),
            actor: actor.as_str().to_owned(),
            seq: audit_seq,
            head: audit_head,
            appended: false,
            key: key.clone(),
        })
    }

    /// Appends one entry.
    #[allow(clippy::too_many_arguments)]
    async fn record<T: Tx>(
        &mut self,
        tx: &mut T,
        rev: &RevisionRow,
        at: DateTime<Utc>,
        entity: &str,
        entity_key: &str,
        old_value: Option<String>,
        new_value: Option<String>,
    ) -> Result<()> {
        let mut entry = AuditEntry {
            assessment_id: self.id.clone(),
            chain_seq: self.seq + 1,
            at,
            actor: self.actor.clone(),
            revision: rev.revision,
            entity: entity.to_owned(),
            entity_key: entity_key.to_owned(),
            old_value,
            new_value,
            prev_hash: self.head.clone(),
            hash: String::new(),
            mac: None,
        };
        entry.hash = audit::entry_hash(&entry);
        entry.mac = Some(self.key.sign_entry(&entry.hash));
        tx.append_audit(&entry).await?;
        self.seq = entry.chain_seq;
        self.head = entry.hash;
        self.appended = true;
        Ok(())
    }

    /// Records the new head and its signature, if anything was appended.
    async fn finish<T: Tx>(&self, tx: &mut T) -> Result<()> {
        if self.appended {
            let mac = self.key.sign_head(&self.id, self.seq, &self.head);
            tx.set_head(&self.id, self.seq, &self.head, &self.key.id(), &mac)
                .await?;
        }
        Ok(())
    }

    fn saved(&self, rev: &RevisionRow) -> Saved {
        Saved {
            id: self.id.clone(),
            revision: rev.revision,
            audit_seq: self.seq,
        }
    }
}

fn decode_evidence(evidence: &bundle::Evidence) -> Result<Vec<u8>> {
    evidence.decode_content().map_err(|problem| {
        ImportError::Bundle(bundle::BundleError::EvidenceEncoding {
            file_name: evidence.file_name.clone(),
            problem,
        })
        .into()
    })
}

/// The file name rule of an import ([`bundle::check_file_name`]), for an upload too.
fn check_file_name(name: &str) -> Result<()> {
    bundle::check_file_name(name).map_err(|problem| {
        InvalidInput::EvidenceName {
            file_name: name.to_owned(),
            problem,
        }
        .into()
    })
}

fn parse_question(text: &str) -> Result<QuestionId> {
    QuestionId::parse(text).map_err(|_| corrupt("question"))
}

/// JSON text of a value; plain data with string keys cannot fail to serialise.
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, column: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt {
        what: format!("{column}: {e}"),
    })
}

fn corrupt(column: &str) -> StoreError {
    StoreError::Corrupt {
        what: format!("{column} is out of range"),
    }
}
