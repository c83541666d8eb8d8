//! Problems found in a question bank, each with its file, line and question.
//!
//! Invariant: validation never stops at the first problem; a [`BankIssues`]
//! holds every problem found, in file and line order.

use crate::file_issues::{FileIssue, FileIssues, FileProblem};

/// One problem in a bank: where it is and what it is.
pub type BankIssue = FileIssue<BankProblem>;

/// Every problem found in a bank, in file and line order.
pub type BankIssues = FileIssues<BankProblem>;

impl FileProblem for BankProblem {
    const SUBJECT_HAS: &'static str = "the question bank has";
    const CODE: &'static str = "bank.invalid";
}

/// What is wrong with a bank.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum BankProblem {
    /// The TOML does not parse, or a value has the wrong type.
    #[error("{message}")]
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// No source has a `[bank]` header.
    #[error("no [bank] header: one file must hold the bank's id, version and profiles")]
    NoHeader,
    /// More than one source has a `[bank]` header.
    #[error("second [bank] header (the first is in {first_file})")]
    DuplicateHeader {
        /// Where the first one is.
        first_file: String,
    },
    /// A required field is absent.
    #[error("missing field `{field}`")]
    MissingField {
        /// The field.
        field: &'static str,
    },
    /// A required text is empty.
    #[error("field `{field}` is empty")]
    EmptyField {
        /// The field.
        field: &'static str,
    },
    /// The bank id is not lowercase words joined by hyphens.
    #[error("bank id {text:?} is not lowercase letters, digits and hyphens")]
    BadBankId {
        /// The rejected id.
        text: String,
    },
    /// The version is not `MAJOR.MINOR.PATCH`.
    #[error("version {text:?} is not a semantic version MAJOR.MINOR.PATCH")]
    BadVersion {
        /// The rejected version.
        text: String,
    },
    /// A domain code or question id is malformed.
    #[error("{0}")]
    BadId(#[from] crate::ids::IdError),
    /// A question id does not start with its domain's code.
    #[error("question id does not start with its domain's code {domain}")]
    IdOutsideDomain {
        /// The domain it is in.
        domain: String,
    },
    /// The same question id is used twice.
    #[error("question id used twice (first at {first})")]
    DuplicateQuestion {
        /// `file:line` of the first use.
        first: String,
    },
    /// A retired id is used again.
    #[error("question id was retired and must never be reused")]
    RetiredIdReused,
    /// The same domain code is defined twice.
    #[error("domain {code} is defined twice")]
    DuplicateDomain {
        /// The code.
        code: String,
    },
    /// A domain is defined but not listed in the header's `domains`.
    #[error("domain {code} is not listed in the header's `domains`")]
    DomainNotListed {
        /// The code.
        code: String,
    },
    /// The header lists a domain no source defines.
    #[error("domain {code} is listed in the header but not defined")]
    ListedDomainMissing {
        /// The code.
        code: String,
    },
    /// A domain has no scored question.
    #[error("domain {code} has no scored question")]
    DomainWithoutScoredQuestion {
        /// The code.
        code: String,
    },
    /// The question kind is not known.
    #[error(
        "unknown kind {kind:?} (expected maturity, choice, yes_no, money, hours, number or percent)"
    )]
    UnknownKind {
        /// The rejected kind.
        kind: String,
    },
    /// A maturity question does not describe exactly five levels.
    #[error("a maturity question describes levels 0 to 4: found {found} descriptors, expected 5")]
    LevelCount {
        /// How many were given.
        found: usize,
    },
    /// A level descriptor is empty.
    #[error("the descriptor of level {level} is empty")]
    EmptyLevel {
        /// The level.
        level: usize,
    },
    /// Two level descriptors are the same, so assessors cannot tell them apart.
    #[error("levels {first} and {second} have the same descriptor")]
    DuplicateLevel {
        /// The first level.
        first: usize,
        /// The second level.
        second: usize,
    },
    /// A scored question does not give one recommendation per step.
    #[error("expected 4 recommendations (from level 0 to 1, … from 3 to 4), found {found}")]
    RecommendationCount {
        /// How many were given.
        found: usize,
    },
    /// A recommendation is empty.
    #[error("recommendation {index} (from level {index} to {next}) is empty", next = index + 1)]
    EmptyRecommendation {
        /// Its index.
        index: usize,
    },
    /// A weight is not a positive finite number.
    #[error("{field} {value} must be a positive number")]
    BadWeight {
        /// Which weight.
        field: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// The criticality is not standard, high or critical.
    #[error("unknown criticality {text:?} (expected standard, high or critical)")]
    UnknownCriticality {
        /// The rejected text.
        text: String,
    },
    /// A scored question gives no target for a profile.
    #[error("no target for profile {profile:?}")]
    MissingTarget {
        /// The profile.
        profile: String,
    },
    /// A target names a profile the header does not declare.
    #[error("target for unknown profile {profile:?}")]
    UnknownTargetProfile {
        /// The profile.
        profile: String,
    },
    /// A target is above level 4.
    #[error("target {value} for profile {profile:?} is out of range: levels are 0 to 4")]
    TargetOutOfRange {
        /// The profile.
        profile: String,
        /// The rejected value.
        value: i64,
    },
    /// A more demanding profile has a lower target than a less demanding one.
    #[error(
        "target for {higher:?} is below the target for {lower:?}: profiles are listed from least to most demanding"
    )]
    TargetsDecrease {
        /// The less demanding profile.
        lower: String,
        /// The more demanding profile.
        higher: String,
    },
    /// A scored question cites fewer than two frameworks.
    #[error(
        "cites {found} framework(s): a scored question cites at least two different frameworks"
    )]
    TooFewFrameworks {
        /// How many distinct frameworks.
        found: usize,
    },
    /// A reference is not `PREFIX:ID`.
    #[error("reference {text:?} is not PREFIX:ID")]
    MalformedRef {
        /// The rejected text.
        text: String,
    },
    /// A reference names a framework none of the bank's catalogues declares.
    #[error(
        "reference {text:?} names unknown framework {prefix:?} (the bank's catalogues declare: {known})"
    )]
    UnknownFramework {
        /// The reference.
        text: String,
        /// The prefix.
        prefix: String,
        /// The prefixes of the bank's catalogues.
        known: String,
    },
    /// A reference names a control that is not in the framework.
    #[error("reference {text:?} is not a control of {framework}")]
    UnknownControl {
        /// The reference.
        text: String,
        /// The framework's name.
        framework: String,
    },
    /// The same reference is cited twice.
    #[error("reference {text:?} is cited twice")]
    DuplicateRef {
        /// The reference.
        text: String,
    },
    /// A fact question carries scoring fields.
    #[error(
        "field `{field}` is only for scored questions (maturity, or choice with a level on every option)"
    )]
    ScoringFieldOnFact {
        /// The field.
        field: &'static str,
    },
    /// A field does not belong to this kind of question.
    #[error("field `{field}` does not apply to a {kind} question")]
    FieldNotForKind {
        /// The field.
        field: &'static str,
        /// The question kind.
        kind: String,
    },
    /// A choice question has no options.
    #[error("a choice question needs at least two options")]
    TooFewOptions,
    /// Two options share a value.
    #[error("option value {value:?} is used twice")]
    DuplicateOption {
        /// The value.
        value: String,
    },
    /// An option value is not lowercase snake case.
    #[error("option value {value:?} is not lowercase letters, digits and underscores")]
    BadOptionValue {
        /// The value.
        value: String,
    },
    /// Some options have a level and others do not.
    #[error("either every option has a level (scored) or none has (fact)")]
    PartialOptionLevels,
    /// An option level is above 4.
    #[error("option {value:?} has level {level}: levels are 0 to 4")]
    OptionLevelOutOfRange {
        /// The option.
        value: String,
        /// The rejected level.
        level: i64,
    },
    /// A fact key is malformed.
    #[error("fact key {key:?} is not dotted lowercase words (like insurance.retention)")]
    BadFactKey {
        /// The key.
        key: String,
    },
    /// Two questions record the same fact.
    #[error("fact {key:?} is already recorded by {first}")]
    DuplicateFact {
        /// The key.
        key: String,
        /// The first question.
        first: String,
    },
    /// `min` is above `max`.
    #[error("min {min} is above max {max}")]
    BadRange {
        /// The minimum.
        min: f64,
        /// The maximum.
        max: f64,
    },
    /// The header declares no profile.
    #[error("the header declares no target profile")]
    NoProfiles,
    /// Two profiles share an id.
    #[error("profile {id:?} is declared twice")]
    DuplicateProfile {
        /// The id.
        id: String,
    },
    /// The horizon thresholds are not `now > next > 0`.
    #[error("horizons must satisfy now > next > 0 (now {now}, next {next})")]
    BadHorizons {
        /// Threshold for now.
        now: f64,
        /// Threshold for next.
        next: f64,
    },
    /// A cap id is malformed.
    #[error("cap id {id:?} is not CAP-<domain code>-NN")]
    BadCapId {
        /// The id.
        id: String,
    },
    /// Two caps share an id.
    #[error("cap id {id:?} is used twice")]
    DuplicateCap {
        /// The id.
        id: String,
    },
    /// A cap points at a question that does not exist.
    #[error("cap points at unknown question {question:?}")]
    CapUnknownQuestion {
        /// The question id.
        question: String,
    },
    /// A cap has neither or both of `below` and `equals`.
    #[error("a cap needs exactly one condition: `below` (a level) or `equals` (a value)")]
    CapCondition,
    /// `below` on a question that is not scored.
    #[error("`below` needs a scored question, and {question} is not scored")]
    CapBelowOnUnscored {
        /// The question id.
        question: String,
    },
    /// `below` is not 1 to 4.
    #[error("`below` {value} must be a level from 1 to 4")]
    CapBelowOutOfRange {
        /// The rejected value.
        value: i64,
    },
    /// `equals` names a value the question cannot take.
    #[error("`equals` {value:?} is not an answer {question} can take (allowed: {allowed})")]
    CapUnknownValue {
        /// The rejected value.
        value: String,
        /// The question id.
        question: String,
        /// The allowed values.
        allowed: String,
    },
    /// `max_score` is not 0 to 100.
    #[error("max_score {value} must be from 0 to 100")]
    CapMaxOutOfRange {
        /// The rejected value.
        value: f64,
    },
    /// `[bank] frameworks` names a catalogue that is not shipped.
    #[error(
        "`frameworks` names catalogue {id:?}, which is not under assets/frameworks/ (known: {known})"
    )]
    UnknownCatalogue {
        /// The file id named.
        id: String,
        /// The known file ids.
        known: String,
    },
    /// `[bank] frameworks` names a catalogue twice.
    #[error("`frameworks` names catalogue {id:?} twice")]
    DuplicateCatalogue {
        /// The file id.
        id: String,
    },
    /// `[bank] frameworks` names two catalogues with the same prefix.
    #[error(
        "`frameworks` names {first:?} and {second:?}, which both declare prefix {prefix}: a bank cites one edition of a framework"
    )]
    TwoEditions {
        /// The shared prefix.
        prefix: String,
        /// The first catalogue.
        first: String,
        /// The second catalogue.
        second: String,
    },
    /// `[bank] frameworks` is an empty list.
    #[error(
        "`frameworks` names no catalogue: list the catalogues the references cite, or leave it out for bank 1's set"
    )]
    NoCatalogues,
    /// A level descriptor builds on a failing level 0 or 1.
    #[error(
        "the descriptor of level {level} builds on level {lower} ({start:?}): a level may only extend level 2 or above, since levels 0 and 1 describe a failing state; state level {level}'s conditions on their own"
    )]
    LevelExtendsFailing {
        /// The level whose descriptor is wrong.
        level: usize,
        /// The failing level it builds on.
        lower: usize,
        /// The opening words.
        start: String,
    },
    /// A domain's role is not known.
    #[error("unknown domain role {text:?} (expected resilience or risk_transfer)")]
    UnknownRole {
        /// The rejected text.
        text: String,
    },
    /// A gate id is malformed.
    #[error("gate id {id:?} is not GATE- followed by capital letters, digits and hyphens")]
    BadGateId {
        /// The id.
        id: String,
    },
    /// Two gates share an id.
    #[error("gate id {id:?} is used twice")]
    DuplicateGate {
        /// The id.
        id: String,
    },
    /// A gate points at a question that does not exist.
    #[error("gate points at unknown question {question:?}")]
    GateUnknownQuestion {
        /// The question id.
        question: String,
    },
    /// A gate points at a question that is not scored.
    #[error("a gate needs a scored question, and {question} is not scored")]
    GateOnUnscored {
        /// The question id.
        question: String,
    },
    /// A gate points at a question that is not critical.
    #[error(
        "a gate needs a question with criticality = \"critical\", and {question} is {criticality}"
    )]
    GateNotCritical {
        /// The question id.
        question: String,
        /// Its criticality.
        criticality: &'static str,
    },
    /// A gate's `below` is not 1 to 4.
    #[error("gate `below` {value} must be a level from 1 to 4")]
    GateBelowOutOfRange {
        /// The rejected value.
        value: i64,
    },
    /// A gate's `max_index` is not 0 to 100.
    #[error("gate max_index {value} must be from 0 to 100")]
    GateMaxOutOfRange {
        /// The rejected value.
        value: f64,
    },
    /// A problem in a migration map (`from-1.toml`).
    #[error("{0}")]
    Mapping(crate::migration::MapProblem),
}
