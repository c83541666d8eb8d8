//! The use cases on an assessment file rather than the store: read and
//! check it, score it, its exposure and dependencies (`ironbridge score
//! FILE`, `exposure FILE`, `dependencies FILE`, `report FILE`).
//!
//! Invariant: an assessment reaches scoring, the exposure model or the report
//! only after [`check`] against the bank it was answered on (picked from the
//! [`Banks`] by its bank id and major version); a file that does not fit is
//! refused with every problem listed, in one message written here once.

use std::path::Path;

use ironbridge_core::Bank;
use ironbridge_core::assessment::{
    Assessment, SavedAssumptions, SavedAssumptionsProblem, assumptions_from,
};
use ironbridge_core::dependencies::{self, DependencyAnalysis, DependencyConfig};
use ironbridge_core::exposure::{self, Assumptions, Exposure};
use ironbridge_core::scoring::{self, Scorecard};

use crate::banks::Banks;
use crate::input::{self, InputKind};
use crate::{Result, ServiceError};

/// Where the assessment of a file use case comes from.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// An assessment file (JSON, format version 1).
    File(&'a Path),
    /// The demo assessment shipped with the build.
    Demo,
}

impl Input<'_> {
    /// The assessment, read and parsed, not yet checked against a bank.
    pub fn read(&self) -> Result<Assessment> {
        match self {
            Input::File(path) => {
                let text = input::read_text(path, InputKind::Assessment)?;
                parse(&text, &path.display().to_string())
            }
            Input::Demo => parse(
                ironbridge_core::embedded::DEMO_ASSESSMENT,
                "the shipped demo assessment",
            ),
        }
    }

    /// The assessment, read and checked against the bank it was answered
    /// on, and that bank.
    pub fn read_checked<'b>(&self, banks: &'b Banks) -> Result<(&'b Bank, Assessment)> {
        let assessment = self.read()?;
        let bank = banks.of(&assessment.bank)?;
        check(bank, &assessment)?;
        Ok((bank, assessment))
    }
}

/// A checked assessment with its scorecard and the bank it was scored on.
#[derive(Clone, Debug)]
pub struct Scored<'b> {
    /// The bank it was answered on.
    pub bank: &'b Bank,
    /// The assessment.
    pub assessment: Assessment,
    /// Its scorecard.
    pub card: Scorecard,
}

/// What `exposure FILE` and `report FILE` may change of the assumptions
/// saved with the assessment (and so of the documented defaults): each
/// given value overrides the saved one.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExposureRequest<'a> {
    /// A JSON file of assumption overrides (keys: docs/EXPOSURE.md).
    pub assumptions_file: Option<&'a Path>,
    /// The simulation's seed.
    pub seed: Option<u64>,
    /// The custom scenario's length in days.
    pub days: Option<f64>,
}

/// Reads, checks and scores an assessment on the bank it was answered on.
pub fn score_input<'b>(banks: &'b Banks, input: Input<'_>) -> Result<Scored<'b>> {
    let (bank, assessment) = input.read_checked(banks)?;
    let card = score(bank, &assessment);
    Ok(Scored {
        bank,
        assessment,
        card,
    })
}

/// Reads and checks an assessment, and computes its money at risk.
pub fn exposure_of(
    banks: &Banks,
    input: Input<'_>,
    request: &ExposureRequest<'_>,
) -> Result<(Assessment, Exposure)> {
    let (bank, assessment) = input.read_checked(banks)?;
    let assumptions = assumptions_for(&assessment, request)?;
    let result = exposure(bank, &assessment, &assumptions)?;
    Ok((assessment, result))
}

/// The assumptions of a checked assessment: the documented defaults, the
/// assumptions saved with it over them, and what `request` gives over those
/// (a file's keys, then the seed and the custom scenario's length).
pub fn assumptions_for(
    assessment: &Assessment,
    request: &ExposureRequest<'_>,
) -> Result<Assumptions> {
    let mut object = assessment.exposure_assumptions.to_object();
    if let Some(path) = request.assumptions_file {
        read_assumptions(Some(path))?;
        // The file is a valid set of assumptions: its keys go over the saved ones.
        let text = input::read_text(path, InputKind::Assumptions)?;
        let keys: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).map_err(|source| assumptions_error(path, &text, source))?;
        object.extend(keys);
    }
    if let Some(seed) = request.seed {
        object.insert("seed".to_owned(), serde_json::Value::from(seed));
    }
    if let Some(days) = request.days {
        object.insert("custom_days".to_owned(), serde_json::json!(days));
    }
    assumptions_from(object).map_err(|problems| problems_error(&problems))
}

/// The assumptions saved with a checked assessment, over the defaults.
pub fn saved_assumptions(assessment: &Assessment) -> Result<Assumptions> {
    assumptions_for(assessment, &ExposureRequest::default())
}

