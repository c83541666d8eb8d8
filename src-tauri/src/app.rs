//! The app's state and the operations the commands call: one method per
//! command, each a short sequence of `core`, `store` and `report` calls.
//!
//! Invariant: every change is checked against the bank before it reaches the
//! store (load → apply to a copy → `Assessment::check` → one store call), and
//! the store returns only once the change is durable, so a `Saved` handed to
//! the UI always means "on disk". Changes run one at a time under one lock, so
//! two quick answers never interleave their checks.

use std::path::Path;

use ironbridge_core::assessment::{AnswerRecord, Assessment, FORMAT, Registers, VERSION};
use ironbridge_core::bundle::Limits;
use ironbridge_core::embedded::DEMO_ASSESSMENT;
use ironbridge_core::narrative::NarrativeEdits;
use ironbridge_core::{Bank, narrative, scoring};
use ironbridge_report::templates::{ReportData, assessment_report};
use ironbridge_store::{Actor, AnyStore, Store, bundle_file};

use crate::dto::{
    AnswerDto, AssessmentDetails, AssessmentDto, AssessmentSummary, AssumptionOverrideDto, BankDto,
    BrandingDto, DataLocationDto, ExportedDto, ExposureDto, NarrativeDto, RegistersDto, Saved,
    ScorecardDto,
};
use crate::error::AppError;
use crate::files;
use crate::ids::AssessmentId;
use crate::settings::{SettingsDto, SettingsFiles};

/// The results screen's radar, in points (the SVG scales to its box).
const RADAR_WIDTH: f32 = 400.0;
const RADAR_HEIGHT: f32 = 300.0;

/// What every command reaches through `tauri::State`.
#[derive(Debug)]
pub struct App {
    bank: Bank,
    bank_dto: BankDto,
    store: AnyStore,
    location: DataLocationDto,
    settings: SettingsFiles,
    writes: tokio::sync::Mutex<()>,
    /// The PDF this run exported last: the only file `open_last_pdf` opens.
    last_pdf: std::sync::Mutex<Option<std::path::PathBuf>>,
}

impl App {
    /// Opens the store the settings name (the team database), else the one at
    /// `local` (a SQLite URL), else the default SQLite database in the user's
    /// data folder. When the team database cannot be opened, the local one is
    /// used and the location says why.
    pub async fn open(local: Option<&str>, settings: SettingsFiles) -> Result<Self, AppError> {
        let team = settings.load()?.team_database_url;
        let mut warning = None;
        if !team.trim().is_empty() {
            match open_store(team.trim()).await {
                Ok(store) => return Self::new(store, settings),
                Err(err) => {
                    tracing::error!("the team database cannot be opened: {err}");
                    warning = Some(format!(
                        "The team database could not be opened ({err}); this computer's database is used instead."
                    ));
                }
            }
        }
        let store = ironbridge_store::open(local).await?;
        let mut app = Self::new(store, settings)?;
        app.location.warning = warning;
        Ok(app)
    }

    /// The app over the shipped bank and an open store.
    pub fn new(store: AnyStore, settings: SettingsFiles) -> Result<Self, AppError> {
        let bank = Bank::shipped()?;
        let bank_dto = BankDto::from(&bank);
        let location = match &store {
            AnyStore::Sqlite(s) => DataLocationDto {
                kind: "sqlite".into(),
                path: Some(s.path().display().to_string()),
                warning: None,
            },
            AnyStore::Postgres(_) => DataLocationDto {
                kind: "postgres".into(),
                path: None,
                warning: None,
            },
        };
        Ok(Self {
            bank,
            bank_dto,
            store,
            location,
            settings,
            writes: tokio::sync::Mutex::new(()),
            last_pdf: std::sync::Mutex::new(None),
        })
    }

