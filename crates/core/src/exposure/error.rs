//! Why the exposure cannot be computed: bad financial figures in the
//! profile, or assumptions outside their bounds.
//!
//! Invariant: every message names the field and the value found, in the
//! user's words; [`ExposureError::code`] is stable for the UI.

/// Why the exposure cannot be computed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ExposureError {
    /// Revenue is missing, zero, negative or not finite.
    #[error("annual revenue {} is not a positive amount of at most 10^13", crate::assessment::limits::number_words(*.value))]
    BadRevenue {
        /// The value found.
        value: f64,
    },
    /// Operating days are out of range.
    #[error("operating days per year {value} is not between 1 and 366")]
    BadOperatingDays {
        /// The value found.
        value: u16,
    },
    /// A financial figure is not finite.
    #[error("{field} {} is not an amount of at most 10^13 either way", crate::assessment::limits::number_words(*.value))]
    BadFinancial {
        /// `annual_operating_profit` or `cash_available`.
        field: &'static str,
        /// The value found.
        value: f64,
    },
    /// An assumption is outside its bounds.
    #[error("assumption {key} = {value} is out of range ({min} to {max})")]
    AssumptionOutOfRange {
        /// The field.
        key: String,
        /// The value.
        value: f64,
        /// Smallest accepted.
        min: f64,
        /// Largest accepted.
        max: f64,
    },
    /// A range is not low ≤ most likely ≤ high, finite and not negative.
    #[error(
        "{key} ({low}, {most_likely}, {high}) is not low ≤ most likely ≤ high, finite and not negative"
    )]
    BadRange {
        /// The field.
        key: String,
        /// Low end.
        low: f64,
        /// Most likely value.
        most_likely: f64,
        /// High end.
        high: f64,
    },
    /// Several assumptions are wrong.
    #[error("{} problems with the assumptions: {}", problems.len(), problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Assumptions {
        /// Each problem.
        problems: Vec<ExposureError>,
    },
}

impl ExposureError {
    /// The stable error code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            ExposureError::BadRevenue { .. } => "exposure.revenue",
            ExposureError::BadOperatingDays { .. } => "exposure.operating_days",
            ExposureError::BadFinancial { .. } => "exposure.financial",
            ExposureError::AssumptionOutOfRange { .. } => "exposure.assumption_out_of_range",
            ExposureError::BadRange { .. } => "exposure.bad_range",
            ExposureError::Assumptions { .. } => "exposure.assumptions",
        }
    }
}
