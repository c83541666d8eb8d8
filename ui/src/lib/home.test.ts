import { describe, expect, it } from "vitest";
import { fold, groupByOrganisation, matches } from "./home";
import type { AssessmentSummary } from "./bindings";

function item(id: string, organisation: string, title: string, saved_at: string | null): AssessmentSummary {
  return {
    id,
    organisation,
    title,
    mode: "workshop",
    status: "draft",
    answered: 0,
    total: 94,
    saved_at,
    bank_version: "2.0.0",
    newer_bank: null,
  };
}

const items = [
  item("a", "Acme Pressings Ltd", "Cyber resilience assessment 2026", "2026-11-20T10:00:00Z"),
  item("b", "Wrenmoor Précision", "Annual review 2025", "2025-10-01T09:00:00Z"),
  item("c", "acme pressings ltd", "Cyber resilience assessment 2025", "2025-11-02T10:00:00Z"),
  item("d", "Wrenmoor Précision", "Annual review 2026", "2026-11-25T16:30:00Z"),
  item("e", "Bellbrook Castings", "Self-assessment", null),
];

describe("home list", () => {
  it("folds case, accents and spaces", () => {
    expect(fold("  Wrenmoor   PRÉCISION ")).toBe("wrenmoor precision");
  });

  it("matches every word of the query in the organisation or the title", () => {
    expect(matches(items[1]!, "precision 2025")).toBe(true);
    expect(matches(items[1]!, "precision 2026")).toBe(false);
    expect(matches(items[0]!, "")).toBe(true);
  });

  it("groups by organisation, latest group and latest assessment first", () => {
    const groups = groupByOrganisation(items, "");
    expect(groups.map((g) => g.organisation)).toEqual(["Wrenmoor Précision", "Acme Pressings Ltd", "Bellbrook Castings"]);
    expect(groups[0]!.assessments.map((a) => a.id)).toEqual(["d", "b"]);
    // The same name in another case is the same organisation.
    expect(groups[1]!.assessments.map((a) => a.id)).toEqual(["a", "c"]);
  });

  it("narrows the groups to what the search finds", () => {
    const groups = groupByOrganisation(items, "acme 2025");
    expect(groups).toHaveLength(1);
    expect(groups[0]!.assessments.map((a) => a.id)).toEqual(["c"]);
    expect(groupByOrganisation(items, "nothing like this")).toEqual([]);
  });
});