    /// The question bank.
    pub fn bank(&self) -> BankDto {
        self.bank_dto.clone()
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
            if !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
                return Err(AppError::Store(ironbridge_store::StoreError::UrlInvalid {
                    reason: "a team database URL starts with postgres://".into(),
                }));
            }
            open_store(url).await?;
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
        let total = u32::try_from(self.bank.questions().count()).unwrap_or(u32::MAX);
        let mut summaries = self.store.list().await?;
        summaries.sort_by_key(|s| std::cmp::Reverse(s.updated_at));
        let mut out = Vec::with_capacity(summaries.len());
        for summary in summaries {
            // The list carries neither the mode nor answered counts: read each.
            let a = self.store.load(&summary.id, None).await?;
            let answered = a.answers.iter().filter(|r| r.response.is_some()).count();
            out.push(AssessmentSummary {
                id: a.id.clone(),
                title: a.title.clone(),
                organisation: a.organisation.name.clone(),
                mode: a.mode.into(),
                status: a.status.into(),
                answered: u32::try_from(answered).unwrap_or(u32::MAX),
                total,
                saved_at: Some(summary.updated_at.to_rfc3339()),
            });
        }
        Ok(out)
    }

    /// Creates a draft assessment from the wizard's details.
    pub async fn create(&self, details: AssessmentDetails) -> Result<AssessmentDto, AppError> {
        check_details(&details)?;
        let id = AssessmentId::fresh();
        // Built through the file format, so fields added to it later take their defaults.
        let skeleton = serde_json::json!({
            "format": FORMAT,
            "version": VERSION,
            "id": id.as_str(),
            "title": "",
            "bank": { "id": self.bank.id, "version": self.bank.version },
            "organisation": {
                "name": "", "sector": "", "employees": 0, "annual_revenue": 0.0,
                "currency": "", "operating_days_per_year": 0
            },
            "assessor": { "name": "" },
            "mode": "workshop",
            "status": "draft",
            "started_on": crate::dto::today().to_string(),
            "target_profile": "",
        });
        let mut assessment = Assessment::from_json(&skeleton.to_string())
            .map_err(|source| AppError::Unreadable { source })?;
        details.apply_to(&mut assessment);
        self.insert(&assessment).await?;
        Ok(AssessmentDto::from(&assessment))
    }

    /// Copies the demo assessment (a fictional automotive supplier) into the store.
    pub async fn create_demo(&self) -> Result<AssessmentDto, AppError> {
        let mut assessment = Assessment::from_json(DEMO_ASSESSMENT)
            .map_err(|source| AppError::Unreadable { source })?;
        assessment.id = AssessmentId::fresh().to_string();
        self.insert(&assessment).await?;
        Ok(AssessmentDto::from(&assessment))
    }

    /// Opens a stored assessment (its latest revision).
    pub async fn open_assessment(&self, id: &str) -> Result<AssessmentDto, AppError> {
        Ok(AssessmentDto::from(&self.load(id).await?))
    }

    /// Saves one answer (response, note, follow-up), after checking it against the bank.
    pub async fn save_answer(&self, id: &str, answer: AnswerDto) -> Result<Saved, AppError> {
        let record = AnswerRecord::try_from(answer)?;
        let _guard = self.writes.lock().await;
        let mut assessment = self.load(id).await?;
        upsert_answer(&mut assessment, record.clone());
        assessment.check(&self.bank).map_err(AppError::Invalid)?;
        let saved = self
            .store
            .save_answer(&actor(&assessment), id, &record)
            .await?;
        Ok(Saved::now(&saved))
    }

    /// Replaces the registers of critical systems and providers.
    pub async fn save_registers(
        &self,
        id: &str,
        registers: RegistersDto,
    ) -> Result<Saved, AppError> {
        let registers = Registers::try_from(registers)?;
        let _guard = self.writes.lock().await;
        let mut assessment = self.load(id).await?;
        registers.check().map_err(AppError::Registers)?;
        assessment.registers = registers.clone();
        assessment.check(&self.bank).map_err(AppError::Invalid)?;
        let saved = self
            .store
            .save_registers(&actor(&assessment), id, &registers)
            .await?;
        Ok(Saved::now(&saved))
    }

    /// Scores an assessment as it is stored.
    pub async fn score(&self, id: &str) -> Result<ScorecardDto, AppError> {
        let assessment = self.load(id).await?;
        let card = scoring::score_assessment(&self.bank, &assessment);
        let radar = ironbridge_report::templates::domain_radar(&card).to_svg(
            &ironbridge_report::Theme::default(),
            RADAR_WIDTH,
            RADAR_HEIGHT,
        )?;
        Ok(ScorecardDto::new(&card, radar))
    }

    /// The money at risk under the default assumptions with `overrides`
    /// applied, and the dependency analysis of the registers.
    pub async fn exposure(
        &self,
        id: &str,
        overrides: Vec<AssumptionOverrideDto>,
    ) -> Result<ExposureDto, AppError> {
        let assessment = self.load(id).await?;
        let assumptions = assumptions_with(&overrides)?;
        let exposure = ironbridge_core::exposure::assess(&self.bank, &assessment, &assumptions);
        let dependencies = ironbridge_core::dependencies::analyse(
            &assessment.registers,
            &ironbridge_core::dependencies::DependencyConfig::default(),
        );
        Ok(ExposureDto::new(exposure.as_ref(), &dependencies))
    }

    /// The report's narrative: the draft from the scoring beside the saved edits.
    pub async fn narrative(&self, id: &str) -> Result<NarrativeDto, AppError> {
        let assessment = self.load(id).await?;
        let card = scoring::score_assessment(&self.bank, &assessment);
        let draft = narrative::draft(&self.bank, &assessment, &card);
        Ok(NarrativeDto::new(
            &self.bank,
            &card,
            draft,
            &assessment.narrative,
        ))
    }

    /// Saves the consultant's narrative edits (they replace the previous
    /// ones; a blank part falls back to the draft); durable when it returns.
    pub async fn save_narrative(&self, id: &str, edits: NarrativeDto) -> Result<Saved, AppError> {
        let edits = NarrativeEdits::try_from(edits)?;
        let _guard = self.writes.lock().await;
        let assessment = self.load(id).await?;
        let mut changed = assessment.clone();
        changed.narrative = edits;
        changed.check(&self.bank).map_err(AppError::Invalid)?;
        let saved = self
            .store
            .save_narrative(&actor(&assessment), id, &changed.narrative)
            .await?;
        Ok(Saved::now(&saved))
    }

    /// Writes the PDF report of an assessment, with the narrative edits and branding, to `path`.
    pub async fn export_pdf(
        &self,
        id: &str,
        path: &Path,
        branding: BrandingDto,
        logo_png: Option<&[u8]>,
    ) -> Result<ExportedDto, AppError> {
        let assessment = self.load(id).await?;
        assessment.check(&self.bank).map_err(AppError::Invalid)?;
        let branding = branding.into_branding(logo_png)?;
        let data = ReportData::compute(&self.bank, &assessment);
        let doc = assessment_report(&data, branding, chrono::Utc::now());
        let laid_out = doc.layout()?;
        let pdf = doc.write_pdf(&laid_out)?;
        ironbridge_store::private_file::write(path, &pdf).map_err(|cause| AppError::Write {
            path: path.to_owned(),
            cause,
        })?;
        *self
            .last_pdf
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(path.to_owned());
        Ok(ExportedDto::new(
            path,
            pdf.len(),
            Some(laid_out.pages.len()),
        ))
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
        let bundle = self.store.export_bundle(id).await?;
        bundle_file::write(path, &bundle, passphrase.filter(|p| !p.is_empty()))
            .map_err(ironbridge_store::StoreError::from)?;
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        Ok(ExportedDto::new(
            path,
            usize::try_from(size).unwrap_or(usize::MAX),
            None,
        ))
    }

    /// Imports a bundle file as a new assessment, all or nothing.
    pub async fn import_bundle(
        &self,
        path: &Path,
        passphrase: Option<&str>,
    ) -> Result<AssessmentDto, AppError> {
        let limits = Limits::default();
        let bundle = bundle_file::read(path, passphrase.filter(|p| !p.is_empty()), &limits)
            .map_err(ironbridge_store::StoreError::from)?;
        bundle_file::check_against_bank(&bundle, &self.bank)
            .map_err(ironbridge_store::StoreError::from)?;
        let assessment = bundle.to_assessment();
        let _guard = self.writes.lock().await;
        let saved = self
            .store
            .import_bundle(&actor(&assessment), &bundle)
            .await?;
        self.open_assessment(&saved.id).await
    }

    /// A file name for the assessment's exports (`Acme Pressings 2026`).
    pub async fn file_stem(&self, id: &str) -> Result<String, AppError> {
        let a = self.load(id).await?;
        Ok(files::file_stem(&format!(
            "{} {}",
            a.organisation.name, a.started_on
        )))
    }

    async fn load(&self, id: &str) -> Result<Assessment, AppError> {
        Ok(self.store.load(id, None).await?)
    }

    async fn insert(&self, assessment: &Assessment) -> Result<(), AppError> {
        assessment.check(&self.bank).map_err(AppError::Invalid)?;
        let _guard = self.writes.lock().await;
        self.store
            .create_assessment(&actor(assessment), assessment)
            .await?;
        Ok(())
    }
}

