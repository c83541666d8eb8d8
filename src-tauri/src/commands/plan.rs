//! Commands of the Report screen's roadmap plan: the gaps with their plan
//! entries, and saving one entry as it is edited.
//!
//! Invariant: an entry is checked against the bank and the limits and
//! durably written before `Saved` returns; an invalid one changes nothing.

use tauri::State;

use crate::app::App;
use crate::dto::{PlanItemDto, RoadmapPlanDto, Saved};
use crate::error::CommandError;

/// The gaps in roadmap order, each with its owner, target date, effort and status.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app))]
pub async fn get_roadmap_plan(
    app: State<'_, App>,
    assessment_id: String,
) -> Result<RoadmapPlanDto, CommandError> {
    Ok(app.roadmap_plan(&assessment_id).await?)
}

/// Saves the plan entry of one gap; an entry with nothing set removes it.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app, item))]
pub async fn save_plan_item(
    app: State<'_, App>,
    assessment_id: String,
    question: String,
    item: PlanItemDto,
) -> Result<Saved, CommandError> {
    Ok(app.save_plan_item(&assessment_id, &question, item).await?)
}
