//! The registers of an assessment: critical systems and the providers that run
//! or reach them (DESIGN §3). They feed the dependency analysis and the
//! exposure model.
//!
//! Invariant: systems and providers are referred to by their `id`, a short
//! lowercase slug unique within its register; [`Registers::check`] reports
//! every dangling or duplicated reference, and every row, text or number
//! beyond the [`limits`](super::limits).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::limits::{
    MAX_DAYS, MAX_DESCRIPTION_CHARS, MAX_HOURS, MAX_LIST_ITEMS, MAX_NAME_CHARS, MAX_REGISTER_ROWS,
    grouped, number_words, over, shown,
};

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
    #[error("{register}[{index}].{field}: {}", self.describe())]
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
    /// A text longer than its limit.
    #[error("{register}[{index}].{field}: {}", self.describe())]
    TooLong {
        /// The register.
        register: &'static str,
        /// Its index.
        index: usize,
        /// The field (`name`, `processes`).
        field: &'static str,
        /// The text's length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A list of a row with more entries than [`MAX_LIST_ITEMS`].
    #[error("{register}[{index}].{field}: {}", self.describe())]
    TooMany {
        /// The register.
        register: &'static str,
        /// Its index.
        index: usize,
        /// The field (`depends_on`).
        field: &'static str,
        /// How many entries.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A register with more rows than [`MAX_REGISTER_ROWS`].
    #[error("{register}: {} rows; at most {} are allowed", grouped(*.count), grouped(*.max))]
    TooManyRows {
        /// The register.
        register: &'static str,
        /// How many rows.
        count: usize,
        /// The limit.
        max: usize,
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
            }
            | Self::TooLong {
                register, index, ..
            }
            | Self::TooMany {
                register, index, ..
            } => (register, *index),
            // The first row beyond the limit.
            Self::TooManyRows { register, max, .. } => (register, *max),
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
                let (label, max) = match *field {
                    "rto_hours" => ("RTO (hours)", MAX_HOURS),
                    "rpo_hours" => ("RPO (hours)", MAX_HOURS),
                    "manual_fallback.sustainable_days" => ("Manual fallback (days)", MAX_DAYS),
                    "manual_fallback.capacity_percent" => ("Manual fallback capacity (%)", 100.0),
                    "contract.incident_notice_hours" => ("Incident notice (hours)", MAX_HOURS),
                    other => (other, f64::MAX),
                };
                format!(
                    "{label} must be between 0 and {}, not {}",
                    number_words(max),
                    number_words(*value)
                )
            }
            Self::TooLong {
                field, chars, max, ..
            } => format!(
                "{} is {} characters; at most {} are allowed",
                field_label(field),
                grouped(*chars),
                grouped(*max)
            ),
            Self::TooMany {
                field, count, max, ..
            } => format!(
                "{} has {} entries; at most {} are allowed",
                field_label(field),
                grouped(*count),
                grouped(*max)
            ),
            Self::TooManyRows { count, max, .. } => format!(
                "the register has {} rows; at most {} are allowed",
                grouped(*count),
                grouped(*max)
            ),
        }
    }
}

/// A register field in the words of the registers screen.
fn field_label(field: &str) -> &str {
    match field {
        "id" => "Id",
        "name" => "Name",
        "owner" => "Owner",
        "provider" => "Provider",
        "processes" => "Processes",
        "depends_on" => "Depends on",
        "reaches" => "Reaches",
        "services" => "Services",
        "certifications" => "Certifications",
        "manual_fallback.description" => "Manual fallback",
        other => other,
    }
}

