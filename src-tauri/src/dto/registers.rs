//! The registers of critical systems and providers, as the registers screen
//! edits them, and their conversions from and to `core::assessment`'s.
//!
//! Invariant: the conversions are field by field, both ways, and lose
//! nothing: every struct is destructured and every enum matched exhaustively,
//! so a field or variant added on either side fails to compile until it is
//! mapped here. The only conversion that can fail (a restore date that is not
//! a date) returns [`AppError::BadRegister`]; nothing falls back to empty
//! registers. The JSON shape matches the assessment file's, as a test checks.

use chrono::NaiveDate;
use ironbridge_core::assessment::{
    ContractClauses, CriticalSystem, Hosting, ManualFallback, ProductionImpact, Provider,
    ProviderService, Registers, SystemCategory,
};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::AppError;

/// The registers of critical systems and providers, as the registers screen edits them.
///
/// The same shape as the assessment file's `registers` (`docs/EXPOSURE.md`);
/// it converts to and from `core`'s type field by field, so a field or
/// variant added on either side fails to compile until it is mapped.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct RegistersDto {
    /// Systems whose loss hurts production.
    pub systems: Vec<SystemDto>,
    /// Third parties that run, host or can reach those systems.
    pub providers: Vec<ProviderDto>,
}

/// A critical system.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct SystemDto {
    /// Short unique slug (`erp`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// `erp`, `mes`, `plm`, `wms`, `scada`, `identity`, `email`, `edi`, `infrastructure`, `other`.
    pub category: SystemCategoryDto,
    /// Who owns it in the business.
    pub owner: String,
    /// Where it runs.
    pub hosting: HostingDto,
    /// The provider that runs or hosts it, by id.
    pub provider: Option<String>,
    /// What its loss does to production.
    pub production_impact: ProductionImpactDto,
    /// Production processes that need it.
    pub processes: Vec<String>,
    /// Other systems it needs, by id.
    pub depends_on: Vec<String>,
    /// Recovery time objective, hours.
    pub rto_hours: Option<f64>,
    /// Recovery point objective, hours.
    pub rpo_hours: Option<f64>,
    /// Whether a full restore has shown the RTO can be met.
    pub rto_tested: bool,
    /// When it was last restored in a test (`2026-03-14`).
    pub last_restore_test: Option<String>,
    /// How production carries on without it.
    pub manual_fallback: Option<FallbackDto>,
}

/// A manual way of working while a system is down.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct FallbackDto {
    /// What is done.
    pub description: String,
    /// How many days it sustains production.
    pub sustainable_days: f64,
    /// Share of normal output, 0–100.
    pub capacity_percent: f64,
    /// Whether it has been rehearsed.
    pub rehearsed: bool,
}

/// Kinds of critical system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum SystemCategoryDto {
    Erp,
    Mes,
    Plm,
    Wms,
    Scada,
    Identity,
    Email,
    Edi,
    Infrastructure,
    Other,
}

/// Where a system runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum HostingDto {
    OnPremises,
    ProviderHosted,
    Saas,
    Cloud,
}

/// What the loss of a system does to production.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ProductionImpactDto {
    Stops,
    Degrades,
    None,
}

/// A provider.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct ProviderDto {
    /// Short unique slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it does for the company.
    pub services: Vec<ProviderServiceDto>,
    /// Whether it holds administrator access.
    pub privileged_access: bool,
    /// Systems it can reach beyond those it hosts, by id.
    pub reaches: Vec<String>,
    /// What the contract says.
    pub contract: ContractDto,
    /// Its certifications, as claimed.
    pub certifications: Vec<String>,
}

/// Services a provider delivers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ProviderServiceDto {
    ItOutsourcing,
    ManagedSecurity,
    HelpDesk,
    Hosting,
    Saas,
    OtIntegrator,
    EdiNetwork,
    Other,
}

