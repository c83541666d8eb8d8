// The home screen's list: earlier assessments grouped by organisation, most
// recently saved first, narrowed by a search over organisation and title.
import type { AssessmentSummary } from "./bindings";

/** One organisation and its assessments, most recently saved first. */
export type OrganisationGroup = {
  organisation: string;
  assessments: AssessmentSummary[];
};

/** Lower case, accents removed, spaces collapsed: what a search compares. */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether every word of `query` appears in the organisation or the title. */
export function matches(item: AssessmentSummary, query: string): boolean {
  const haystack = fold(`${item.organisation} ${item.title}`);
  return fold(query)
    .split(" ")
    .filter((w) => w !== "")
    .every((w) => haystack.includes(w));
}

function savedAt(item: AssessmentSummary): number {
  const t = item.saved_at ? Date.parse(item.saved_at) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/**
 * The assessments that match `query`, grouped by organisation (the same name
 * in any case or accent is one organisation); the group saved to most
 * recently comes first, and so does each group's latest assessment.
 */
export function groupByOrganisation(items: AssessmentSummary[], query: string): OrganisationGroup[] {
  const groups = new Map<string, OrganisationGroup>();
  for (const item of items) {
    if (!matches(item, query)) continue;
    const key = fold(item.organisation);
    const group = groups.get(key) ?? { organisation: item.organisation, assessments: [] };
    group.assessments.push(item);
    groups.set(key, group);
  }
  const latest = (g: OrganisationGroup) => Math.max(...g.assessments.map(savedAt));
  for (const g of groups.values()) g.assessments.sort((a, b) => savedAt(b) - savedAt(a));
  return [...groups.values()].sort((a, b) => latest(b) - latest(a) || a.organisation.localeCompare(b.organisation));
}
