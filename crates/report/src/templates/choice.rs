//! Which optional sections a report includes. The consultant may leave out
//! the money at risk, the dependencies, the findings by domain, the roadmap,
//! the framework coverage, the glossary or appendix A; the cover, document
//! control and contents, the board and executive summaries, the scope,
//! method and limitations and the sign-off are always there, because a
//! reader relies on them.
//!
//! Invariant: no sentence of the report sends the reader to a section that
//! was left out (the templates ask [`SectionChoice::includes`] before they
//! point at one).

use std::collections::BTreeSet;
use std::fmt;

use crate::error::ReportError;

/// A section the consultant may leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OptionalSection {
    /// Money at risk, with the broker's and the underwriter's questions.
    MoneyAtRisk,
    /// Dependencies and single points of failure.
    Dependencies,
    /// Findings by domain.
    Findings,
    /// The prioritised roadmap.
    Roadmap,
    /// Framework coverage.
    Frameworks,
    /// The glossary.
    Glossary,
    /// Appendix A, every answer.
    Answers,
}

impl OptionalSection {
    /// Every optional section, in report order.
    pub const ALL: [OptionalSection; 7] = [
        OptionalSection::MoneyAtRisk,
        OptionalSection::Dependencies,
        OptionalSection::Findings,
        OptionalSection::Roadmap,
        OptionalSection::Frameworks,
        OptionalSection::Glossary,
        OptionalSection::Answers,
    ];

    /// The short name a command line and a settings file use.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            OptionalSection::MoneyAtRisk => "money",
            OptionalSection::Dependencies => "dependencies",
            OptionalSection::Findings => "findings",
            OptionalSection::Roadmap => "roadmap",
            OptionalSection::Frameworks => "frameworks",
            OptionalSection::Glossary => "glossary",
            OptionalSection::Answers => "answers",
        }
    }

    /// The section's title in the report.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            OptionalSection::MoneyAtRisk => "Money at risk",
            OptionalSection::Dependencies => "Dependencies and single points of failure",
            OptionalSection::Findings => "Findings by domain",
            OptionalSection::Roadmap => "Prioritised roadmap",
            OptionalSection::Frameworks => "Framework coverage",
            OptionalSection::Glossary => "Glossary",
            OptionalSection::Answers => "Appendix A: every answer",
        }
    }

    /// The section a short name stands for.
    ///
    /// # Errors
    /// [`ReportError::UnknownSection`] naming the word and the known names.
    pub fn parse(key: &str) -> Result<Self, ReportError> {
        let key = key.trim();
        Self::ALL
            .into_iter()
            .find(|s| s.key().eq_ignore_ascii_case(key))
            .ok_or_else(|| ReportError::UnknownSection {
                name: key.chars().take(40).collect(),
                known: Self::ALL.map(OptionalSection::key).join(", "),
            })
    }
}

impl fmt::Display for OptionalSection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The optional sections left out of a report; by default none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionChoice {
    omitted: BTreeSet<OptionalSection>,
}

impl SectionChoice {
    /// Every section.
    #[must_use]
    pub fn all() -> Self {
        Self::default()
    }

    /// The same, without `section`.
    #[must_use]
    pub fn without(mut self, section: OptionalSection) -> Self {
        self.omitted.insert(section);
        self
    }

    /// Every section but those named in a comma-separated list
    /// (`money,answers`); an empty list leaves nothing out.
    ///
    /// # Errors
    /// [`ReportError::UnknownSection`] for a name that is not a section's.
    pub fn omitting(list: &str) -> Result<Self, ReportError> {
        list.split(',')
            .filter(|name| !name.trim().is_empty())
            .try_fold(Self::all(), |choice, name| {
                Ok(choice.without(OptionalSection::parse(name)?))
            })
    }

    /// Whether the report includes `section`.
    #[must_use]
    pub fn includes(&self, section: OptionalSection) -> bool {
        !self.omitted.contains(&section)
    }

    /// The sections left out, in report order.
    pub fn omitted(&self) -> impl Iterator<Item = OptionalSection> + '_ {
        self.omitted.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_names_leaves_those_sections_out() {
        let choice = SectionChoice::omitting("money, Answers,,").expect("known names");
        assert!(!choice.includes(OptionalSection::MoneyAtRisk));
        assert!(!choice.includes(OptionalSection::Answers));
        assert!(choice.includes(OptionalSection::Roadmap));
        assert_eq!(
            choice.omitted().collect::<Vec<_>>(),
            [OptionalSection::MoneyAtRisk, OptionalSection::Answers]
        );
        assert_eq!(
            SectionChoice::omitting("").expect("empty"),
            SectionChoice::all()
        );
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_known_ones() {
        let error = SectionChoice::omitting("money,summary").expect_err("summary is not optional");
        let text = error.to_string();
        assert!(text.contains("\"summary\""), "{text}");
        assert!(text.contains("money, dependencies, findings"), "{text}");
    }
}
