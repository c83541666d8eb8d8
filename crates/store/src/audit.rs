//! The audit chain: how an entry is hashed and how a chain is verified.
//!
//! Invariant: `hash` = SHA-256 (lowercase hex) of the canonical JSON array
//! `[assessment_id, chain_seq, at, actor, revision, entity, entity_key,
//! old_value, new_value, prev_hash]`, with `at` as
//! `YYYY-MM-DDTHH:MM:SS.ffffffZ`; both backends store exactly these values, so
//! a chain written by one verifies the same way from either.
//!
//! Signatures ([`check_signatures`]): each entry's `mac` is the audit key's
//! HMAC of its hash, and the assessment's recorded head carries the key's
//! HMAC of (assessment, entry number, head hash) and the key's public id.
//! Entries without a `mac` are allowed only as a prefix (written before the
//! log was signed; the head signed when the store was upgraded vouches for
//! them).

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use std::path::Path;

use crate::audit_key::AuditKey;
use crate::backend::Head;
use crate::model::{AuditEntry, LogProblem, LogVerdict, Signatures};

/// The `prev_hash` of an assessment's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The text form of a timestamp in the chain (and in SQLite).
pub(crate) fn timestamp(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The hash of an entry (its own `hash` field is not read).
pub fn entry_hash(entry: &AuditEntry) -> String {
    let canonical = serde_json::json!([
        entry.assessment_id,
        entry.chain_seq,
        timestamp(&entry.at),
        entry.actor,
        entry.revision,
        entry.entity,
        entry.entity_key,
        entry.old_value,
        entry.new_value,
        entry.prev_hash,
    ]);
    hex_sha256(canonical.to_string().as_bytes())
}

/// SHA-256 as lowercase hex.
pub fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest {
        out.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(byte & 15)]));
    }
    out
}

/// Checks a chain (entries in `chain_seq` order) against the head recorded
/// with the assessment: numbering, links, hashes and truncation.
pub fn verify(entries: &[AuditEntry], recorded_seq: u64, recorded_head: &str) -> LogVerdict {
    let mut problems = Vec::new();
    let mut previous_seq = 0;
    let mut previous_hash = GENESIS.to_owned();
    for entry in entries {
        if entry.chain_seq != previous_seq + 1 {
            problems.push(LogProblem::Gap {
                previous: previous_seq,
                found: entry.chain_seq,
            });
        }
        if entry.prev_hash != previous_hash {
            problems.push(LogProblem::BrokenLink {
                chain_seq: entry.chain_seq,
            });
        }
        if entry_hash(entry) != entry.hash {
            problems.push(LogProblem::Altered {
                chain_seq: entry.chain_seq,
            });
        }
        previous_seq = entry.chain_seq;
        previous_hash = entry.hash.clone();
    }
    if previous_seq != recorded_seq || previous_hash != recorded_head {
        problems.push(LogProblem::Truncated {
            last: previous_seq,
            recorded: recorded_seq,
        });
    }
    LogVerdict {
        entries: entries.len() as u64,
        head: previous_hash,
        // Not checked here: `check_signatures` says what the key found.
        signatures: Signatures::NoKey {
            path: Default::default(),
        },
        unsigned: 0,
        problems,
    }
}

/// What is wrong with the recorded head's signature, if anything: missing,
/// made with another key, or not the key's signature of this head.
pub(crate) fn head_problem(id: &str, head: &Head, key: &AuditKey) -> Option<LogProblem> {
    let recorded = head.audit_seq;
    match (&head.key_id, &head.head_mac) {
        (_, None) => Some(LogProblem::HeadNotSigned { recorded }),
        (Some(found), Some(_)) if *found != key.id() => Some(LogProblem::OtherKey {
            found: found.clone(),
            ours: key.id(),
        }),
        (None, Some(_)) => Some(LogProblem::HeadForged { recorded }),
        (Some(_), Some(mac)) => (key.sign_head(id, recorded, &head.audit_head) != *mac)
            .then_some(LogProblem::HeadForged { recorded }),
    }
}

