//! The shipped banks load: bank 1 as the product's default, bank 2 beside it.

use super::*;

#[test]
fn bank_1_is_the_default_and_has_no_gates() {
    let bank = Bank::shipped().unwrap();
    assert_eq!(bank.version, "1.0.0");
    assert!(bank.gates.is_empty() && bank.level_rule.is_none());
    assert_eq!(bank.frameworks, crate::frameworks::V1_FRAMEWORKS);
}

#[test]
fn bank_2_validates() {
    match Bank::shipped_v2() {
        Ok(bank) => {
            assert!(bank.version.starts_with("2."), "{}", bank.version);
            assert!(!bank.gates.is_empty());
        }
        Err(issues) => panic!("{issues}"),
    }
}
