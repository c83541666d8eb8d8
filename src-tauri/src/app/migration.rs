//! The app's operations for moving a stored assessment onto the current
//! bank (issue 17): the plan to read first, and the move once accepted.
//!
//! Invariant: both go to the bank new assessments are made on, through the
//! service's shipped map; the plan stores nothing, and the move stores a new
//! assessment (new id, a draft) and never changes the one it read.

use super::{App, parse_id};
use crate::dto::{AssessmentDto, MigratedDto, MigrationPlanDto};
use crate::error::AppError;

impl App {
    /// What moving the assessment onto the current bank would do, answer
    /// by answer, with the questions' titles; nothing is stored.
    pub async fn migration_plan(&self, id: &str) -> Result<MigrationPlanDto, AppError> {
        let id = parse_id(id)?;
        let to = self.service.bank();
        let plan = self.service.migration_plan(&id, to.major()).await?;
        let from = self.service.bank_for(&id).await?;
        Ok(MigrationPlanDto::new(id.as_str(), &plan, from, to))
    }

    /// Moves the assessment onto the current bank: a new assessment, a
    /// draft, stored durably when this returns; the old one is unchanged.
    pub async fn migrate(&self, id: &str) -> Result<MigratedDto, AppError> {
        let id = parse_id(id)?;
        let to = self.service.bank();
        let migrated = self.service.migrate(&id, to.major()).await?;
        let from = self.service.bank_for(&migrated.from).await?;
        Ok(MigratedDto {
            from: migrated.from.to_string(),
            assessment: AssessmentDto::from(&migrated.assessment),
            plan: MigrationPlanDto::new(migrated.from.as_str(), &migrated.plan, from, to),
        })
    }
}

#[cfg(test)]
mod tests;
