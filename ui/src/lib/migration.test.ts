import { describe, expect, it } from "vitest";
import { humanMessage } from "./api";
import type { MigratedDto, MigrationItemDto, MigrationPlanDto } from "./bindings";
import {
  bankName,
  countsInWords,
  itemReference,
  itemTitle,
  majorOf,
  movedMessage,
  planSections,
  previousTitle,
} from "./migration";

const kept: MigrationItemDto = {
  change: "kept",
  from: { id: "GOV-01", title: "Board ownership" },
  to: { id: "GOV-01", title: "Board ownership" },
  note: "Same question.",
};
const moved: MigrationItemDto = {
  change: "moved",
  from: { id: "DEP-05", title: "Isolation" },
  to: { id: "OT-04", title: "Isolating the plant network" },
  note: "Scored once in OT-04.",
};
const merged: MigrationItemDto = {
  change: "merged",
  from: { id: "GOV-05", title: "Asset inventory" },
  to: { id: "OT-01", title: "Asset inventory" },
  note: "Scored once in OT-01.",
};
const fresh: MigrationItemDto = {
  change: "new_unanswered",
  from: null,
  to: { id: "OT-10", title: "Safety instrumented systems" },
  note: null,
};
const retired: MigrationItemDto = {
  change: "retired",
  from: { id: "INS-04", title: "Excess" },
  to: null,
  note: "Dropped.",
};

function plan(items: MigrationItemDto[]): MigrationPlanDto {
  const n = (c: MigrationItemDto["change"]) => items.filter((i) => i.change === c).length;
  return {
    assessment_id: "demo-wrenmoor-2026",
    from_version: "1.0.0",
    to_version: "2.0.0",
    counts: {
      kept: n("kept"),
      moved: n("moved"),
      answer_again: n("answer_again"),
      merged: n("merged"),
      retired: n("retired"),
      new_unanswered: n("new_unanswered"),
    },
    items,
  };
}

describe("migration plan", () => {
  it("reads a bank's major version", () => {
    expect(majorOf("2.0.0")).toBe(2);
    expect(majorOf("10.1")).toBe(10);
    expect(majorOf("1")).toBe(1);
    expect(majorOf("beta")).toBeNull();
    expect(bankName("1.0.0")).toBe("bank 1");
    expect(bankName("beta")).toBe("bank beta");
  });

  it("groups what needs the user first, kept answers last and closed, empty groups left out", () => {
    const sections = planSections(plan([kept, moved, retired, fresh, merged, kept]));
    expect(sections.map((s) => s.change)).toEqual(["new_unanswered", "moved", "merged", "retired", "kept"]);
    expect(sections.at(-1)?.items).toHaveLength(2);
    expect(sections.at(-1)?.open).toBe(false);
    expect(sections.slice(0, -1).every((s) => s.open)).toBe(true);
    // Every item is in exactly one group.
    expect(sections.reduce((n, s) => n + s.items.length, 0)).toBe(6);
  });

  it("says the four counts always and the others only when there are some", () => {
    expect(countsInWords(plan([kept, fresh]))).toEqual(["1 kept", "0 moved", "1 new and unanswered", "0 retired"]);
    expect(countsInWords(plan([merged, { ...moved, change: "answer_again" }]))).toEqual([
      "0 kept",
      "0 moved",
      "0 new and unanswered",
      "0 retired",
      "1 merged into another answer",
      "1 to answer again",
    ]);
  });

  it("names each item by its ids and its title", () => {
    expect(itemReference(kept)).toBe("GOV-01");
    expect(itemReference(moved)).toBe("DEP-05 → OT-04");
    expect(itemReference(fresh)).toBe("OT-10");
    expect(itemReference(retired)).toBe("INS-04");
    expect(itemTitle(moved)).toBe("Isolating the plant network");
    expect(itemTitle(retired)).toBe("Excess");
    expect(itemTitle({ ...fresh, to: { id: "OT-10", title: null } })).toBe("OT-10");
    expect(previousTitle(moved)).toBe("Isolation");
    expect(previousTitle(kept)).toBeNull();
    expect(previousTitle(merged)).toBeNull();
    expect(previousTitle(retired)).toBeNull();
  });

  it("tells the user where the new assessment is and that the old one is kept", () => {
    const done = (items: MigrationItemDto[]): MigratedDto => ({
      from: "demo-wrenmoor-2026",
      assessment: {} as MigratedDto["assessment"],
      plan: plan(items),
    });
    expect(movedMessage(done([kept, fresh, fresh]))).toBe(
      "Moved to bank 2 as a new draft assessment. The bank 1 assessment is kept unchanged. 2 questions are left to answer.",
    );
    expect(movedMessage(done([kept]))).toBe(
      "Moved to bank 2 as a new draft assessment. The bank 1 assessment is kept unchanged.",
    );
    expect(movedMessage(done([fresh]))).toMatch(/1 question is left to answer\.$/);
  });

  it("a refused move says why in the service's words and that nothing changed", () => {
    const text = humanMessage(
      "migration.unavailable",
      "cannot move the assessment from bank ironbridge-manufacturing 2.0.0 to bank 2: it is already on bank 2",
    );
    expect(text).toMatch(/^Cannot move the assessment from bank ironbridge-manufacturing 2\.0\.0/);
    expect(text).toContain("already on bank 2. Nothing was stored");
  });
});
