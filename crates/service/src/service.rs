//! [`Service`]: the use cases on stored assessments.
//!
//! Invariant: every change is checked against the bank before it reaches the
//! store (load → apply to a copy → `Assessment::check` → one store call), and
//! the store returns only once the change is durable, so a `Saved` always
//! means "on disk". Changes run one at a time under one lock, so two quick
//! answers never interleave their checks.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use ironbridge_core::assessment::{
    AnswerRecord, Assessment, Details, PlanItem, Registers, SavedAssumptions,
};
use ironbridge_core::bundle::Limits;
use ironbridge_core::embedded::{DEMO_ASSESSMENT, DEMO_ASSESSMENT_V1};
use ironbridge_core::migration::{Migration, Plan};
use ironbridge_core::narrative::{self, Narrative, NarrativeEdits};
use ironbridge_core::scoring::Scorecard;
use ironbridge_core::underwriting::{self, Readiness, UnderwritingIssues};
use ironbridge_core::{AssessmentId, Bank, QuestionId};
use ironbridge_report::templates::{AuditStamp, MoneyCharts, money_charts};
use ironbridge_store::{
    Actor, AnyStore, AssessmentSummary, AuditHead, Close as _, LogVerdict, Saved, Store,
    StoreError, bundle_file,
};
use tokio::sync::Mutex;

use crate::banks::Banks;
use crate::exposure_cache::{ExposureCache, ExposureView};
use crate::report::{self, Presentation, RenderedPdf};
use crate::{Result, ServiceError, files, migrate, new_assessment_id};

/// The use cases over one store and the question banks: each stored
/// assessment is checked and scored against the bank it was answered on.
#[derive(Debug)]
pub struct Service {
    banks: Banks,
    store: AnyStore,
    writes: Mutex<()>,
    exposures: ExposureCache,
}

/// A bundle file written by [`Service::export_bundle`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportedBundle {
    /// The revision exported.
    pub revision: u32,
    /// Whether it was encrypted with a passphrase.
    pub encrypted: bool,
    /// The file's size.
    pub bytes: u64,
}

/// An assessment imported by [`Service::import_bundle`].
#[derive(Clone, Debug)]
pub struct Imported {
    /// The store's confirmation (the new id and revision).
    pub saved: Saved,
    /// The assessment as stored.
    pub assessment: Assessment,
    /// What to tell the user about the file's integrity: set when it carried
    /// no digest (a version 1 bundle or an assessment file), so whether it
    /// was changed after export could not be checked.
    pub integrity_note: Option<&'static str>,
}

/// The results screen: the scorecard and its radar chart as SVG.
#[derive(Clone, Debug)]
pub struct Results {
    /// The scorecard.
    pub card: Scorecard,
    /// The report's radar of the domains against their targets, as SVG.
    pub radar_svg: String,
}

/// The exposure screen: the money at risk and the dependency analysis (as
/// the cache holds them), the underwriters' questions, and the report's two
/// money charts as SVG.
#[derive(Clone, Debug)]
pub struct ExposureScreen {
    /// The money at risk and the dependency analysis.
    pub view: Arc<ExposureView>,
    /// The underwriters' questions, or why they do not fit the bank.
    pub readiness: std::result::Result<Readiness, UnderwritingIssues>,
    /// The loss exceedance curve and the waterfall, when there is an exposure.
    pub charts: Option<MoneyCharts>,
}

/// A stored assessment moved onto a newer bank by [`Service::migrate`].
#[derive(Clone, Debug)]
pub struct Migrated {
    /// The assessment it was moved from: unchanged, still on its own bank.
    pub from: AssessmentId,
    /// The store's confirmation for the new assessment (its id, revision 1).
    pub saved: Saved,
    /// The new assessment as stored, on the new bank.
    pub assessment: Assessment,
    /// What happened to each answer, and the new questions left unanswered.
    pub plan: Plan,
}

/// Who the audit log names for an import.
#[derive(Clone, Debug)]
pub enum Importer {
    /// This person.
    Named(Actor),
    /// The assessor named in the bundle (the desktop app knows no login).
    Assessor,
}

impl Service {
    /// The use cases over `store`, checking against `bank` only (a bank
    /// named with `--bank`): an assessment on another bank is refused.
    pub fn new(bank: Bank, store: AnyStore) -> Self {
        Self::with_banks(Banks::one(bank), store)
    }

    /// The use cases over `store` with these banks.
    pub fn with_banks(banks: Banks, store: AnyStore) -> Self {
        Self {
            banks,
            store,
            writes: Mutex::new(()),
            exposures: ExposureCache::default(),
        }
    }

