//! Checking the stored rows against the log: the log is replayed to the last
//! value it records for each thing (an answer, a note, a follow-up flag, an
//! evidence file, the registers, the narrative, the saved exposure
//! assumptions, a roadmap plan entry, the status, the details) in
//! each revision, and every stored value that differs is a change made
//! outside Ironbridge.
//!
//! The first entry of a chain (`assessment` or `import`) carries a
//! [`Snapshot`] of what was stored then, as digests; a `revision` entry copies
//! its revision's state into the new one, as the store copies the rows. A
//! chain written before snapshots were recorded starts from an unknown state:
//! only what later entries set is checked.
//!
//! Invariant: a snapshot is computed from the rows as read back from the
//! database ([`Snapshot::of`]), the same way on writing and on checking, so
//! an untouched revision always matches.

use std::collections::{BTreeMap, BTreeSet};

use ironbridge_core::assessment::{PlanItem, Registers, SavedAssumptions, Status};
use ironbridge_core::narrative::NarrativeEdits;
use serde::{Deserialize, Serialize};

use crate::audit::hex_sha256;
use crate::backend::{Content, Head, RevisionRow, Tx, enum_text};
use crate::error::Result;
use crate::model::{AuditEntry, LogProblem};
use crate::ops::{registers_from, to_json};

/// What one revision holds, as digests (SHA-256, lowercase hex).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Snapshot {
    /// Question → digest of the response JSON.
    pub answers: BTreeMap<String, String>,
    /// Question → digest of the note.
    pub notes: BTreeMap<String, String>,
    /// Questions flagged for follow-up.
    pub follow_ups: BTreeSet<String>,
    /// File name → the content's SHA-256.
    pub evidence: BTreeMap<String, String>,
    /// Digest of the registers (as JSON).
    pub registers: String,
    /// Digest of the narrative edits (as JSON).
    pub narrative: String,
    /// Digest of the saved exposure assumptions (as JSON); absent from the
    /// snapshots of chains begun before they were saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumptions: Option<String>,
    /// Question → digest of its roadmap plan entry (as JSON); absent when
    /// the plan is empty, as it was in every chain begun before plans were
    /// saved, so an absent map means no entry.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub plan: BTreeMap<String, String>,
    /// `draft`, `in_review` or `final`.
    pub status: String,
    /// Digest of what no operation changes: title, assessor, dates,
    /// targets, the organisation's profile, participants.
    pub details: String,
}

impl Snapshot {
    /// The snapshot of a revision as stored.
    pub fn of(rev: &RevisionRow, content: &Content) -> Snapshot {
        let details = serde_json::json!([
            rev.title,
            rev.bank_id,
            rev.bank_version,
            enum_text(&rev.mode),
            rev.assessor,
            rev.started_on,
            rev.target_profile,
            rev.target_overrides,
            rev.organisation,
            rev.sector,
            rev.employees,
            rev.annual_revenue,
            rev.currency,
            rev.operating_days_per_year,
            rev.annual_operating_profit,
            rev.cash_available,
            rev.sites,
            content.participants,
        ]);
        let registers = match registers_from(content) {
            Ok(registers) => registers_digest(&to_json(&registers)),
            Err(_) => "unreadable".to_owned(),
        };
        Snapshot {
            answers: digests(&content.answers),
            notes: digests(&content.notes),
            follow_ups: content.follow_ups.iter().cloned().collect(),
            evidence: content
                .evidence
                .iter()
                .map(|e| (e.file_name.clone(), e.sha256.clone()))
                .collect(),
            registers,
            narrative: narrative_digest(&rev.narrative),
            assumptions: Some(assumptions_digest(&rev.exposure_assumptions)),
            plan: plan_digests(&rev.roadmap_plan),
            status: enum_text(&rev.status),
            details: hex_sha256(details.to_string().as_bytes()),
        }
    }
}

fn digests(rows: &[(String, String)]) -> BTreeMap<String, String> {
    rows.iter()
        .map(|(key, value)| (key.clone(), hex_sha256(value.as_bytes())))
        .collect()
}

/// The digest of registers JSON, after a round trip through the type, so
/// that the same registers give the same digest however they were written.
fn registers_digest(json: &str) -> String {
    match serde_json::from_str::<Registers>(json) {
        Ok(registers) => hex_sha256(to_json(&registers).as_bytes()),
        Err(_) => hex_sha256(json.as_bytes()),
    }
}

fn narrative_digest(json: &str) -> String {
    match serde_json::from_str::<NarrativeEdits>(json) {
        Ok(narrative) => hex_sha256(to_json(&narrative).as_bytes()),
        Err(_) => hex_sha256(json.as_bytes()),
    }
}

