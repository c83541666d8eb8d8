import { describe, expect, it } from "vitest";
import { blankProvider, blankSystem, parseHours, parseList, problems, removeProvider, removeSystem, slug } from "./registers";
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
    expect(parseHours("")).toBeNull();
    expect(parseHours("36")).toBe(36);
    expect(parseHours("-1")).toBe("invalid");
    expect(parseHours("soon")).toBe("invalid");
  });

  it("finds no problem in consistent registers", () => {
    expect(problems(registers())).toEqual([]);
  });

  it("names the row of each dangling reference, duplicate id and missing name", () => {
    const r = registers();
    r.systems[1]!.depends_on = ["crm"];
    r.systems.push({ ...blankSystem([]), id: "erp", name: "" });
    r.providers[0]!.reaches = ["plm"];
    expect(problems(r)).toEqual([
      "MES: depends on crm, which is not a system.",
      "System 3 needs a name.",
      "system 3: the id erp is used twice.",
      "Northgate IT: reaches plm, which is not a system.",
    ]);
  });

  it("removing a system or provider removes every reference to it", () => {
    const r = removeSystem(registers(), "mes");
    expect(r.systems.map((s) => s.id)).toEqual(["erp"]);
    expect(r.providers[0]!.reaches).toEqual([]);
    const p = removeProvider(registers(), "northgate");
    expect(p.providers).toEqual([]);
    expect(p.systems[0]!.provider).toBeNull();
    expect(problems(p)).toEqual([]);
  });
});