/// The security clauses of a provider's contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct ContractDto {
    /// Hours within which it must report an incident; `null` when not set.
    pub incident_notice_hours: Option<u32>,
    /// Right to audit.
    pub right_to_audit: bool,
    /// Identity checks before password or MFA resets.
    pub helpdesk_identity_verification: bool,
    /// Obligations flow down to subcontractors.
    pub subcontractor_flow_down: bool,
}

impl From<&Registers> for RegistersDto {
    fn from(r: &Registers) -> Self {
        let Registers { systems, providers } = r;
        Self {
            systems: systems.iter().map(SystemDto::from).collect(),
            providers: providers.iter().map(ProviderDto::from).collect(),
        }
    }
}

impl TryFrom<RegistersDto> for Registers {
    type Error = AppError;

    /// Trims ids and names, drops a blank provider or restore date, and
    /// refuses a restore date that is not `YYYY-MM-DD`. The rules between
    /// rows (unique ids, references) are `Registers::check`'s.
    fn try_from(dto: RegistersDto) -> Result<Self, AppError> {
        let RegistersDto { systems, providers } = dto;
        Ok(Self {
            systems: systems
                .into_iter()
                .enumerate()
                .map(|(index, s)| system(index, s))
                .collect::<Result<_, _>>()?,
            providers: providers.into_iter().map(Provider::from).collect(),
        })
    }
}

impl From<&CriticalSystem> for SystemDto {
    fn from(s: &CriticalSystem) -> Self {
        let CriticalSystem {
            id,
            name,
            category,
            owner,
            hosting,
            provider,
            production_impact,
            processes,
            depends_on,
            rto_hours,
            rpo_hours,
            rto_tested,
            last_restore_test,
            manual_fallback,
        } = s;
        Self {
            id: id.clone(),
            name: name.clone(),
            category: (*category).into(),
            owner: owner.clone(),
            hosting: (*hosting).into(),
            provider: provider.clone(),
            production_impact: (*production_impact).into(),
            processes: processes.clone(),
            depends_on: depends_on.clone(),
            rto_hours: *rto_hours,
            rpo_hours: *rpo_hours,
            rto_tested: *rto_tested,
            // `NaiveDate`'s `Display` is the `YYYY-MM-DD` its serde form uses.
            last_restore_test: last_restore_test.as_ref().map(NaiveDate::to_string),
            manual_fallback: manual_fallback.as_ref().map(FallbackDto::from),
        }
    }
}

impl From<&ManualFallback> for FallbackDto {
    fn from(f: &ManualFallback) -> Self {
        let ManualFallback {
            description,
            sustainable_days,
            capacity_percent,
            rehearsed,
        } = f;
        Self {
            description: description.clone(),
            sustainable_days: *sustainable_days,
            capacity_percent: *capacity_percent,
            rehearsed: *rehearsed,
        }
    }
}

impl From<FallbackDto> for ManualFallback {
    fn from(f: FallbackDto) -> Self {
        let FallbackDto {
            description,
            sustainable_days,
            capacity_percent,
            rehearsed,
        } = f;
        Self {
            description,
            sustainable_days,
            capacity_percent,
            rehearsed,
        }
    }
}

impl From<&Provider> for ProviderDto {
    fn from(p: &Provider) -> Self {
        let Provider {
            id,
            name,
            services,
            privileged_access,
            reaches,
            contract,
            certifications,
        } = p;
        Self {
            id: id.clone(),
            name: name.clone(),
            services: services
                .iter()
                .copied()
                .map(ProviderServiceDto::from)
                .collect(),
            privileged_access: *privileged_access,
            reaches: reaches.clone(),
            contract: contract.into(),
            certifications: certifications.clone(),
        }
    }
}

