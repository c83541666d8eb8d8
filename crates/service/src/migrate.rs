//! Moving an assessment answered on an older bank onto a newer one through
//! the shipped map (`assets/bank-2/from-1.toml`): `ironbridge migrate FILE
//! --to 2` and [`crate::Service::migrate`].
//!
//! Invariants: the assessment read is never changed (a v1 file or stored
//! assessment stays readable on bank 1); the migrated one is checked against
//! the new bank before anyone can save it; it is a draft again, since the new
//! bank's questions are not all answered; and the plan lists, question by
//! question, what was kept, moved, retired and what is new and unanswered.

use ironbridge_core::Bank;
use ironbridge_core::assessment::{Assessment, Status};
use ironbridge_core::migration::{self, Migration};

use crate::banks::Banks;
use crate::files::{self, Input};
use crate::{Result, ServiceError};

/// Migrates `assessment` (checked against its own bank first) onto the
/// bank of major version `to_major`.
pub fn migrate(banks: &Banks, assessment: &Assessment, to_major: u32) -> Result<Migration> {
    let from = banks.of(&assessment.bank)?;
    files::check(from, assessment)?;
    let refused = |why: String| {
        ServiceError::Migration(format!(
            "cannot move the assessment from bank {} {} to bank {to_major}: {why}",
            from.id, from.version
        ))
    };
    if from.major() >= to_major {
        return Err(refused(format!(
            "it is already on bank {}, and answers are only ever moved to a newer bank",
            from.major()
        )));
    }
    let to = banks.major(to_major).ok_or_else(|| {
        refused(format!(
            "this build holds no bank {to_major} (it holds {})",
            held(banks)
        ))
    })?;
    if (from.major(), to.major()) != (1, 2) {
        return Err(refused(format!(
            "there is no map from bank {} to bank {to_major}",
            from.major()
        )));
    }
    let map = migration::shipped_from_1(from, to).map_err(|issues| {
        refused(format!(
            "the shipped map assets/bank-2/from-1.toml is invalid (a build defect): {}",
            issues
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })?;
    let mut migrated =
        migration::migrate(assessment, &map, from, to).map_err(|e| refused(e.to_string()))?;
    migrated.assessment.status = Status::Draft;
    files::check(to, &migrated.assessment)?;
    Ok(migrated)
}

/// Reads an assessment file (or the demo), checks it against the bank it
/// names and migrates it onto bank `to_major`.
pub fn migrate_input(banks: &Banks, input: Input<'_>, to_major: u32) -> Result<Migration> {
    let assessment = input.read()?;
    migrate(banks, &assessment, to_major)
}

fn held(banks: &Banks) -> String {
    banks
        .all()
        .map(|b: &Bank| format!("{} {}", b.id, b.version))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use ironbridge_core::embedded::DEMO_ASSESSMENT_V1;
    use ironbridge_core::migration::Change;

    use super::*;

    /// The demo as answered on bank 1.
    fn demo() -> Assessment {
        Assessment::from_json(DEMO_ASSESSMENT_V1).unwrap()
    }

    #[test]
    fn the_v1_demo_moves_to_bank_2_as_a_draft_that_fits_it() {
        let banks = Banks::shipped().unwrap();
        let moved = migrate(&banks, &demo(), 2).unwrap();
        assert_eq!(moved.assessment.bank.version, "2.0.0");
        assert_eq!(moved.assessment.status, Status::Draft);
        assert!(moved.plan.with(Change::NewUnanswered).count() > 0);
        files::check(banks.major(2).unwrap(), &moved.assessment).unwrap();
    }

    #[test]
    fn a_migration_backwards_sideways_or_to_an_unknown_bank_is_refused() {
        let banks = Banks::shipped().unwrap();
        let moved = migrate(&banks, &demo(), 2).unwrap().assessment;
        let err = migrate(&banks, &moved, 2).unwrap_err();
        assert_eq!(err.code(), "migration.unavailable");
        assert!(err.to_string().contains("already on bank 2"), "{err}");
        let err = migrate(&banks, &demo(), 3).unwrap_err();
        assert!(err.to_string().contains("holds no bank 3"), "{err}");
        let only_v1 = Banks::one(Bank::shipped_v1().unwrap());
        let err = migrate(&only_v1, &demo(), 2).unwrap_err();
        assert!(err.to_string().contains("holds no bank 2"), "{err}");
    }
}
