//! The app's settings: report branding (consultant, accent colour, logo) and
//! the team database URL, kept in `settings.json` and `logo.png` in the app's
//! config folder.
//!
//! Invariant: both files are written privately (mode 0600, atomically); a
//! logo is stored only once it decodes as a PNG the report can print, and a
//! team database URL only once a connection to it succeeded, so a bad value
//! is an error at the moment it is entered, never at the next start.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::AppError;
use ironbridge_service::private_file;

/// The settings as the UI shows and edits them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct SettingsDto {
    /// The consultancy's name for the report; empty for the assessor's firm.
    pub consultant: String,
    /// The report's accent colour, `#rrggbb`; empty for the default.
    pub accent: String,
    /// The team database (`postgres://…`); empty for the database on this computer.
    pub team_database_url: String,
    /// Whether a logo is stored (read only: set with the logo commands).
    pub has_logo: bool,
}

/// The settings files in one folder.
#[derive(Clone, Debug)]
pub struct SettingsFiles {
    folder: PathBuf,
}

impl SettingsFiles {
    /// Settings kept in `folder`.
    pub fn new(folder: &Path) -> Self {
        Self {
            folder: folder.to_owned(),
        }
    }

    /// The stored settings; the defaults when none were saved.
    pub fn load(&self) -> Result<SettingsDto, AppError> {
        let mut settings = match std::fs::read_to_string(self.json()) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| AppError::Settings {
                action: "read",
                reason: e.to_string(),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => SettingsDto::default(),
            Err(e) => {
                return Err(AppError::Settings {
                    action: "read",
                    reason: e.to_string(),
                });
            }
        };
        settings.has_logo = self.logo_path().exists();
        Ok(settings)
    }

    /// Saves the settings (the colour is checked first).
    pub fn save(&self, settings: &SettingsDto) -> Result<(), AppError> {
        let accent = settings.accent.trim();
        if !accent.is_empty() {
            ironbridge_report::Colour::from_hex(accent)?;
        }
        let mut stored = settings.clone();
        stored.has_logo = false;
        let text = serde_json::to_string_pretty(&stored).map_err(|e| AppError::Settings {
            action: "saved",
            reason: e.to_string(),
        })?;
        self.write(&self.json(), text.as_bytes())
    }

    /// The stored logo's PNG bytes, if any.
    pub fn logo(&self) -> Option<Vec<u8>> {
        std::fs::read(self.logo_path()).ok()
    }

    /// Stores a logo after checking that the report can print it.
    pub fn set_logo(&self, png: &[u8]) -> Result<(), AppError> {
        ironbridge_report::Logo::from_png(png)?;
        self.write(&self.logo_path(), png)
    }

    /// Removes the stored logo.
    pub fn clear_logo(&self) -> Result<(), AppError> {
        match std::fs::remove_file(self.logo_path()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(AppError::Settings {
                action: "saved",
                reason: e.to_string(),
            }),
            _ => Ok(()),
        }
    }

    fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), AppError> {
        let settings_error = |e: std::io::Error| AppError::Settings {
            action: "saved",
            reason: e.to_string(),
        };
        std::fs::create_dir_all(&self.folder).map_err(settings_error)?;
        private_file::write(path, bytes).map_err(settings_error)
    }

    fn json(&self) -> PathBuf {
        self.folder.join("settings.json")
    }

    fn logo_path(&self) -> PathBuf {
        self.folder.join("logo.png")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_default_when_absent() {
        let dir = tempfile::tempdir().unwrap();
        let files = SettingsFiles::new(&dir.path().join("config"));
        assert_eq!(files.load().unwrap(), SettingsDto::default());
        let settings = SettingsDto {
            consultant: "Larchgate Advisory".into(),
            accent: "#0b4f8a".into(),
            team_database_url: String::new(),
            has_logo: false,
        };
        files.save(&settings).unwrap();
        assert_eq!(files.load().unwrap(), settings);
    }

    #[test]
    fn bad_colour_and_bad_logo_are_refused_and_not_stored() {
        let dir = tempfile::tempdir().unwrap();
        let files = SettingsFiles::new(dir.path());
        let bad = SettingsDto {
            accent: "navy".into(),
            ..SettingsDto::default()
        };
        assert_eq!(
            files.save(&bad).unwrap_err().code(),
            "report.invalid_colour"
        );
        assert!(!dir.path().join("settings.json").exists());
        let err = files.set_logo(b"not a png").unwrap_err();
        assert_eq!(err.code(), "report.invalid_image");
        assert!(!files.load().unwrap().has_logo);
    }
}
