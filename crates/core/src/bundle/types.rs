//! The types of the bundle file, field for field (version 3).
//!
//! Version 2 added two fields to version 1: `content_sha256` at the top level
//! (the digest of the canonical content, [`super::digest`]) and
//! `audit.earlier` (what earlier databases' logs said). Version 3 added
//! `exposure_assumptions` (the assumptions saved with the assessment),
//! written only when some are saved, so a version 2 bundle's content
//! serialises as it did and its digest can still be checked. A version 1 or
//! 2 file reads into these types unchanged (the new fields are optional) and
//! is then upgraded. `plan` (the roadmap plan) was added to version 3
//! without a version step, because it is written only when an entry is set:
//! every bundle without a plan is byte for byte what it was, and a build
//! older than the field refuses a bundle that carries one, naming `plan`.
//!
//! Invariant: every struct rejects unknown fields, so a file that does not
//! match these types exactly is refused with the path of the odd field; the
//! types change only with a new version (and an upgrader to it).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::assessment::{
    AnswerRecord, Assessment, BankRef, Mode, Organisation, Person, PlanItem, Registers, Response,
    SavedAssumptions, Status,
};
use crate::ids::{AssessmentId, QuestionId};
use crate::level::Level;
use crate::narrative::NarrativeEdits;

/// One assessment with everything needed to carry it to another machine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always [`super::FORMAT`].
    pub format: String,
    /// [`super::VERSION`] once read (the file may hold an older version).
    pub version: u32,
    /// When the bundle was written; absent in a bundle upgraded from an assessment file.
    #[serde(default, deserialize_with = "super::strict_time::option")]
    pub exported_at: Option<DateTime<Utc>>,
    /// The question bank the answers refer to.
    pub bank: BankRef,
    /// Who, when and how: everything about the assessment except its answers.
    pub assessment: Header,
    /// The organisation profile.
    pub profile: Organisation,
    /// The responses given, one per question at most.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// Notes taken, one per question at most.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Questions flagged for follow-up.
    #[serde(default)]
    pub follow_ups: Vec<QuestionId>,
    /// Critical systems and providers.
    #[serde(default)]
    pub registers: Registers,
    /// Evidence files, content included.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The consultant's edits to the report's narrative.
    #[serde(default)]
    pub narrative: NarrativeEdits,
    /// The exposure assumptions saved with the assessment (version 3;
    /// absent when none are saved, and in every older version).
    #[serde(default, skip_serializing_if = "SavedAssumptions::is_empty")]
    pub exposure_assumptions: SavedAssumptions,
    /// The roadmap plan, by question (absent when no entry is set, so a
    /// bundle without one serialises, and digests, as before).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub plan: BTreeMap<QuestionId, PlanItem>,
    /// A summary of the audit log where the bundle was made.
    pub audit: AuditSummary,
    /// SHA-256 of the canonical content, 64 lowercase hex digits
    /// ([`super::digest`]); required in version 2, absent before (`None`
    /// here means the file carried none, so its content was not checked).
    #[serde(default)]
    pub content_sha256: Option<String>,
}

/// The assessment's own fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// The assessment's stable id.
    pub id: AssessmentId,
    /// The revision exported (1 for the first).
    pub revision: u32,
    /// Its title.
    pub title: String,
    /// Who leads it.
    pub assessor: Person,
    /// Who took part.
    #[serde(default)]
    pub participants: Vec<Person>,
    /// Workshop or self-assessment.
    pub mode: Mode,
    /// Draft, in review or final.
    pub status: Status,
    /// When it started.
    pub started_on: NaiveDate,
    /// When it was completed, once it is.
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    /// The target profile id.
    pub target_profile: String,
    /// Targets changed from the profile's.
    #[serde(default)]
    pub target_overrides: BTreeMap<QuestionId, Level>,
}

/// A response to one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The question.
    pub question: QuestionId,
    /// The response.
    pub response: Response,
}

/// A note on one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The question.
    pub question: QuestionId,
    /// The note, never empty.
    pub text: String,
}

/// An evidence file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Its file name, unique within the bundle.
    pub file_name: String,
    /// Its media type (`application/pdf`).
    pub media_type: String,
    /// The question it supports, if one.
    #[serde(default)]
    pub question: Option<QuestionId>,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// Size of the content in bytes.
    pub size: u64,
    /// The content, standard base64 with padding.
    pub content: String,
}

/// What the audit log says about the assessment, in brief.
///
/// The counts are those of the log of the database that wrote the bundle,
/// computed there from its own entries; what bundles imported on the way
/// said about the logs before it is in `earlier`, as received.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditSummary {
    /// Number of recorded changes.
    pub changes: u64,
    /// Everyone who made a change, sorted.
    #[serde(default)]
    pub actors: Vec<String>,
    /// The first change.
    #[serde(default, deserialize_with = "super::strict_time::option")]
    pub first_change_at: Option<DateTime<Utc>>,
    /// The last change.
    #[serde(default, deserialize_with = "super::strict_time::option")]
    pub last_change_at: Option<DateTime<Utc>>,
    /// Where the writing database's log of this assessment ended when the
    /// bundle was exported (version 2; `None` in a bundle upgraded from
    /// version 1, or written before bundles carried it).
    #[serde(default)]
    pub head: Option<LogHead>,
    /// What the audit summaries of the bundles this assessment was imported
    /// from said, oldest first: statements checked for sanity on import but
    /// not verifiable here (version 2; empty in version 1).
    #[serde(default)]
    pub earlier: Vec<EarlierLog>,
}

