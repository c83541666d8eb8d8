import { describe, expect, it } from "vitest";
import { OPTIONAL_SECTIONS, omitted } from "./sections";

describe("the report's optional sections", () => {
  it("leaves out only the sections unticked, in report order", () => {
    expect(omitted({})).toEqual([]);
    expect(omitted({ answers: false, money: false, roadmap: true })).toEqual(["money", "answers"]);
  });

  it("lists each section once", () => {
    const keys = OPTIONAL_SECTIONS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
