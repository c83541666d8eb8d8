//! The app's state and the operations the commands call: one method per
//! command, each a DTO conversion and one call on `ironbridge_service`.
//!
//! Invariant: no store, report or bank logic here; the service checks every
//! change against the bank and returns a `Saved` only once the change is
//! durable, so a `Saved` handed to the UI always means "on disk".

use std::path::{Path, PathBuf};

use ironbridge_core::AssessmentId;
use ironbridge_core::assessment::{AnswerRecord, Registers, SavedAssumptions};
use ironbridge_core::narrative::NarrativeEdits;
use ironbridge_service::{Importer, Presentation, Service, StoreLocation};

use crate::dto::{
    AnswerDto, AssessmentDetails, AssessmentDto, AssessmentSummary, AssumptionOverrideDto, BankDto,
    BrandingDto, DataLocationDto, ExportedDto, ExposureDto, MoneyChartsDto, NarrativeDto,
    ReadinessDto, RegistersDto, Saved, ScorecardDto,
};
use crate::error::AppError;
use crate::settings::{SettingsDto, SettingsFiles};

/// The results screen's radar, in points (the SVG scales to its box, at
/// least 660 px wide: twice this, so its smallest labels, 7.2 points, show
/// at 14 px or more).
const RADAR_WIDTH: f32 = 330.0;
const RADAR_HEIGHT: f32 = 250.0;

/// The width the exposure screen's charts are drawn at, in points (the
/// screen scales them to its column).
const EXPOSURE_CHART_WIDTH: f32 = 560.0;

/// What every command reaches through `tauri::State`.
#[derive(Debug)]
pub struct App {
    service: Service,
    bank_dto: BankDto,
    location: DataLocationDto,
    settings: SettingsFiles,
    /// The audit key file the store was opened with (`None`: the user's);
    /// a team database is checked with the same one.
    audit_key: Option<PathBuf>,
    /// The PDF this run exported last: the only file `open_last_pdf` opens.
    last_pdf: std::sync::Mutex<Option<PathBuf>>,
}

impl App {
    /// Opens the store the settings name (the team database), else the one at
    /// `local` (a SQLite URL), else the default SQLite database in the user's
    /// data folder. When the team database cannot be opened, the local one is
    /// used and the location says why. The audit key is the file
    /// `audit_key`, else the user's (in the data folder).
    pub async fn open(
        local: Option<&str>,
        audit_key: Option<&Path>,
        settings: SettingsFiles,
    ) -> Result<Self, AppError> {
        let team = settings.load()?.team_database_url;
        let opened = ironbridge_service::open_store(Some(&team), local, audit_key).await?;
        if let Some(reason) = &opened.fallback_reason {
            tracing::error!("{reason}");
        }
        let location = DataLocationDto {
            kind: match opened.location {
                StoreLocation::Sqlite(_) => "sqlite".into(),
                StoreLocation::Postgres => "postgres".into(),
            },
            path: match &opened.location {
                StoreLocation::Sqlite(path) => Some(path.display().to_string()),
                StoreLocation::Postgres => None,
            },
            warning: opened.fallback_reason,
        };
        let service = Service::shipped(opened.store)?;
        Ok(Self {
            bank_dto: BankDto::from(service.bank()),
            service,
            location,
            settings,
            audit_key: audit_key.map(Path::to_path_buf),
            last_pdf: std::sync::Mutex::new(None),
        })
    }

    /// Closes the store (the app is exiting): on SQLite the write-ahead log
    /// is copied into the database file, so the `.db` file alone is whole.
    pub async fn close(&self) -> Result<(), AppError> {
        Ok(self.service.close().await?)
    }

    /// The question bank new assessments are made on.
    pub fn bank(&self) -> BankDto {
        self.bank_dto.clone()
    }

    /// The question bank a stored assessment was answered on (bank 1 for an
    /// assessment made before bank 2), or why this build cannot read it.
    pub async fn assessment_bank(&self, id: &str) -> Result<BankDto, AppError> {
        let bank = self.service.bank_for(&parse_id(id)?).await?;
        if bank.version == self.bank_dto.version {
            return Ok(self.bank_dto.clone());
        }
        Ok(BankDto::from(bank))
    }

    /// Where the assessments are kept.
    pub fn location(&self) -> DataLocationDto {
        self.location.clone()
    }

