//! What bounds the resilience index, in the results screen's words: the gate
//! that holds it down, the critical gaps that would cap it, the gate
//! questions still unanswered (the index may still fall), the caps and gates
//! waived by a justified "not applicable" (risks accepted) and the questions
//! marked not applicable without the justification they need. The back end
//! decides every figure (dto/score.rs); this only chooses the words and
//! finds a question's title in the bank when the scorecard has none.
import type { AppliedGateDto, BankDto, DomainScoreDto, ScorecardDto, WaiverDto } from "./bindings";

/** A question as a row names it: its title first, its id as a reference. */
export interface QuestionName {
  id: string;
  /** `null` when neither the scorecard nor the bank has it. */
  title: string | null;
}

/** A question's title: the scorecard's, else the bank's (questions not scored), else none. */
export function questionName(id: string, title: string | null, bank: BankDto | null): QuestionName {
  if (title !== null) return { id, title };
  for (const d of bank?.domains ?? []) {
    const q = d.questions.find((q) => q.id === id);
    if (q) return { id, title: q.title };
  }
  return { id, title: null };
}

// f64 crosses IPC as `number | null` (null for a value JSON cannot hold).
function round(n: number | null): string {
  return n === null ? "–" : String(Math.round(n));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The gate holding the index down now, if one does. */
export function bindingGate(card: ScorecardDto): AppliedGateDto | null {
  return card.gates.find((g) => g.binds) ?? null;
}

/** Gates that fire without holding the index down: it is already below them. */
export function otherGates(card: ScorecardDto): AppliedGateDto[] {
  return card.gates.filter((g) => !g.binds);
}

/** The line under the index when a gate binds. */
export function heldText(gate: AppliedGateDto): string {
  return `Held at ${round(gate.max_index)} by a critical gap`;
}

/** What the index would be without the gate that binds. */
export function wouldBeText(card: ScorecardDto): string {
  return card.index_ungated === null ? "" : `It would be ${round(card.index_ungated)} without it.`;
}

/** The label of a gate that fires but does not bind. */
export function wouldCapText(max: number | null): string {
  return `Would cap the index at ${round(max)}`;
}

/** The heading of the gates that fire without binding. */
export function otherGatesHeading(gates: AppliedGateDto[]): string {
  const maxima = [...new Set(gates.map((g) => round(g.max_index)))];
  const at = maxima.length === 1 ? maxima[0] : `${maxima.slice(0, -1).join(", ")} or ${maxima[maxima.length - 1]}`;
  return gates.length === 1
    ? `A critical gap that would cap the index at ${at}`
    : `Critical gaps that would cap the index at ${at}`;
}

/** The line under the index while a gate question is unanswered. */
export function provisionalText(card: ScorecardDto): string {
  return `Provisional — may still fall: ${plural(card.pending_gates.length, "gate question", "gate questions")} unanswered`;
}

/** The label of a gate whose question is unanswered. */
export function pendingText(max: number | null, below: number): string {
  return `Below level ${below}, it would cap the index at ${round(max)}`;
}

/** What a waived cap or gate would have bounded, named for the room. */
export function waiverText(w: WaiverDto, domains: DomainScoreDto[]): string {
  if (w.kind === "gate") return `Risk accepted: would cap the index at ${round(w.max)}`;
  const name = domains.find((d) => d.code === w.domain)?.name ?? w.domain ?? "its domain";
  return `Risk accepted: would cap ${name} at ${round(w.max)}`;
}

/**
 * Whether the scorecard has anything more to say about what bounds the index
 * than the gate that binds, when `bindingShown` (the index tile names it).
 */
export function hasBounds(card: ScorecardDto, bindingShown: boolean): boolean {
  return (
    card.gates.some((g) => !(bindingShown && g.binds)) ||
    card.pending_gates.length > 0 ||
    card.waivers.length > 0 ||
    card.unjustified_not_applicable.length > 0
  );
}

/** The domains the resilience index is the weighted mean of, and the risk-transfer ones apart. */
export function byRole(domains: DomainScoreDto[]): { resilience: DomainScoreDto[]; riskTransfer: DomainScoreDto[] } {
  return {
    resilience: domains.filter((d) => d.role === "resilience"),
    riskTransfer: domains.filter((d) => d.role === "risk_transfer"),
  };
}

/** Why the risk-transfer score stands apart from the index: one line for the board. */
export const RISK_TRANSFER_WHY =
  "Scored apart from the index: a policy pays for part of a loss; it does not make the plant harder to stop or quicker to restart.";