/// The default assumptions with numeric overrides, each checked.
fn assumptions_with(
    overrides: &[AssumptionOverrideDto],
) -> Result<ironbridge_core::exposure::Assumptions, AppError> {
    let mut object = serde_json::Map::new();
    for o in overrides {
        if !o.value.is_finite() {
            return Err(AppError::Assumptions {
                problem: format!("{}: not a number", o.key),
            });
        }
        object.insert(o.key.clone(), serde_json::json!(o.value));
    }
    let assumptions: ironbridge_core::exposure::Assumptions =
        serde_json::from_value(serde_json::Value::Object(object)).map_err(|e| {
            AppError::Assumptions {
                problem: e.to_string(),
            }
        })?;
    assumptions
        .check()
        .map_err(|problems| AppError::Assumptions {
            problem: problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        })?;
    Ok(assumptions)
}

/// Opens a store, giving up after 15 seconds (an unreachable server).
async fn open_store(url: &str) -> Result<AnyStore, AppError> {
    match tokio::time::timeout(
        std::time::Duration::from_secs(15),
        ironbridge_store::open(Some(url)),
    )
    .await
    {
        Ok(store) => Ok(store?),
        Err(_) => Err(AppError::Store(ironbridge_store::StoreError::Unavailable {
            backend: "postgres",
            reason: "no answer within 15 seconds".into(),
        })),
    }
}

