//! The bank's TOML as written, before validation.
//!
//! Invariant: everything a validator needs to report is optional here, so a
//! missing field becomes one issue in a list rather than an abort; spans keep
//! the lines that issues point at.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub bank: Option<Spanned<RawHeader>>,
    #[serde(default)]
    pub domains: Vec<Spanned<RawDomain>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeader {
    pub id: Option<Spanned<String>>,
    pub version: Option<Spanned<String>>,
    pub title: Option<String>,
    #[serde(default)]
    pub domains: Vec<Spanned<String>>,
    #[serde(default)]
    pub profiles: Vec<Spanned<RawProfile>>,
    pub horizons: Option<Spanned<RawHorizons>>,
    #[serde(default)]
    pub retired: Vec<Spanned<String>>,
    pub frameworks: Option<Spanned<Vec<Spanned<String>>>>,
    pub level_rule: Option<Spanned<String>>,
    #[serde(default)]
    pub gates: Vec<Spanned<RawGate>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGate {
    pub id: Option<Spanned<String>>,
    pub question: Option<Spanned<String>>,
    pub below: Option<Spanned<i64>>,
    pub max_index: Option<Spanned<f64>>,
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProfile {
    pub id: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHorizons {
    pub now: f64,
    pub next: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDomain {
    pub code: Option<Spanned<String>>,
    pub name: Option<String>,
    pub weight: Option<Spanned<f64>>,
    pub summary: Option<String>,
    pub role: Option<Spanned<String>>,
    #[serde(default)]
    pub questions: Vec<Spanned<RawQuestion>>,
    #[serde(default)]
    pub caps: Vec<Spanned<RawCap>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub id: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub title: Option<String>,
    pub text: Option<String>,
    pub guidance: Option<String>,
    pub prompt: Option<String>,
    pub weight: Option<Spanned<f64>>,
    pub criticality: Option<Spanned<String>>,
    pub target: Option<Spanned<BTreeMap<String, i64>>>,
    pub refs: Option<Spanned<Vec<Spanned<String>>>>,
    pub levels: Option<Spanned<Vec<Spanned<String>>>>,
    pub recommendations: Option<Spanned<Vec<Spanned<String>>>>,
    pub options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    pub fact: Option<Spanned<String>>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    pub value: String,
    pub label: String,
    pub level: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCap {
    pub id: Option<Spanned<String>>,
    pub question: Option<Spanned<String>>,
    pub below: Option<Spanned<i64>>,
    pub equals: Option<Spanned<String>>,
    pub max_score: Option<Spanned<f64>>,
    pub reason: Option<String>,
}
