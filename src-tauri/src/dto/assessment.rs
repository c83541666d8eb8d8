//! An assessment as the UI edits it: its details (organisation, people,
//! mode), its answers, the home screen's summary of it, and the confirmation
//! of a write.
//!
//! Invariant: what comes back from the UI is checked on the way in: an answer
//! converts with `TryFrom`, refusing a malformed question id or a level above
//! 4 with its own error code, never a default.

use ironbridge_core::assessment::{
    AnswerRecord, Assessment, Details, Mode, Organisation, Person, Response, Site, Status,
};
use ironbridge_core::{Level, QuestionId};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::registers::RegistersDto;
use crate::error::AppError;

/// An assessment as the UI edits it.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AssessmentDto {
    /// Its stable id.
    pub id: String,
    /// The bank's id.
    pub bank_id: String,
    /// The bank's version.
    pub bank_version: String,
    /// Draft, in review or final.
    pub status: StatusDto,
    /// When it started (`2026-11-02`).
    pub started_on: String,
    /// The editable details.
    pub details: AssessmentDetails,
    /// The answers given.
    pub answers: Vec<AnswerDto>,
    /// The registers of critical systems and providers.
    pub registers: RegistersDto,
}

/// What the new-assessment wizard collects, and what `save_assessment` replaces.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct AssessmentDetails {
    /// Title (`Cyber resilience assessment 2026`).
    pub title: String,
    /// The organisation assessed.
    pub organisation: OrganisationDto,
    /// Who leads the assessment.
    pub assessor: PersonDto,
    /// Who takes part.
    pub participants: Vec<PersonDto>,
    /// Workshop or self-assessment.
    pub mode: ModeDto,
    /// The target profile id.
    pub target_profile: String,
}

/// The organisation profile.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct OrganisationDto {
    /// Its name.
    pub name: String,
    /// Its sector.
    pub sector: String,
    /// Number of employees.
    pub employees: u32,
    /// Annual revenue in `currency`.
    pub annual_revenue: f64,
    /// ISO 4217 code (`GBP`).
    pub currency: String,
    /// Days a year the plants produce.
    pub operating_days_per_year: u16,
    /// Annual operating profit, if known.
    pub annual_operating_profit: Option<f64>,
    /// Cash and undrawn credit available, if known.
    pub cash_available: Option<f64>,
    /// Its sites.
    pub sites: Vec<SiteDto>,
}

/// A site.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct SiteDto {
    /// Name.
    pub name: String,
    /// Town and country.
    pub location: String,
    /// What it does.
    pub activity: String,
}

/// A person taking part.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct PersonDto {
    /// Name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Employer, when not the organisation assessed.
    pub organisation: Option<String>,
}

/// How the assessment is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ModeDto {
    /// A facilitated workshop.
    Workshop,
    /// Filled in by the organisation itself.
    SelfAssessment,
}

/// Where the assessment stands.
#[derive(Clone, Copy, Debug, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum StatusDto {
    /// Being answered.
    Draft,
    /// Being reviewed.
    InReview,
    /// Signed off; frozen.
    Final,
}

/// The answer to one question: response, note and follow-up flag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct AnswerDto {
    /// The question id.
    pub question: String,
    /// The response; `null` while only a note is taken.
    pub response: Option<ResponseDto>,
    /// Free text.
    pub note: String,
    /// Whether it needs following up.
    pub follow_up: bool,
}

/// A response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ResponseDto {
    /// A maturity level, 0–4.
    Level(u8),
    /// An option's value.
    Choice(String),
    /// Yes or no.
    YesNo(bool),
    /// A number.
    Number(f64),
    /// Nobody knows: scored as level 0.
    Unknown,
    /// Does not apply; the text says why.
    NotApplicable(String),
}

/// An assessment in the list on the home screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AssessmentSummary {
    /// Its id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The organisation's name.
    pub organisation: String,
    /// Workshop or self-assessment.
    pub mode: ModeDto,
    /// Draft, in review or final.
    pub status: StatusDto,
    /// Questions with a response.
    pub answered: u32,
    /// Questions in the bank.
    pub total: u32,
    /// When it was last saved (RFC 3339), if known.
    pub saved_at: Option<String>,
    /// The version of the bank it was answered on (`1.0.0`).
    pub bank_version: String,
    /// The version of the app's current bank when it is a newer major
    /// version, so the assessment can be moved onto it; `null` otherwise.
    pub newer_bank: Option<String>,
}

