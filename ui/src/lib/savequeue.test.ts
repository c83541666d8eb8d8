import { describe, expect, it } from "vitest";
import { SaveQueue, type SaveStatus } from "./savequeue";

function deferred() {
  let resolve!: (at: string) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("save queue", () => {
  it("says saved only after every queued write is confirmed, in order", async () => {
    const seen: SaveStatus[] = [];
    const queue = new SaveQueue((s) => seen.push(s));
    const order: number[] = [];
    const first = deferred();
    const second = deferred();
    const done = queue.enqueue(() => (order.push(1), first.promise));
    void queue.enqueue(() => (order.push(2), second.promise));
    expect(queue.status.state).toBe("saving");
    expect(order).toEqual([1]);
    first.resolve("t1");
    await Promise.resolve();
    await Promise.resolve();
    expect(queue.status.state).toBe("saving");
    expect(order).toEqual([1, 2]);
    second.resolve("t2");
    await done;
    expect(queue.status).toEqual({ state: "saved", at: "t2" });
    expect(seen.filter((s) => s.state === "saved")).toHaveLength(1);
    expect(queue.unsaved).toBe(false);
  });

  it("stops on an error, keeps the write, and retry sends it again", async () => {
    const queue = new SaveQueue(() => {});
    let calls = 0;
    await queue.enqueue(async () => {
      calls += 1;
      if (calls === 1) throw new Error("disk full");
      return "t";
    });
    expect(queue.status).toEqual({ state: "error", message: "disk full", pending: 1 });
    expect(queue.unsaved).toBe(true);
    await queue.retry();
    expect(queue.status).toEqual({ state: "saved", at: "t" });
    expect(calls).toBe(2);
  });
});
