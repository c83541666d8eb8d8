//! The system's locale for everything shown: times, dates, numbers and money
//! go through Intl with the language the system reports (navigator.language;
//! en-GB gives a 24-hour clock), money in the assessment's currency.

/** The locale to format in: the system's, or British English when none is known. */
export function appLocale(): string {
  const nav = typeof navigator === "undefined" ? undefined : navigator;
  const tag = nav?.languages?.[0] ?? nav?.language;
  if (tag) {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? "en-GB";
    } catch {
      // An invalid tag: fall back below.
    }
  }
  return "en-GB";
}

function date(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "17:24:19" in en-GB; empty for an unreadable time. */
export function formatTime(iso: string, locale = appLocale()): string {
  const d = date(iso);
  return d ? d.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "";
}

/** "6 Dec 2026, 17:24" in en-GB; empty for an unreadable time. */
export function formatDateTime(iso: string | null, locale = appLocale()): string {
  const d = iso ? date(iso) : null;
  return d
    ? d.toLocaleString(locale, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" })
    : "";
}

/** An amount in `currency` (ISO 4217), whole units: "£1,200,000" in en-GB for GBP. */
export function formatMoney(value: number, currency: string, locale = appLocale()): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${formatNumber(Math.round(value), locale)} ${currency}`;
  }
}

/** A number with the locale's grouping and decimal mark. */
export function formatNumber(value: number, locale = appLocale(), maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/** The locale's decimal mark and digit-group separator ("." and "," in en-GB). */
export function separators(locale = appLocale()): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  return {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
  };
}

/** The currency's symbol in the locale ("£" for GBP in en-GB), or its code. */
export function currencySymbol(currency: string, locale = appLocale()): string {
  try {
    const parts = new Intl.NumberFormat(locale, { style: "currency", currency }).formatToParts(0);
    return parts.find((p) => p.type === "currency")?.value ?? currency;
  } catch {
    return currency;
  }
}
