import { describe, expect, it } from "vitest";
import { BANK } from "./fixtures";
import {
  UndoStack,
  answersById,
  blank,
  digitHint,
  digitOf,
  flatten,
  nextUnanswered,
  overall,
  progress,
  responseForDigit,
  search,
  step,
  stepDomain,
  withChange,
} from "./questionnaire";
import type { AnswerDto } from "./bindings";

const flat = flatten(BANK);
const q = (id: string) => flat.find((p) => p.question.id === id)!.question;

describe("order and movement", () => {
  it("flattens the bank in order with numbers within domains", () => {
    expect(flat.map((p) => `${p.question.id}#${p.numberInDomain}`)).toEqual([
      "GOV-01#1",
      "GOV-02#2",
      "REC-01#1",
      "REC-02#2",
      "REC-03#3",
    ]);
  });

  it("steps stop at both ends", () => {
    expect(step(0, -1, flat.length)).toBe(0);
    expect(step(4, 1, flat.length)).toBe(4);
    expect(step(1, 1, flat.length)).toBe(2);
    expect(step(0, 1, 0)).toBe(0);
  });

  it("moves by domain: forward to the next first question, back to the current first then the previous", () => {
    expect(stepDomain(flat, 0, 1)).toBe(2);
    expect(stepDomain(flat, 3, 1)).toBe(3);
    expect(stepDomain(flat, 3, -1)).toBe(2);
    expect(stepDomain(flat, 2, -1)).toBe(0);
    expect(stepDomain(flat, 0, -1)).toBe(0);
  });

  it("finds the next unanswered question, wrapping around", () => {
    const answers = answersById([
      withChange(undefined, "GOV-02", { response: { kind: "unknown" } }),
      withChange(undefined, "REC-01", { note: "only a note" }),
    ]);
    expect(nextUnanswered(flat, answers, 0)).toBe(2);
    const all = answersById(flat.map((p) => withChange(undefined, p.question.id, { response: { kind: "unknown" } })));
    expect(nextUnanswered(flat, all, 3)).toBe(3);
  });
});

describe("answers", () => {
  it("digits answer maturity levels, n-th options and yes/no, and nothing on numbers", () => {
    expect(responseForDigit(q("GOV-01"), 3)).toEqual({ kind: "level", value: 3 });
    expect(responseForDigit(q("GOV-01"), 7)).toBeNull();
    expect(responseForDigit(q("GOV-02"), 1)).toEqual({ kind: "choice", value: "bi" });
    expect(responseForDigit(q("GOV-02"), 2)).toBeNull();
    expect(responseForDigit(q("REC-02"), 1)).toEqual({ kind: "yes_no", value: true });
    expect(responseForDigit(q("REC-02"), 0)).toEqual({ kind: "yes_no", value: false });
    expect(responseForDigit(q("REC-02"), 2)).toBeNull();
    expect(responseForDigit(q("REC-03"), 1)).toBeNull();
  });

  it("the chosen digit is found back from the response", () => {
    expect(digitOf(q("GOV-01"), { kind: "level", value: 2 })).toBe(2);
    expect(digitOf(q("GOV-02"), { kind: "choice", value: "bi" })).toBe(1);
    expect(digitOf(q("REC-02"), { kind: "yes_no", value: false })).toBe(0);
    expect(digitOf(q("GOV-01"), { kind: "unknown" })).toBeNull();
  });

  it("a change keeps the note and flag it does not touch", () => {
    const first = withChange(undefined, "GOV-01", { note: "ask Priya", follow_up: true });
    const second = withChange(first, "GOV-01", { response: { kind: "level", value: 1 } });
    expect(second).toEqual({ question: "GOV-01", response: { kind: "level", value: 1 }, note: "ask Priya", follow_up: true });
  });

  it("progress counts responses, not notes, and flags separately", () => {
    const answers = answersById([
      withChange(undefined, "GOV-01", { response: { kind: "level", value: 2 } }),
      withChange(undefined, "GOV-02", { note: "n", follow_up: true }),
      withChange(undefined, "REC-03", { response: { kind: "not_applicable", value: "no plant" } }),
    ]);
    expect(progress(BANK, answers)).toEqual([
      { code: "GOV", name: "Governance", answered: 1, total: 2, flagged: 1 },
      { code: "REC", name: "Recovery", answered: 1, total: 3, flagged: 0 },
    ]);
    expect(overall(BANK, answers)).toEqual({ answered: 2, total: 5 });
  });
});

describe("search", () => {
  it("matches every word against id, title, text and domain", () => {
    expect(search(flat, "rec offline").map((p) => p.question.id)).toEqual(["REC-01", "REC-02", "REC-03"]);
    expect(search(flat, "gov-02").map((p) => p.question.id)).toEqual(["GOV-02"]);
    expect(search(flat, "   ")).toEqual([]);
    expect(search(flat, "nothing-like-this")).toEqual([]);
  });
});

describe("undo", () => {
  it("gives back the previous answer, then a blank for a first answer", () => {
    const undo = new UndoStack();
    const a1 = withChange(undefined, "GOV-01", { response: { kind: "level", value: 1 } });
    const a2 = withChange(a1, "GOV-01", { response: { kind: "level", value: 3 } });
    undo.push({ before: undefined, after: a1 });
    undo.push({ before: a1, after: a2 });
    expect(undo.peekQuestion()).toBe("GOV-01");
    expect(undo.pop()).toEqual(a1);
    expect(undo.pop()).toEqual(blank("GOV-01"));
    expect(undo.pop()).toBeUndefined();
  });

  it("ignores changes that change nothing and stays bounded", () => {
    const undo = new UndoStack(2);
    const a: AnswerDto = withChange(undefined, "GOV-01", { note: "x" });
    undo.push({ before: a, after: { ...a } });
    undo.push({ before: undefined, after: blank("GOV-01") });
    expect(undo.size).toBe(0);
    for (const v of [0, 1, 2]) undo.push({ before: undefined, after: withChange(undefined, "GOV-01", { response: { kind: "level", value: v } }) });
    expect(undo.size).toBe(2);
  });
});

describe("digits that answer nothing", () => {
  it("say which keys answer the question", () => {
    expect(responseForDigit(q("GOV-02"), 5)).toBeNull();
    expect(digitHint(q("GOV-02"), 5)).toBe("There is no option 5: press 0 to 1.");
    expect(digitHint(q("GOV-01"), 7)).toBe("There is no level 7: press 0 to 4.");
    expect(digitHint(q("REC-02"), 3)).toBe("3 does not answer a yes/no question: press 1 for yes, 0 for no.");
  });
});
