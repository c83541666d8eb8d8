//! The shipped banks load: bank 2 as the product's default (the demo's bank),
//! bank 1 beside it for v1 assessments.

use super::*;

#[test]
fn bank_2_is_the_default_and_the_demo_is_answered_on_it() {
    let bank = Bank::shipped().unwrap();
    assert_eq!(bank.major(), Bank::CURRENT_MAJOR);
    assert_eq!(bank.version, Bank::shipped_current().unwrap().version);
    let demo = crate::assessment::Assessment::from_json(crate::embedded::DEMO_ASSESSMENT).unwrap();
    assert_eq!(demo.bank.version, bank.version);
    demo.check(&bank).unwrap();
    let v1 = crate::assessment::Assessment::from_json(crate::embedded::DEMO_ASSESSMENT_V1).unwrap();
    assert_eq!(Bank::major_of(&v1.bank.version), Some(1));
}

#[test]
fn bank_1_stays_loadable_and_has_no_gates() {
    let bank = Bank::shipped_v1().unwrap();
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
