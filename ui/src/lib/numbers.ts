//! Reading a number typed by a person: the number questions of the
//! questionnaire and the registers' hour fields. Accepted, in the system's
//! locale (en-GB shown):
//!   - digit grouping with the locale's separator or spaces: "1,200,000", "1 200 000";
//!   - the locale's decimal mark: "2.5" (in de-DE "2,5", and "." groups digits there);
//!   - for money, a currency symbol or code before or after: "£1,200,000", "1200000 GBP";
//!   - for money and counts, a k / m / bn suffix: "250k", "£1.2m", "1.5bn";
//!   - for percentages, a trailing "%": "40%".
//! Refused with a sentence saying why, in the field's own words: anything
//! else (letters, two decimal marks), negative values where the field has a
//! minimum of 0, and values outside the question's range.
import { separators } from "./locale";

export type NumberUnit = "money" | "hours" | "percent" | "count";

export interface NumberRules {
  /** What the field is called on screen: "Annual revenue", "RTO (hours)". */
  label: string;
  unit: NumberUnit;
  min: number | null;
  max: number | null;
  /** Only whole numbers. */
  whole?: boolean;
  /** The system locale, for the separators. */
  locale?: string;
}

export type Parsed = { ok: true; value: number | null } | { ok: false; message: string };

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, bn: 1e9 };
const CURRENCY = /^(?:[£$€¥]|[A-Za-z]{3}(?=\s|\d|$))/;

/** The range a field takes, as a sentence ending: "from 0 to 100", "of 0 or more". */
export function rangeText(min: number | null, max: number | null): string {
  if (min != null && max != null) return `a number from ${min} to ${max}`;
  if (min != null) return `a number of ${min} or more`;
  if (max != null) return `a number of ${max} or less`;
  return "a number";
}

/**
 * The value of `text` under `rules`: `null` for an empty field (no answer),
 * or a message saying what is wrong, naming the field by its label.
 */
export function parseNumberEntry(text: string, rules: NumberRules): Parsed {
  const typed = text.trim();
  if (typed === "") return { ok: true, value: null };
  const refuse = (why: string): Parsed => ({ ok: false, message: `${rules.label}: “${typed}” ${why}` });
  const expected = `Enter ${rules.whole ? rangeText(rules.min, rules.max).replace("a number", "a whole number") : rangeText(rules.min, rules.max)}.`;
  const { decimal, group } = separators(rules.locale);

  let t = typed.replace(/[\s\u00a0\u202f]/g, "");
  let negative = false;
  if (t.startsWith("-") || t.startsWith("\u2212")) {
    negative = true;
    t = t.slice(1);
  }
  if (rules.unit === "money") {
    t = t.replace(CURRENCY, "");
    t = t.replace(/(?:[£$€¥]|[A-Za-z]{3})$/, (m) => (m.toLowerCase() in SUFFIX ? m : ""));
  }
  if (rules.unit === "percent") t = t.replace(/%$/, "");
  let multiplier = 1;
  if (rules.unit === "money" || rules.unit === "count") {
    const suffix = /(bn|mn|k|m)$/i.exec(t);
    if (suffix) {
      multiplier = SUFFIX[suffix[1]!.toLowerCase()]!;
      t = t.slice(0, -suffix[1]!.length);
    }
  }
  // Group separators go; the decimal mark becomes ".".
  const groups = group === "." ? /\./g : new RegExp(`[${group === "," ? "," : `${group}',`}]`, "g");
  t = t.replace(groups, "");
  if (decimal !== ".") t = t.replace(decimal, ".");
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) return refuse(`is not a number. ${expected}`);
  let value = Number(t) * multiplier;
  if (negative) value = -value;
  if (!Number.isFinite(value)) return refuse(`is not a number. ${expected}`);
  value = Math.round(value * 1e6) / 1e6;
  if (negative && (rules.min ?? -Infinity) >= 0) return refuse(`is negative. ${expected}`);
  if (rules.whole && !Number.isInteger(value)) return refuse(`is not a whole number. ${expected}`);
  if ((rules.min != null && value < rules.min) || (rules.max != null && value > rules.max)) {
    return refuse(`is out of range. ${expected}`);
  }
  return { ok: true, value };
}