/// The confirmation of a durable write.
#[derive(Clone, Debug, Serialize, Type)]
pub struct Saved {
    /// The assessment written.
    pub assessment_id: String,
    /// The revision the change went into (a new one when the last was final).
    pub revision: u32,
    /// When the store confirmed the commit (RFC 3339, UTC).
    pub saved_at: String,
}

impl Saved {
    /// The store's confirmation, stamped now (it returns after the commit is durable).
    pub fn now(saved: &ironbridge_service::Saved) -> Self {
        Self {
            assessment_id: saved.id.clone(),
            revision: saved.revision,
            saved_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        }
    }
}

impl From<&Assessment> for AssessmentDto {
    fn from(a: &Assessment) -> Self {
        Self {
            id: a.id.to_string(),
            bank_id: a.bank.id.clone(),
            bank_version: a.bank.version.clone(),
            status: a.status.into(),
            started_on: a.started_on.to_string(),
            details: AssessmentDetails::from(a),
            answers: a.answers.iter().map(AnswerDto::from).collect(),
            registers: RegistersDto::from(&a.registers),
        }
    }
}

impl From<&Assessment> for AssessmentDetails {
    fn from(a: &Assessment) -> Self {
        let o = &a.organisation;
        Self {
            title: a.title.clone(),
            organisation: OrganisationDto {
                name: o.name.clone(),
                sector: o.sector.clone(),
                employees: o.employees,
                annual_revenue: o.annual_revenue,
                currency: o.currency.clone(),
                operating_days_per_year: o.operating_days_per_year,
                annual_operating_profit: o.annual_operating_profit,
                cash_available: o.cash_available,
                sites: o
                    .sites
                    .iter()
                    .map(|s| SiteDto {
                        name: s.name.clone(),
                        location: s.location.clone(),
                        activity: s.activity.clone(),
                    })
                    .collect(),
            },
            assessor: (&a.assessor).into(),
            participants: a.participants.iter().map(PersonDto::from).collect(),
            mode: a.mode.into(),
            target_profile: a.target_profile.clone(),
        }
    }
}

impl From<AssessmentDetails> for Details {
    fn from(d: AssessmentDetails) -> Self {
        let o = d.organisation;
        Self {
            title: d.title,
            organisation: Organisation {
                name: o.name,
                sector: o.sector,
                employees: o.employees,
                annual_revenue: o.annual_revenue,
                currency: o.currency,
                operating_days_per_year: o.operating_days_per_year,
                annual_operating_profit: o.annual_operating_profit,
                cash_available: o.cash_available,
                sites: o
                    .sites
                    .into_iter()
                    .map(|s| Site {
                        name: s.name,
                        location: s.location,
                        activity: s.activity,
                    })
                    .collect(),
            },
            assessor: d.assessor.into(),
            participants: d.participants.into_iter().map(Person::from).collect(),
            mode: d.mode.into(),
            target_profile: d.target_profile,
        }
    }
}

impl AssessmentSummary {
    /// A listed assessment, out of `total` questions in the bank it was
    /// answered on; `current` is the bank new assessments are made on.
    pub fn new(
        a: &ironbridge_service::AssessmentSummary,
        total: u32,
        current: &ironbridge_core::Bank,
    ) -> Self {
        let older = a.bank.id == current.id
            && ironbridge_core::Bank::major_of(&a.bank.version)
                .is_some_and(|major| major < current.major());
        Self {
            id: a.id.clone(),
            title: a.title.clone(),
            organisation: a.organisation.clone(),
            mode: a.mode.into(),
            status: a.status.into(),
            answered: u32::try_from(a.n_answers).unwrap_or(u32::MAX),
            total,
            saved_at: Some(a.updated_at.to_rfc3339()),
            bank_version: a.bank.version.clone(),
            newer_bank: older.then(|| current.version.clone()),
        }
    }
}

impl From<&Person> for PersonDto {
    fn from(p: &Person) -> Self {
        Self {
            name: p.name.clone(),
            role: p.role.clone(),
            organisation: p.organisation.clone(),
        }
    }
}