/// What checking the signatures found: whether they could be checked, how
/// many entries precede signing, and every bad or missing signature.
pub(crate) struct SignatureCheck {
    pub signatures: Signatures,
    pub unsigned: u64,
    pub problems: Vec<LogProblem>,
}

/// Checks the entries' and the recorded head's signatures with `key`, or,
/// without a key (`Err(path looked at)`), only that unsigned entries form a
/// prefix.
pub(crate) fn check_signatures(
    id: &str,
    entries: &[AuditEntry],
    head: &Head,
    key: Result<&AuditKey, &Path>,
) -> SignatureCheck {
    let unsigned = entries.iter().take_while(|e| e.mac.is_none()).count();
    let mut problems: Vec<LogProblem> = entries[unsigned..]
        .iter()
        .filter(|e| e.mac.is_none())
        .map(|e| LogProblem::EntryNotSigned {
            chain_seq: e.chain_seq,
        })
        .collect();
    let key = match key {
        Ok(key) => key,
        Err(path) => {
            return SignatureCheck {
                signatures: Signatures::NoKey {
                    path: path.to_owned(),
                },
                unsigned: unsigned as u64,
                problems,
            };
        }
    };
    let ours = key.id();
    let head_problem = head_problem(id, head, key);
    let same_key = !matches!(head_problem, Some(LogProblem::OtherKey { .. }));
    problems.extend(head_problem);
    if same_key {
        for entry in entries {
            if let Some(mac) = &entry.mac
                && key.sign_entry(&entry.hash) != *mac
            {
                problems.push(LogProblem::EntryForged {
                    chain_seq: entry.chain_seq,
                });
            }
        }
    }
    SignatureCheck {
        signatures: Signatures::Checked { key_id: ours },
        unsigned: unsigned as u64,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::now;

    fn chain(n: u64) -> Vec<AuditEntry> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|chain_seq| {
                let mut entry = AuditEntry {
                    assessment_id: "a1".into(),
                    chain_seq,
                    at: now(),
                    actor: "Ann".into(),
                    revision: 1,
                    entity: "answer".into(),
                    entity_key: "GOV-01".into(),
                    old_value: None,
                    new_value: Some(format!("{{\"level\":{}}}", chain_seq % 5)),
                    prev_hash: prev.clone(),
                    hash: String::new(),
                    mac: None,
                };
                entry.hash = entry_hash(&entry);
                prev = entry.hash.clone();
                entry
            })
            .collect()
    }

    fn check(entries: &[AuditEntry], recorded: u64) -> Vec<LogProblem> {
        let head = entries
            .iter()
            .find(|e| e.chain_seq == recorded)
            .map_or(GENESIS.to_owned(), |e| e.hash.clone());
        verify(entries, recorded, &head).problems
    }

    #[test]
    fn intact_chain_verifies() {
        assert_eq!(check(&chain(5), 5), []);
        assert_eq!(check(&[], 0), []);
    }

    #[test]
    fn altered_value_is_found() {
        let mut entries = chain(3);
        entries[1].new_value = Some("{\"level\":4}".into());
        assert_eq!(check(&entries, 3), [LogProblem::Altered { chain_seq: 2 }]);
    }

    #[test]
    fn removed_entry_breaks_numbering_and_link() {
        let mut entries = chain(3);
        entries.remove(1);
        assert_eq!(
            check(&entries, 3),
            [
                LogProblem::Gap {
                    previous: 1,
                    found: 3
                },
                LogProblem::BrokenLink { chain_seq: 3 }
            ]
        );
    }

    #[test]
    fn removed_tail_is_found_from_the_recorded_head() {
        let entries = chain(3);
        let head = entries[2].hash.clone();
        let verdict = verify(&entries[..2], 3, &head);
        assert_eq!(
            verdict.problems,
            [LogProblem::Truncated {
                last: 2,
                recorded: 3
            }]
        );
    }
}
