//! The one way rules written as code name bank questions: a [`RuleQuestion`]
//! pairs a question id with the answer kind the rule expects, and the
//! [`rule_questions!`] macro declares each rule's questions as a `const`
//! table.
//!
//! Invariant: a rule never names a malformed id and never drops one. Ids are
//! checked when the tables are compiled (a `const` that does not parse fails
//! the build), and the tests of each table check every id against the shipped
//! bank: it must be a question there, of the kind written next to it. The
//! dependency findings and the exposure flags both use this; it lives here
//! because `exposure` already builds on `dependencies`.

use crate::ids::QuestionId;

/// The answer kind a rule expects of a question, as `docs/BANK_FORMAT.md`
/// spells it (`Question::kind_name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expects {
    /// Levels 0–4.
    Maturity,
    /// One of a list of options.
    Choice,
    /// Yes or no.
    YesNo,
    /// An amount of money.
    Money,
    /// A duration in hours.
    Hours,
    /// A percentage.
    Percent,
    /// A plain number.
    Number,
}

impl Expects {
    /// The kind's name as written in the bank, for the checks against it.
    #[cfg(test)]
    pub(crate) fn name(self) -> &'static str {
        match self {
            Expects::Maturity => "maturity",
            Expects::Choice => "choice",
            Expects::YesNo => "yes_no",
            Expects::Money => "money",
            Expects::Hours => "hours",
            Expects::Percent => "percent",
            Expects::Number => "number",
        }
    }
}

/// A bank question named by a rule, with the answer kind the rule expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RuleQuestion {
    /// The question id (`INS-13`), well formed by construction.
    pub(crate) id: &'static str,
    /// The answer kind the rule expects of it.
    pub(crate) expects: Expects,
}

impl RuleQuestion {
    /// A rule's question. Meant for `const` items (which [`rule_questions!`]
    /// declares), where a malformed id stops the build instead of a rule.
    pub(crate) const fn new(id: &'static str, expects: Expects) -> Self {
        assert!(
            is_question_id(id),
            "a rule names a malformed question id (not like INS-03)"
        );
        Self { id, expects }
    }

    /// The id as a [`QuestionId`].
    pub(crate) fn question_id(self) -> QuestionId {
        QuestionId::parse(self.id).expect("rule question ids are checked when they are compiled")
    }
}

/// The ids of a rule's questions, in the order the rule names them.
pub(crate) fn question_ids(questions: &[RuleQuestion]) -> Vec<QuestionId> {
    questions.iter().map(|q| q.question_id()).collect()
}

/// Declares each rule's questions as a `const` slice of [`RuleQuestion`],
/// plus `ALL` (test builds only): every table by name, for the bank checks.
///
/// ```text
/// rule_questions! {
///     /// The flag for a missing policy.
///     NOT_IN_FORCE = ["INS-01": Choice];
/// }
/// ```
macro_rules! rule_questions {
    ($($(#[$doc:meta])* $name:ident = [$($id:literal : $kind:ident),* $(,)?];)+) => {
        $(
            $(#[$doc])*
            pub(super) const $name: &[$crate::dependencies::rule_questions::RuleQuestion] = &[
                $($crate::dependencies::rule_questions::RuleQuestion::new(
                    $id,
                    $crate::dependencies::rule_questions::Expects::$kind,
                )),*
            ];
        )+

        /// Every table above, by name.
        #[cfg(test)]
        pub(super) const ALL: &[(&str, &[$crate::dependencies::rule_questions::RuleQuestion])] =
            &[$((stringify!($name), $name)),+];
    };
}
pub(crate) use rule_questions;

/// Whether `text` is `<two to four capital letters>-<two digits>`, the rule
/// of [`QuestionId::parse`], in a form the compiler can run.
const fn is_question_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    let n = bytes.len();
    if n < 5 || n > 7 || bytes[n - 3] != b'-' {
        return false;
    }
    let mut i = 0;
    while i < n - 3 {
        if !bytes[i].is_ascii_uppercase() {
            return false;
        }
        i += 1;
    }
    bytes[n - 2].is_ascii_digit() && bytes[n - 1].is_ascii_digit()
}

/// What is wrong with each of `tables` against `bank`: ids that are not
/// questions of it, or questions of another kind. Each line names the id,
/// the table and both kinds.
#[cfg(test)]
pub(crate) fn problems(
    bank: &crate::bank::Bank,
    area: &str,
    tables: &[(&str, &[RuleQuestion])],
) -> Vec<String> {
    let mut out = Vec::new();
    for (table, questions) in tables {
        for q in *questions {
            match bank.question(&q.question_id()) {
                None => out.push(format!(
                    "{} (expected {}), named by {area} rule {table}, is not a question of the shipped bank",
                    q.id,
                    q.expects.name()
                )),
                Some(found) if found.kind_name() != q.expects.name() => out.push(format!(
                    "{}, named by {area} rule {table}, is a {} question in the shipped bank, but the rule expects {}",
                    q.id,
                    found.kind_name(),
                    q.expects.name()
                )),
                Some(_) => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;

    fn check(text: &str, expected: bool) {
        assert_eq!(is_question_id(text), expected, "{text:?}");
        assert_eq!(QuestionId::parse(text).is_ok(), expected, "{text:?}");
    }

    #[test]
    fn compile_time_check_agrees_with_question_id_parse() {
        for good in ["INS-03", "OT-01", "GOVR-99"] {
            check(good, true);
        }
        for bad in [
            "INS-3",
            "ins-03",
            "I-03",
            "INSUR-03",
            "INS03",
            "INS-003",
            "INS-0a",
            "",
            "CAP-OT-01",
            "IN5-03",
            "INS_03",
        ] {
            check(bad, false);
        }
    }

    #[test]
    fn expected_kind_names_are_the_bank_kind_names() {
        let bank = Bank::shipped().unwrap();
        let mut in_bank: Vec<&str> = bank.questions().map(|q| q.kind_name()).collect();
        in_bank.sort_unstable();
        in_bank.dedup();
        let all = [
            Expects::Maturity,
            Expects::Choice,
            Expects::YesNo,
            Expects::Money,
            Expects::Hours,
            Expects::Percent,
            Expects::Number,
        ];
        for kind in all {
            assert!(
                in_bank.contains(&kind.name()),
                "no question of the shipped bank is a {}",
                kind.name()
            );
        }
    }

    rule_questions! {
        /// A table whose second id is not in the bank and third has another kind.
        SAMPLE = ["INS-01": Choice, "INS-99": Money, "INS-13": Money];
    }

    #[test]
    fn problems_name_missing_ids_and_wrong_kinds() {
        let bank = Bank::shipped().unwrap();
        let found = problems(&bank, "sample", ALL);
        assert_eq!(
            found,
            [
                "INS-99 (expected money), named by sample rule SAMPLE, is not a question of the shipped bank",
                "INS-13, named by sample rule SAMPLE, is a yes_no question in the shipped bank, but the rule expects money",
            ]
        );
    }

    #[test]
    fn question_ids_keep_the_rule_order() {
        let ids = question_ids(SAMPLE);
        let texts: Vec<&str> = ids.iter().map(QuestionId::as_str).collect();
        assert_eq!(texts, ["INS-01", "INS-99", "INS-13"]);
    }
}