impl From<PersonDto> for Person {
    fn from(p: PersonDto) -> Self {
        Self {
            name: p.name.trim().to_owned(),
            role: p.role.trim().to_owned(),
            organisation: p.organisation.filter(|o| !o.trim().is_empty()),
        }
    }
}

impl From<Mode> for ModeDto {
    fn from(m: Mode) -> Self {
        match m {
            Mode::Workshop => ModeDto::Workshop,
            Mode::SelfAssessment => ModeDto::SelfAssessment,
        }
    }
}

impl From<ModeDto> for Mode {
    fn from(m: ModeDto) -> Self {
        match m {
            ModeDto::Workshop => Mode::Workshop,
            ModeDto::SelfAssessment => Mode::SelfAssessment,
        }
    }
}

impl From<Status> for StatusDto {
    fn from(s: Status) -> Self {
        match s {
            Status::Draft => StatusDto::Draft,
            Status::InReview => StatusDto::InReview,
            Status::Final => StatusDto::Final,
        }
    }
}

impl From<&AnswerRecord> for AnswerDto {
    fn from(r: &AnswerRecord) -> Self {
        Self {
            question: r.question.to_string(),
            response: r.response.as_ref().map(|resp| match resp {
                Response::Level(l) => ResponseDto::Level(l.get()),
                Response::Choice(c) => ResponseDto::Choice(c.clone()),
                Response::YesNo(b) => ResponseDto::YesNo(*b),
                Response::Number(n) => ResponseDto::Number(*n),
                Response::Unknown => ResponseDto::Unknown,
                Response::NotApplicable(why) => ResponseDto::NotApplicable(why.clone()),
            }),
            note: r.note.clone(),
            follow_up: r.follow_up,
        }
    }
}

impl TryFrom<AnswerDto> for AnswerRecord {
    type Error = AppError;

    fn try_from(a: AnswerDto) -> Result<Self, AppError> {
        let question = QuestionId::parse(&a.question).map_err(AppError::BadId)?;
        let response = match a.response {
            None => None,
            Some(ResponseDto::Level(n)) => Some(Response::Level(
                Level::new(n).ok_or(AppError::LevelOutOfRange { level: n })?,
            )),
            Some(ResponseDto::Choice(c)) => Some(Response::Choice(c)),
            Some(ResponseDto::YesNo(b)) => Some(Response::YesNo(b)),
            Some(ResponseDto::Number(n)) => Some(Response::Number(n)),
            Some(ResponseDto::Unknown) => Some(Response::Unknown),
            Some(ResponseDto::NotApplicable(why)) => {
                Some(Response::NotApplicable(why.trim().to_owned()))
            }
        };
        Ok(Self {
            question,
            response,
            note: a.note,
            follow_up: a.follow_up,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(json: &str, expected: ResponseDto) {
        let parsed: ResponseDto = serde_json::from_str(json).unwrap();
        assert_eq!(parsed, expected);
        assert_eq!(serde_json::to_string(&expected).unwrap(), json);
    }

    #[test]
    fn responses_are_tagged_with_kind_and_value() {
        check(r#"{"kind":"level","value":3}"#, ResponseDto::Level(3));
        check(r#"{"kind":"unknown"}"#, ResponseDto::Unknown);
        check(
            r#"{"kind":"not_applicable","value":"no OT on site"}"#,
            ResponseDto::NotApplicable("no OT on site".into()),
        );
        check(
            r#"{"kind":"yes_no","value":true}"#,
            ResponseDto::YesNo(true),
        );
    }

    #[test]
    fn level_above_four_is_refused_with_its_code() {
        let dto = AnswerDto {
            question: "REC-01".into(),
            response: Some(ResponseDto::Level(7)),
            note: String::new(),
            follow_up: false,
        };
        let err = AnswerRecord::try_from(dto).unwrap_err();
        assert_eq!(err.code(), "answer.level_out_of_range");
    }

    #[test]
    fn malformed_question_id_is_refused() {
        let dto = AnswerDto {
            question: "REC1".into(),
            response: None,
            note: String::new(),
            follow_up: false,
        };
        assert_eq!(
            AnswerRecord::try_from(dto).unwrap_err().code(),
            "answer.bad_question_id"
        );
    }
}