    /// The settings.
    pub fn settings(&self) -> Result<SettingsDto, AppError> {
        self.settings.load()
    }

    /// Saves the settings; a team database URL is kept only once it connects.
    pub async fn save_settings(&self, settings: SettingsDto) -> Result<SettingsDto, AppError> {
        let url = settings.team_database_url.trim();
        if !url.is_empty() {
            ironbridge_service::check_team_database(url, self.audit_key.as_deref()).await?;
        }
        self.settings.save(&settings)?;
        self.settings.load()
    }

    /// Stores the report logo (PNG bytes).
    pub fn set_logo(&self, png: &[u8]) -> Result<SettingsDto, AppError> {
        self.settings.set_logo(png)?;
        self.settings.load()
    }

    /// Removes the report logo.
    pub fn clear_logo(&self) -> Result<SettingsDto, AppError> {
        self.settings.clear_logo()?;
        self.settings.load()
    }

    /// The stored report logo.
    pub fn logo(&self) -> Option<Vec<u8>> {
        self.settings.logo()
    }

    /// Every stored assessment, most recently changed first.
    pub async fn list(&self) -> Result<Vec<AssessmentSummary>, AppError> {
        let listed = self.service.list().await?;
        let banks = self.service.banks();
        Ok(listed
            .iter()
            .map(|a| {
                // Progress counts the questions of the bank it was answered on.
                let total = banks
                    .of(&a.bank)
                    .map_or(self.bank_dto.question_count(), |b| {
                        u32::try_from(b.questions().count()).unwrap_or(u32::MAX)
                    });
                AssessmentSummary::new(a, total, self.service.bank())
            })
            .collect())
    }

    /// Creates a draft assessment from the wizard's details.
    pub async fn create(&self, details: AssessmentDetails) -> Result<AssessmentDto, AppError> {
        let created = self.service.create(details.into()).await?;
        Ok(AssessmentDto::from(&created))
    }

    /// Copies the demo assessment (a fictional automotive supplier) into the store.
    pub async fn create_demo(&self) -> Result<AssessmentDto, AppError> {
        Ok(AssessmentDto::from(&self.service.create_demo().await?))
    }

    /// Opens a stored assessment (its latest revision).
    pub async fn open_assessment(&self, id: &str) -> Result<AssessmentDto, AppError> {
        Ok(AssessmentDto::from(
            &self.service.open(&parse_id(id)?, None).await?,
        ))
    }

    /// Saves one answer (response, note, follow-up), after checking it against the bank.
    pub async fn save_answer(&self, id: &str, answer: AnswerDto) -> Result<Saved, AppError> {
        let record = AnswerRecord::try_from(answer)?;
        Ok(Saved::now(
            &self.service.save_answer(&parse_id(id)?, record).await?,
        ))
    }

    /// Replaces the registers of critical systems and providers.
    pub async fn save_registers(
        &self,
        id: &str,
        registers: RegistersDto,
    ) -> Result<Saved, AppError> {
        let registers = Registers::try_from(registers)?;
        Ok(Saved::now(
            &self
                .service
                .save_registers(&parse_id(id)?, registers)
                .await?,
        ))
    }

    /// Scores an assessment as it is stored, with the radar drawn for the screen.
    pub async fn score(&self, id: &str) -> Result<ScorecardDto, AppError> {
        let results = self
            .service
            .results(&parse_id(id)?, RADAR_WIDTH, RADAR_HEIGHT)
            .await?;
        Ok(ScorecardDto::new(&results.card, results.radar_svg))
    }

    /// The money at risk under the assumptions saved with the assessment,
    /// and the dependency analysis of the registers (kept by the service
    /// while neither changes, so reopening the screen is quick).
    pub async fn exposure(&self, id: &str) -> Result<ExposureDto, AppError> {
        let screen = self
            .service
            .exposure_screen(&parse_id(id)?, EXPOSURE_CHART_WIDTH)
            .await?;
        let view = &screen.view;
        let mut dto = ExposureDto::new(view.exposure.as_ref(), &view.dependencies);
        dto.readiness = ReadinessDto::new(screen.readiness.as_ref());
        dto.charts = screen.charts.map(MoneyChartsDto::from);
        Ok(dto)
    }

