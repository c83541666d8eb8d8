//! The registers of an assessment: critical systems and the providers that run
//! or reach them (DESIGN §3). They feed the dependency analysis and the
//! exposure model.
//!
//! Invariant: systems and providers are referred to by their `id`, a short
//! lowercase slug unique within its register; [`Registers::check`] reports
//! every dangling or duplicated reference.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The critical-systems and providers registers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registers {
    /// Systems whose loss hurts production.
    #[serde(default)]
    pub systems: Vec<CriticalSystem>,
    /// Third parties that run, host or can reach those systems.
    #[serde(default)]
    pub providers: Vec<Provider>,
}

/// A system production depends on (ERP, MES, PLM, WMS, SCADA, identity, email, EDI…).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriticalSystem {
    /// Short unique slug (`erp`, `mes-line-3`).
    pub id: String,
    /// Display name (`SAP S/4HANA ERP`).
    pub name: String,
    /// What kind of system it is.
    pub category: SystemCategory,
    /// Who owns it in the business.
    #[serde(default)]
    pub owner: String,
    /// Where it runs.
    pub hosting: Hosting,
    /// The provider that runs or hosts it, by provider id.
    #[serde(default)]
    pub provider: Option<String>,
    /// What its loss does to production.
    pub production_impact: ProductionImpact,
    /// Production processes that need it (`stamping`, `dispatch`).
    #[serde(default)]
    pub processes: Vec<String>,
    /// Other systems it needs to run, by id (MES needs identity).
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// Recovery time objective agreed with the business, hours.
    #[serde(default)]
    pub rto_hours: Option<f64>,
    /// Recovery point objective, hours.
    #[serde(default)]
    pub rpo_hours: Option<f64>,
    /// Whether a full restore has shown the RTO can be met.
    #[serde(default)]
    pub rto_tested: bool,
    /// When it was last restored in a test.
    #[serde(default)]
    pub last_restore_test: Option<NaiveDate>,
    /// How production carries on without it, if it can.
    #[serde(default)]
    pub manual_fallback: Option<ManualFallback>,
}

/// A manual way of working while a system is down.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManualFallback {
    /// What is done (`paper travellers and a spreadsheet of call-offs`).
    pub description: String,
    /// How many days it can sustain production.
    pub sustainable_days: f64,
    /// Share of normal output it achieves, 0–100.
    pub capacity_percent: f64,
    /// Whether it has been rehearsed.
    #[serde(default)]
    pub rehearsed: bool,
}

/// Kinds of critical system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SystemCategory {
    /// Enterprise resource planning.
    Erp,
    /// Manufacturing execution.
    Mes,
    /// Product lifecycle management / engineering data.
    Plm,
    /// Warehouse management.
    Wms,
    /// SCADA, HMIs, PLCs, historians: the control systems.
    Scada,
    /// Directory and identity (Active Directory, Entra ID).
    Identity,
    /// Email and collaboration.
    Email,
    /// EDI and customer/supplier portals.
    Edi,
    /// Networks, VPN, firewalls, data centre.
    Infrastructure,
    /// Anything else.
    Other,
}

/// Where a system runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hosting {
    /// In the company's own sites.
    OnPremises,
    /// In a provider's data centre, run by the provider.
    ProviderHosted,
    /// Software as a service.
    Saas,
    /// Public cloud infrastructure run by the company.
    Cloud,
}

/// What the loss of a system does to production.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductionImpact {
    /// Lines stop (or dispatch stops, which stops them soon after).
    Stops,
    /// Production continues at reduced output.
    Degrades,
    /// Production continues.
    None,
}

/// A third party that runs, hosts or can reach critical systems.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Short unique slug (`northgate-it`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it does for the company.
    pub services: Vec<ProviderService>,
    /// Whether it holds privileged (administrator) access.
    #[serde(default)]
    pub privileged_access: bool,
    /// Systems it can reach with that access, by id (beyond those it hosts).
    #[serde(default)]
    pub reaches: Vec<String>,
    /// What the contract says.
    #[serde(default)]
    pub contract: ContractClauses,
    /// Its certifications, as claimed (`ISO 27001 (scope: UK service desk)`, `SOC 2 Type II`).
    #[serde(default)]
    pub certifications: Vec<String>,
}

