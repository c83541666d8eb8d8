// Questionnaire state as pure functions: the order of questions, progress per
// domain, what a key press answers, search, and the undo stack. The Svelte
// screens hold the state; this file decides what it becomes, and is what the
// unit tests exercise.
import type {
  AnswerDto,
  BankDto,
  DomainDto,
  QuestionDto,
  ResponseDto,
} from "./bindings";

/** A question with where it sits in the bank. */
export interface Position {
  /** Index in the flat list. */
  index: number;
  domain: DomainDto;
  question: QuestionDto;
  /** 1-based number within its domain. */
  numberInDomain: number;
}

/** Every question of the bank in order, with its domain. */
export function flatten(bank: BankDto): Position[] {
  const out: Position[] = [];
  for (const domain of bank.domains) {
    domain.questions.forEach((question, i) => {
      out.push({ index: out.length, domain, question, numberInDomain: i + 1 });
    });
  }
  return out;
}

/** Answers keyed by question id. */
export type Answers = ReadonlyMap<string, AnswerDto>;

export function answersById(list: readonly AnswerDto[]): Map<string, AnswerDto> {
  return new Map(list.map((a) => [a.question, a]));
}

/** Whether a question has a response (a note alone does not count). */
export function isAnswered(answers: Answers, questionId: string): boolean {
  return answers.get(questionId)?.response != null;
}

export interface DomainProgress {
  code: string;
  name: string;
  answered: number;
  total: number;
  flagged: number;
}

/** Answered and flagged counts per domain, in bank order. */
export function progress(bank: BankDto, answers: Answers): DomainProgress[] {
  return bank.domains.map((d) => ({
    code: d.code,
    name: d.name,
    total: d.questions.length,
    answered: d.questions.filter((q) => isAnswered(answers, q.id)).length,
    flagged: d.questions.filter((q) => answers.get(q.id)?.follow_up === true).length,
  }));
}

/** Answered and total over the whole bank. */
export function overall(bank: BankDto, answers: Answers): { answered: number; total: number } {
  return progress(bank, answers).reduce(
    (acc, d) => ({ answered: acc.answered + d.answered, total: acc.total + d.total }),
    { answered: 0, total: 0 },
  );
}

/** The index `delta` steps away, kept within the list. */
export function step(index: number, delta: number, length: number): number {
  if (length === 0) return 0;
  return Math.min(length - 1, Math.max(0, index + delta));
}

/** The first question of the next (+1) or previous (-1) domain; the current domain's first when going back from inside it. */
export function stepDomain(flat: readonly Position[], index: number, direction: 1 | -1): number {
  const here = flat[index];
  if (!here) return 0;
  const firsts = flat.filter((p) => p.numberInDomain === 1).map((p) => p.index);
  if (direction === 1) {
    return firsts.find((i) => i > index) ?? index;
  }
  const start = firsts.filter((i) => i <= index).pop() ?? 0;
  if (start < index) return start;
  return firsts.filter((i) => i < index).pop() ?? index;
}

/** The next unanswered question after `index`, wrapping around; `index` when all are answered. */
export function nextUnanswered(flat: readonly Position[], answers: Answers, index: number): number {
  for (let k = 1; k <= flat.length; k += 1) {
    const i = (index + k) % flat.length;
    const p = flat[i];
    if (p && !isAnswered(answers, p.question.id)) return i;
  }
  return index;
}

/**
 * The response a digit key gives on a question: 0–4 picks the level of a
 * maturity question, the n-th option (0-based) of a choice question, and for
 * yes/no 1 is yes and 0 is no. `null` when the digit means nothing there.
 */
export function responseForDigit(question: QuestionDto, digit: number): ResponseDto | null {
  const kind = question.kind;
  switch (kind.kind) {
    case "maturity":
      return digit >= 0 && digit < kind.levels.length ? { kind: "level", value: digit } : null;
    case "choice": {
      const option = kind.options[digit];
      return option ? { kind: "choice", value: option.value } : null;
    }
    case "yes_no":
      return digit === 1 ? { kind: "yes_no", value: true } : digit === 0 ? { kind: "yes_no", value: false } : null;
    case "number":
      return null;
  }
}