impl From<ProviderDto> for Provider {
    /// Trims the id and the name.
    fn from(p: ProviderDto) -> Self {
        let ProviderDto {
            id,
            name,
            services,
            privileged_access,
            reaches,
            contract,
            certifications,
        } = p;
        Self {
            id: id.trim().to_owned(),
            name: name.trim().to_owned(),
            services: services.into_iter().map(ProviderService::from).collect(),
            privileged_access,
            reaches,
            contract: contract.into(),
            certifications,
        }
    }
}

impl From<&ContractClauses> for ContractDto {
    fn from(c: &ContractClauses) -> Self {
        let ContractClauses {
            incident_notice_hours,
            right_to_audit,
            helpdesk_identity_verification,
            subcontractor_flow_down,
        } = c;
        Self {
            incident_notice_hours: *incident_notice_hours,
            right_to_audit: *right_to_audit,
            helpdesk_identity_verification: *helpdesk_identity_verification,
            subcontractor_flow_down: *subcontractor_flow_down,
        }
    }
}

impl From<ContractDto> for ContractClauses {
    fn from(c: ContractDto) -> Self {
        let ContractDto {
            incident_notice_hours,
            right_to_audit,
            helpdesk_identity_verification,
            subcontractor_flow_down,
        } = c;
        Self {
            incident_notice_hours,
            right_to_audit,
            helpdesk_identity_verification,
            subcontractor_flow_down,
        }
    }
}

impl From<SystemCategory> for SystemCategoryDto {
    fn from(c: SystemCategory) -> Self {
        match c {
            SystemCategory::Erp => Self::Erp,
            SystemCategory::Mes => Self::Mes,
            SystemCategory::Plm => Self::Plm,
            SystemCategory::Wms => Self::Wms,
            SystemCategory::Scada => Self::Scada,
            SystemCategory::Identity => Self::Identity,
            SystemCategory::Email => Self::Email,
            SystemCategory::Edi => Self::Edi,
            SystemCategory::Infrastructure => Self::Infrastructure,
            SystemCategory::Other => Self::Other,
        }
    }
}

impl From<SystemCategoryDto> for SystemCategory {
    fn from(c: SystemCategoryDto) -> Self {
        match c {
            SystemCategoryDto::Erp => Self::Erp,
            SystemCategoryDto::Mes => Self::Mes,
            SystemCategoryDto::Plm => Self::Plm,
            SystemCategoryDto::Wms => Self::Wms,
            SystemCategoryDto::Scada => Self::Scada,
            SystemCategoryDto::Identity => Self::Identity,
            SystemCategoryDto::Email => Self::Email,
            SystemCategoryDto::Edi => Self::Edi,
            SystemCategoryDto::Infrastructure => Self::Infrastructure,
            SystemCategoryDto::Other => Self::Other,
        }
    }
}

impl From<Hosting> for HostingDto {
    fn from(h: Hosting) -> Self {
        match h {
            Hosting::OnPremises => Self::OnPremises,
            Hosting::ProviderHosted => Self::ProviderHosted,
            Hosting::Saas => Self::Saas,
            Hosting::Cloud => Self::Cloud,
        }
    }
}

impl From<HostingDto> for Hosting {
    fn from(h: HostingDto) -> Self {
        match h {
            HostingDto::OnPremises => Self::OnPremises,
            HostingDto::ProviderHosted => Self::ProviderHosted,
            HostingDto::Saas => Self::Saas,
            HostingDto::Cloud => Self::Cloud,
        }
    }
}

impl From<ProductionImpact> for ProductionImpactDto {
    fn from(i: ProductionImpact) -> Self {
        match i {
            ProductionImpact::Stops => Self::Stops,
            ProductionImpact::Degrades => Self::Degrades,
            ProductionImpact::None => Self::None,
        }
    }
}

impl From<ProductionImpactDto> for ProductionImpact {
    fn from(i: ProductionImpactDto) -> Self {
        match i {
            ProductionImpactDto::Stops => Self::Stops,
            ProductionImpactDto::Degrades => Self::Degrades,
            ProductionImpactDto::None => Self::None,
        }
    }
}