    /// The use cases over `store` and the banks shipped with this build
    /// (new assessments on bank 2; bank 1 for those answered on it).
    pub fn shipped(store: AnyStore) -> Result<Self> {
        Ok(Self::with_banks(Banks::shipped()?, store))
    }

    /// The question bank new assessments are made on.
    pub fn bank(&self) -> &Bank {
        self.banks.current()
    }

    /// Every bank held.
    pub fn banks(&self) -> &Banks {
        &self.banks
    }

    /// The bank an assessment was answered on, or why this build cannot read it.
    pub fn bank_of(&self, assessment: &Assessment) -> Result<&Bank> {
        self.banks.of(&assessment.bank)
    }

    /// The bank a stored assessment was answered on.
    pub async fn bank_for(&self, id: &AssessmentId) -> Result<&Bank> {
        let assessment = self.open(id, None).await?;
        self.bank_of(&assessment)
    }

    /// The store.
    pub fn store(&self) -> &AnyStore {
        &self.store
    }

    /// Closes the store: a shell calls this before it ends, on every path.
    /// On SQLite it copies the write-ahead log into the database file, so
    /// the `.db` file alone holds every assessment. Later calls fail.
    pub async fn close(&self) -> Result<()> {
        // A change still running finishes first.
        let _writing = self.writes.lock().await;
        Ok(self.store.close().await?)
    }

    /// Every stored assessment (its latest revision), most recently changed
    /// first, read from the store's summaries without loading any whole.
    pub async fn list(&self) -> Result<Vec<AssessmentSummary>> {
        Ok(self.store.list().await?)
    }

    /// Creates a draft assessment from its details, started today.
    pub async fn create(&self, details: Details) -> Result<Assessment> {
        details.check()?;
        let today = Utc::now().date_naive();
        let assessment = Assessment::new(new_assessment_id(), self.bank(), details, today);
        self.insert(&assessment).await?;
        Ok(assessment)
    }

    /// Copies the demo assessment (a fictional automotive supplier) into the
    /// store: the one answered on the bank new assessments are made on.
    pub async fn create_demo(&self) -> Result<Assessment> {
        let mut demos = Vec::new();
        for text in [DEMO_ASSESSMENT, DEMO_ASSESSMENT_V1] {
            demos.push(
                Assessment::from_json(text)
                    .map_err(|source| ServiceError::Unreadable { source })?,
            );
        }
        let current = Some(self.bank().major());
        let at = demos
            .iter()
            .position(|d| Bank::major_of(&d.bank.version) == current)
            .unwrap_or(demos.len() - 1);
        let mut assessment = demos.swap_remove(at);
        assessment.id = new_assessment_id();
        self.insert(&assessment).await?;
        Ok(assessment)
    }

    /// A stored assessment: its latest revision, or the one named.
    pub async fn open(&self, id: &AssessmentId, revision: Option<u32>) -> Result<Assessment> {
        Ok(self.store.load(id, revision).await?)
    }

    /// Saves one answer (response, note, follow-up), after checking it against the bank.
    pub async fn save_answer(&self, id: &AssessmentId, record: AnswerRecord) -> Result<Saved> {
        let _guard = self.writes.lock().await;
        let mut assessment = self.open(id, None).await?;
        upsert_answer(&mut assessment, record.clone());
        files::check(self.bank_of(&assessment)?, &assessment)?;
        Ok(self
            .store
            .save_answer(&actor(&assessment), id, &record)
            .await?)
    }

    /// Replaces the registers of critical systems and providers.
    pub async fn save_registers(&self, id: &AssessmentId, registers: Registers) -> Result<Saved> {
        registers.check().map_err(ServiceError::Registers)?;
        let _guard = self.writes.lock().await;
        let mut assessment = self.open(id, None).await?;
        assessment.registers = registers.clone();
        files::check(self.bank_of(&assessment)?, &assessment)?;
        Ok(self
            .store
            .save_registers(&actor(&assessment), id, &registers)
            .await?)
    }

    /// Saves the consultant's narrative edits (they replace the previous
    /// ones; a blank part falls back to the draft).
    pub async fn save_narrative(&self, id: &AssessmentId, edits: NarrativeEdits) -> Result<Saved> {
        let _guard = self.writes.lock().await;
        let assessment = self.open(id, None).await?;
        let mut changed = assessment.clone();
        changed.narrative = edits;
        files::check(self.bank_of(&changed)?, &changed)?;
        Ok(self
            .store
            .save_narrative(&actor(&assessment), id, &changed.narrative)
            .await?)
    }

