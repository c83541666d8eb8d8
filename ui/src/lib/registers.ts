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
import { parseNumberEntry, rangeText, type NumberRules, type Parsed } from "./numbers";

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

/** The registers' number fields, with their labels on screen and their rules. */
export const NUMBER_FIELDS = {
  rto_hours: { label: "RTO (hours)", unit: "hours", min: 0, max: null, optional: true },
  rpo_hours: { label: "RPO (hours)", unit: "hours", min: 0, max: null, optional: true },
  incident_notice_hours: { label: "Incident notice (hours)", unit: "count", min: 0, max: null, whole: true, optional: true },
  sustainable_days: { label: "Sustainable for (days)", unit: "hours", min: 0, max: null, optional: false },
  capacity_percent: { label: "Output achieved (%)", unit: "percent", min: 0, max: 100, optional: false },
} as const satisfies Record<string, Omit<NumberRules, "locale"> & { optional: boolean }>;

export type NumberField = keyof typeof NUMBER_FIELDS;

/**
 * A register's number field as typed: its value (`null` for an empty optional
 * field), or the sentence saying what is wrong, with the field's label.
 */
export function readNumberField(field: NumberField, text: string, locale?: string): Parsed {
  const rules = NUMBER_FIELDS[field];
  const parsed = parseNumberEntry(text, { ...rules, locale });
  if (parsed.ok && parsed.value === null && !rules.optional) {
    return { ok: false, message: `${rules.label}: empty. Enter ${rangeText(rules.min, rules.max)}.` };
  }
  return parsed;
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