/**
 * What to show when a digit means nothing on a question (a digit beyond a
 * choice question's last option): which keys do answer it.
 */
export function digitHint(question: QuestionDto, digit: number): string {
  const kind = question.kind;
  switch (kind.kind) {
    case "maturity":
      return `There is no level ${digit}: press 0 to ${kind.levels.length - 1}.`;
    case "choice":
      return kind.options.length === 0
        ? "This question has no options."
        : `There is no option ${digit}: press 0 to ${kind.options.length - 1}.`;
    case "yes_no":
      return `${digit} does not answer a yes/no question: press 1 for yes, 0 for no.`;
    case "number":
      return "Type the number into the answer field.";
  }
}

/** The digit that selects a response, for highlighting the chosen choice; `null` when none. */
export function digitOf(question: QuestionDto, response: ResponseDto | null | undefined): number | null {
  if (!response) return null;
  const kind = question.kind;
  if (kind.kind === "maturity" && response.kind === "level") return response.value;
  if (kind.kind === "choice" && response.kind === "choice") {
    const i = kind.options.findIndex((o) => o.value === response.value);
    return i >= 0 ? i : null;
  }
  if (kind.kind === "yes_no" && response.kind === "yes_no") return response.value ? 1 : 0;
  return null;
}

/** An empty answer to a question. */
export function blank(questionId: string): AnswerDto {
  return { question: questionId, response: null, note: "", follow_up: false };
}

/** The answer after a change; fields not in the change keep their value. */
export function withChange(
  previous: AnswerDto | undefined,
  questionId: string,
  change: Partial<Omit<AnswerDto, "question">>,
): AnswerDto {
  return { ...(previous ?? blank(questionId)), ...change, question: questionId };
}

/** Whether two answers are the same (so saving one over the other changes nothing). */
export function sameAnswer(a: AnswerDto | undefined, b: AnswerDto | undefined): boolean {
  const x = a ?? (b ? blank(b.question) : undefined);
  const y = b ?? (a ? blank(a.question) : undefined);
  return JSON.stringify(x) === JSON.stringify(y);
}

/** Questions whose id, title or text contain every word of the query, in bank order. */
export function search(flat: readonly Position[], query: string, limit = 12): Position[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return flat
    .filter((p) => {
      const haystack = `${p.question.id} ${p.question.title} ${p.question.text} ${p.domain.name}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .slice(0, limit);
}

/** One change, as undo needs it: the answer before and after. */
export interface Change {
  before: AnswerDto | undefined;
  after: AnswerDto;
}

/** A bounded stack of changes; undo gives back the answer to restore. */
export class UndoStack {
  #changes: Change[] = [];
  constructor(private readonly limit = 100) {}

  push(change: Change): void {
    if (sameAnswer(change.before, change.after)) return;
    this.#changes.push(change);
    if (this.#changes.length > this.limit) this.#changes.shift();
  }

  /** The answer to save to undo the last change (a blank one when there was none before). */
  pop(): AnswerDto | undefined {
    const last = this.#changes.pop();
    if (!last) return undefined;
    return last.before ?? blank(last.after.question);
  }

  get size(): number {
    return this.#changes.length;
  }

  /** The question of the change undo would revert. */
  peekQuestion(): string | undefined {
    return this.#changes[this.#changes.length - 1]?.after.question;
  }
}

/** A short label of a response, for lists and the undo hint. */
export function describeResponse(question: QuestionDto, response: ResponseDto | null): string {
  if (!response) return "not answered";
  switch (response.kind) {
    case "level":
      return `level ${response.value}`;
    case "choice": {
      const kind = question.kind;
      const label =
        kind.kind === "choice" ? kind.options.find((o) => o.value === response.value)?.label : undefined;
      return label ?? response.value;
    }
    case "yes_no":
      return response.value ? "yes" : "no";
    case "number":
      return String(response.value);
    case "unknown":
      return "unknown";
    case "not_applicable":
      return "not applicable";
  }
}
