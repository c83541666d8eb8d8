//! The consultant's brand file: a small TOML file naming the consultancy,
//! its logo and its accent colour, turned into a [`Branding`].
//!
//! ```toml
//! consultant = "Larchgate Advisory LLP"
//! logo = "larchgate.png"   # PNG, relative to the brand file
//! accent = "#0b4f8a"
//! ```
//!
//! Every field is optional; a missing one keeps the default (the assessor's
//! firm, no logo, the default accent). Invariant: a bad file is an error that
//! names the field at fault, never a silent fallback. Reading the logo file
//! is the caller's job (this crate does no file I/O): [`BrandConfig::logo`]
//! says which file, [`BrandConfig::into_branding`] takes its bytes.

use std::path::PathBuf;

use crate::document::{Branding, Logo};
use crate::error::ReportError;
use crate::style::Colour;

/// A parsed brand file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BrandConfig {
    /// The consultancy's name, for the running header and the cover.
    pub consultant: Option<String>,
    /// The logo file, as written in the file (relative to it, or absolute).
    pub logo: Option<PathBuf>,
    /// The accent colour.
    pub accent: Option<Colour>,
}

/// The fields a brand file may have.
const FIELDS: [&str; 3] = ["consultant", "logo", "accent"];

impl BrandConfig {
    /// Parses a brand file's text.
    ///
    /// # Errors
    /// [`ReportError::BrandSyntax`] for malformed TOML,
    /// [`ReportError::BrandUnknownField`] for a field not in the format,
    /// [`ReportError::BrandFieldType`] for a field that is not text, and
    /// [`ReportError::BrandField`] for an empty name or path or a colour that
    /// is not `#rrggbb`.
    pub fn parse(text: &str) -> Result<Self, ReportError> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let (line, column) = e
                .span()
                .map_or((0, 0), |span| line_and_column(text, span.start));
            ReportError::BrandSyntax {
                line,
                column,
                message: e.message().to_owned(),
            }
        })?;
        if let Some(field) = table.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            return Err(ReportError::BrandUnknownField {
                field: field.clone(),
            });
        }
        let text_field = |field: &'static str| -> Result<Option<String>, ReportError> {
            match table.get(field) {
                None => Ok(None),
                Some(toml::Value::String(value)) if value.trim().is_empty() => {
                    Err(ReportError::BrandField {
                        field,
                        value: value.clone(),
                        expected: "a non-empty text",
                    })
                }
                Some(toml::Value::String(value)) => Ok(Some(value.trim().to_owned())),
                Some(other) => Err(ReportError::BrandFieldType {
                    field,
                    found: other.type_str(),
                }),
            }
        };
        let consultant = text_field("consultant")?;
        let logo = text_field("logo")?.map(PathBuf::from);
        let accent = match text_field("accent")? {
            None => None,
            Some(value) => Some(
                Colour::from_hex(&value).map_err(|_| ReportError::BrandField {
                    field: "accent",
                    value,
                    expected: "a colour written #rrggbb",
                })?,
            ),
        };
        Ok(Self {
            consultant,
            logo,
            accent,
        })
    }

    /// The branding: the file's fields over `default`, with the logo decoded
    /// from `logo_png` (the bytes of the file [`BrandConfig::logo`] names).
    ///
    /// # Errors
    /// [`ReportError::BrandLogo`] when the bytes are not a usable PNG image.
    pub fn into_branding(
        self,
        default: Branding,
        logo_png: Option<&[u8]>,
    ) -> Result<Branding, ReportError> {
        let logo = match logo_png {
            Some(bytes) => Some(Logo::from_png(bytes).map_err(|e| ReportError::BrandLogo {
                path: self.logo.clone().unwrap_or_default(),
                reason: e.to_string(),
            })?),
            None => default.logo,
        };
        Ok(Branding {
            accent: self.accent.unwrap_or(default.accent),
            consultant: self.consultant.unwrap_or(default.consultant),
            logo,
        })
    }
}

/// 1-based line and column of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_error(text: &str, code: &str, field: &str) {
        let error = BrandConfig::parse(text).expect_err("an error");
        assert_eq!(error.code(), code, "{error}");
        assert!(
            error.to_string().contains(field),
            "{error} should name {field}"
        );
    }

    #[test]
    fn a_full_file_parses() {
        let config = BrandConfig::parse(
            "consultant = \"Larchgate Advisory LLP\"\nlogo = \"logo.png\"\naccent = \"#1A5E3A\"\n",
        )
        .expect("parses");
        assert_eq!(config.consultant.as_deref(), Some("Larchgate Advisory LLP"));
        assert_eq!(config.logo, Some(PathBuf::from("logo.png")));
        assert_eq!(config.accent, Some(Colour::rgb(0x1a, 0x5e, 0x3a)));
    }

    #[test]
    fn an_empty_file_keeps_the_defaults() {
        let default = Branding {
            consultant: "Assessor's firm".into(),
            ..Branding::default()
        };
        let branding = BrandConfig::parse("")
            .expect("parses")
            .into_branding(default.clone(), None)
            .expect("no logo to decode");
        assert_eq!(branding, default);
    }

    #[test]
    fn bad_files_name_the_field() {
        check_error("accent = \"teal\"", "report.brand_field", "accent");
        check_error("accent = 12", "report.brand_field_type", "accent");
        check_error("consultant = \"  \"", "report.brand_field", "consultant");
        check_error(
            "colour = \"#000000\"",
            "report.brand_unknown_field",
            "colour",
        );
        check_error("logo = [\"a.png\"]", "report.brand_field_type", "logo");
    }

    #[test]
    fn malformed_toml_gives_line_and_column() {
        let error =
            BrandConfig::parse("consultant = \"A\"\naccent = #123456\n").expect_err("error");
        assert!(
            matches!(error, ReportError::BrandSyntax { line: 2, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn a_logo_that_is_not_png_names_the_file() {
        let config = BrandConfig::parse("logo = \"brand/logo.png\"").expect("parses");
        let error = config
            .into_branding(Branding::default(), Some(b"GIF89a"))
            .expect_err("not a png");
        assert_eq!(error.code(), "report.brand_logo");
        assert!(error.to_string().contains("brand/logo.png"), "{error}");
    }
}
