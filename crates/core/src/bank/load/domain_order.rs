//! Checks of the domains found against the header's domain list, and the
//! domains put in report order.
//!
//! Invariant: the bank's domains are exactly those listed in the header, in
//! its order; a domain not listed, defined twice, or listed but not defined is
//! reported.

use super::domain::FoundDomain;
use super::header::Header;
use super::validator::Validator;
use crate::bank::Domain;
use crate::bank::issue::BankProblem;

impl Validator<'_> {
    /// The domains in the header's order (the first definition of each code).
    pub(super) fn order_domains(
        &mut self,
        header: &Header,
        domains: &[FoundDomain],
    ) -> Vec<Domain> {
        for found in domains {
            self.check_domain_listed(header, found);
            self.check_domain_defined_once(domains, found);
        }
        let mut ordered = Vec::new();
        for code in &header.order {
            match domains.iter().find(|f| f.domain.code.as_str() == code) {
                Some(found) => ordered.push(found.domain.clone()),
                None => self.push(
                    header.file,
                    None,
                    None,
                    BankProblem::ListedDomainMissing { code: code.clone() },
                ),
            }
        }
        ordered
    }

    /// Reports a domain whose code the header does not list.
    fn check_domain_listed(&mut self, header: &Header, found: &FoundDomain) {
        let code = found.domain.code.as_str();
        if !header.order.iter().any(|c| c == code) {
            self.push(
                found.file,
                Some(found.span.clone()),
                None,
                BankProblem::DomainNotListed {
                    code: code.to_owned(),
                },
            );
        }
    }

    /// Reports a domain when an earlier one has the same code.
    ///
    /// "Earlier" compares the first domain with the code against the first
    /// domain with this one's span (spans are not unique across sources).
    fn check_domain_defined_once(&mut self, domains: &[FoundDomain], found: &FoundDomain) {
        let code = &found.domain.code;
        let n_with_code = domains.iter().filter(|f| &f.domain.code == code).count();
        if n_with_code > 1
            && domains.iter().position(|f| &f.domain.code == code)
                != domains.iter().position(|f| f.span == found.span)
        {
            self.push(
                found.file,
                Some(found.span.clone()),
                None,
                BankProblem::DuplicateDomain {
                    code: code.to_string(),
                },
            );
        }
    }
}
