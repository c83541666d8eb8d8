import { describe, expect, it } from "vitest";
import { parseNumberEntry, type NumberRules } from "./numbers";
import { formatMoney, formatTime } from "./locale";

const money: NumberRules = { label: "Annual revenue", unit: "money", min: 0, max: null, locale: "en-GB" };
const hours: NumberRules = { label: "RTO (hours)", unit: "hours", min: 0, max: null, locale: "en-GB" };
const percent: NumberRules = { label: "Share", unit: "percent", min: 0, max: 100, locale: "en-GB" };
const count: NumberRules = { label: "Incident notice (hours)", unit: "count", min: 0, max: null, whole: true, locale: "en-GB" };

const value = (text: string, rules: NumberRules) => {
  const r = parseNumberEntry(text, rules);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const message = (text: string, rules: NumberRules) => {
  const r = parseNumberEntry(text, rules);
  if (r.ok) throw new Error(`${text} was accepted as ${r.value}`);
  return r.message;
};

describe("number entry", () => {
  it("reads grouped amounts, currency symbols and codes", () => {
    expect(value("1,200,000", money)).toBe(1_200_000);
    expect(value("1 200 000", money)).toBe(1_200_000);
    expect(value("£1,200,000", money)).toBe(1_200_000);
    expect(value("1200000 GBP", money)).toBe(1_200_000);
    expect(value("GBP 85,000,000", money)).toBe(85_000_000);
    expect(value("2.5", hours)).toBe(2.5);
  });

  it("reads k, m and bn on money", () => {
    expect(value("£1.2m", money)).toBe(1_200_000);
    expect(value("250k", money)).toBe(250_000);
    expect(value("1.5bn", money)).toBe(1_500_000_000);
    expect(value("3M", money)).toBe(3_000_000);
  });

  it("reads a trailing % on percentages", () => {
    expect(value("40%", percent)).toBe(40);
    expect(value("40", percent)).toBe(40);
  });

  it("empty is no value", () => {
    expect(value("", hours)).toBeNull();
    expect(value("   ", money)).toBeNull();
  });

  it("refuses negatives, naming the field and what to enter", () => {
    expect(message("-5", hours)).toBe("RTO (hours): “-5” is negative. Enter a number of 0 or more.");
    expect(message("−5", money)).toContain("is negative");
  });

  it("refuses text, saying what is wrong in the field's words", () => {
    expect(message("abc", count)).toBe("Incident notice (hours): “abc” is not a number. Enter a whole number of 0 or more.");
    expect(message("1.2.3", hours)).toContain("is not a number");
    expect(message("12h", hours)).toContain("is not a number");
    expect(message("1.2m", hours)).toContain("is not a number"); // suffixes are for money and counts
  });

  it("refuses values out of range and fractions of whole numbers", () => {
    expect(message("120", percent)).toBe("Share: “120” is out of range. Enter a number from 0 to 100.");
    expect(message("2.5", count)).toContain("is not a whole number");
  });

  it("follows the locale's decimal mark", () => {
    expect(value("1.200.000,5", { ...money, locale: "de-DE" })).toBe(1_200_000.5);
    expect(value("2,5", { ...hours, locale: "de-DE" })).toBe(2.5);
  });
});

describe("locale formatting", () => {
  it("a UK clock has 24 hours", () => {
    const t = formatTime("2026-12-06T17:24:19Z", "en-GB");
    expect(t).toMatch(/^\d\d:24:19$/);
    expect(t).not.toMatch(/PM|AM/i);
  });

  it("money in the assessment's currency", () => {
    expect(formatMoney(1_200_000, "GBP", "en-GB")).toBe("£1,200,000");
    expect(formatMoney(1_200_000, "EUR", "en-GB")).toBe("€1,200,000");
    expect(formatMoney(5, "XXQ", "en-GB")).toMatch(/5/);
  });
});