impl From<ProviderService> for ProviderServiceDto {
    fn from(s: ProviderService) -> Self {
        match s {
            ProviderService::ItOutsourcing => Self::ItOutsourcing,
            ProviderService::ManagedSecurity => Self::ManagedSecurity,
            ProviderService::HelpDesk => Self::HelpDesk,
            ProviderService::Hosting => Self::Hosting,
            ProviderService::Saas => Self::Saas,
            ProviderService::OtIntegrator => Self::OtIntegrator,
            ProviderService::EdiNetwork => Self::EdiNetwork,
            ProviderService::Other => Self::Other,
        }
    }
}

impl From<ProviderServiceDto> for ProviderService {
    fn from(s: ProviderServiceDto) -> Self {
        match s {
            ProviderServiceDto::ItOutsourcing => Self::ItOutsourcing,
            ProviderServiceDto::ManagedSecurity => Self::ManagedSecurity,
            ProviderServiceDto::HelpDesk => Self::HelpDesk,
            ProviderServiceDto::Hosting => Self::Hosting,
            ProviderServiceDto::Saas => Self::Saas,
            ProviderServiceDto::OtIntegrator => Self::OtIntegrator,
            ProviderServiceDto::EdiNetwork => Self::EdiNetwork,
            ProviderServiceDto::Other => Self::Other,
        }
    }
}

/// The system at `index` of the register, its id and name trimmed and a
/// blank provider or restore date dropped.
fn system(index: usize, s: SystemDto) -> Result<CriticalSystem, AppError> {
    let SystemDto {
        id,
        name,
        category,
        owner,
        hosting,
        provider,
        production_impact,
        processes,
        depends_on,
        rto_hours,
        rpo_hours,
        rto_tested,
        last_restore_test,
        manual_fallback,
    } = s;
    let last_restore_test = match last_restore_test.filter(|d| !d.trim().is_empty()) {
        None => None,
        Some(text) => Some(restore_date(index, &text)?),
    };
    Ok(CriticalSystem {
        id: id.trim().to_owned(),
        name: name.trim().to_owned(),
        category: category.into(),
        owner,
        hosting: hosting.into(),
        provider: provider.filter(|p| !p.trim().is_empty()),
        production_impact: production_impact.into(),
        processes,
        depends_on,
        rto_hours,
        rpo_hours,
        rto_tested,
        last_restore_test,
        manual_fallback: manual_fallback.map(ManualFallback::from),
    })
}

