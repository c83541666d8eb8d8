import { describe, expect, it } from "vitest";
import { SHORTCUTS, actionFor } from "./keymap";

const idle = { typing: false };
const typing = { typing: true };

describe("keyboard map", () => {
  it("digits answer", () => {
    for (const d of [0, 1, 2, 3, 4]) {
      expect(actionFor({ key: String(d) }, idle)).toEqual({ type: "answer", digit: d });
    }
  });

  it.each([
    ["u", "unknown"],
    ["U", "unknown"],
    ["n", "not_applicable"],
    ["f", "flag"],
    ["/", "search"],
    ["e", "note"],
    ["?", "help"],
    ["g", "guidance"],
    ["p", "presentation"],
    ["r", "results"],
    ["Enter", "next_unanswered"],
    ["ArrowRight", "next"],
    ["j", "next"],
    ["ArrowDown", "next"],
    ["ArrowLeft", "previous"],
    ["k", "previous"],
    ["J", "next_domain"],
    ["PageUp", "previous_domain"],
  ])("%s is %s", (key, type) => {
    expect(actionFor({ key }, idle)?.type).toBe(type);
  });

  it("letters and digits are text while typing; Escape still leaves the field", () => {
    for (const key of ["1", "u", "n", "j", "/", "?", "Enter", "ArrowRight"]) {
      expect(actionFor({ key }, typing)).toBeNull();
    }
    expect(actionFor({ key: "Escape" }, typing)).toEqual({ type: "escape" });
  });

  it("Ctrl+Z and ⌘Z undo, but not in a text field where they undo the typing", () => {
    expect(actionFor({ key: "z", ctrlKey: true }, idle)).toEqual({ type: "undo" });
    expect(actionFor({ key: "z", metaKey: true }, idle)).toEqual({ type: "undo" });
    expect(actionFor({ key: "z", ctrlKey: true }, typing)).toBeNull();
    expect(actionFor({ key: "z", ctrlKey: true, shiftKey: true }, idle)).toBeNull();
  });

  it("modified keys are left to the system", () => {
    expect(actionFor({ key: "r", ctrlKey: true }, idle)).toBeNull();
    expect(actionFor({ key: "1", altKey: true }, idle)).toBeNull();
  });

  it("every shortcut in the help does something", () => {
    const named: Record<string, string> = { "→": "ArrowRight", "←": "ArrowLeft", "↓": "ArrowDown", "↑": "ArrowUp", Esc: "Escape", PgDn: "PageDown", PgUp: "PageUp" };
    for (const s of SHORTCUTS) {
      for (const label of s.keys) {
        if (label === "0–4") {
          for (const d of ["0", "4"]) expect(actionFor({ key: d }, idle)).not.toBeNull();
          continue;
        }
        const ctrl = label.startsWith("Ctrl+");
        const shift = label.startsWith("Shift+");
        let key = label.replace(/^(Ctrl|Shift)\+/, "");
        key = named[key] ?? (shift ? key.toUpperCase() : ctrl ? key.toLowerCase() : key);
        expect(actionFor({ key, ctrlKey: ctrl, shiftKey: shift }, idle), label).not.toBeNull();
      }
    }
  });
});