    /// Saves the exposure screen's overrides with the assessment (they
    /// replace the saved ones; none: the defaults), after checking them
    /// against their bounds; durable when it returns.
    pub async fn save_assumptions(
        &self,
        id: &str,
        overrides: Vec<AssumptionOverrideDto>,
    ) -> Result<Saved, AppError> {
        let saved =
            SavedAssumptions::from_overrides(overrides.into_iter().map(|o| (o.key, o.value)));
        Ok(Saved::now(
            &self.service.save_assumptions(&parse_id(id)?, saved).await?,
        ))
    }

    /// The report's narrative: the draft from the scoring beside the saved edits.
    pub async fn narrative(&self, id: &str) -> Result<NarrativeDto, AppError> {
        let id = parse_id(id)?;
        let (draft, card, edits) = self.service.narrative(&id).await?;
        let bank = self.service.bank_for(&id).await?;
        Ok(NarrativeDto::new(bank, &card, draft, &edits))
    }

    /// Saves the consultant's narrative edits (they replace the previous
    /// ones; a blank part falls back to the draft); durable when it returns.
    pub async fn save_narrative(&self, id: &str, edits: NarrativeDto) -> Result<Saved, AppError> {
        let edits = NarrativeEdits::try_from(edits)?;
        Ok(Saved::now(
            &self.service.save_narrative(&parse_id(id)?, edits).await?,
        ))
    }

    /// Writes the PDF report of an assessment, with the narrative edits and branding, to `path`.
    pub async fn export_pdf(
        &self,
        id: &str,
        path: &Path,
        branding: BrandingDto,
        logo_png: Option<&[u8]>,
    ) -> Result<ExportedDto, AppError> {
        let sections = branding.sections()?;
        let branding = branding.into_branding(logo_png)?;
        let now = chrono::Utc::now();
        let pdf = self
            .service
            .export_pdf(
                &parse_id(id)?,
                Presentation { branding, sections },
                now,
                path,
            )
            .await?;
        *self
            .last_pdf
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(path.to_owned());
        Ok(ExportedDto::new(path, pdf.bytes.len(), Some(pdf.pages)))
    }

    /// Opens the PDF this run exported last in the system's PDF viewer (the
    /// webview names no file: only a path the user picked and we wrote).
    pub fn open_last_pdf(&self) -> Result<(), AppError> {
        let path = self
            .last_pdf
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
            .ok_or_else(|| AppError::Open {
                reason: "no report has been exported yet".into(),
            })?;
        if !path.is_file() {
            return Err(AppError::Open {
                reason: format!("{} is no longer there", path.display()),
            });
        }
        open::that_detached(&path).map_err(|e| AppError::Open {
            reason: format!("no PDF viewer could open {}: {e}", path.display()),
        })
    }

    /// Writes an assessment as a bundle file, encrypted when a passphrase is given.
    pub async fn export_bundle(
        &self,
        id: &str,
        path: &Path,
        passphrase: Option<&str>,
    ) -> Result<ExportedDto, AppError> {
        let exported = self
            .service
            .export_bundle(&parse_id(id)?, path, passphrase)
            .await?;
        let bytes = usize::try_from(exported.bytes).unwrap_or(usize::MAX);
        Ok(ExportedDto::new(path, bytes, None))
    }

    /// Imports a bundle file as a new assessment, all or nothing.
    pub async fn import_bundle(
        &self,
        path: &Path,
        passphrase: Option<&str>,
    ) -> Result<AssessmentDto, AppError> {
        let imported = self
            .service
            .import_bundle(path, passphrase, Importer::Assessor)
            .await?;
        Ok(AssessmentDto::from(&imported.assessment))
    }

    /// A file name for the assessment's exports (`Acme Pressings 2026`).
    pub async fn file_stem(&self, id: &str) -> Result<String, AppError> {
        let a = self.service.open(&parse_id(id)?, None).await?;
        Ok(crate::files::file_stem(&format!(
            "{} {}",
            a.organisation.name, a.started_on
        )))
    }
}

/// An assessment id from the UI, checked before it reaches the service.
fn parse_id(text: &str) -> Result<AssessmentId, AppError> {
    AssessmentId::parse(text).map_err(AppError::BadId)
}

mod migration;
mod plan;

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