/// Services a provider delivers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderService {
    /// Runs IT infrastructure and applications.
    ItOutsourcing,
    /// Managed security / SOC.
    ManagedSecurity,
    /// Service desk: password and MFA resets.
    HelpDesk,
    /// Hosting or cloud platform.
    Hosting,
    /// Software as a service.
    Saas,
    /// OT / automation integrator or machine builder with remote access.
    OtIntegrator,
    /// EDI network or value-added network.
    EdiNetwork,
    /// Anything else.
    Other,
}

/// The security clauses of a provider's contract.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractClauses {
    /// Hours within which it must notify an incident; `None` when the contract sets no deadline.
    #[serde(default)]
    pub incident_notice_hours: Option<u32>,
    /// Right to audit its security.
    #[serde(default)]
    pub right_to_audit: bool,
    /// Identity verification required before password or MFA resets.
    #[serde(default)]
    pub helpdesk_identity_verification: bool,
    /// Security obligations flow down to its subcontractors.
    #[serde(default)]
    pub subcontractor_flow_down: bool,
}

/// A problem in the registers.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RegisterProblem {
    /// An id is empty or not a lowercase slug.
    #[error("{register}[{index}]: id {id:?} is not a lowercase slug (letters, digits, hyphens)")]
    BadId {
        /// `systems` or `providers`.
        register: &'static str,
        /// Its index.
        index: usize,
        /// The id.
        id: String,
    },
    /// An entry without a name.
    #[error("{register}[{index}]: {id:?} needs a name")]
    NameRequired {
        /// `systems` or `providers`.
        register: &'static str,
        /// Its index.
        index: usize,
        /// Its id.
        id: String,
    },
    /// Two entries share an id.
    #[error("{register}[{index}]: id {id:?} is used twice")]
    DuplicateId {
        /// `systems` or `providers`.
        register: &'static str,
        /// Its index.
        index: usize,
        /// The id.
        id: String,
    },
    /// A reference points at no entry.
    #[error("{register}[{index}].{field}: {id:?} is not in the {target} register")]
    Dangling {
        /// The register holding the reference.
        register: &'static str,
        /// Its index.
        index: usize,
        /// The referring field.
        field: &'static str,
        /// The missing id.
        id: String,
        /// The register it should be in.
        target: &'static str,
    },
    /// A number is negative, not finite or out of range.
    #[error("{register}[{index}].{field}: {value} is out of range")]
    OutOfRange {
        /// The register.
        register: &'static str,
        /// Its index.
        index: usize,
        /// The field.
        field: &'static str,
        /// The value.
        value: f64,
    },
}

impl RegisterProblem {
    /// The register (`systems` or `providers`) and the row concerned.
    pub fn row(&self) -> (&'static str, usize) {
        match self {
            Self::BadId {
                register, index, ..
            }
            | Self::NameRequired {
                register, index, ..
            }
            | Self::DuplicateId {
                register, index, ..
            }
            | Self::Dangling {
                register, index, ..
            }
            | Self::OutOfRange {
                register, index, ..
            } => (register, *index),
        }
    }

    /// What is wrong with the row, in the words of the registers screen
    /// (its field labels, not the file's keys), for a form to show beside
    /// the row's name.
    pub fn describe(&self) -> String {
        match self {
            Self::BadId { id, .. } => {
                format!("the id {id:?} must be lowercase letters, digits and hyphens")
            }
            Self::NameRequired { .. } => "needs a name".to_owned(),
            Self::DuplicateId { id, .. } => format!("the id {id:?} is used twice"),
            Self::Dangling {
                field, id, target, ..
            } => {
                let which = if *target == "systems" {
                    "system"
                } else {
                    "provider"
                };
                match *field {
                    "provider" => format!("its provider {id:?} is not in the register"),
                    "depends_on" => format!("depends on {id:?}, which is not a {which}"),
                    "reaches" => format!("reaches {id:?}, which is not a {which}"),
                    other => format!("{other}: {id:?} is not a {which}"),
                }
            }
            Self::OutOfRange { field, value, .. } => {
                let (label, range) = match *field {
                    "rto_hours" => ("RTO (hours)", "zero or more"),
                    "rpo_hours" => ("RPO (hours)", "zero or more"),
                    "manual_fallback.sustainable_days" => {
                        ("Manual fallback (days)", "zero or more")
                    }
                    "manual_fallback.capacity_percent" => {
                        ("Manual fallback capacity (%)", "between 0 and 100")
                    }
                    other => (other, "in range"),
                };
                format!("{label} must be {range}, not {value}")
            }
        }
    }
}

