import { describe, expect, it } from "vitest";
import type { PlanItemDto, PlanRowDto, RoadmapPlanDto } from "./bindings";
import type { SaveStatus } from "./savequeue";
import {
  PlanEditor,
  emptyItem,
  firstTierSummary,
  isAssigned,
  isEmpty,
  sameItem,
  textProblem,
  tierLabel,
  withField,
} from "./roadmapplan";

function row(question: string, horizon: PlanRowDto["horizon"], plan: Partial<PlanItemDto> = {}): PlanRowDto {
  return {
    rank: 1,
    question,
    title: `Gap ${question}`,
    domain: "Backup and recovery",
    horizon,
    level: 1,
    target: 3,
    plan: { ...emptyItem(), ...plan },
  };
}

function plan(rows: PlanRowDto[]): RoadmapPlanDto {
  return {
    rows,
    efforts: [{ value: "small", label: "S (under 5 days)" }],
    statuses: [{ value: "not_started", label: "Not started" }],
  };
}

class Refused extends Error {}

describe("plan entries", () => {
  it("is empty only when nothing is set, whitespace included", () => {
    expect(isEmpty(emptyItem())).toBe(true);
    expect(isEmpty({ ...emptyItem(), owner: "  " })).toBe(true);
    expect(isEmpty({ ...emptyItem(), target_date: "" })).toBe(true);
    expect(isEmpty({ ...emptyItem(), status: "blocked" })).toBe(false);
    expect(isEmpty({ ...emptyItem(), effort: "large" })).toBe(false);
  });

  it("is assigned with an owner and a date, not either alone", () => {
    expect(isAssigned({ ...emptyItem(), owner: "Ops" })).toBe(false);
    expect(isAssigned({ ...emptyItem(), target_date: "2027-01-31" })).toBe(false);
    expect(isAssigned({ ...emptyItem(), owner: "Ops", target_date: "2027-01-31" })).toBe(true);
  });

  it("turns an emptied date or effort into null and keeps text as typed", () => {
    const item = { ...emptyItem(), target_date: "2027-01-31", effort: "medium" as const };
    expect(withField(item, "target_date", "").target_date).toBeNull();
    expect(withField(item, "effort", "").effort).toBeNull();
    expect(withField(item, "effort", "very_large").effort).toBe("very_large");
    expect(withField(item, "owner", " Head of IT ").owner).toBe(" Head of IT ");
    expect(withField(item, "status", "done").status).toBe("done");
    expect(sameItem(item, withField(item, "note", ""))).toBe(true);
    expect(sameItem(item, withField(item, "note", "x"))).toBe(false);
  });

  it("says what the backend would refuse before sending it", () => {
    expect(textProblem("owner", "Head of IT")).toBeNull();
    expect(textProblem("owner", "x".repeat(501))).toBe("The owner is 501 characters; at most 500 are allowed.");
    expect(textProblem("owner", "é".repeat(500))).toBeNull();
    expect(textProblem("owner", "Head\nof IT")).toBe("The owner holds a control character (U+000A).");
    expect(textProblem("note", "first\nsecond\tthird")).toBeNull();
    expect(textProblem("note", "bell\u0007")).toBe("The note holds a control character (U+0007).");
  });

  it("summarises the first tier in words", () => {
    expect(firstTierSummary([row("A-01", "next")])).toBe("No gap is in the first tier.");
    expect(firstTierSummary([row("A-01", "now"), row("A-02", "now")])).toBe(
      "None of the 2 gaps to close now has an owner and a date yet.",
    );
    const one = row("A-01", "now", { owner: "Ops", target_date: "2027-01-31" });
    expect(firstTierSummary([one, row("A-02", "now"), row("A-03", "later", { owner: "x", target_date: "2027-01-01" })])).toBe(
      "1 of the 2 gaps to close now has an owner and a date.",
    );
    expect(firstTierSummary([one])).toBe("Every one of the 1 gap to close now has an owner and a date.");
    expect(tierLabel("later")).toBe("Later");
  });
});

describe("plan editor", () => {
  it("saves each change in order, skips unchanged ones and reports saved once confirmed", async () => {
    const sent: [string, PlanItemDto][] = [];
    const seen: SaveStatus[] = [];
    const editor = new PlanEditor(
      plan([row("REC-05", "now"), row("DEP-03", "now")]),
      async (question, item) => {
        sent.push([question, item]);
        return `t${sent.length}`;
      },
      () => false,
      (s) => seen.push(s),
      () => {},
    );
    const first = editor.edit("REC-05", "owner", "Head of IT");
    void editor.edit("REC-05", "target_date", "2027-03-31");
    await first;
    await editor.edit("REC-05", "target_date", "2027-03-31");
    expect(sent.map(([q, i]) => [q, i.owner, i.target_date])).toEqual([
      ["REC-05", "Head of IT", null],
      ["REC-05", "Head of IT", "2027-03-31"],
    ]);
    expect(editor.row("REC-05")?.plan.target_date).toBe("2027-03-31");
    expect(seen.at(-1)).toEqual({ state: "saved", at: "t2" });
    expect(editor.unsaved).toBe(false);
  });

  it("puts a refused entry back and says why, without stopping later saves", async () => {
    const refusals: string[] = [];
    let calls = 0;
    const editor = new PlanEditor(
      plan([row("REC-05", "now", { owner: "Ops" })]),
      async (_question, item) => {
        calls += 1;
        if (item.owner.length > 500) throw new Refused("plan.REC-05.owner (REC-05): too long");
        return "t";
      },
      (err) => err instanceof Refused,
      () => {},
      (question, message) => refusals.push(`${question}: ${message}`),
    );
    await editor.edit("REC-05", "owner", "x".repeat(501));
    expect(editor.row("REC-05")?.plan.owner).toBe("Ops");
    expect(refusals).toEqual(["REC-05: plan.REC-05.owner (REC-05): too long"]);
    await editor.edit("REC-05", "status", "in_progress");
    expect(calls).toBe(2);
    expect(editor.row("REC-05")?.plan.status).toBe("in_progress");
  });

  it("keeps a failed write for retry when the failure is not a refusal", async () => {
    let fail = true;
    const seen: SaveStatus[] = [];
    const editor = new PlanEditor(
      plan([row("REC-05", "now")]),
      async () => {
        if (fail) throw new Error("the database is busy");
        return "t";
      },
      () => false,
      (s) => seen.push(s),
      () => {},
    );
    await editor.edit("REC-05", "effort", "small");
    expect(seen.at(-1)).toEqual({ state: "error", message: "the database is busy", pending: 1 });
    expect(editor.unsaved).toBe(true);
    expect(editor.row("REC-05")?.plan.effort).toBe("small");
    fail = false;
    await editor.retry();
    expect(seen.at(-1)).toEqual({ state: "saved", at: "t" });
    expect(editor.unsaved).toBe(false);
  });
});
