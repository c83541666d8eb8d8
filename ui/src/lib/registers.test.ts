import { describe, expect, it } from "vitest";
import { blankProvider, blankSystem, describeProblems, parseList, readNumberField, removeProvider, removeSystem, slug } from "./registers";
import type { RegistersDto } from "./bindings";

function registers(): RegistersDto {
  const erp = { ...blankSystem([]), id: "erp", name: "ERP", provider: "northgate" };
  const mes = { ...blankSystem(["erp"]), id: "mes", name: "MES", depends_on: ["erp"] };
  const northgate = { ...blankProvider([]), id: "northgate", name: "Northgate IT", reaches: ["mes"] };
  return { systems: [erp, mes], providers: [northgate] };
}

describe("registers editing", () => {
  it("makes unique slugs from names", () => {
    expect(slug("SAP S/4HANA ERP", [])).toBe("sap-s-4hana-erp");
    expect(slug("ERP", ["erp", "erp-2"])).toBe("erp-3");
    expect(slug("  ", [])).toBe("item");
  });

  it("parses comma lists and hours", () => {
    expect(parseList(" stamping, ,dispatch ")).toEqual(["stamping", "dispatch"]);
    expect(readNumberField("rto_hours", "", "en-GB")).toEqual({ ok: true, value: null });
    expect(readNumberField("rto_hours", "36", "en-GB")).toEqual({ ok: true, value: 36 });
    expect(readNumberField("rto_hours", "-5", "en-GB")).toEqual({
      ok: false,
      message: "RTO (hours): “-5” is negative. Enter a number of 0 or more.",
    });
    expect(readNumberField("incident_notice_hours", "abc", "en-GB")).toEqual({
      ok: false,
      message: "Incident notice (hours): “abc” is not a number. Enter a whole number of 0 or more.",
    });
    expect(readNumberField("capacity_percent", "", "en-GB")).toEqual({
      ok: false,
      message: "Output achieved (%): empty. Enter a number from 0 to 100.",
    });
  });

  it("names the row of each problem core found, by name or by number", () => {
    const r = registers();
    r.systems.push({ ...blankSystem([]), id: "erp", name: "" });
    expect(
      describeProblems(r, [
        { register: "systems", index: 1, message: "depends on \"crm\", which is not a system" },
        { register: "systems", index: 2, message: "needs a name" },
        { register: "providers", index: 0, message: "reaches \"plm\", which is not a system" },
        { register: "", index: 0, message: "invalid date \"31/02\"" },
      ]),
    ).toEqual([
      'MES: depends on "crm", which is not a system.',
      "System 3: needs a name.",
      'Northgate IT: reaches "plm", which is not a system.',
      'Registers: invalid date "31/02".',
    ]);
    expect(describeProblems(r, [])).toEqual([]);
  });

  it("removing a system or provider removes every reference to it", () => {
    const r = removeSystem(registers(), "mes");
    expect(r.systems.map((s) => s.id)).toEqual(["erp"]);
    expect(r.providers[0]!.reaches).toEqual([]);
    const p = removeProvider(registers(), "northgate");
    expect(p.providers).toEqual([]);
    expect(p.systems[0]!.provider).toBeNull();
  });
});
