//! Writing the audit log: the chain of one assessment while a transaction
//! appends to it (each entry hashed on the one before and signed, the new
//! head recorded and signed at the end), and the one-time signing of heads
//! recorded before the log was signed.

use chrono::{DateTime, Utc};

use crate::audit;
use crate::audit_key::AuditKey;
use crate::backend::{Backend, Head, RevisionRow, Tx};
use crate::error::{Result, StoreError};
use crate::model::{Actor, AuditEntry, Saved};

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

/// The audit chain of one assessment while a transaction writes to it.
pub(super) struct Chain {
    pub(super) id: String,
    pub(super) actor: String,
    pub(super) seq: u64,
    pub(super) head: String,
    pub(super) appended: bool,
    pub(super) key: AuditKey,
}

impl Chain {
    /// Locks the assessment and reads its chain head.
    ///
    /// A head that is not the key's signature of itself is not extended
    /// (signing on top of it would vouch for whatever was changed before),
    /// except the head of a chain not begun yet.
    pub(super) async fn lock<T: Tx>(
        tx: &mut T,
        id: &str,
        actor: &Actor,
        key: &AuditKey,
    ) -> Result<Chain> {
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
    pub(super) async fn record<T: Tx>(
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
    pub(super) async fn finish<T: Tx>(&self, tx: &mut T) -> Result<()> {
        if self.appended {
            let mac = self.key.sign_head(&self.id, self.seq, &self.head);
            tx.set_head(&self.id, self.seq, &self.head, &self.key.id(), &mac)
                .await?;
        }
        Ok(())
    }

    pub(super) fn saved(&self, rev: &RevisionRow) -> Saved {
        Saved {
            id: self.id.clone(),
            revision: rev.revision,
            audit_seq: self.seq,
        }
    }
}
