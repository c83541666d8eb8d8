//! Checks of each `[[domains]]` table: code, name, summary, weight, role and
//! its questions, which must include at least one scored question.
//!
//! Invariant: a domain is kept only when its code is well formed; its caps are
//! set aside here and checked once every domain's questions are known.

use std::ops::Range;

use toml::Spanned;

use super::question::SeenQuestions;
use super::validator::Validator;
use crate::bank::issue::BankProblem;
use crate::bank::raw::{RawCap, RawDomain, RawFile};
use crate::bank::{Domain, DomainRole, Question};
use crate::ids::DomainCode;

/// A checked domain and where it was defined.
pub(super) struct FoundDomain {
    /// The source holding it.
    pub(super) file: usize,
    /// Its table's span in that source.
    pub(super) span: Range<usize>,
    /// The domain, its caps still empty.
    pub(super) domain: Domain,
}

/// A cap read from a domain's table, not yet checked.
pub(super) struct PendingCap {
    /// The source holding it.
    pub(super) file: usize,
    /// The code of the domain it caps.
    pub(super) domain: DomainCode,
    /// The cap as written.
    pub(super) raw: Spanned<RawCap>,
}

impl Validator<'_> {
    /// Checks every domain of every parsed file, in source order, and sets aside
    /// the caps of each domain kept.
    pub(super) fn domains(
        &mut self,
        files: Vec<(usize, RawFile)>,
        profile_ids: &[String],
        seen: &mut SeenQuestions,
    ) -> (Vec<FoundDomain>, Vec<PendingCap>) {
        let mut domains = Vec::new();
        let mut pending_caps = Vec::new();
        for (file, raw_file) in files {
            for raw in raw_file.domains {
                let span = raw.span();
                let mut raw = raw.into_inner();
                let caps = std::mem::take(&mut raw.caps);
                if let Some(domain) = self.domain(file, span.clone(), raw, profile_ids, seen) {
                    pending_caps.extend(caps.into_iter().map(|raw| PendingCap {
                        file,
                        domain: domain.code.clone(),
                        raw,
                    }));
                    domains.push(FoundDomain { file, span, domain });
                }
            }
        }
        (domains, pending_caps)
    }

    /// Checks one domain table (without its caps).
    fn domain(
        &mut self,
        file: usize,
        span: Range<usize>,
        raw: RawDomain,
        profile_ids: &[String],
        seen: &mut SeenQuestions,
    ) -> Option<Domain> {
        let code = self.domain_code(file, &span, raw.code);
        let item = code.as_ref().map(|c| c.to_string());
        let item = item.as_deref();
        let name = self.required_text(file, &span, item, raw.name, "name");
        let summary = self.required_text(file, &span, item, raw.summary, "summary");
        let weight = self.domain_weight(file, &span, item, raw.weight);
        let role = self.domain_role(file, item, raw.role);
        let mut questions = Vec::new();
        for q in raw.questions {
            if let Some(question) = self.question(file, q, code.as_ref(), profile_ids, seen) {
                questions.push(question);
            }
        }
        let code = code?;
        if !questions.iter().any(Question::is_scored) {
            self.push(
                file,
                Some(span),
                item,
                BankProblem::DomainWithoutScoredQuestion {
                    code: code.to_string(),
                },
            );
        }
        Some(Domain {
            code,
            name,
            weight,
            summary,
            questions,
            caps: Vec::new(),
            role,
        })
    }

    /// The domain's role: `resilience` (the default) or `risk_transfer`.
    fn domain_role(
        &mut self,
        file: usize,
        item: Option<&str>,
        raw: Option<Spanned<String>>,
    ) -> DomainRole {
        let Some(raw) = raw else {
            return DomainRole::Resilience;
        };
        match raw.get_ref().as_str() {
            "resilience" => DomainRole::Resilience,
            "risk_transfer" => DomainRole::RiskTransfer,
            other => {
                let text = other.to_owned();
                self.push(
                    file,
                    Some(raw.span()),
                    item,
                    BankProblem::UnknownRole { text },
                );
                DomainRole::Resilience
            }
        }
    }

    /// The domain's code, required and well formed.
    fn domain_code(
        &mut self,
        file: usize,
        span: &Range<usize>,
        raw: Option<Spanned<String>>,
    ) -> Option<DomainCode> {
        let Some(raw) = raw else {
            self.push(
                file,
                Some(span.clone()),
                None,
                BankProblem::MissingField { field: "code" },
            );
            return None;
        };
        match DomainCode::parse(raw.get_ref()) {
            Ok(code) => Some(code),
            Err(e) => {
                self.push(file, Some(raw.span()), None, e.into());
                None
            }
        }
    }

    /// The domain's weight in the index, required and positive; 1.0 when broken.
    fn domain_weight(
        &mut self,
        file: usize,
        span: &Range<usize>,
        item: Option<&str>,
        raw: Option<Spanned<f64>>,
    ) -> f64 {
        match raw {
            Some(w) => self.positive(file, w, item, "domain weight"),
            None => {
                self.push(
                    file,
                    Some(span.clone()),
                    item,
                    BankProblem::MissingField { field: "weight" },
                );
                1.0
            }
        }
    }
}
