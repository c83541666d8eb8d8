// The roadmap as a plan, as the Report screen edits it: each gap's owner,
// target date, effort and status. Every edit is saved at once through a
// SaveQueue (one write at a time, in order, "saved" only once confirmed),
// like the questionnaire's answers; an edit the backend refuses as invalid is
// put back and its message shown, since retrying cannot help. The rows and
// the labels of efforts and statuses are the backend's (the PDF's).
import type { HorizonDto, PlanItemDto, PlanRowDto, RoadmapPlanDto } from "./bindings";
import { SaveQueue, type SaveStatus } from "./savequeue";

/** The longest owner the backend accepts (core's limit on names). */
export const OWNER_MAX = 500;
/** The longest note on a plan entry (core's `MAX_PLAN_NOTE_CHARS`). */
export const NOTE_MAX = 500;

/** The tiers in the roadmap's order, as the screen names them. */
export const TIERS: readonly { value: HorizonDto; label: string }[] = [
  { value: "now", label: "Now" },
  { value: "next", label: "Next" },
  { value: "later", label: "Later" },
];

/** A tier's label: "Now", "Next", "Later". */
export function tierLabel(horizon: HorizonDto): string {
  return TIERS.find((t) => t.value === horizon)?.label ?? horizon;
}

/** An entry with nothing set. */
export function emptyItem(): PlanItemDto {
  return { owner: "", target_date: null, effort: null, status: "not_started", note: "" };
}

/** Whether nothing is set (the backend then removes the entry), as core decides it. */
export function isEmpty(item: PlanItemDto): boolean {
  return (
    item.owner.trim() === "" &&
    (item.target_date ?? "") === "" &&
    item.effort === null &&
    item.status === "not_started" &&
    item.note.trim() === ""
  );
}

/** Whether the gap has an owner and a date: what the board holds people to. */
export function isAssigned(item: PlanItemDto): boolean {
  return item.owner.trim() !== "" && (item.target_date ?? "") !== "";
}

/** The fields the screen edits. */
export type PlanField = "owner" | "target_date" | "effort" | "status" | "note";

/**
 * The entry with one field changed, as a form control gives it: an emptied
 * date or effort ("") becomes null; text is kept as typed.
 */
export function withField(item: PlanItemDto, field: PlanField, value: string): PlanItemDto {
  switch (field) {
    case "owner":
      return { ...item, owner: value };
    case "note":
      return { ...item, note: value };
    case "target_date":
      return { ...item, target_date: value === "" ? null : value };
    case "effort":
      return { ...item, effort: value === "" ? null : (value as PlanItemDto["effort"]) };
    case "status":
      return { ...item, status: value as PlanItemDto["status"] };
  }
}

/** Whether two entries say the same (so an unchanged control saves nothing). */
export function sameItem(a: PlanItemDto, b: PlanItemDto): boolean {
  return (
    a.owner === b.owner &&
    (a.target_date ?? null) === (b.target_date ?? null) &&
    a.effort === b.effort &&
    a.status === b.status &&
    a.note === b.note
  );
}

/** What the backend would refuse in a text, said before it is sent; null when fine. */
export function textProblem(field: "owner" | "note", text: string): string | null {
  const max = field === "owner" ? OWNER_MAX : NOTE_MAX;
  const length = [...text].length;
  if (length > max) return `The ${field} is ${length} characters; at most ${max} are allowed.`;
  // A note may hold line breaks and tabs; an owner is one line.
  const allowed = field === "note" ? ["\n", "\t"] : [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code < 0x20 || (code >= 0x7f && code < 0xa0)) && !allowed.includes(ch)) {
      return `The ${field} holds a control character (U+${code.toString(16).toUpperCase().padStart(4, "0")}).`;
    }
  }
  return null;
}

/** "3 of the 20 gaps to close now have an owner and a date." */
export function firstTierSummary(rows: readonly PlanRowDto[]): string {
  const now = rows.filter((r) => r.horizon === "now");
  if (now.length === 0) return "No gap is in the first tier.";
  const assigned = now.filter((r) => isAssigned(r.plan)).length;
  const gaps = now.length === 1 ? "1 gap" : `${now.length} gaps`;
  if (assigned === 0) return `None of the ${gaps} to close now has an owner and a date yet.`;
  if (assigned === now.length) return `Every one of the ${gaps} to close now has an owner and a date.`;
  return `${assigned} of the ${gaps} to close now ${assigned === 1 ? "has" : "have"} an owner and a date.`;
}

/** Saves one entry; resolves with the time the backend confirmed it. */
export type SaveItem = (question: string, item: PlanItemDto) => Promise<string>;

/** Whether a failure is final (the backend refused the entry), so retrying cannot help. */
export type IsRefusal = (err: unknown) => boolean;

/**
 * The plan being edited: its rows, changed in place, and the queue of writes.
 * `edit` shows a change at once and queues its save; a refused one is put
 * back and reported through `onRefused`.
 */
export class PlanEditor {
  readonly plan: RoadmapPlanDto;
  #queue: SaveQueue;
  /** Edits made so far, per question. */
  #edits = new Map<string, number>();

  constructor(
    plan: RoadmapPlanDto,
    private readonly save: SaveItem,
    private readonly isRefusal: IsRefusal,
    onStatus: (status: SaveStatus) => void,
    private readonly onRefused: (question: string, message: string) => void,
  ) {
    this.plan = plan;
    this.#queue = new SaveQueue(onStatus);
  }

  /** The row of a question. */
  row(question: string): PlanRowDto | undefined {
    return this.plan.rows.find((r) => r.question === question);
  }

  /** Changes one field of a gap's entry and queues its save; nothing is sent when it is unchanged. */
  edit(question: string, field: PlanField, value: string): Promise<void> {
    const row = this.row(question);
    if (!row) return Promise.resolve();
    const before = row.plan;
    const after = withField(before, field, value);
    if (sameItem(before, after)) return Promise.resolve();
    row.plan = after;
    const edit = (this.#edits.get(question) ?? 0) + 1;
    this.#edits.set(question, edit);
    return this.#queue.enqueue(async () => {
      try {
        return await this.save(question, after);
      } catch (err) {
        if (!this.isRefusal(err)) throw err;
        // Put the entry back unless a later edit has replaced it already
        // (compared by count: a reactive row holds a proxy, not `after`).
        if (this.#edits.get(question) === edit) row.plan = before;
        this.onRefused(question, err instanceof Error ? err.message : String(err));
        return new Date().toISOString();
      }
    });
  }

  /** Sends the failed write and those after it again. */
  retry(): Promise<void> {
    return this.#queue.retry();
  }

  /** Whether writes are waiting or failed. */
  get unsaved(): boolean {
    return this.#queue.unsaved;
  }
}