fn assumptions_digest(json: &str) -> String {
    match serde_json::from_str::<SavedAssumptions>(json) {
        Ok(saved) => hex_sha256(to_json(&saved).as_bytes()),
        Err(_) => hex_sha256(json.as_bytes()),
    }
}

/// Question → digest of each entry of a stored plan; an unreadable plan
/// gives one entry, under no question, that no log value matches.
fn plan_digests(json: &str) -> BTreeMap<String, String> {
    match serde_json::from_str::<BTreeMap<String, PlanItem>>(json) {
        Ok(plan) => plan
            .iter()
            .map(|(question, item)| (question.clone(), hex_sha256(to_json(item).as_bytes())))
            .collect(),
        Err(_) => BTreeMap::from([(String::new(), hex_sha256(json.as_bytes()))]),
    }
}

/// The digest of one plan entry as the log records it (JSON), after a round
/// trip through the type.
fn plan_item_digest(json: &str) -> String {
    match serde_json::from_str::<PlanItem>(json) {
        Ok(item) => hex_sha256(to_json(&item).as_bytes()),
        Err(_) => hex_sha256(json.as_bytes()),
    }
}

/// What the log says one revision holds. `complete` when the chain began
/// with a snapshot: then a key the log never set is known to be absent.
#[derive(Clone, Debug, Default)]
struct Known {
    complete: bool,
    answers: BTreeMap<String, Option<String>>,
    notes: BTreeMap<String, Option<String>>,
    follow_ups: BTreeMap<String, bool>,
    evidence: BTreeMap<String, Option<String>>,
    registers: Option<String>,
    narrative: Option<String>,
    assumptions: Option<String>,
    plan: BTreeMap<String, Option<String>>,
    status: Option<String>,
    details: Option<String>,
}

impl Known {
    fn from_snapshot(s: Snapshot) -> Known {
        let some = |m: BTreeMap<String, String>| m.into_iter().map(|(k, v)| (k, Some(v))).collect();
        Known {
            complete: true,
            answers: some(s.answers),
            notes: some(s.notes),
            follow_ups: s.follow_ups.into_iter().map(|q| (q, true)).collect(),
            evidence: some(s.evidence),
            registers: Some(s.registers),
            narrative: Some(s.narrative),
            assumptions: s.assumptions,
            plan: some(s.plan),
            status: Some(s.status),
            details: Some(s.details),
        }
    }
}

/// The log replayed: what each revision it mentions should hold.
#[derive(Debug, Default)]
pub(crate) struct Replay {
    revisions: BTreeMap<u32, Known>,
    /// The audit summary the import entry recorded, if the chain began with one.
    baseline: Option<serde_json::Value>,
}

impl Replay {
    /// Replays a chain, oldest entry first.
    pub fn of(entries: &[AuditEntry]) -> Replay {
        let mut replay = Replay::default();
        for entry in entries {
            replay.apply(entry);
        }
        replay
    }

