//! The store's logic, written once over [`Backend`]: what a save, a status
//! change, an import or an export does, which rows change and which audit
//! entries record it.
//!
//! Invariants: every change and its audit entries commit in one transaction
//! or not at all; a change to a final revision first makes a new draft
//! revision (copying every row) and changes that; a save that changes
//! nothing writes nothing.

mod bundle;
mod chain;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use ironbridge_core::QuestionId;
use ironbridge_core::assessment::{
    AnswerRecord, Assessment, CriticalSystem, PlanItem, Provider, Registers, SavedAssumptions,
    Status,
};
use ironbridge_core::bundle::{Bundle, check_media_type};
use ironbridge_core::narrative::NarrativeEdits;

use self::bundle::{decode_evidence, imported_baseline, insert_bundle, read_bundle};
use self::chain::Chain;
pub(crate) use self::chain::sign_unsigned_heads;
use crate::audit::{self, hex_sha256};
use crate::audit_replay::check_rows;
use crate::backend::{
    AnswerState, Backend, Content, EvidenceRow, Register, RegisterRow, RevisionRow, Tx,
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

    async fn save_assumptions(
        &self,
        actor: &Actor,
        id: &str,
        assumptions: &SavedAssumptions,
    ) -> Result<Saved> {
        let key = self.audit_key().load_or_create()?.clone();
        let mut tx = self.begin_write().await?;
        let mut chain = Chain::lock(&mut tx, id, actor, &key).await?;
        let mut rev = latest(&mut tx, id).await?;
        let old: SavedAssumptions = from_json(&rev.exposure_assumptions, "exposure_assumptions")?;
        if &old == assumptions {
            return Ok(chain.saved(&rev));
        }
        let at = now();
        if rev.status == Status::Final {
            rev = new_revision(&mut tx, &mut chain, &rev, at).await?;
        }
        let new = to_json(assumptions);
        tx.set_assumptions(rev.key, &new, at).await?;
        chain
            .record(
                &mut tx,
                &rev,
                at,
                "assumptions",
                "",
                Some(to_json(&old)),
                Some(new),
            )
            .await?;
        chain.finish(&mut tx).await?;
        let saved = chain.saved(&rev);
        tx.commit().await?;
        Ok(saved)
    }

    async fn save_plan_item(
        &self,
        actor: &Actor,
        id: &str,
        question: &QuestionId,
        item: &PlanItem,
    ) -> Result<Saved> {
        let key = self.audit_key().load_or_create()?.clone();
        let mut tx = self.begin_write().await?;
        let mut chain = Chain::lock(&mut tx, id, actor, &key).await?;
        let mut rev = latest(&mut tx, id).await?;
        let mut plan: BTreeMap<QuestionId, PlanItem> =
            from_json(&rev.roadmap_plan, "roadmap_plan")?;
        let old = plan.get(question).map(to_json);
        let new = (!item.is_empty()).then(|| to_json(item));
        if old == new {
            return Ok(chain.saved(&rev));
        }
        match new {
            Some(_) => plan.insert(question.clone(), item.clone()),
            None => plan.remove(question),
        };
        let at = now();
        if rev.status == Status::Final {
            rev = new_revision(&mut tx, &mut chain, &rev, at).await?;
        }
        tx.set_plan(rev.key, &to_json(&plan), at).await?;
        chain
            .record(&mut tx, &rev, at, "plan", question.as_str(), old, new)
            .await?;
        chain.finish(&mut tx).await?;
        let saved = chain.saved(&rev);
        tx.commit().await?;
        Ok(saved)
    }

    async fn add_evidence(&self, actor: &Actor, id: &str, evidence: NewEvidence) -> Result<Saved> {
        check_file_name(&evidence.file_name)?;
        check_media_type(&evidence.media_type).map_err(|problem| {
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

/// The file name rule of an import ([`ironbridge_core::bundle::check_file_name`]), for an upload too.
fn check_file_name(name: &str) -> Result<()> {
    ironbridge_core::bundle::check_file_name(name).map_err(|problem| {
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
