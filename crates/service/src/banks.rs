//! The question banks a use case can check against: the shipped ones (bank 1
//! for assessments answered on it, bank 2 for everything new), or the one a
//! user named with `--bank PATH`.
//!
//! Invariant: an existing assessment is always checked, scored and reported
//! against the bank it names (same id, same major version), never against
//! whichever bank is newest; one that names a bank this build does not hold
//! is refused with both versions named, before anything reads its answers.

use std::borrow::Cow;

use ironbridge_core::Bank;
use ironbridge_core::assessment::BankRef;

use crate::{Result, ServiceError};

/// The banks held, the one new assessments are made on first.
#[derive(Clone, Debug)]
pub struct Banks {
    /// The shipped banks are borrowed from their one parsed copy.
    banks: Vec<Cow<'static, Bank>>,
}

impl Banks {
    /// Every shipped bank; new assessments are made on bank
    /// [`Bank::CURRENT_MAJOR`].
    pub fn shipped() -> Result<Self> {
        // Every command waits on this first. Each shipped bank is parsed
        // once per process and held from then on; they parse independently,
        // so each after the first parses on a thread of its own.
        let parsed = std::thread::scope(|scope| {
            let (first, rest) = Bank::SHIPPED_MAJORS.split_at(1);
            let others: Vec<_> = rest
                .iter()
                .map(|&major| {
                    let parse = move || Bank::shipped_ref(major);
                    (
                        major,
                        std::thread::Builder::new().spawn_scoped(scope, parse),
                    )
                })
                .collect();
            let mut parsed: Vec<_> = first.iter().map(|&m| Bank::shipped_ref(m)).collect();
            for (major, thread) in others {
                parsed.push(match thread {
                    Ok(thread) => thread
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    // A thread the system refuses to start only costs time.
                    Err(_) => Bank::shipped_ref(major),
                });
            }
            parsed
        });
        let mut banks = Vec::with_capacity(parsed.len());
        for bank in parsed.into_iter().flatten() {
            banks.push(Cow::Borrowed(bank.as_ref().map_err(Clone::clone)?));
        }
        banks.sort_by_key(|b| b.major() != Bank::CURRENT_MAJOR);
        Ok(Self { banks })
    }

    /// One bank only (`--bank PATH`): every assessment must name it.
    pub fn one(bank: Bank) -> Self {
        Self {
            banks: vec![Cow::Owned(bank)],
        }
    }

    /// The bank new assessments are made on.
    pub fn current(&self) -> &Bank {
        // `shipped` and `one` never build an empty list.
        &self.banks[0]
    }

    /// Every bank held, the current one first.
    pub fn all(&self) -> impl ExactSizeIterator<Item = &Bank> {
        self.banks.iter().map(|bank| &**bank)
    }

    /// The bank of this major version, if held.
    pub fn major(&self, major: u32) -> Option<&Bank> {
        self.all().find(|b| b.major() == major)
    }

    /// The bank an assessment was answered on: the same id and major version.
    pub fn of(&self, bank: &BankRef) -> Result<&Bank> {
        let major = Bank::major_of(&bank.version);
        self.all()
            .find(|b| b.id == bank.id && Some(b.major()) == major)
            .ok_or_else(|| ServiceError::UnknownBank {
                id: bank.id.clone(),
                version: bank.version.clone(),
                known: self
                    .all()
                    .map(|b| format!("{} {}", b.id, b.version))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(id: &str, version: &str) -> BankRef {
        BankRef {
            id: id.into(),
            version: version.into(),
        }
    }

    #[test]
    fn each_assessment_gets_the_bank_it_names_and_new_ones_bank_2() {
        let banks = Banks::shipped().unwrap();
        assert_eq!(banks.current().major(), 2);
        assert_eq!(banks.all().len(), 2);
        let id = "ironbridge-manufacturing";
        assert_eq!(banks.of(&reference(id, "1.0.0")).unwrap().version, "1.0.0");
        assert_eq!(banks.of(&reference(id, "1.4.2")).unwrap().major(), 1);
        assert_eq!(banks.of(&reference(id, "2.0.0")).unwrap().major(), 2);
        assert_eq!(banks.major(1).unwrap().major(), 1);
    }

    #[test]
    fn an_unknown_bank_or_version_is_named_with_the_known_ones() {
        let banks = Banks::shipped().unwrap();
        let err = banks
            .of(&reference("ironbridge-manufacturing", "3.1.0"))
            .unwrap_err();
        assert_eq!(err.code(), "bank.unknown_version");
        let text = err.to_string();
        assert!(text.contains("ironbridge-manufacturing 3.1.0"), "{text}");
        assert!(text.contains("ironbridge-manufacturing 1.0.0"), "{text}");
        assert!(text.contains("ironbridge-manufacturing 2.0.0"), "{text}");
        let err = banks.of(&reference("other-bank", "1.0.0")).unwrap_err();
        assert!(err.to_string().contains("other-bank 1.0.0"), "{err}");
    }

    #[test]
    fn one_bank_refuses_every_other_major_version() {
        let banks = Banks::one(Bank::shipped_v1().unwrap());
        let id = "ironbridge-manufacturing";
        assert!(banks.of(&reference(id, "1.0.0")).is_ok());
        assert!(banks.of(&reference(id, "2.0.0")).is_err());
    }
}