    /// The revisions the log mentions.
    pub fn revisions(&self) -> impl Iterator<Item = u32> + '_ {
        self.revisions.keys().copied()
    }

    fn apply(&mut self, entry: &AuditEntry) {
        let new = entry.new_value.as_deref();
        let value = || new.and_then(|v| serde_json::from_str::<serde_json::Value>(v).ok());
        if matches!(entry.entity.as_str(), "assessment" | "import") {
            let value = value().unwrap_or_default();
            if entry.entity == "import" {
                self.baseline = value.get("audit").cloned();
            }
            let known = value
                .get("content")
                .and_then(|c| serde_json::from_value::<Snapshot>(c.clone()).ok())
                .map(Known::from_snapshot)
                .unwrap_or_default();
            self.revisions.insert(entry.revision, known);
            return;
        }
        if entry.entity == "revision" {
            let from = entry.old_value.as_deref().and_then(|v| v.parse().ok());
            let mut known = from
                .and_then(|from: u32| self.revisions.get(&from).cloned())
                .unwrap_or_default();
            known.status = Some(enum_text(&Status::Draft));
            self.revisions.insert(entry.revision, known);
            return;
        }
        let known = self.revisions.entry(entry.revision).or_default();
        let key = entry.entity_key.clone();
        match entry.entity.as_str() {
            "answer" => {
                known
                    .answers
                    .insert(key, new.map(|v| hex_sha256(v.as_bytes())));
            }
            "note" => {
                let text = |v: &str| serde_json::from_str::<String>(v).unwrap_or_else(|_| v.into());
                known
                    .notes
                    .insert(key, new.map(|v| hex_sha256(text(v).as_bytes())));
            }
            "follow_up" => {
                known.follow_ups.insert(key, new == Some("true"));
            }
            "evidence" => {
                let sha = value().and_then(|v| v.get("sha256")?.as_str().map(str::to_owned));
                known.evidence.insert(key, sha.or(Some(String::new())));
            }
            "registers" => known.registers = Some(registers_digest(new.unwrap_or_default())),
            "narrative" => known.narrative = Some(narrative_digest(new.unwrap_or_default())),
            "assumptions" => {
                known.assumptions = Some(assumptions_digest(new.unwrap_or_default()));
            }
            "plan" => {
                known.plan.insert(key, new.map(plan_item_digest));
            }
            "status" => {
                known.status = value().and_then(|v| v.as_str().map(str::to_owned));
            }
            // Entities of later versions: nothing known to compare.
            _ => {}
        }
    }

    /// Every difference between what the log says revision `revision`
    /// holds and what is stored (`stored`).
    pub fn compare(&self, revision: u32, stored: &Snapshot) -> Vec<LogProblem> {
        let Some(known) = self.revisions.get(&revision) else {
            return Vec::new();
        };
        let mut problems = Vec::new();
        let mut differ = |entity: &str, key: &str| {
            problems.push(LogProblem::ChangedOutsideLog {
                revision,
                entity: entity.to_owned(),
                key: key.to_owned(),
            });
        };
        let scalar = |expected: &Option<String>, found: &str| {
            expected.as_deref().is_some_and(|e| e != found)
        };
        if scalar(&known.details, &stored.details) {
            differ("details", "");
        }
        if scalar(&known.status, &stored.status) {
            differ("status", "");
        }
        for (entity, log, rows) in [
            ("answer", &known.answers, &stored.answers),
            ("note", &known.notes, &stored.notes),
            ("evidence", &known.evidence, &stored.evidence),
            ("plan", &known.plan, &stored.plan),
        ] {
            let keys: BTreeSet<&String> = log.keys().chain(rows.keys()).collect();
            for key in keys {
                let expected = match log.get(key) {
                    Some(value) => value.as_ref(),
                    None if known.complete => None,
                    None => continue,
                };
                if expected != rows.get(key) {
                    differ(entity, key);
                }
            }
        }
        let flagged: BTreeSet<&String> =
            known.follow_ups.keys().chain(&stored.follow_ups).collect();
        for question in flagged {
            let expected = match known.follow_ups.get(question) {
                Some(raised) => *raised,
                None if known.complete => false,
                None => continue,
            };
            if expected != stored.follow_ups.contains(question) {
                differ("follow_up", question);
            }
        }
        if scalar(&known.registers, &stored.registers) {
            differ("registers", "");
        }
        if scalar(&known.narrative, &stored.narrative) {
            differ("narrative", "");
        }
        if let Some(found) = &stored.assumptions
            && scalar(&known.assumptions, found)
        {
            differ("assumptions", "");
        }
        problems
    }

    /// Whether the stored audit summary of an import is the one the log
    /// recorded (`true` when neither exists).
    pub fn baseline_matches(&self, stored: Option<&str>) -> bool {
        let stored = stored.and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
        self.baseline == stored
    }
}

/// Replays the log and compares it with every stored revision: revisions
/// deleted or added, and every row changed without an entry.
pub(crate) async fn check_rows<T: Tx>(
    tx: &mut T,
    id: &str,
    head: &Head,
    entries: &[AuditEntry],
) -> Result<Vec<LogProblem>> {
    let replay = Replay::of(entries);
    let stored: BTreeSet<u32> = tx.revision_numbers(id).await?.into_iter().collect();
    let logged: BTreeSet<u32> = replay.revisions().collect();
    let mut problems = Vec::new();
    for &revision in logged.difference(&stored) {
        problems.push(LogProblem::RevisionMissing { revision });
    }
    for &revision in stored.difference(&logged) {
        problems.push(LogProblem::RevisionNotLogged { revision });
    }
    if !replay.baseline_matches(head.baseline.as_deref()) {
        problems.push(LogProblem::ChangedOutsideLog {
            revision: logged.first().copied().unwrap_or(1),
            entity: "audit_baseline".to_owned(),
            key: String::new(),
        });
    }
    for &revision in logged.intersection(&stored) {
        let Some(rev) = tx.revision(id, Some(revision)).await? else {
            continue;
        };
        let content = tx.content(rev.key, false).await?;
        problems.extend(replay.compare(revision, &Snapshot::of(&rev, &content)));
    }
    Ok(problems)
}
