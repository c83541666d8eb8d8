//! Maturity levels, 0 to 4.
//!
//! Invariant: a [`Level`] is never above [`Level::MAX`]; every scored question
//! uses the same scale so scores compare across questions.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// A maturity level from 0 (absent) to 4 (optimised, tested and evidenced).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Level(u8);

impl Level {
    /// The highest level.
    pub const MAX: Level = Level(4);
    /// The lowest level.
    pub const MIN: Level = Level(0);
    /// Every level, lowest first.
    pub const ALL: [Level; 5] = [Level(0), Level(1), Level(2), Level(3), Level(4)];

    /// A level from a number, if it is 0 to 4.
    pub fn new(value: u8) -> Option<Self> {
        (value <= Self::MAX.0).then_some(Self(value))
    }

    /// The level as a number.
    pub fn get(self) -> u8 {
        self.0
    }

    /// The question score of this level: level / max × 100.
    pub fn score(self) -> f64 {
        f64::from(self.0) / f64::from(Self::MAX.0) * 100.0
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = u8::deserialize(deserializer)?;
        Level::new(value).ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "level {value} is out of range: levels are 0 to 4"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_scores_are_quarters_of_a_hundred() {
        let scores: Vec<f64> = Level::ALL.iter().map(|l| l.score()).collect();
        assert_eq!(scores, [0.0, 25.0, 50.0, 75.0, 100.0]);
    }

    #[test]
    fn levels_above_four_are_rejected() {
        assert!(Level::new(5).is_none());
        let err = serde_json::from_str::<Level>("7").unwrap_err();
        assert!(err.to_string().contains("levels are 0 to 4"), "{err}");
    }
}
