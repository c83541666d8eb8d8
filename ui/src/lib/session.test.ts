import { describe, expect, it, vi } from "vitest";
import type { AssessmentDto, RegistersDto } from "./bindings";
import { session, type LeaveGuard } from "./session.svelte";

// The backend, as far as these tests reach it: writes that take a moment.
const backend = vi.hoisted(() => ({ failRegisters: false }));
vi.mock("./api", async (original) => {
  const real = await original<typeof import("./api")>();
  const later = <T>(value: T) => new Promise<T>((r) => setTimeout(() => r(value), 5));
  return {
    ...real,
    api: {
      ...real.api,
      saveAnswer: () => later({ saved_at: "2026-12-06T17:24:19Z" }),
      saveRegisters: () =>
        backend.failRegisters
          ? Promise.reject(new real.AppFailure("store.busy", "locked"))
          : later({ saved_at: "2026-12-06T17:24:20Z" }),
      score: () => new Promise(() => {}),
    },
  };
});

function guard(state: { dirty: boolean; blocker: string | null; saves: boolean }): LeaveGuard & { discarded: number } {
  const g = {
    what: "changes to the registers",
    discarded: 0,
    dirty: () => state.dirty,
    blocker: () => state.blocker,
    save: vi.fn(async () => {
      if (state.saves) state.dirty = false;
      return state.saves;
    }),
    discard: () => {
      g.discarded += 1;
      state.dirty = false;
    },
  };
  return g;
}

function onRegisters(g: LeaveGuard | null) {
  session.assessment = { id: "a1" } as AssessmentDto;
  session.screen = "registers";
  session.leaving = null;
  session.guard = g;
}

describe("leaving a screen with unsaved edits", () => {
  it("asks instead of switching, and Stay keeps the screen and the edits", async () => {
    const g = guard({ dirty: true, blocker: null, saves: true });
    onRegisters(g);
    session.go("results");
    expect(session.screen).toBe("registers");
    expect(session.leaving).toBe("results");
    await session.resolveLeave("stay");
    expect(session.screen).toBe("registers");
    expect(session.leaving).toBeNull();
    expect(g.save).not.toHaveBeenCalled();
    expect(g.discarded).toBe(0);
  });

  it("Save stores the edits, then goes", async () => {
    const g = guard({ dirty: true, blocker: null, saves: true });
    onRegisters(g);
    session.go("questions");
    await session.resolveLeave("save");
    expect(g.save).toHaveBeenCalledOnce();
    expect(session.screen).toBe("questions");
  });

  it("Save is refused while a value is wrong; the screen stays", async () => {
    const g = guard({ dirty: true, blocker: "RTO (hours): “-5” is negative.", saves: true });
    onRegisters(g);
    session.go("results");
    await session.resolveLeave("save");
    expect(g.save).not.toHaveBeenCalled();
    expect(session.screen).toBe("registers");
    expect(session.leaving).toBe("results");
  });

  it("a failed save stays on the screen with the edits", async () => {
    const g = guard({ dirty: true, blocker: null, saves: false });
    onRegisters(g);
    session.go("results");
    await session.resolveLeave("save");
    expect(session.screen).toBe("registers");
    expect(g.discarded).toBe(0);
  });

  it("Discard drops the edits, then goes", async () => {
    const g = guard({ dirty: true, blocker: null, saves: true });
    onRegisters(g);
    session.go("results");
    await session.resolveLeave("discard");
    expect(g.discarded).toBe(1);
    expect(session.screen).toBe("results");
  });

  it("without unsaved edits the screen switches at once", () => {
    onRegisters(guard({ dirty: false, blocker: null, saves: true }));
    session.go("results");
    expect(session.screen).toBe("results");
    expect(session.leaving).toBeNull();
  });
});

describe("saving the registers", () => {
  const registers: RegistersDto = { systems: [], providers: [] };

  it("resolves true once this write is durable, also behind an answer's write", async () => {
    backend.failRegisters = false;
    session.assessment = { id: "a1", registers } as unknown as AssessmentDto;
    session.change("GOV-01", { note: "queued first" });
    const durable = await session.saveRegisters(registers);
    expect(durable).toBe(true);
    await vi.waitFor(() => expect(session.saveStatus.state).toBe("saved"));
  });

  it("resolves false when the write fails", async () => {
    backend.failRegisters = true;
    session.assessment = { id: "a1", registers } as unknown as AssessmentDto;
    expect(await session.saveRegisters(registers)).toBe(false);
    expect(session.saveStatus.state).toBe("error");
    backend.failRegisters = false;
  });
});
