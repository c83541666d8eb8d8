//! What the report and settings screens exchange: the PDF's branding, the
//! file an export wrote, and where the assessments are kept.
//!
//! Invariant: branding is checked on the way in. A bad accent colour or logo
//! is an error from `ironbridge_report`, never silently the default; only an
//! empty accent means the default colour.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::count;
use crate::error::AppError;

/// Branding of the PDF report.
#[derive(Clone, Debug, Default, Serialize, Deserialize, Type)]
pub struct BrandingDto {
    /// The consultancy's name; empty for the assessor's firm.
    pub consultant: String,
    /// The accent colour, `#rrggbb`; empty for the default.
    pub accent: String,
    /// Whether to print the logo chosen in the settings.
    pub use_logo: bool,
    /// The optional sections to leave out, by key (`money`, `answers`; the
    /// Report screen lists them, `ui/src/lib/sections.ts`).
    #[serde(default)]
    pub omit: Vec<String>,
}

impl BrandingDto {
    /// The sections the report leaves out.
    ///
    /// # Errors
    /// A key that is not an optional section's, named with the known ones.
    pub fn sections(&self) -> Result<ironbridge_report::templates::SectionChoice, AppError> {
        Ok(ironbridge_report::templates::SectionChoice::omitting(
            &self.omit.join(","),
        )?)
    }

    /// The report's branding, with the logo's PNG bytes when one is to be used.
    pub fn into_branding(
        self,
        logo_png: Option<&[u8]>,
    ) -> Result<ironbridge_report::Branding, AppError> {
        let default = ironbridge_report::Branding::default();
        let accent = match self.accent.trim() {
            "" => default.accent,
            hex => ironbridge_report::Colour::from_hex(hex)?,
        };
        let logo = match logo_png.filter(|_| self.use_logo) {
            Some(bytes) => Some(ironbridge_report::Logo::from_png(bytes)?),
            None => None,
        };
        Ok(ironbridge_report::Branding {
            accent,
            consultant: self.consultant.trim().to_owned(),
            logo,
        })
    }
}

/// A file written on the user's request.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ExportedDto {
    /// Where (as the user's file manager shows it).
    pub path: String,
    /// Its size in bytes.
    pub bytes: f64,
    /// Its pages, for a PDF.
    pub pages: Option<u32>,
}

impl ExportedDto {
    /// A file written at `path`.
    pub fn new(path: &std::path::Path, bytes: usize, pages: Option<usize>) -> Self {
        Self {
            path: path.display().to_string(),
            bytes: bytes as f64,
            pages: pages.map(count),
        }
    }
}

/// Where the assessments are kept.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DataLocationDto {
    /// `sqlite` (a file on this computer) or `postgres` (a team database).
    pub kind: String,
    /// The database file, for SQLite.
    pub path: Option<String>,
    /// Why the team database named in the settings is not the one in use.
    pub warning: Option<String>,
}
