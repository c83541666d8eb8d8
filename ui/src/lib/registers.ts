// The registers screen's editing logic: blank rows, ids made from names,
// comma lists, and the labels of the register's enumerations. Plain functions,
// unit-tested; the screen only renders them.
import type {
  HostingDto,
  ProductionImpactDto,
  ProviderDto,
  ProviderServiceDto,
  RegistersDto,
  RowProblemDto,
  SystemCategoryDto,
  SystemDto,
} from "./bindings";

export const CATEGORY: Record<SystemCategoryDto, string> = {
  erp: "ERP",
  mes: "MES",
  plm: "PLM",
  wms: "WMS",
  scada: "SCADA / OT",
  identity: "Identity",
  email: "Email",
  edi: "EDI",
  infrastructure: "Infrastructure",
  other: "Other",
};

export const HOSTING: Record<HostingDto, string> = {
  on_premises: "On premises",
  provider_hosted: "Provider hosted",
  saas: "SaaS",
  cloud: "Cloud (own)",
};

export const IMPACT: Record<ProductionImpactDto, string> = {
  stops: "Stops production",
  degrades: "Degrades output",
  none: "No effect",
};

export const SERVICE: Record<ProviderServiceDto, string> = {
  it_outsourcing: "IT outsourcing",
  managed_security: "Managed security",
  help_desk: "Help desk",
  hosting: "Hosting",
  saas: "SaaS",
  ot_integrator: "OT integrator",
  edi_network: "EDI network",
  other: "Other",
};

/** A slug from a name (`SAP S/4HANA ERP` → `sap-s-4hana-erp`), made unique among `taken`. */
export function slug(name: string, taken: readonly string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "item";
  let id = base;
  for (let n = 2; taken.includes(id); n += 1) id = `${base}-${n}`;
  return id;
}

/** "stamping, dispatch" → ["stamping", "dispatch"]. */
export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function formatList(items: readonly string[]): string {
  return items.join(", ");
}

/** A number field's value: empty text is `null`, anything else must be a finite number ≥ 0. */
export function parseHours(text: string): number | null | "invalid" {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : "invalid";
}

export function blankSystem(taken: readonly string[]): SystemDto {
  return {
    id: slug("new system", taken),
    name: "",
    category: "other",
    owner: "",
    hosting: "on_premises",
    provider: null,
    production_impact: "stops",
    processes: [],
    depends_on: [],
    rto_hours: null,
    rpo_hours: null,
    rto_tested: false,
    last_restore_test: null,
    manual_fallback: null,
  };
}

export function blankProvider(taken: readonly string[]): ProviderDto {
  return {
    id: slug("new provider", taken),
    name: "",
    services: [],
    privileged_access: false,
    reaches: [],
    contract: {
      incident_notice_hours: null,
      right_to_audit: false,
      helpdesk_identity_verification: false,
      subcontractor_flow_down: false,
    },
    certifications: [],
  };
}

/**
 * Core's problems of the registers (from the `check_registers` command) as
 * sentences naming the row; empty when the registers can be saved. The rules
 * themselves live in the backend, once.
 */
export function describeProblems(r: RegistersDto, found: readonly RowProblemDto[]): string[] {
  return found.map((p) => {
    const rows: readonly { name: string }[] = p.register === "providers" ? r.providers : r.systems;
    const kind = p.register === "providers" ? "Provider" : "System";
    const row = rows[p.index];
    const name = p.register === "" ? "Registers" : row && row.name.trim() !== "" ? row.name.trim() : `${kind} ${p.index + 1}`;
    return `${name}: ${p.message}.`;
  });
}

/** Removes a system and every reference to it. */
export function removeSystem(r: RegistersDto, id: string): RegistersDto {
  return {
    systems: r.systems
      .filter((s) => s.id !== id)
      .map((s) => ({ ...s, depends_on: s.depends_on.filter((d) => d !== id) })),
    providers: r.providers.map((p) => ({ ...p, reaches: p.reaches.filter((d) => d !== id) })),
  };
}

/** Removes a provider and every reference to it. */
export function removeProvider(r: RegistersDto, id: string): RegistersDto {
  return {
    systems: r.systems.map((s) => (s.provider === id ? { ...s, provider: null } : s)),
    providers: r.providers.filter((p) => p.id !== id),
  };
}
