// The app's state for one window: the bank, the open assessment, its
// answers and scorecard, where the user is, and the save status. Changes go
// through here so that every one is saved, can be undone, and re-scores.
import { SvelteMap } from "svelte/reactivity";
import { AppFailure, api } from "./api";
import type {
  AnswerDto,
  AssumptionOverrideDto,
  AssessmentDetails,
  AssessmentDto,
  AssessmentSummary,
  BankDto,
  RegistersDto,
  ScorecardDto,
} from "./bindings";
import {
  UndoStack,
  flatten,
  isAnswered,
  nextUnanswered,
  sameAnswer,
  step,
  stepDomain,
  withChange,
  type Position,
} from "./questionnaire";
import { SaveQueue, type SaveStatus } from "./savequeue";

export type Screen = "home" | "questions" | "results" | "registers" | "exposure" | "report" | "settings";

/** Something loading, loaded, or failed with a message. */
export type Loadable<T> =
  | { state: "loading" }
  | { state: "ready"; value: T }
  | { state: "failed"; message: string };

/**
 * A screen's unsaved edits (the registers'), asked about before the user
 * leaves the screen: saved when valid, discarded, or kept by staying.
 */
export interface LeaveGuard {
  /** What is unsaved, for the question: "changes to the registers". */
  what: string;
  dirty(): boolean;
  /** Why the edits cannot be saved as they are, or `null`. */
  blocker(): string | null;
  /** Saves; true once durable. */
  save(): Promise<boolean>;
  discard(): void;
}

export interface Toast {
  id: number;
  kind: "error" | "info";
  text: string;
}

class Session {
  bank = $state<Loadable<BankDto>>({ state: "loading" });
  list = $state<Loadable<AssessmentSummary[]>>({ state: "loading" });
  assessment = $state<AssessmentDto | null>(null);
  answers = new SvelteMap<string, AnswerDto>();
  card = $state<Loadable<ScorecardDto> | null>(null);
  screen = $state<Screen>("home");
  index = $state(0);
  presentation = $state(false);
  showGuidance = $state(true);
  saveStatus = $state<SaveStatus>({ state: "idle" });
  undoSize = $state(0);
  toasts = $state<Toast[]>([]);
  opening = $state(false);
  /** A pending request to focus a field of the questionnaire; the field clears it once focused. */
  focus = $state<"note" | "search" | "justification" | "number" | null>(null);
  /** A digit typed on a number question before its field had focus: the field takes it. */
  seed = $state<string | null>(null);
  /** A brief hint about a key that did nothing (a digit beyond the last option). */
  hint = $state<string | null>(null);
  /** The screen the user asked for while the current one has unsaved edits. */
  leaving = $state<Screen | null>(null);
  /** The current screen's unsaved edits, if it has any to guard. */
  guard: LeaveGuard | null = null;

  flat = $derived<Position[]>(this.bank.state === "ready" ? flatten(this.bank.value) : []);
  position = $derived<Position | undefined>(this.flat[this.index]);

  #undo = new UndoStack();
  /** Callers waiting for their registers' write: told `false` when the queue stops on an error. */
  #waiting = new Set<(ok: boolean) => void>();
  #queue = new SaveQueue((s) => {
    this.saveStatus = s;
    if (s.state === "error") for (const settle of [...this.#waiting]) settle(false);
  });
  #toastId = 0;
  #scoreRun = 0;
  #hintTimer: ReturnType<typeof setTimeout> | undefined;

  async loadBank(): Promise<void> {
    this.bank = { state: "loading" };
    try {
      this.bank = { state: "ready", value: await api.bank() };
    } catch (err) {
      this.bank = { state: "failed", message: messageOf(err) };
    }
  }

  async loadList(): Promise<void> {
    if (this.list.state !== "ready") this.list = { state: "loading" };
    try {
      this.list = { state: "ready", value: await api.list() };
    } catch (err) {
      this.list = { state: "failed", message: messageOf(err) };
    }
  }

  /** Opens an assessment and goes to its first unanswered question. */
  async open(id: string, screen: Screen = "questions"): Promise<void> {
    this.opening = true;
    try {
      await this.#show(await api.open(id), screen);
    } catch (err) {
      this.toast("error", messageOf(err));
    } finally {
      this.opening = false;
    }
  }

