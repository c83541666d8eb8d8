//! The types that cross IPC, and their conversions from and to `core`'s, one
//! file per area of the UI; every type is re-exported here, so commands name
//! them `crate::dto::X`.
//!
//! - `bank`: the question bank.
//! - `assessment`: an assessment, its details and answers, the home
//!   screen's summaries and the confirmation of a write.
//! - `score`: the scorecard.
//! - `registers`: the registers of critical systems and providers.
//! - `check`: problems found in the details and registers being edited.
//! - `narrative`: the report's narrative, drafted and edited.
//! - `report`: branding, exported files and where the data is kept.
//! - `exposure`: the money at risk and the dependency graph.
//! - `migration`: moving an assessment onto a newer bank: the plan, and what
//!   accepting it created.
//! - `plan`: the roadmap as a plan (owner, target date, effort, status per
//!   gap), as the Report screen edits it.
//!
//! Invariant: these are the only types the UI sees. Each derives
//! [`specta::Type`], so `ui/src/lib/bindings.ts` is generated from them and a
//! test fails when that file is stale. `core` knows nothing of IPC: every
//! conversion is a `From`/`TryFrom` (or a constructor) here, written field by
//! field with exhaustive matches, so a new field or variant in `core` fails to
//! compile instead of arriving empty; a conversion that can fail returns an
//! error rather than a default. Numbers that the UI reads are `u32`/`u8`/`f64`
//! (never `usize`/`u64`, which JavaScript cannot hold exactly).

mod assessment;
mod bank;
mod check;
mod exposure;
mod migration;
mod narrative;
mod plan;
mod readiness;
mod registers;
mod report;
mod score;

pub use assessment::{
    AnswerDto, AssessmentDetails, AssessmentDto, AssessmentSummary, ModeDto, OrganisationDto,
    PersonDto, ResponseDto, Saved, SiteDto, StatusDto,
};
pub use bank::{
    AnswerKindDto, BankDto, ChoiceOptionDto, CriticalityDto, DomainDto, ProfileDto, QuestionDto,
    UnitDto,
};
pub use check::{FieldProblemDto, RowProblemDto};
pub use exposure::{
    AssumptionDto, AssumptionOverrideDto, DependenciesDto, ExposureDto, FindingDto, GraphEdgeDto,
    GraphNodeDto, MoneyChartsDto, ProviderOutageDto, ScenarioDto,
};
pub use migration::{
    MigratedDto, MigrationChangeDto, MigrationCountsDto, MigrationItemDto, MigrationPlanDto,
    PlanQuestionDto,
};
pub use narrative::{NarrativeDto, NarrativePartDto};
pub use plan::{
    EffortDto, EffortOptionDto, PlanItemDto, PlanRowDto, PlanStatusDto, RoadmapPlanDto,
    StatusOptionDto,
};
pub use readiness::{ReadinessDto, ReadinessItemDto};
pub use registers::{
    ContractDto, FallbackDto, HostingDto, ProductionImpactDto, ProviderDto, ProviderServiceDto,
    RegistersDto, SystemCategoryDto, SystemDto,
};
pub use report::{BrandingDto, DataLocationDto, ExportedDto};
pub use score::{AppliedCapDto, CompletionDto, DomainScoreDto, GapDto, HorizonDto, ScorecardDto};

/// A count for the UI: `usize` does not cross IPC, and no count here comes
/// near `u32::MAX`, so a larger one saturates rather than wraps.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