impl Registers {
    /// Checks ids, references and numbers; every problem at once.
    pub fn check(&self) -> Result<(), Vec<RegisterProblem>> {
        let mut problems = Vec::new();
        let slug = |id: &str| {
            !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        for (register, entries) in [
            (
                "systems",
                self.systems
                    .iter()
                    .map(|s| (s.id.as_str(), s.name.as_str()))
                    .collect::<Vec<_>>(),
            ),
            (
                "providers",
                self.providers
                    .iter()
                    .map(|p| (p.id.as_str(), p.name.as_str()))
                    .collect(),
            ),
        ] {
            let ids: Vec<&str> = entries.iter().map(|(id, _)| *id).collect();
            for (index, (id, name)) in entries.iter().enumerate() {
                if name.trim().is_empty() {
                    problems.push(RegisterProblem::NameRequired {
                        register,
                        index,
                        id: (*id).to_owned(),
                    });
                }
                if !slug(id) {
                    problems.push(RegisterProblem::BadId {
                        register,
                        index,
                        id: (*id).to_owned(),
                    });
                } else if ids[..index].contains(id) {
                    problems.push(RegisterProblem::DuplicateId {
                        register,
                        index,
                        id: (*id).to_owned(),
                    });
                }
            }
        }
        let has_system = |id: &str| self.systems.iter().any(|s| s.id == id);
        let has_provider = |id: &str| self.providers.iter().any(|p| p.id == id);
        for (index, system) in self.systems.iter().enumerate() {
            let dangling = |field, id: &str, target| RegisterProblem::Dangling {
                register: "systems",
                index,
                field,
                id: id.to_owned(),
                target,
            };
            if let Some(p) = &system.provider
                && !has_provider(p)
            {
                problems.push(dangling("provider", p, "providers"));
            }
            for d in &system.depends_on {
                if !has_system(d) {
                    problems.push(dangling("depends_on", d, "systems"));
                }
            }
            let numbers = [
                ("rto_hours", system.rto_hours, f64::MAX),
                ("rpo_hours", system.rpo_hours, f64::MAX),
                (
                    "manual_fallback.sustainable_days",
                    system.manual_fallback.as_ref().map(|f| f.sustainable_days),
                    f64::MAX,
                ),
                (
                    "manual_fallback.capacity_percent",
                    system.manual_fallback.as_ref().map(|f| f.capacity_percent),
                    100.0,
                ),
            ];
            for (field, value, max) in numbers {
                if let Some(value) = value
                    && (!value.is_finite() || value < 0.0 || value > max)
                {
                    problems.push(RegisterProblem::OutOfRange {
                        register: "systems",
                        index,
                        field,
                        value,
                    });
                }
            }
        }
        for (index, provider) in self.providers.iter().enumerate() {
            for r in &provider.reaches {
                if !has_system(r) {
                    problems.push(RegisterProblem::Dangling {
                        register: "providers",
                        index,
                        field: "reaches",
                        id: r.clone(),
                        target: "systems",
                    });
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system(id: &str) -> CriticalSystem {
        CriticalSystem {
            id: id.into(),
            name: id.to_uppercase(),
            category: SystemCategory::Erp,
            owner: String::new(),
            hosting: Hosting::OnPremises,
            provider: None,
            production_impact: ProductionImpact::Stops,
            processes: Vec::new(),
            depends_on: Vec::new(),
            rto_hours: Some(24.0),
            rpo_hours: None,
            rto_tested: false,
            last_restore_test: None,
            manual_fallback: None,
        }
    }

    #[test]
    fn dangling_and_duplicate_references_are_named() {
        let mut erp = system("erp");
        erp.provider = Some("acme-it".into());
        erp.depends_on = vec!["ad".into()];
        let mut nameless = system("plm");
        nameless.name = " ".into();
        let registers = Registers {
            systems: vec![erp, system("erp"), system("MES"), nameless],
            providers: Vec::new(),
        };
        let problems: Vec<String> = registers
            .check()
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            problems,
            [
                "systems[1]: id \"erp\" is used twice",
                "systems[2]: id \"MES\" is not a lowercase slug (letters, digits, hyphens)",
                "systems[3]: \"plm\" needs a name",
                "systems[0].provider: \"acme-it\" is not in the providers register",
                "systems[0].depends_on: \"ad\" is not in the systems register",
            ]
        );
    }
}