    /// Sets the roadmap plan entry of one gap (owner, target date, effort,
    /// status, note) after checking it against the bank and the limits; an
    /// entry with nothing set removes it. Audited like an answer.
    pub async fn set_plan_item(
        &self,
        id: &AssessmentId,
        question: &QuestionId,
        item: PlanItem,
    ) -> Result<Saved> {
        let _guard = self.writes.lock().await;
        let mut assessment = self.open(id, None).await?;
        if item.is_empty() {
            assessment.plan.remove(question);
        } else {
            assessment.plan.insert(question.clone(), item.clone());
        }
        files::check(self.bank_of(&assessment)?, &assessment)?;
        Ok(self
            .store
            .save_plan_item(&actor(&assessment), id, question, &item)
            .await?)
    }

    /// The scorecard of an assessment as it is stored.
    pub async fn score(&self, id: &AssessmentId) -> Result<Scorecard> {
        let assessment = self.open(id, None).await?;
        Ok(files::score(self.bank_of(&assessment)?, &assessment))
    }

    /// The scorecard with the report's radar drawn `width` × `height` points.
    pub async fn results(&self, id: &AssessmentId, width: f32, height: f32) -> Result<Results> {
        let card = self.score(id).await?;
        let radar_svg = report::radar_svg(&card, width, height)?;
        Ok(Results { card, radar_svg })
    }

    /// Replaces the exposure assumptions saved with an assessment (the
    /// exposure screen's overrides), after checking them against their
    /// bounds; every output reads them from then on.
    pub async fn save_assumptions(
        &self,
        id: &AssessmentId,
        assumptions: SavedAssumptions,
    ) -> Result<Saved> {
        files::check_saved_assumptions(&assumptions)?;
        let _guard = self.writes.lock().await;
        let mut assessment = self.open(id, None).await?;
        assessment.exposure_assumptions = assumptions.clone();
        files::check(self.bank_of(&assessment)?, &assessment)?;
        Ok(self
            .store
            .save_assumptions(&actor(&assessment), id, &assumptions)
            .await?)
    }

    /// The money at risk under the assumptions saved with the assessment
    /// (or why it cannot be computed), and the dependency analysis of the
    /// registers. Kept while the assessment and its assumptions are
    /// unchanged, so asking again does not run the simulation again.
    pub async fn exposure(&self, id: &AssessmentId) -> Result<Arc<ExposureView>> {
        let assessment = self.open(id, None).await?;
        let assumptions = files::saved_assumptions(&assessment)?;
        let bank = self.bank_of(&assessment)?;
        Ok(self.exposures.get(bank, &assessment, assumptions))
    }

    /// Everything the exposure screen shows, from one read of the assessment:
    /// the cached money at risk and dependencies, the underwriters'
    /// questions, and the money charts drawn `chart_width` points wide.
    pub async fn exposure_screen(
        &self,
        id: &AssessmentId,
        chart_width: f32,
    ) -> Result<ExposureScreen> {
        let assessment = self.open(id, None).await?;
        let assumptions = files::saved_assumptions(&assessment)?;
        let bank = self.bank_of(&assessment)?;
        let view = self.exposures.get(bank, &assessment, assumptions);
        let charts = match &view.exposure {
            Ok(exposure) => Some(money_charts(exposure, &assessment, chart_width)?),
            Err(_) => None,
        };
        Ok(ExposureScreen {
            readiness: underwriting::readiness(bank, &assessment),
            view,
            charts,
        })
    }

    /// How many times [`Service::exposure`] ran the model; the other calls
    /// were answered from what it kept.
    pub fn exposure_runs(&self) -> u64 {
        self.exposures.runs()
    }

    /// The report's narrative drafted from the scoring, the scorecard it was
    /// drafted from, and the saved edits.
    pub async fn narrative(
        &self,
        id: &AssessmentId,
    ) -> Result<(Narrative, Scorecard, NarrativeEdits)> {
        let assessment = self.open(id, None).await?;
        let bank = self.bank_of(&assessment)?;
        let card = files::score(bank, &assessment);
        let draft = narrative::draft(bank, &assessment, &card);
        Ok((draft, card, assessment.narrative))
    }