/// What an imported bundle said about the log where it was made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarlierLog {
    /// When that bundle was exported, if it said.
    #[serde(default)]
    pub exported_at: Option<DateTime<Utc>>,
    /// Number of changes it reported.
    pub changes: u64,
    /// Who it said made them, sorted.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Its first change.
    #[serde(default)]
    pub first_change_at: Option<DateTime<Utc>>,
    /// Its last change.
    #[serde(default)]
    pub last_change_at: Option<DateTime<Utc>>,
    /// Where that log ended when that bundle was exported, if it said.
    #[serde(default)]
    pub head: Option<LogHead>,
}

/// The head of an audit log: its last entry, which by the hash chain
/// stands for every entry before it. A recipient who is later shown the
/// log can check that it reaches this head, and so that the bundle was
/// exported from that log at that point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogHead {
    /// The number of the last entry (the first is 1).
    pub chain_seq: u64,
    /// The hash of the last entry: 64 lowercase hex digits.
    pub hash: String,
    /// The public id of the audit key that signed the head, 16 lowercase
    /// hex digits, if it was signed (not the key: it cannot sign anything).
    #[serde(default)]
    pub key_id: Option<String>,
}

impl Bundle {
    /// The assessment as the core type, for checking against a bank and scoring.
    pub fn to_assessment(&self) -> Assessment {
        let header = &self.assessment;
        let mut by_question: BTreeMap<QuestionId, AnswerRecord> = BTreeMap::new();
        for answer in &self.answers {
            by_question
                .entry(answer.question.clone())
                .or_insert_with(|| empty_record(&answer.question))
                .response = Some(answer.response.clone());
        }
        for note in &self.notes {
            by_question
                .entry(note.question.clone())
                .or_insert_with(|| empty_record(&note.question))
                .note = note.text.clone();
        }
        for question in &self.follow_ups {
            by_question
                .entry(question.clone())
                .or_insert_with(|| empty_record(question))
                .follow_up = true;
        }
        Assessment {
            format: crate::assessment::FORMAT.to_owned(),
            version: crate::assessment::VERSION,
            id: header.id.clone(),
            title: header.title.clone(),
            bank: self.bank.clone(),
            organisation: self.profile.clone(),
            assessor: header.assessor.clone(),
            participants: header.participants.clone(),
            mode: header.mode,
            status: header.status,
            started_on: header.started_on,
            completed_on: header.completed_on,
            target_profile: header.target_profile.clone(),
            target_overrides: header.target_overrides.clone(),
            answers: by_question.into_values().collect(),
            registers: self.registers.clone(),
            narrative: self.narrative.clone(),
            exposure_assumptions: self.exposure_assumptions.clone(),
            plan: self.plan.clone(),
        }
    }

    /// A bundle of an assessment without evidence or audit history.
    pub fn from_assessment(assessment: &Assessment) -> Self {
        let mut answers = Vec::new();
        let mut notes = Vec::new();
        let mut follow_ups = Vec::new();
        for record in &assessment.answers {
            if let Some(response) = &record.response {
                answers.push(Answer {
                    question: record.question.clone(),
                    response: response.clone(),
                });
            }
            if !record.note.is_empty() {
                notes.push(Note {
                    question: record.question.clone(),
                    text: record.note.clone(),
                });
            }
            if record.follow_up {
                follow_ups.push(record.question.clone());
            }
        }
        Bundle {
            format: super::FORMAT.to_owned(),
            version: super::VERSION,
            exported_at: None,
            bank: assessment.bank.clone(),
            assessment: Header {
                id: assessment.id.clone(),
                revision: 1,
                title: assessment.title.clone(),
                assessor: assessment.assessor.clone(),
                participants: assessment.participants.clone(),
                mode: assessment.mode,
                status: assessment.status,
                started_on: assessment.started_on,
                completed_on: assessment.completed_on,
                target_profile: assessment.target_profile.clone(),
                target_overrides: assessment.target_overrides.clone(),
            },
            profile: assessment.organisation.clone(),
            answers,
            notes,
            follow_ups,
            registers: assessment.registers.clone(),
            evidence: Vec::new(),
            narrative: assessment.narrative.clone(),
            exposure_assumptions: assessment.exposure_assumptions.clone(),
            plan: assessment.plan.clone(),
            audit: AuditSummary::default(),
            content_sha256: None,
        }
    }
}

fn empty_record(question: &QuestionId) -> AnswerRecord {
    AnswerRecord {
        question: question.clone(),
        response: None,
        note: String::new(),
        follow_up: false,
    }
}
