import { describe, expect, it } from "vitest";
import type { AppliedGateDto, DomainScoreDto, ScorecardDto, WaiverDto } from "./bindings";
import { BANK } from "./fixtures";
import {
  bindingGate,
  byRole,
  hasBounds,
  heldText,
  otherGates,
  otherGatesHeading,
  pendingText,
  provisionalText,
  questionName,
  waiverText,
  wouldBeText,
  wouldCapText,
} from "./bounds";

const completion = { total: 4, answered: 4, unknown: 0, not_applicable: 0, unanswered: 0, percent: 100 };

function domain(code: string, name: string, role: DomainScoreDto["role"]): DomainScoreDto {
  return { code, name, weight: 1, role, score: 60, uncapped: 60, caps: [], completion };
}

function gate(id: string, max: number, binds: boolean): AppliedGateDto {
  return {
    id: `GATE-${id}`,
    question: id,
    title: `Title of ${id}`,
    max_index: max,
    reason: `Why ${id} matters`,
    trigger: "level 1, below 2",
    binds,
  };
}

function card(over: Partial<ScorecardDto> = {}): ScorecardDto {
  return {
    target_profile: "standard",
    index: 40,
    index_ungated: 62.4,
    gates: [],
    pending_gates: [],
    provisional: false,
    waivers: [],
    unjustified_not_applicable: [],
    risk_transfer: 55,
    risk_transfer_contributions: [{ id: "INS", weight: 1, score: 55 }],
    weakest_domain: "REC",
    domains: [domain("REC", "Backup and recovery", "resilience"), domain("INS", "Insurance", "risk_transfer")],
    gaps: [],
    completion,
    radar_svg: "",
    ...over,
  };
}

const waiver = (over: Partial<WaiverDto>): WaiverDto => ({
  kind: "cap",
  id: "CAP-INS-04",
  domain: "INS",
  question: "INS-19",
  title: null,
  max: 40,
  reason: "Dependent cover",
  justification: "No outsourced systems",
  ...over,
});

describe("the gate that holds the index down", () => {
  it("is the one the back end says binds; the others would cap it", () => {
    const c = card({ gates: [gate("REC-02", 40, true), gate("IAM-01", 40, false), gate("IR-01", 50, false)] });
    expect(bindingGate(c)?.question).toBe("REC-02");
    expect(otherGates(c).map((g) => g.question)).toEqual(["IAM-01", "IR-01"]);
    expect(heldText(gate("REC-02", 40, true))).toBe("Held at 40 by a critical gap");
    expect(wouldBeText(c)).toBe("It would be 62 without it.");
    expect(wouldCapText(45)).toBe("Would cap the index at 45");
  });

  it("no gate binds when the index is already below every gate", () => {
    const c = card({ index: 30, index_ungated: 30, gates: [gate("REC-02", 40, false)] });
    expect(bindingGate(c)).toBeNull();
    expect(otherGates(c)).toHaveLength(1);
  });

  it("names the caps of the gates that would bind, once each", () => {
    expect(otherGatesHeading([gate("A-01", 45, false)])).toBe("A critical gap that would cap the index at 45");
    expect(otherGatesHeading([gate("A-01", 45, false), gate("B-01", 45, false)])).toBe(
      "Critical gaps that would cap the index at 45",
    );
    expect(otherGatesHeading([gate("A-01", 40, false), gate("B-01", 45, false), gate("C-01", 50, false)])).toBe(
      "Critical gaps that would cap the index at 40, 45 or 50",
    );
  });
});

describe("a provisional index", () => {
  it("counts the unanswered gate questions", () => {
    const pending = { id: "GATE-OT-02", question: "OT-02", title: "Segmentation", max_index: 40, below: 2, reason: "r" };
    expect(provisionalText(card({ provisional: true, pending_gates: [pending] }))).toBe(
      "Provisional — may still fall: 1 gate question unanswered",
    );
    expect(provisionalText(card({ provisional: true, pending_gates: [pending, { ...pending, id: "G2" }] }))).toBe(
      "Provisional — may still fall: 2 gate questions unanswered",
    );
    expect(pendingText(40, 2)).toBe("Below level 2, it would cap the index at 40");
  });
});

describe("risks accepted and missing justifications", () => {
  it("says what a waived cap or gate would have bounded", () => {
    const c = card();
    expect(waiverText(waiver({}), c.domains)).toBe("Risk accepted: would cap Insurance at 40");
    expect(waiverText(waiver({ kind: "gate", id: "GATE-REC-02", domain: null }), c.domains)).toBe(
      "Risk accepted: would cap the index at 40",
    );
  });

  it("has something to say only when a gate, waiver or unjustified answer exists", () => {
    expect(hasBounds(card(), false)).toBe(false);
    expect(hasBounds(card({ waivers: [waiver({})] }), true)).toBe(true);
    expect(hasBounds(card({ unjustified_not_applicable: [{ id: "REC-02", title: null }] }), true)).toBe(true);
    const pending = { id: "GATE-OT-02", question: "OT-02", title: null, max_index: 40, below: 2, reason: "r" };
    expect(hasBounds(card({ provisional: true, pending_gates: [pending] }), true)).toBe(true);
  });

  it("leaves out the binding gate when the index tile already names it", () => {
    const held = card({ gates: [gate("REC-02", 40, true)] });
    expect(hasBounds(held, false)).toBe(true);
    expect(hasBounds(held, true)).toBe(false);
    expect(hasBounds(card({ gates: [gate("REC-02", 40, true), gate("IAM-01", 45, false)] }), true)).toBe(true);
  });
});

describe("question names", () => {
  it("takes the scorecard's title, else the bank's, else the id alone", () => {
    expect(questionName("REC-02", "Offline backups", BANK)).toEqual({ id: "REC-02", title: "Offline backups" });
    // REC-02 in the fixture bank is not scored: the scorecard has no title for it, the bank has.
    expect(questionName("REC-02", null, BANK)).toEqual({ id: "REC-02", title: "Title of REC-02" });
    expect(questionName("ZZZ-99", null, BANK)).toEqual({ id: "ZZZ-99", title: null });
    expect(questionName("ZZZ-99", null, null)).toEqual({ id: "ZZZ-99", title: null });
  });
});

describe("domains by role", () => {
  it("keeps risk transfer apart from the resilience domains, in bank order", () => {
    const { resilience, riskTransfer } = byRole([
      domain("GOV", "Governance", "resilience"),
      domain("INS", "Insurance", "risk_transfer"),
      domain("REC", "Recovery", "resilience"),
    ]);
    expect(resilience.map((d) => d.code)).toEqual(["GOV", "REC"]);
    expect(riskTransfer.map((d) => d.code)).toEqual(["INS"]);
  });
});