/// A restore date typed as `YYYY-MM-DD`: the same parse as `NaiveDate`'s
/// serde form, which the assessment file uses.
fn restore_date(index: usize, text: &str) -> Result<NaiveDate, AppError> {
    text.parse().map_err(|err| AppError::BadRegister {
        problem: format!(
            "systems[{index}].last_restore_test: {text:?} is not a date like 2026-03-14 ({err})"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATEGORIES: [SystemCategory; 10] = [
        SystemCategory::Erp,
        SystemCategory::Mes,
        SystemCategory::Plm,
        SystemCategory::Wms,
        SystemCategory::Scada,
        SystemCategory::Identity,
        SystemCategory::Email,
        SystemCategory::Edi,
        SystemCategory::Infrastructure,
        SystemCategory::Other,
    ];
    const HOSTINGS: [Hosting; 4] = [
        Hosting::OnPremises,
        Hosting::ProviderHosted,
        Hosting::Saas,
        Hosting::Cloud,
    ];
    const IMPACTS: [ProductionImpact; 3] = [
        ProductionImpact::Stops,
        ProductionImpact::Degrades,
        ProductionImpact::None,
    ];
    const SERVICES: [ProviderService; 8] = [
        ProviderService::ItOutsourcing,
        ProviderService::ManagedSecurity,
        ProviderService::HelpDesk,
        ProviderService::Hosting,
        ProviderService::Saas,
        ProviderService::OtIntegrator,
        ProviderService::EdiNetwork,
        ProviderService::Other,
    ];

    /// Registers using every variant of every enum, with every optional
    /// field set and every flag true: one system per category, cycling
    /// through hostings and impacts.
    fn full_registers() -> Registers {
        let systems = CATEGORIES
            .iter()
            .enumerate()
            .map(|(i, &category)| CriticalSystem {
                id: format!("system-{i}"),
                name: format!("System {i}"),
                category,
                owner: format!("Owner {i}"),
                hosting: HOSTINGS[i % HOSTINGS.len()],
                provider: Some("northgate-it".into()),
                production_impact: IMPACTS[i % IMPACTS.len()],
                processes: vec!["stamping".into(), format!("line-{i}")],
                depends_on: vec![format!("system-{}", (i + 1) % CATEGORIES.len())],
                rto_hours: Some(24.5 + i as f64),
                rpo_hours: Some(0.25),
                rto_tested: true,
                last_restore_test: NaiveDate::from_ymd_opt(2026, 3, 14),
                manual_fallback: Some(ManualFallback {
                    description: "paper travellers and a spreadsheet of call-offs".into(),
                    sustainable_days: 3.5,
                    capacity_percent: 60.0,
                    rehearsed: true,
                }),
            })
            .collect();
        let providers = vec![
            Provider {
                id: "northgate-it".into(),
                name: "Northgate IT".into(),
                services: SERVICES.to_vec(),
                privileged_access: true,
                reaches: vec!["system-0".into(), "system-4".into()],
                contract: ContractClauses {
                    incident_notice_hours: Some(24),
                    right_to_audit: true,
                    helpdesk_identity_verification: true,
                    subcontractor_flow_down: true,
                },
                certifications: vec!["ISO 27001 (scope: UK service desk)".into()],
            },
            Provider {
                id: "plain-ltd".into(),
                name: "Plain Ltd".into(),
                services: vec![ProviderService::Saas],
                privileged_access: false,
                reaches: Vec::new(),
                contract: ContractClauses::default(),
                certifications: Vec::new(),
            },
        ];
        Registers { systems, providers }
    }

    #[test]
    fn full_registers_round_trip_through_the_dto_unchanged() {
        let registers = full_registers();
        assert_eq!(registers.check(), Ok(()));
        let dto = RegistersDto::from(&registers);
        assert_eq!(Registers::try_from(dto).unwrap(), registers);
    }

    #[test]
    fn dto_json_is_the_assessment_files_registers_json() {
        let registers = full_registers();
        let dto = RegistersDto::from(&registers);
        assert_eq!(
            serde_json::to_value(&dto).unwrap(),
            serde_json::to_value(&registers).unwrap()
        );
    }

    #[test]
    fn ids_and_names_are_trimmed_and_blanks_dropped() {
        let mut dto = RegistersDto::from(&full_registers());
        dto.systems[0].id = " system-0 ".into();
        dto.systems[0].name = "  System 0\t".into();
        dto.systems[0].provider = Some("  ".into());
        dto.systems[0].last_restore_test = Some(" ".into());
        dto.providers[0].id = "northgate-it ".into();
        dto.providers[0].name = " Northgate IT".into();
        let registers = Registers::try_from(dto).unwrap();
        let mut expected = full_registers();
        expected.systems[0].provider = None;
        expected.systems[0].last_restore_test = None;
        assert_eq!(registers, expected);
    }

    #[test]
    fn a_restore_date_that_is_not_a_date_is_refused_not_dropped() {
        let mut dto = RegistersDto::from(&full_registers());
        dto.systems[2].last_restore_test = Some("2026-13-01".into());
        let err = Registers::try_from(dto).unwrap_err();
        assert_eq!(err.code(), "registers.invalid");
        let message = err.to_string();
        assert!(
            message.contains("systems[2].last_restore_test") && message.contains("2026-13-01"),
            "{message}"
        );
    }
}
