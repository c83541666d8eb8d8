//! Checks of a question's framework references against the catalogues the
//! bank selects (`CAF:` means the CAF edition the bank names).
//!
//! Invariant: every reference kept names a control of a known framework, each
//! once; a scored question cites at least two frameworks, which is checked
//! only when its references are otherwise sound.

use std::collections::BTreeSet;
use std::ops::Range;

use toml::Spanned;

use super::validator::Validator;
use crate::bank::issue::BankProblem;
use crate::frameworks::FrameworkRef;

impl Validator<'_> {
    /// The question's references; broken ones are reported and dropped.
    pub(super) fn refs(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: Option<Spanned<Vec<Spanned<String>>>>,
        scored: bool,
    ) -> Vec<FrameworkRef> {
        let (span, raw) = match raw {
            Some(r) => (r.span(), r.into_inner()),
            None => (id_span.clone(), Vec::new()),
        };
        let mut refs: Vec<FrameworkRef> = Vec::new();
        let issues_before = self.issues.len();
        for text in raw {
            if let Some(reference) = self.reference(file, item, text, &refs) {
                refs.push(reference);
            }
        }
        // A broken reference is reported once; counting frameworks then would only repeat it.
        if scored && self.issues.len() == issues_before {
            self.check_framework_count(file, span, item, &refs);
        }
        refs
    }

    /// One reference: well formed, in a known framework and control, not a repeat of `before`.
    fn reference(
        &mut self,
        file: usize,
        item: Option<&str>,
        raw: Spanned<String>,
        before: &[FrameworkRef],
    ) -> Option<FrameworkRef> {
        let rspan = Some(raw.span());
        let text = raw.into_inner();
        let Some(reference) = FrameworkRef::parse(&text) else {
            self.push(file, rspan, item, BankProblem::MalformedRef { text });
            return None;
        };
        match self.selected.framework(&reference.framework) {
            None => {
                let known = self.selected_prefixes();
                self.push(
                    file,
                    rspan,
                    item,
                    BankProblem::UnknownFramework {
                        prefix: reference.framework.clone(),
                        text,
                        known,
                    },
                );
            }
            Some(framework) if !framework.controls.contains_key(&reference.id) => {
                let framework = format!("{} ({})", framework.name, framework.edition);
                self.push(
                    file,
                    rspan,
                    item,
                    BankProblem::UnknownControl { text, framework },
                );
            }
            Some(_) if before.contains(&reference) => {
                self.push(file, rspan, item, BankProblem::DuplicateRef { text });
            }
            Some(_) => return Some(reference),
        }
        None
    }

    /// The prefixes of the selected catalogues, for messages.
    fn selected_prefixes(&self) -> String {
        let prefixes: Vec<&str> = self
            .selected
            .frameworks()
            .map(|f| f.prefix.as_str())
            .collect();
        if prefixes.is_empty() {
            "none".to_owned()
        } else {
            prefixes.join(", ")
        }
    }

    /// Reports a scored question citing fewer than two frameworks.
    fn check_framework_count(
        &mut self,
        file: usize,
        span: Range<usize>,
        item: Option<&str>,
        refs: &[FrameworkRef],
    ) {
        let frameworks: BTreeSet<&str> = refs.iter().map(|r| r.framework.as_str()).collect();
        if frameworks.len() < 2 {
            self.push(
                file,
                Some(span),
                item,
                BankProblem::TooFewFrameworks {
                    found: frameworks.len(),
                },
            );
        }
    }
}