/// Who the audit log names for a change: the assessment's assessor.
fn actor(assessment: &Assessment) -> Actor {
    Actor::new(&assessment.assessor.name)
        .or_else(|_| Actor::new("Ironbridge desktop app"))
        .unwrap_or_else(|_| unreachable!("a non-empty literal is a valid actor"))
}

/// Replaces the question's record, or removes it when it carries nothing.
fn upsert_answer(assessment: &mut Assessment, record: AnswerRecord) {
    let empty = record.response.is_none() && record.note.trim().is_empty() && !record.follow_up;
    let existing = assessment
        .answers
        .iter()
        .position(|a| a.question == record.question);
    match (existing, empty) {
        (Some(idx), true) => {
            assessment.answers.remove(idx);
        }
        (Some(idx), false) => assessment.answers[idx] = record,
        (None, false) => assessment.answers.push(record),
        (None, true) => {}
    }
}

fn check_details(d: &AssessmentDetails) -> Result<(), AppError> {
    let bad = |field, problem| Err(AppError::BadDetail { field, problem });
    let o = &d.organisation;
    if d.title.trim().is_empty() {
        return bad("title", "a title is required");
    }
    if o.name.trim().is_empty() {
        return bad("organisation.name", "the organisation's name is required");
    }
    if d.assessor.name.trim().is_empty() {
        return bad("assessor.name", "the assessor's name is required");
    }
    let currency = o.currency.trim();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return bad(
            "organisation.currency",
            "a three-letter ISO 4217 code, like GBP",
        );
    }
    if !(1..=366).contains(&o.operating_days_per_year) {
        return bad("organisation.operating_days_per_year", "between 1 and 366");
    }
    if !o.annual_revenue.is_finite() || o.annual_revenue < 0.0 {
        return bad("organisation.annual_revenue", "zero or more");
    }
    Ok(())
}

#[cfg(test)]
mod tests;