/// Checks assumptions to save against their documented bounds.
pub fn check_saved_assumptions(saved: &SavedAssumptions) -> Result<()> {
    saved
        .assumptions()
        .map(drop)
        .map_err(|problems| problems_error(&problems))
}

fn problems_error(problems: &[SavedAssumptionsProblem]) -> ServiceError {
    ServiceError::Assumptions {
        problem: problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Reads and checks an assessment, and analyses the dependencies of its registers.
pub fn dependencies_of(
    banks: &Banks,
    input: Input<'_>,
    config: &DependencyConfig,
) -> Result<(Assessment, DependencyAnalysis)> {
    let (_, assessment) = input.read_checked(banks)?;
    let analysis = dependencies(&assessment, config);
    Ok((assessment, analysis))
}

/// Checks an assessment against the bank: details, registers and answers.
pub fn check(bank: &Bank, assessment: &Assessment) -> Result<()> {
    assessment
        .check(bank)
        .map_err(|issues| ServiceError::DoesNotFit {
            bank: bank.id.clone(),
            version: bank.version.clone(),
            issues,
        })
}

/// Reads an assessment file (JSON, format version 1; at most
/// [`input::ASSESSMENT_FILE_CAP`]) and checks it against the bank.
pub fn read_checked(bank: &Bank, path: &Path) -> Result<Assessment> {
    let text = input::read_text(path, InputKind::Assessment)?;
    parse_checked(bank, &text, &path.display().to_string())
}

/// Parses an assessment (`name` says which, in errors) and checks it against the bank.
pub fn parse_checked(bank: &Bank, text: &str, name: &str) -> Result<Assessment> {
    let assessment = parse(text, name)?;
    check(bank, &assessment)?;
    Ok(assessment)
}

/// Parses an assessment (`name` says which, in errors), not yet checked.
pub fn parse(text: &str, name: &str) -> Result<Assessment> {
    Assessment::from_json(text).map_err(|source| ServiceError::NotAnAssessment {
        name: name.to_owned(),
        source,
    })
}

/// The scorecard of a checked assessment.
pub fn score(bank: &Bank, assessment: &Assessment) -> Scorecard {
    scoring::score_assessment(bank, assessment)
}

/// The money at risk of a checked assessment under `assumptions`.
pub fn exposure(
    bank: &Bank,
    assessment: &Assessment,
    assumptions: &Assumptions,
) -> Result<Exposure> {
    exposure::assess(bank, assessment, assumptions).map_err(ServiceError::Exposure)
}

/// The dependency analysis of an assessment's registers.
pub fn dependencies(assessment: &Assessment, config: &DependencyConfig) -> DependencyAnalysis {
    dependencies::analyse(&assessment.registers, config)
}

/// Assumptions read from a JSON file of overrides (keys: docs/EXPOSURE.md;
/// at most [`input::ASSUMPTIONS_FILE_CAP`]), else the documented defaults.
pub fn read_assumptions(path: Option<&Path>) -> Result<Assumptions> {
    let Some(path) = path else {
        return Ok(Assumptions::default());
    };
    let text = input::read_text(path, InputKind::Assumptions)?;
    if text.trim().is_empty() {
        return Err(ServiceError::Assumptions {
            problem: format!(
                "{} is empty: write a JSON object of the assumptions to change, like {{\"seed\": 7}}",
                path.display()
            ),
        });
    }
    serde_json::from_str(&text).map_err(|source| assumptions_error(path, &text, source))
}

/// The error of a file of assumptions, naming the key at fault when one is:
/// each key is read alone over the defaults until one fails.
fn assumptions_error(path: &Path, text: &str, source: serde_json::Error) -> ServiceError {
    let keyed = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => map.into_iter().find_map(|(key, value)| {
            let alone = serde_json::Value::Object([(key.clone(), value)].into_iter().collect());
            serde_json::from_value::<Assumptions>(alone)
                .err()
                .map(|e| (key, e))
        }),
        _ => None,
    };
    match keyed {
        Some((key, e)) => ServiceError::Assumptions {
            problem: format!(
                "{} is not a valid set of assumptions: line {}, column {}: `{key}`: {e}",
                path.display(),
                source.line(),
                source.column()
            ),
        },
        None => ServiceError::AssumptionsFile {
            path: path.to_owned(),
            source,
        },
    }
}

/// The default assumptions with named numeric overrides (`key`, value, as
/// the exposure screen sends them), each checked against its documented
/// bounds.
pub fn assumptions_with(overrides: &[(String, f64)]) -> Result<Assumptions> {
    for (key, value) in overrides {
        if !value.is_finite() {
            return Err(ServiceError::Assumptions {
                problem: format!("{key}: not a number"),
            });
        }
    }
    SavedAssumptions::from_overrides(overrides.iter().cloned())
        .assumptions()
        .map_err(|problems| problems_error(&problems))
}
