//! The one error type of the report engine, [`ReportError`].
//!
//! Every variant carries the data that explains it (never a pre-formatted
//! string of ours), and [`ReportError::code`] gives a stable dotted code that
//! the UI maps to its own text. Nothing in this crate panics on user input: a
//! bad colour, logo, table or chart value comes back as one of these.

/// What went wrong while building or rendering a report.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A colour was not of the form `#rrggbb` (or `#rgb`).
    #[error("invalid colour {value:?}: expected #rrggbb")]
    InvalidColour {
        /// The text that was given.
        value: String,
    },
    /// The logo could not be decoded as a PNG image.
    #[error("logo is not a readable png image: {reason}")]
    InvalidImage {
        /// The decoder's explanation.
        reason: String,
    },
    /// The logo is larger than the engine accepts.
    #[error("image is {width}x{height} pixels, larger than the {max}x{max} limit")]
    ImageTooLarge {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// The largest side accepted.
        max: u32,
    },
    /// One of the fonts compiled into the binary could not be read.
    #[error("embedded font {face} could not be read")]
    FontUnreadable {
        /// The face's file name.
        face: &'static str,
    },
    /// A table row has a different number of cells than the table has columns.
    #[error("table row {row} has {found} cells but the table has {expected} columns")]
    TableShape {
        /// Zero-based row index (the header is not counted).
        row: usize,
        /// Cells in that row.
        found: usize,
        /// Columns in the table.
        expected: usize,
    },
    /// A heat map row has a different number of values than the map has columns.
    #[error("heat map row {row} has {found} values but the map has {expected} columns")]
    HeatMapShape {
        /// Zero-based row index.
        row: usize,
        /// Values in that row.
        found: usize,
        /// Columns in the heat map.
        expected: usize,
    },
    /// A number that must be finite (a chart value, a size) was NaN or infinite.
    #[error("{what} must be a finite number, got {value}")]
    NotFinite {
        /// Which input it was.
        what: &'static str,
        /// The value given.
        value: f32,
    },
    /// The page size and margins leave no room for content.
    #[error("page of {width}x{height} pt leaves no room for content inside its margins")]
    PageTooSmall {
        /// Page width in points.
        width: f32,
        /// Page height in points.
        height: f32,
    },
    /// The brand file is not valid TOML.
    #[error("brand file, line {line}, column {column}: {message}")]
    BrandSyntax {
        /// 1-based line (0 when unknown).
        line: usize,
        /// 1-based column (0 when unknown).
        column: usize,
        /// The parser's explanation.
        message: String,
    },
    /// The brand file has a field the format does not know.
    #[error("brand file: unknown field `{field}` (expected consultant, logo or accent)")]
    BrandUnknownField {
        /// The field's name.
        field: String,
    },
    /// A brand file field is not text.
    #[error("brand file: field `{field}` must be text, found {found}")]
    BrandFieldType {
        /// The field's name.
        field: &'static str,
        /// The TOML type found.
        found: &'static str,
    },
    /// A brand file field has an unusable value.
    #[error("brand file: field `{field}` is {value:?}, expected {expected}")]
    BrandField {
        /// The field's name.
        field: &'static str,
        /// The value found.
        value: String,
        /// What it should be.
        expected: &'static str,
    },
    /// The brand file's logo is not a usable PNG image.
    #[error("brand file: field `logo`: {} is not usable: {reason}", .path.display())]
    BrandLogo {
        /// The logo path as written in the brand file.
        path: std::path::PathBuf,
        /// The decoder's explanation.
        reason: String,
    },
    /// An embedded face could not be subset for embedding.
    #[error("embedded font {face} could not be subset: {reason}")]
    FontSubset {
        /// The face's file name.
        face: &'static str,
        /// The subsetter's explanation.
        reason: String,
    },
    /// The PDF writer failed.
    #[error("pdf could not be written: {reason}")]
    PdfWrite {
        /// The writer's explanation.
        reason: String,
    },
    /// A section to leave out is not one of the optional sections.
    #[error(
        "no optional report section is called {name:?} (the sections that can be left out: {known})"
    )]
    UnknownSection {
        /// The name given (at most 40 characters of it).
        name: String,
        /// The optional sections' names.
        known: String,
    },
}

impl ReportError {
    /// A stable dotted code for this error, for the UI to map to its own text.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidColour { .. } => "report.invalid_colour",
            Self::InvalidImage { .. } => "report.invalid_image",
            Self::ImageTooLarge { .. } => "report.image_too_large",
            Self::FontUnreadable { .. } => "report.font_unreadable",
            Self::TableShape { .. } => "report.table_shape",
            Self::HeatMapShape { .. } => "report.heat_map_shape",
            Self::NotFinite { .. } => "report.not_finite",
            Self::PageTooSmall { .. } => "report.page_too_small",
            Self::BrandSyntax { .. } => "report.brand_syntax",
            Self::BrandUnknownField { .. } => "report.brand_unknown_field",
            Self::BrandFieldType { .. } => "report.brand_field_type",
            Self::BrandField { .. } => "report.brand_field",
            Self::BrandLogo { .. } => "report.brand_logo",
            Self::FontSubset { .. } => "report.font_subset",
            Self::PdfWrite { .. } => "report.pdf_write",
            Self::UnknownSection { .. } => "report.unknown_section",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_dotted_and_messages_lowercase() {
        let errors = [
            ReportError::InvalidColour {
                value: "red".into(),
            },
            ReportError::TableShape {
                row: 2,
                found: 1,
                expected: 3,
            },
            ReportError::NotFinite {
                what: "radar value",
                value: f32::NAN,
            },
        ];
        for error in errors {
            assert!(error.code().starts_with("report."));
            let message = error.to_string();
            assert!(message.starts_with(|c: char| c.is_lowercase()), "{message}");
            assert!(!message.ends_with('.'), "{message}");
        }
    }
}
