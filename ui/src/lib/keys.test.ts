import { describe, expect, it } from "vitest";
import { ownsKeys, routeKey, type FocusTarget } from "./keys";

// The inputs each screen has, as the router sees them.
const SCREEN_INPUTS: Record<string, FocusTarget[]> = {
  home: [{ tag: "INPUT", type: "search" }, { tag: "INPUT", type: "password" }],
  wizard: [
    { tag: "INPUT", type: "text" },
    { tag: "INPUT", type: "radio" },
  ],
  questionnaire: [
    { tag: "INPUT", type: "text" }, // number answer, search, justification
    { tag: "TEXTAREA" }, // note
  ],
  registers: [
    { tag: "INPUT", type: "text" }, // id, name, RTO
    { tag: "INPUT", type: "date" },
    { tag: "INPUT", type: "number" },
    { tag: "INPUT", type: "checkbox" },
    { tag: "SELECT" },
  ],
  exposure: [{ tag: "INPUT", type: "text" }],
  report: [{ tag: "TEXTAREA" }, { tag: "INPUT", type: "color" }, { tag: "INPUT", type: "password" }],
  settings: [{ tag: "INPUT", type: "url" }, { tag: "INPUT", type: "password" }],
  anywhere: [{ tag: "DIV", editable: true }, { tag: "DIV", role: "textbox" }],
};

// Every key that is a shortcut when no field has focus.
const SHORTCUT_KEYS = ["0", "1", "4", "9", "u", "n", "f", "e", "g", "p", "r", "q", "h", "j", "k", "J", "K", "/", "?", "Enter", "ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp", "PageDown", "PageUp"];

describe("key routing: inputs own their keys", () => {
  it.each(Object.entries(SCREEN_INPUTS))("no shortcut fires while typing on %s", (_screen, inputs) => {
    for (const input of inputs) {
      expect(ownsKeys(input), JSON.stringify(input)).toBe(true);
      for (const key of SHORTCUT_KEYS) {
        expect(routeKey({ key }, input), `${key} in ${JSON.stringify(input)}`).toBeNull();
        expect(routeKey({ key, shiftKey: true }, input)).toBeNull();
      }
      // Undo in a field undoes the typing, not the last answer.
      expect(routeKey({ key: "z", ctrlKey: true }, input)).toBeNull();
    }
  });

  it("Escape leaves any field", () => {
    for (const inputs of Object.values(SCREEN_INPUTS)) {
      for (const input of inputs) expect(routeKey({ key: "Escape" }, input)).toEqual({ type: "escape" });
    }
  });

  it("the same keys are shortcuts when no field has focus", () => {
    for (const focused of [null, { tag: "BODY" }, { tag: "BUTTON" }, { tag: "INPUT", type: "button" }, { tag: "A" }]) {
      expect(ownsKeys(focused)).toBe(false);
      expect(routeKey({ key: "r" }, focused)).toEqual({ type: "results" });
      expect(routeKey({ key: "3" }, focused)).toEqual({ type: "answer", digit: 3 });
      expect(routeKey({ key: "j" }, focused)).toEqual({ type: "next" });
      expect(routeKey({ key: "z", ctrlKey: true }, focused)).toEqual({ type: "undo" });
    }
  });

  it("an input without a type is a text field", () => {
    expect(ownsKeys({ tag: "input" })).toBe(true);
    expect(ownsKeys({ tag: "INPUT", type: "submit" })).toBe(false);
  });
});