  /** Creates an assessment from the wizard; throws the failure for the form to show. */
  async create(details: AssessmentDetails): Promise<void> {
    await this.#show(await api.create(details), "questions");
    void this.loadList();
  }

  async createDemo(): Promise<void> {
    this.opening = true;
    try {
      await this.#show(await api.createDemo(), "results");
      void this.loadList();
    } catch (err) {
      this.toast("error", messageOf(err));
    } finally {
      this.opening = false;
    }
  }

  /** Shows an assessment with the questions of the bank it was answered on. */
  async #show(assessment: AssessmentDto, screen: Screen): Promise<void> {
    const shown = this.bank.state === "ready" ? this.bank.value : null;
    if (!shown || shown.id !== assessment.bank_id || shown.version !== assessment.bank_version) {
      this.bank = { state: "ready", value: await api.bank(assessment.id) };
    }
    this.assessment = assessment;
    this.answers.clear();
    for (const a of assessment.answers) this.answers.set(a.question, a);
    this.#undo = new UndoStack();
    this.undoSize = 0;
    this.presentation = assessment.details.mode === "workshop";
    this.showGuidance = assessment.details.mode !== "workshop";
    this.saveStatus = { state: "idle" };
    // The first unanswered question; the first question when all are answered.
    this.index = Math.max(0, this.flat.findIndex((p) => !isAnswered(this.answers, p.question.id)));
    this.screen = screen;
    this.card = { state: "loading" };
    void this.rescore();
  }

  /** Changes the current question's answer (or another's), saves it, and re-scores. */
  change(questionId: string, patch: Partial<Omit<AnswerDto, "question">>): void {
    const before = this.answers.get(questionId);
    const after = withChange(before, questionId, patch);
    if (sameAnswer(before, after)) return;
    this.#undo.push({ before, after });
    this.undoSize = this.#undo.size;
    this.#apply(after, before);
  }

  /** Reverts the last change, saving the answer as it was. */
  undo(): void {
    const restore = this.#undo.pop();
    this.undoSize = this.#undo.size;
    if (!restore) {
      this.toast("info", "Nothing to undo.");
      return;
    }
    const at = this.flat.findIndex((p) => p.question.id === restore.question);
    if (at >= 0) this.index = at;
    this.#apply(restore, this.answers.get(restore.question));
  }

  #apply(after: AnswerDto, before: AnswerDto | undefined): void {
    const assessment = this.assessment;
    if (!assessment) return;
    this.#setLocal(after);
    void this.#queue.enqueue(async () => {
      try {
        const saved = await api.saveAnswer(assessment.id, after);
        void this.rescore();
        return saved.saved_at;
      } catch (err) {
        if (err instanceof AppFailure && (err.code === "answer.invalid" || err.code === "assessment.final")) {
          // Retrying cannot help: put the answer back and say why.
          if (before) this.#setLocal(before);
          else this.answers.delete(after.question);
          this.toast("error", err.message);
          return this.saveStatus.state === "saved" ? this.saveStatus.at : new Date().toISOString();
        }
        throw err;
      }
    });
  }

  #setLocal(answer: AnswerDto): void {
    const empty = answer.response == null && answer.note.trim() === "" && !answer.follow_up;
    if (empty) this.answers.delete(answer.question);
    else this.answers.set(answer.question, answer);
  }

  retrySave(): void {
    void this.#queue.retry();
  }

  get unsaved(): boolean {
    return this.#queue.unsaved || (this.guard?.dirty() ?? false);
  }

  async rescore(): Promise<void> {
    const assessment = this.assessment;
    if (!assessment) return;
    const run = ++this.#scoreRun;
    try {
      const card = await api.score(assessment.id);
      if (run === this.#scoreRun) this.card = { state: "ready", value: card };
    } catch (err) {
      if (run === this.#scoreRun) this.card = { state: "failed", message: messageOf(err) };
    }
  }

  /**
   * Saves the registers through the save queue: "Saved" shows once they are
   * durable. Resolves `true` once this write is durable (also when other
   * writes were queued before it), `false` when the queue stopped on an error.
   */
  saveRegisters(registers: RegistersDto): Promise<boolean> {
    const assessment = this.assessment;
    if (!assessment) return Promise.resolve(false);
    return new Promise((resolve) => {
      const settle = (ok: boolean) => {
        this.#waiting.delete(settle);
        resolve(ok);
      };
      this.#waiting.add(settle);
      void this.#queue.enqueue(async () => {
        const saved = await api.saveRegisters(assessment.id, registers);
        if (this.assessment?.id === assessment.id) this.assessment = { ...this.assessment, registers };
        void this.rescore();
        settle(true);
        return saved.saved_at;
      });
    });
  }

  /**
   * Saves the exposure assumptions (they replace the saved ones) through the
   * save queue: "Saved" shows once they are durable, as for answers. Resolves
   * `{ saved: true }` once durable; `{ saved: false, refused }` when the back
   * end refused the values (nothing was saved; retrying cannot help); and
   * `{ saved: false }` when the queue stopped on an error.
   */
  saveAssumptions(overrides: AssumptionOverrideDto[]): Promise<{ saved: boolean; refused?: string }> {
    const assessment = this.assessment;
    if (!assessment) return Promise.resolve({ saved: false });
    return new Promise((resolve) => {
      const settle = (ok: boolean) => {
        this.#waiting.delete(settle);
        resolve({ saved: ok });
      };
      this.#waiting.add(settle);
      void this.#queue.enqueue(async () => {
        try {
          const saved = await api.saveAssumptions(assessment.id, overrides);
          settle(true);
          return saved.saved_at;
        } catch (err) {
          if (err instanceof AppFailure && (err.code === "exposure.invalid_assumption" || err.code === "answer.invalid")) {
            this.#waiting.delete(settle);
            resolve({ saved: false, refused: err.message });
            return this.saveStatus.state === "saved" ? this.saveStatus.at : new Date().toISOString();
          }
          throw err;
        }
      });
    });
  }

  /** Imports a bundle the user picks and opens it; false when they cancel. Throws the failure. */
  async importBundle(passphrase: string | null): Promise<boolean> {
    const imported = await api.importBundle(passphrase);
    if (!imported) return false;
    await this.#show(imported, "questions");
    void this.loadList();
    this.toast("info", `Imported ${imported.details.organisation.name}.`);
    return true;
  }

  go(screen: Screen): void {
    if (screen !== "home" && screen !== "settings" && !this.assessment) {
      this.toast("info", "Open or create an assessment first.");
      return;
    }
    if (screen !== this.screen && this.guard?.dirty()) {
      this.leaving = screen;
      return;
    }
    this.screen = screen;
    if (screen === "home") void this.loadList();
  }

  /** The answer to "leave with unsaved edits?": save (when valid), discard, or stay. */
  async resolveLeave(choice: "save" | "discard" | "stay"): Promise<void> {
    const to = this.leaving;
    const guard = this.guard;
    if (!to || !guard || choice === "stay") {
      this.leaving = null;
      return;
    }
    if (choice === "save") {
      if (guard.blocker() !== null) return;
      if (!(await guard.save())) {
        this.leaving = null;
        return;
      }
    } else {
      guard.discard();
    }
    this.leaving = null;
    this.go(to);
  }

  /** Shows `text` briefly near the answers. */
  showHint(text: string): void {
    clearTimeout(this.#hintTimer);
    this.hint = text;
    this.#hintTimer = setTimeout(() => (this.hint = null), 2500);
  }

  move(delta: number): void {
    this.index = step(this.index, delta, this.flat.length);
  }

  moveDomain(direction: 1 | -1): void {
    this.index = stepDomain(this.flat, this.index, direction);
  }

  moveToNextUnanswered(): void {
    this.index = nextUnanswered(this.flat, this.answers, this.index);
  }

  jumpTo(questionId: string): void {
    const at = this.flat.findIndex((p) => p.question.id === questionId);
    if (at >= 0) {
      this.index = at;
      this.go("questions");
    }
  }

  toast(kind: Toast["kind"], text: string): void {
    const id = ++this.#toastId;
    this.toasts = [...this.toasts.filter((t) => t.text !== text), { id, kind, text }];
    setTimeout(() => this.dismiss(id), kind === "error" ? 9000 : 3500);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

export const session = new Session();
