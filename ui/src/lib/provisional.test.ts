import { describe, expect, it } from "vitest";
import type { CompletionDto, DomainScoreDto, ScorecardDto } from "./bindings";
import { MIN_ANSWERS, domainEvidence, needsText, readiness, responsesNeeded, restsOnText } from "./provisional";

function completion(total: number, answered: number, unknown = 0, na = 0): CompletionDto {
  return { total, answered, unknown, not_applicable: na, unanswered: total - answered - unknown - na, percent: null };
}

function domain(
  code: string,
  score: number | null,
  c: CompletionDto,
  role: DomainScoreDto["role"] = "resilience",
): DomainScoreDto {
  return { code, name: `Domain ${code}`, weight: 1, role, score, uncapped: score, caps: [], completion: c };
}

function card(domains: DomainScoreDto[], index: number | null): ScorecardDto {
  const sum = (f: (c: CompletionDto) => number) => domains.reduce((n, d) => n + f(d.completion), 0);
  return {
    target_profile: "standard",
    index,
    index_ungated: index,
    gates: [],
    pending_gates: [],
    provisional: false,
    waivers: [],
    unjustified_not_applicable: [],
    risk_transfer: null,
    risk_transfer_contributions: [],
    weakest_domain: domains[0]?.code ?? null,
    domains,
    gaps: [],
    completion: completion(sum((c) => c.total), sum((c) => c.answered), sum((c) => c.unknown), sum((c) => c.not_applicable)),
    radar_svg: "",
  };
}

describe("responses needed for a domain score", () => {
  it("half of the applicable questions, at least three, at most all", () => {
    expect(MIN_ANSWERS).toBe(3);
    expect(responsesNeeded(10)).toBe(5);
    expect(responsesNeeded(9)).toBe(5);
    expect(responsesNeeded(4)).toBe(3);
    expect(responsesNeeded(2)).toBe(2);
    expect(responsesNeeded(0)).toBe(0);
  });

  it("unknown counts as a response; not applicable shrinks the domain", () => {
    expect(domainEvidence(domain("A", 40, completion(10, 3, 2))).enough).toBe(true);
    expect(domainEvidence(domain("A", 40, completion(10, 4))).enough).toBe(false);
    // 10 questions, 6 not applicable: 4 count, 3 needed.
    expect(domainEvidence(domain("A", 40, completion(10, 3, 0, 6))).enough).toBe(true);
    expect(domainEvidence(domain("A", null, completion(4, 0, 0, 4))).enough).toBe(false);
  });

  it("says what a domain still needs", () => {
    expect(needsText(domainEvidence(domain("A", 75, completion(10, 1))))).toBe(
      "Not enough answers yet: 1 of 10 answered; 4 more needed for a score.",
    );
  });
});

describe("the index and the weakest domain", () => {
  it("after one or two answers: no index, no weakest domain", () => {
    const r = readiness(card([domain("A", 75, completion(8, 2)), domain("B", null, completion(8, 0))], 75));
    expect(r.index).toBeNull();
    expect(r.weakest).toBeNull();
    expect(r.rawIndex).toBe(75);
    expect(restsOnText(r)).toBe("Rests on 2 of 16 scored resilience questions; 0 of 2 domains have enough answers.");
  });

  it("the index shows once half of the domains have enough answers", () => {
    const domains = [
      domain("A", 80, completion(8, 4)),
      domain("B", 30, completion(8, 1)),
      domain("C", 60, completion(6, 3)),
      domain("D", null, completion(6, 0)),
    ];
    const r = readiness(card(domains, 55));
    expect(r.domainsNeeded).toBe(2);
    expect(r.index).toBe(55);
    // B scores lowest but rests on one answer: the weakest is among A and C.
    expect(r.weakest?.code).toBe("C");
    expect(r.restsOn).toBe(8);
  });

  it("a risk-transfer domain counts towards neither the index, what it rests on nor the weakest", () => {
    const domains = [
      domain("A", 80, completion(8, 4)),
      domain("B", 60, completion(6, 3)),
      domain("INS", 10, completion(10, 10), "risk_transfer"),
      domain("C", null, completion(6, 0)),
    ];
    const r = readiness(card(domains, 70));
    expect(r.countedDomains).toBe(3);
    expect(r.enoughDomains).toBe(2);
    expect(r.index).toBe(70);
    expect(r.weakest?.code).toBe("B");
    expect([r.restsOn, r.total]).toEqual([7, 20]);
    expect(r.domains.find((d) => d.code === "INS")?.enough).toBe(true);
  });

  it("domains that are all not applicable do not count towards the half", () => {
    const r = readiness(card([domain("A", 50, completion(6, 3)), domain("B", null, completion(6, 0, 0, 6))], 50));
    expect(r.countedDomains).toBe(1);
    expect(r.index).toBe(50);
  });
});
