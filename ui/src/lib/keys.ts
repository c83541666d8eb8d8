//! Key routing: the one place that decides whether a key press belongs to the
//! focused field or to the app's shortcuts (lib/keymap.ts). Inputs own their
//! keys: while focus is in a text field, a number field, a select, a checkbox
//! or anything contenteditable, no global shortcut fires; only Escape acts,
//! to leave the field so the shortcuts work again. Buttons and links do not
//! own keys, so a clicked answer button still lets 0–4, J and K work.
import { actionFor, type Action, type KeyPress } from "./keymap";

/** What the router needs to know of the focused element. */
export interface FocusTarget {
  /** Tag name, any case: "INPUT", "textarea", … */
  tag: string;
  /** An input's `type` attribute. */
  type?: string;
  /** The element is contenteditable. */
  editable?: boolean;
  /** The element has role="textbox", "combobox", "spinbutton" or "searchbox". */
  role?: string | null;
}

/** Input types that are pressed, not typed into: they leave keys to the app. */
const PRESSED = ["button", "submit", "reset", "image"];
const TEXT_ROLES = ["textbox", "combobox", "spinbutton", "searchbox", "listbox"];

/** Whether the focused element owns the keys typed while it has focus. */
export function ownsKeys(target: FocusTarget | null): boolean {
  if (!target) return false;
  if (target.editable === true) return true;
  if (target.role && TEXT_ROLES.includes(target.role)) return true;
  switch (target.tag.toLowerCase()) {
    case "textarea":
    case "select":
      return true;
    case "input":
      return !PRESSED.includes((target.type ?? "text").toLowerCase());
    default:
      return false;
  }
}

/** The router's view of a DOM element (`null` for anything that is not one). */
export function describe(element: EventTarget | null): FocusTarget | null {
  if (typeof HTMLElement === "undefined" || !(element instanceof HTMLElement)) return null;
  return {
    tag: element.tagName,
    type: element instanceof HTMLInputElement ? element.type : undefined,
    editable: element.isContentEditable,
    role: element.getAttribute("role"),
  };
}

/**
 * Where a key press goes: the app's action, or `null` when it belongs to the
 * focused field (or is no shortcut). In a field only Escape reaches the app,
 * as `escape` (leave the field); Ctrl+Z there undoes the typing, not an answer.
 */
export function routeKey(press: KeyPress, focused: FocusTarget | null): Action | null {
  const typing = ownsKeys(focused);
  if (typing) return press.key === "Escape" ? { type: "escape" } : null;
  return actionFor(press, { typing: false });
}
