import { describe, expect, it, vi } from "vitest";
import type { AssessmentDto, BankDto } from "./bindings";
import { session } from "./session.svelte";

// The backend: two banks, and an assessment answered on the older one.
const calls = vi.hoisted(() => ({ bank: [] as (string | null)[] }));
const bank = (version: string): BankDto => ({ id: "ironbridge", version, title: `Bank ${version}`, profiles: [], domains: [] }) as unknown as BankDto;
const assessment = (id: string, version: string): AssessmentDto =>
  ({
    id,
    bank_id: "ironbridge",
    bank_version: version,
    answers: [],
    details: { mode: "self", organisation: { name: "Wrenmoor" } },
  }) as unknown as AssessmentDto;

vi.mock("./api", async (original) => {
  const real = await original<typeof import("./api")>();
  return {
    ...real,
    api: {
      ...real.api,
      bank: (id: string | null = null) => {
        calls.bank.push(id);
        return Promise.resolve(bank(id === "old" ? "1.0.0" : "2.0.0"));
      },
      open: (id: string) => Promise.resolve(assessment(id, id === "old" ? "1.0.0" : "2.0.0")),
      score: () => new Promise(() => {}),
    },
  };
});

describe("each assessment shows the questions of the bank it was answered on", () => {
  it("loads the assessment's bank when it is not the one shown, and only then", async () => {
    session.bank = { state: "ready", value: bank("2.0.0") };
    calls.bank.length = 0;
    await session.open("new");
    expect(calls.bank).toEqual([]);
    await session.open("old");
    expect(calls.bank).toEqual(["old"]);
    expect(session.bank.state === "ready" && session.bank.value.version).toBe("1.0.0");
    expect(session.assessment?.bank_version).toBe("1.0.0");
    await session.open("new");
    expect(calls.bank).toEqual(["old", "new"]);
    expect(session.bank.state === "ready" && session.bank.value.version).toBe("2.0.0");
  });
});
