// Saves run one after another, in the order they were made, and the status
// says "saved" only when the backend has confirmed every write so far. A
// failed write keeps its job so that "retry" sends it again.

export type SaveStatus =
  | { state: "idle" }
  | { state: "saving"; pending: number }
  | { state: "saved"; at: string }
  | { state: "error"; message: string; pending: number };

/** A write: resolves with the time the backend confirmed it, rejects with a human message. */
export type SaveJob = () => Promise<string>;

export class SaveQueue {
  #jobs: SaveJob[] = [];
  #running = false;
  #status: SaveStatus = { state: "idle" };

  constructor(private readonly onStatus: (status: SaveStatus) => void) {}

  get status(): SaveStatus {
    return this.#status;
  }

  /** Queues a write. The first caller's promise settles when the queue drains or stops on an error; callers while it runs return at once. */
  enqueue(job: SaveJob): Promise<void> {
    this.#jobs.push(job);
    return this.#run();
  }

  /** Sends the failed write and those after it again. */
  retry(): Promise<void> {
    return this.#run();
  }

  /** Whether writes are waiting or failed (closing now would lose them). */
  get unsaved(): boolean {
    return this.#jobs.length > 0;
  }

  async #run(): Promise<void> {
    if (this.#running) {
      this.#set({ state: "saving", pending: this.#jobs.length });
      return;
    }
    this.#running = true;
    try {
      while (this.#jobs.length > 0) {
        this.#set({ state: "saving", pending: this.#jobs.length });
        const job = this.#jobs[0]!;
        let at: string;
        try {
          at = await job();
        } catch (err) {
          this.#set({ state: "error", message: messageOf(err), pending: this.#jobs.length });
          return;
        }
        this.#jobs.shift();
        if (this.#jobs.length === 0) this.#set({ state: "saved", at });
      }
    } finally {
      this.#running = false;
    }
  }

  #set(status: SaveStatus): void {
    this.#status = status;
    this.onStatus(status);
  }
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === "string") return err;
  return "the change could not be saved";
}
