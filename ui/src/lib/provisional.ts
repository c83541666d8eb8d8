//! How provisional the scores are: the one rule the results screen and the
//! projector's live strip share. A domain's score is shown only once enough
//! of its questions are answered, and the index only once enough domains are.
//!
//! The threshold: a domain has enough answers when its responses (a level,
//! a choice, yes/no, or unknown, which scores 0) cover at least half of its
//! applicable questions (those not marked not applicable) and at least
//! MIN_ANSWERS of them; a domain with fewer applicable questions than that
//! needs all of them. The index is shown once at least half of the domains
//! that have applicable questions have enough answers; it always says how
//! many questions it rests on. The weakest domain is chosen among the
//! domains with enough answers only. Only resilience domains count towards
//! the index, what it rests on and the weakest domain: a risk-transfer domain
//! (insurance) has its own score, shown apart (lib/bounds.ts).
import type { CompletionDto, DomainRoleDto, DomainScoreDto, ScorecardDto } from "./bindings";

/** The fewest responses a domain's score rests on. */
export const MIN_ANSWERS = 3;

export interface DomainEvidence {
  code: string;
  name: string;
  /** Resilience (in the index) or risk transfer (apart from it). */
  role: DomainRoleDto;
  /** The backend's score; shown only when `enough`. */
  score: number | null;
  /** Questions that count (not marked not applicable). */
  applicable: number;
  /** Of those, questions with a response. */
  responded: number;
  /** Responses needed before the score is shown. */
  needed: number;
  enough: boolean;
}

export interface Readiness {
  domains: DomainEvidence[];
  /** The index when enough domains have enough answers, else `null`. */
  index: number | null;
  /** The backend's index, shown or not. */
  rawIndex: number | null;
  /** Scored questions of the resilience domains with a response (what the index rests on). */
  restsOn: number;
  /** Scored questions of the resilience domains in all. */
  total: number;
  /** Resilience domains with enough answers, and those that could have them. */
  enoughDomains: number;
  countedDomains: number;
  /** Domains needed before the index is shown. */
  domainsNeeded: number;
  /** The lowest-scoring resilience domain among those with enough answers. */
  weakest: DomainEvidence | null;
}

/** Responses needed before a domain with `applicable` questions shows a score. */
export function responsesNeeded(applicable: number): number {
  if (applicable <= 0) return 0;
  return Math.min(applicable, Math.max(MIN_ANSWERS, Math.ceil(applicable / 2)));
}

function responded(c: CompletionDto): number {
  return c.answered + c.unknown;
}

export function domainEvidence(d: DomainScoreDto): DomainEvidence {
  const applicable = d.completion.total - d.completion.not_applicable;
  const needed = responsesNeeded(applicable);
  const got = responded(d.completion);
  return {
    code: d.code,
    name: d.name,
    role: d.role,
    score: d.score,
    applicable,
    responded: got,
    needed,
    enough: applicable > 0 && got >= needed && d.score !== null,
  };
}

/** The scorecard as it may be shown. */
export function readiness(card: ScorecardDto): Readiness {
  const domains = card.domains.map(domainEvidence);
  const resilience = card.domains.filter((d) => d.role === "resilience");
  const counted = domains.filter((d) => d.role === "resilience" && d.applicable > 0);
  const enough = counted.filter((d) => d.enough);
  const domainsNeeded = Math.max(1, Math.ceil(counted.length / 2));
  const weakest = enough.reduce<DomainEvidence | null>(
    (low, d) => (low === null || (d.score ?? Infinity) < (low.score ?? Infinity) ? d : low),
    null,
  );
  return {
    domains,
    index: enough.length >= domainsNeeded ? card.index : null,
    rawIndex: card.index,
    restsOn: resilience.reduce((n, d) => n + responded(d.completion), 0),
    total: resilience.reduce((n, d) => n + d.completion.total, 0),
    enoughDomains: enough.length,
    countedDomains: counted.length,
    domainsNeeded,
    weakest,
  };
}

/** The sentence under the index: what it rests on. */
export function restsOnText(r: Readiness): string {
  return `Rests on ${r.restsOn} of ${r.total} scored resilience questions; ${r.enoughDomains} of ${r.countedDomains} domains have enough answers.`;
}

/** What a domain still needs, for the place its score would be. */
export function needsText(d: DomainEvidence): string {
  if (d.applicable === 0) return "Not applicable: every question is marked not applicable.";
  const more = Math.max(0, d.needed - d.responded);
  return `Not enough answers yet: ${d.responded} of ${d.applicable} answered; ${more} more needed for a score.`;
}
