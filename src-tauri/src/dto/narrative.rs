//! The report's narrative as the narrative screen edits it: each part as
//! drafted from the scoring beside the consultant's edit.
//!
//! Invariant: every part shown carries the text `core` drafted for it; no
//! part is invented with an empty draft. Saving keeps only real edits (not
//! blank, not equal to the draft), so an untouched part keeps following the
//! scoring.

use ironbridge_core::bank::Bank;
use ironbridge_core::ids::DomainCode;
use ironbridge_core::narrative;
use ironbridge_core::scoring::Scorecard;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::AppError;

/// The report's narrative: each part as drafted from the scoring and as edited.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct NarrativeDto {
    /// The executive summary.
    pub executive_summary: NarrativePartDto,
    /// Each domain's findings, in bank order.
    pub domains: Vec<NarrativePartDto>,
}

/// One editable part of the narrative.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct NarrativePartDto {
    /// The domain code; empty for the executive summary.
    pub code: String,
    /// What the part is (`Executive summary`, a domain's name).
    pub title: String,
    /// The text drafted from the scoring.
    pub draft: String,
    /// The consultant's text; `null` to use the draft.
    pub edited: Option<String>,
}

impl NarrativeDto {
    /// The draft beside the edits: the executive summary, then one part per
    /// drafted domain in the scorecard's (bank) order.
    pub fn new(
        bank: &Bank,
        card: &Scorecard,
        draft: narrative::Narrative,
        edits: &narrative::NarrativeEdits,
    ) -> Self {
        let mut drafted = draft.domain_findings;
        // `narrative::draft` drafts every domain of the scorecard; a domain
        // without a draft gets no part rather than an empty one, which saving
        // would compare edits against.
        let domains = card
            .domains
            .iter()
            .filter_map(|d| {
                let text = drafted.remove(&d.code)?;
                Some(NarrativePartDto {
                    code: d.code.to_string(),
                    title: bank
                        .domains
                        .iter()
                        .find(|b| b.code == d.code)
                        .map_or_else(|| d.name.clone(), |b| b.name.clone()),
                    draft: text,
                    edited: edits.domain_findings.get(&d.code).cloned(),
                })
            })
            .collect();
        Self {
            executive_summary: NarrativePartDto {
                code: String::new(),
                title: "Executive summary".into(),
                draft: draft.executive_summary,
                edited: edits.executive_summary.clone(),
            },
            domains,
        }
    }
}

impl TryFrom<NarrativeDto> for narrative::NarrativeEdits {
    type Error = AppError;

    fn try_from(dto: NarrativeDto) -> Result<Self, AppError> {
        // An edit equal to the draft, or blank, is no edit: the draft follows the scoring.
        let keep = |part: &NarrativePartDto| {
            part.edited
                .as_ref()
                .filter(|t| !t.trim().is_empty() && t.trim() != part.draft.trim())
                .map(|t| t.trim().to_owned())
        };
        let mut edits = narrative::NarrativeEdits {
            executive_summary: keep(&dto.executive_summary),
            ..Default::default()
        };
        for part in &dto.domains {
            if let Some(text) = keep(part) {
                let code = DomainCode::parse(&part.code).map_err(AppError::BadId)?;
                edits.domain_findings.insert(code, text);
            }
        }
        Ok(edits)
    }
}

#[cfg(test)]
mod tests {
    use ironbridge_core::assessment::Assessment;
    use ironbridge_core::embedded::DEMO_ASSESSMENT;
    use ironbridge_core::scoring::score_assessment;

    use super::*;

    fn demo() -> (Bank, Scorecard, narrative::Narrative) {
        let bank = Bank::shipped().unwrap();
        let demo = Assessment::from_json(DEMO_ASSESSMENT).unwrap();
        let card = score_assessment(&bank, &demo);
        let draft = narrative::draft(&bank, &demo, &card);
        (bank, card, draft)
    }

    #[test]
    fn every_domain_is_a_part_with_its_draft_in_bank_order() {
        let (bank, card, draft) = demo();
        let dto = NarrativeDto::new(&bank, &card, draft.clone(), &Default::default());
        let codes: Vec<String> = dto.domains.iter().map(|p| p.code.clone()).collect();
        let bank_codes: Vec<String> = bank.domains.iter().map(|d| d.code.to_string()).collect();
        assert_eq!(codes, bank_codes);
        for (part, domain) in dto.domains.iter().zip(&bank.domains) {
            assert_eq!(part.title, domain.name);
            assert_eq!(part.draft, draft.domain_findings[&domain.code]);
            assert!(!part.draft.is_empty(), "{}", part.code);
            assert_eq!(part.edited, None);
        }
        assert_eq!(dto.executive_summary.draft, draft.executive_summary);
    }

    #[test]
    fn a_domain_without_a_draft_gets_no_empty_part() {
        let (bank, card, mut draft) = demo();
        let missing = bank.domains[1].code.clone();
        draft.domain_findings.remove(&missing);
        let dto = NarrativeDto::new(&bank, &card, draft, &Default::default());
        assert_eq!(dto.domains.len(), bank.domains.len() - 1);
        assert!(dto.domains.iter().all(|p| p.code != missing.to_string()));
        assert!(dto.domains.iter().all(|p| !p.draft.is_empty()));
    }

    #[test]
    fn only_real_edits_are_kept() {
        let (bank, card, draft) = demo();
        let mut dto = NarrativeDto::new(&bank, &card, draft, &Default::default());
        dto.executive_summary.edited = Some(format!("  {}  ", dto.executive_summary.draft));
        dto.domains[0].edited = Some(" Edited findings. ".into());
        dto.domains[1].edited = Some("   ".into());
        let edits = narrative::NarrativeEdits::try_from(dto).unwrap();
        assert_eq!(edits.executive_summary, None);
        assert_eq!(
            edits.domain_findings.into_iter().collect::<Vec<_>>(),
            [(bank.domains[0].code.clone(), "Edited findings.".to_owned())]
        );
    }
}
