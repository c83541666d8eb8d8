// The keyboard map: one table that both the key handler and the help overlay
// read, so what "?" lists is what the keys do.

export type Action =
  | { type: "answer"; digit: number }
  | { type: "unknown" }
  | { type: "not_applicable" }
  | { type: "next" }
  | { type: "previous" }
  | { type: "next_domain" }
  | { type: "previous_domain" }
  | { type: "next_unanswered" }
  | { type: "flag" }
  | { type: "search" }
  | { type: "note" }
  | { type: "guidance" }
  | { type: "help" }
  | { type: "undo" }
  | { type: "presentation" }
  | { type: "results" }
  | { type: "questions" }
  | { type: "home" }
  | { type: "escape" };

/** What the handler needs of a keyboard event. */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

export interface KeyContext {
  /** Focus is in a text field: letters are text, only Escape and Ctrl/⌘+Z act. */
  typing: boolean;
}

/** One line of the help overlay. */
export interface Shortcut {
  keys: string[];
  does: string;
  group: "Answer" | "Move" | "Capture" | "Screens";
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ["0–4"], does: "Answer with that level; on a choice, the option with that number; yes/no: 1 yes, 0 no; on a number question, start typing the number", group: "Answer" },
  { keys: ["U"], does: "Unknown: nobody in the room knows (scored as level 0)", group: "Answer" },
  { keys: ["N"], does: "Not applicable, with a justification", group: "Answer" },
  { keys: ["Ctrl+Z"], does: "Undo the last change", group: "Answer" },
  { keys: ["→", "J", "↓"], does: "Next question", group: "Move" },
  { keys: ["←", "K", "↑"], does: "Previous question", group: "Move" },
  { keys: ["Shift+J", "PgDn"], does: "Next domain", group: "Move" },
  { keys: ["Shift+K", "PgUp"], does: "Previous domain", group: "Move" },
  { keys: ["Enter"], does: "Next unanswered question", group: "Move" },
  { keys: ["/"], does: "Search questions", group: "Move" },
  { keys: ["E"], does: "Edit the note", group: "Capture" },
  { keys: ["F"], does: "Flag or unflag for follow-up", group: "Capture" },
  { keys: ["G"], does: "Show or hide guidance", group: "Capture" },
  { keys: ["P"], does: "Projector view: large type, facilitator prompt", group: "Screens" },
  { keys: ["R"], does: "Results", group: "Screens" },
  { keys: ["Q"], does: "Questionnaire", group: "Screens" },
  { keys: ["H"], does: "Home", group: "Screens" },
  { keys: ["?"], does: "This help", group: "Screens" },
  { keys: ["Esc"], does: "Close, or leave the field (while a field has focus, every other key is typing)", group: "Screens" },
];

/** The action of a key press, or `null` when it is not a shortcut here. */
export function actionFor(press: KeyPress, context: KeyContext): Action | null {
  const command = press.ctrlKey === true || press.metaKey === true;
  if (press.key === "Escape") return { type: "escape" };
  if (command && !press.altKey && (press.key === "z" || press.key === "Z") && !press.shiftKey) {
    return context.typing ? null : { type: "undo" };
  }
  if (context.typing || command || press.altKey === true) return null;
  const key = press.key;
  if (/^[0-9]$/.test(key)) return { type: "answer", digit: Number(key) };
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
    case "j":
      return { type: "next" };
    case "ArrowLeft":
    case "ArrowUp":
    case "k":
      return { type: "previous" };
    case "J":
    case "PageDown":
      return { type: "next_domain" };
    case "K":
    case "PageUp":
      return { type: "previous_domain" };
    case "Enter":
      return { type: "next_unanswered" };
    case "u":
    case "U":
      return { type: "unknown" };
    case "n":
    case "N":
      return { type: "not_applicable" };
    case "f":
    case "F":
      return { type: "flag" };
    case "/":
      return { type: "search" };
    case "e":
    case "E":
      return { type: "note" };
    case "g":
    case "G":
      return { type: "guidance" };
    case "?":
      return { type: "help" };
    case "p":
    case "P":
      return { type: "presentation" };
    case "r":
    case "R":
      return { type: "results" };
    case "q":
    case "Q":
      return { type: "questions" };
    case "h":
    case "H":
      return { type: "home" };
    default:
      return null;
  }
}
