//! The app's operations for the roadmap as a plan (issue 16): the gaps in
//! roadmap order with their plan entries, and saving one entry.
//!
//! Invariant: the rows are the scorecard's gaps as stored now, so the screen
//! lists what the PDF's roadmap lists; an entry is checked by the service
//! against the bank and the limits and is durable when `Saved` returns.

use ironbridge_core::QuestionId;

use super::{App, parse_id};
use crate::dto::{PlanItemDto, RoadmapPlanDto, Saved};
use crate::error::AppError;

impl App {
    /// The gaps of the stored assessment, ranked as the roadmap ranks them,
    /// each with its plan entry.
    pub async fn roadmap_plan(&self, id: &str) -> Result<RoadmapPlanDto, AppError> {
        let id = parse_id(id)?;
        let assessment = self.service.open(&id, None).await?;
        let card = self.service.score(&id).await?;
        let bank = self.service.bank_for(&id).await?;
        Ok(RoadmapPlanDto::new(bank, &card, &assessment))
    }

    /// Saves the plan entry of one gap (an entry with nothing set removes it).
    pub async fn save_plan_item(
        &self,
        id: &str,
        question: &str,
        item: PlanItemDto,
    ) -> Result<Saved, AppError> {
        let question = QuestionId::parse(question).map_err(AppError::BadId)?;
        let item = item.into_item(&question)?;
        Ok(Saved::now(
            &self
                .service
                .set_plan_item(&parse_id(id)?, &question, item)
                .await?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::test_support::{app, block};
    use crate::dto::{EffortDto, HorizonDto, PlanStatusDto};

    #[test]
    fn the_screen_lists_the_gaps_and_saves_an_entry() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(&dir);
        let id = block(app.create_demo()).unwrap().id;
        let plan = block(app.roadmap_plan(&id)).unwrap();
        assert!(!plan.rows.is_empty());
        assert!(plan.rows.windows(2).all(|w| w[0].rank < w[1].rank));
        assert!(matches!(plan.rows[0].horizon, HorizonDto::Now));
        assert_eq!(plan.efforts.len(), 4);
        assert_eq!(plan.statuses[1].label, "In progress");
        let first = plan.rows[0].question.clone();
        let item = PlanItemDto {
            owner: "Head of IT".into(),
            target_date: Some("2027-03-31".into()),
            effort: Some(EffortDto::Large),
            status: PlanStatusDto::InProgress,
            note: String::new(),
        };
        block(app.save_plan_item(&id, &first, item.clone())).unwrap();
        let plan = block(app.roadmap_plan(&id)).unwrap();
        assert_eq!(plan.rows[0].plan, item);

        let mut bad = item;
        bad.owner = "x".repeat(501);
        let err = block(app.save_plan_item(&id, &first, bad)).unwrap_err();
        assert_eq!(err.code(), "answer.invalid");
        assert!(err.to_string().contains(".owner"), "{err}");
        let err = block(app.save_plan_item(
            &id,
            "not an id",
            PlanItemDto::from(&ironbridge_core::assessment::PlanItem::default()),
        ))
        .unwrap_err();
        assert_eq!(err.code(), "answer.bad_question_id");
    }
}