    /// Writes the PDF report of a stored assessment to `path` (mode 0600,
    /// atomic), its money at risk under the assumptions saved with it.
    pub async fn export_pdf(
        &self,
        id: &AssessmentId,
        presentation: Presentation,
        date: DateTime<Utc>,
        path: &Path,
    ) -> Result<RenderedPdf> {
        let assessment = self.open(id, None).await?;
        let head = self.audit_head(id).await?;
        let stamp = AuditStamp {
            entry: head.chain_seq,
            hash: head.hash,
        };
        let bank = self.bank_of(&assessment)?;
        // The money at risk as the exposure screen computed it (same content,
        // same saved assumptions): the simulation runs once, not again here.
        let assumptions = files::saved_assumptions(&assessment)?;
        let view = self.exposures.get(bank, &assessment, assumptions);
        report::write_with_exposure(
            bank,
            &assessment,
            view.exposure.clone(),
            presentation,
            date,
            Some(stamp),
            path,
        )
    }

    /// Writes an assessment's latest revision as a bundle file, encrypted
    /// when a passphrase is given.
    pub async fn export_bundle(
        &self,
        id: &AssessmentId,
        path: &Path,
        passphrase: Option<&str>,
    ) -> Result<ExportedBundle> {
        let bundle = self.store.export_bundle(id).await?;
        let encrypted = passphrase.filter(|p| !p.is_empty());
        bundle_file::write(path, &bundle, encrypted).map_err(StoreError::from)?;
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        Ok(ExportedBundle {
            revision: bundle.assessment.revision,
            encrypted: encrypted.is_some(),
            bytes,
        })
    }

    /// Imports a bundle file as a new assessment, all or nothing.
    pub async fn import_bundle(
        &self,
        path: &Path,
        passphrase: Option<&str>,
        importer: Importer,
    ) -> Result<Imported> {
        let limits = Limits::default();
        let passphrase = passphrase.filter(|p| !p.is_empty());
        let bytes = crate::input::read_bundle_bytes(path)?;
        let bundle = bundle_file::decode(&bytes, passphrase, &limits).map_err(StoreError::from)?;
        // A bundle on a bank this build does not hold meets the current one,
        // whose check names both versions in the import's own words.
        let bank = self.banks.of(&bundle.bank).unwrap_or(self.banks.current());
        bundle_file::check_against_bank(&bundle, bank).map_err(StoreError::from)?;
        let actor = match importer {
            Importer::Named(actor) => actor,
            Importer::Assessor => actor(&bundle.to_assessment()),
        };
        let saved = {
            let _guard = self.writes.lock().await;
            self.store.import_bundle(&actor, &bundle).await?
        };
        let assessment = self.open(&bundle.assessment.id, None).await?;
        Ok(Imported {
            saved,
            assessment,
            integrity_note: bundle.integrity_note(),
        })
    }

    /// What [`Service::migrate`] would do to a stored assessment, question by
    /// question, for the user to read before accepting; nothing is stored.
    pub async fn migration_plan(&self, id: &AssessmentId, to_major: u32) -> Result<Plan> {
        let assessment = self.open(id, None).await?;
        Ok(migrate::migrate(&self.banks, &assessment, to_major)?.plan)
    }

    /// Moves a stored assessment onto bank `to_major` through the shipped
    /// map: a new assessment (new id, a draft) whose audit log starts with
    /// its creation by the assessor; the old one stays as it is, readable on
    /// its own bank, with its own log.
    pub async fn migrate(&self, id: &AssessmentId, to_major: u32) -> Result<Migrated> {
        let old = self.open(id, None).await?;
        let Migration {
            mut assessment,
            plan,
        } = migrate::migrate(&self.banks, &old, to_major)?;
        assessment.id = new_assessment_id();
        let saved = {
            let _guard = self.writes.lock().await;
            self.store
                .create_assessment(&actor(&assessment), &assessment)
                .await?
        };
        let assessment = self.open(&assessment.id, None).await?;
        Ok(Migrated {
            from: id.clone(),
            saved,
            assessment,
            plan,
        })
    }

    /// Checks an assessment's audit log: every entry present, unaltered and in order.
    pub async fn verify_log(&self, id: &AssessmentId) -> Result<LogVerdict> {
        Ok(self.store.verify_log(id).await?)
    }

    /// Where an assessment's audit log ends now: the head every exported
    /// report and bundle carries.
    pub async fn audit_head(&self, id: &AssessmentId) -> Result<AuditHead> {
        Ok(self.store.audit_head(id).await?)
    }

    async fn insert(&self, assessment: &Assessment) -> Result<()> {
        files::check(self.bank_of(assessment)?, assessment)?;
        let _guard = self.writes.lock().await;
        self.store
            .create_assessment(&actor(assessment), assessment)
            .await?;
        Ok(())
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