impl Registers {
    /// Checks row counts, ids, texts, references and numbers; every problem
    /// at once (only the row counts when a register is over its limit, so a
    /// huge register is refused without being read row by row).
    pub fn check(&self) -> Result<(), Vec<RegisterProblem>> {
        let mut problems = Vec::new();
        for (register, count) in [
            ("systems", self.systems.len()),
            ("providers", self.providers.len()),
        ] {
            if count > MAX_REGISTER_ROWS {
                problems.push(RegisterProblem::TooManyRows {
                    register,
                    count,
                    max: MAX_REGISTER_ROWS,
                });
            }
        }
        if problems.is_empty() {
            self.check_ids(&mut problems);
            self.check_texts(&mut problems);
            self.check_references(&mut problems);
            self.check_numbers(&mut problems);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    fn check_ids(&self, problems: &mut Vec<RegisterProblem>) {
        let slug = |id: &str| {
            !id.is_empty()
                && id.len() <= MAX_NAME_CHARS
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        let systems = self
            .systems
            .iter()
            .map(|s| (s.id.as_str(), s.name.as_str()));
        let providers = self
            .providers
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()));
        let registers: [(&'static str, Vec<(&str, &str)>); 2] = [
            ("systems", systems.collect()),
            ("providers", providers.collect()),
        ];
        for (register, entries) in registers {
            let mut seen = BTreeSet::new();
            for (index, (id, name)) in entries.into_iter().enumerate() {
                if name.trim().is_empty() {
                    problems.push(RegisterProblem::NameRequired {
                        register,
                        index,
                        id: shown(id),
                    });
                }
                if !slug(id) {
                    problems.push(RegisterProblem::BadId {
                        register,
                        index,
                        id: shown(id),
                    });
                } else if !seen.insert(id) {
                    problems.push(RegisterProblem::DuplicateId {
                        register,
                        index,
                        id: id.to_owned(),
                    });
                }
            }
        }
    }

    fn check_texts(&self, problems: &mut Vec<RegisterProblem>) {
        for (index, s) in self.systems.iter().enumerate() {
            let mut texts = vec![
                ("name", s.name.as_str(), MAX_NAME_CHARS),
                ("owner", s.owner.as_str(), MAX_NAME_CHARS),
            ];
            if let Some(f) = &s.manual_fallback {
                texts.push((
                    "manual_fallback.description",
                    f.description.as_str(),
                    MAX_DESCRIPTION_CHARS,
                ));
            }
            texts.extend(
                s.processes
                    .iter()
                    .map(|p| ("processes", p.as_str(), MAX_NAME_CHARS)),
            );
            let lists = [
                ("processes", s.processes.len()),
                ("depends_on", s.depends_on.len()),
            ];
            text_problems(problems, "systems", index, &texts, &lists);
        }
        for (index, p) in self.providers.iter().enumerate() {
            let mut texts = vec![("name", p.name.as_str(), MAX_NAME_CHARS)];
            texts.extend(
                p.certifications
                    .iter()
                    .map(|c| ("certifications", c.as_str(), MAX_NAME_CHARS)),
            );
            let lists = [
                ("services", p.services.len()),
                ("reaches", p.reaches.len()),
                ("certifications", p.certifications.len()),
            ];
            text_problems(problems, "providers", index, &texts, &lists);
        }
    }

    fn check_references(&self, problems: &mut Vec<RegisterProblem>) {
        let systems: BTreeSet<&str> = self.systems.iter().map(|s| s.id.as_str()).collect();
        let providers: BTreeSet<&str> = self.providers.iter().map(|p| p.id.as_str()).collect();
        let mut dangling = |register, index, field, id: &str, target, known: &BTreeSet<&str>| {
            if !known.contains(id) {
                problems.push(RegisterProblem::Dangling {
                    register,
                    index,
                    field,
                    id: shown(id),
                    target,
                });
            }
        };
        for (index, system) in self.systems.iter().enumerate() {
            if let Some(p) = &system.provider {
                dangling("systems", index, "provider", p, "providers", &providers);
            }
            for d in system.depends_on.iter().take(MAX_LIST_ITEMS) {
                dangling("systems", index, "depends_on", d, "systems", &systems);
            }
        }
        for (index, provider) in self.providers.iter().enumerate() {
            for r in provider.reaches.iter().take(MAX_LIST_ITEMS) {
                dangling("providers", index, "reaches", r, "systems", &systems);
            }
        }
    }

    fn check_numbers(&self, problems: &mut Vec<RegisterProblem>) {
        for (index, system) in self.systems.iter().enumerate() {
            let fallback = system.manual_fallback.as_ref();
            let numbers = [
                ("rto_hours", system.rto_hours, MAX_HOURS),
                ("rpo_hours", system.rpo_hours, MAX_HOURS),
                (
                    "manual_fallback.sustainable_days",
                    fallback.map(|f| f.sustainable_days),
                    MAX_DAYS,
                ),
                (
                    "manual_fallback.capacity_percent",
                    fallback.map(|f| f.capacity_percent),
                    100.0,
                ),
            ];
            for (field, value, max) in numbers {
                if let Some(value) = value
                    && !(value.is_finite() && (0.0..=max).contains(&value))
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
            if let Some(hours) = provider.contract.incident_notice_hours
                && f64::from(hours) > MAX_HOURS
            {
                problems.push(RegisterProblem::OutOfRange {
                    register: "providers",
                    index,
                    field: "contract.incident_notice_hours",
                    value: f64::from(hours),
                });
            }
        }
    }
}

/// The texts and lists of one row beyond their limits.
fn text_problems(
    problems: &mut Vec<RegisterProblem>,
    register: &'static str,
    index: usize,
    texts: &[(&'static str, &str, usize)],
    lists: &[(&'static str, usize)],
) {
    for &(field, count) in lists {
        if count > MAX_LIST_ITEMS {
            problems.push(RegisterProblem::TooMany {
                register,
                index,
                field,
                count,
                max: MAX_LIST_ITEMS,
            });
        }
    }
    for &(field, text, max) in texts.iter().take(MAX_LIST_ITEMS + 2) {
        if let Some(chars) = over(text, max) {
            problems.push(RegisterProblem::TooLong {
                register,
                index,
                field,
                chars,
                max,
            });
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

    #[test]
    fn numbers_are_bounded_and_named_by_their_label() {
        let mut erp = system("erp");
        erp.rto_hours = Some(1e9);
        erp.rpo_hours = Some(-1.0);
        let registers = Registers {
            systems: vec![erp],
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
                "systems[0].rto_hours: RTO (hours) must be between 0 and 87,600, not 1,000,000,000",
                "systems[0].rpo_hours: RPO (hours) must be between 0 and 87,600, not -1",
            ]
        );
    }

    #[test]
    fn rows_texts_and_lists_are_limited() {
        let too_many = Registers {
            systems: vec![system("erp"); MAX_REGISTER_ROWS + 1],
            providers: Vec::new(),
        };
        let problems = too_many.check().unwrap_err();
        // One problem, not one per duplicated row.
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "systems: 101 rows; at most 100 are allowed"
        );
        let mut erp = system("erp");
        erp.owner = "o".repeat(MAX_NAME_CHARS + 1);
        erp.depends_on = vec!["x".repeat(10_000)];
        let problems = Registers {
            systems: vec![erp],
            providers: Vec::new(),
        }
        .check()
        .unwrap_err();
        let described: Vec<String> = problems.iter().map(RegisterProblem::describe).collect();
        assert_eq!(
            described[0],
            "Owner is 501 characters; at most 500 are allowed"
        );
        // The dangling reference is quoted cut short.
        assert!(described[1].len() < 100, "{}", described[1]);
    }
}
