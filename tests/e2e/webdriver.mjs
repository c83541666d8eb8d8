// A plain W3C WebDriver client for the app's end-to-end scripts (app.mjs and
// screenshots.mjs): one session at a time, XPath lookups, key actions, and
// the app's own locators and new-assessment wizard. No npm dependencies.

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns something truthy; returns that. */
export async function waitFor(what, fn, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message ?? last}` : ""}`);
}

/** The input of the form field labelled `label`. */
export const field = (label) => `//label[span[normalize-space()="${label}"]]//input`;
/** The top bar's tab whose label starts with `label`. */
export const tab = (label) => `//nav//button[starts-with(normalize-space(), "${label}")]`;
/** An element carrying the CSS class `name` among others (Svelte adds its own). */
export const withClass = (element, name) => `//${element}[contains(concat(' ', @class, ' '), ' ${name} ')]`;

/** A WebDriver session on the app, through tauri-driver. */
export class Session {
  constructor(driverUrl) {
    this.driver = driverUrl;
    this.sid = null;
  }

  async request(method, path, body, attempt = 1) {
    try {
      const res = await fetch(`${this.driver}${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const json = await res.json();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value)}`);
      return json.value;
    } catch (err) {
      // tauri-driver 2.x sometimes drops one request: retry a few times.
      if (attempt < 4 && !String(err).includes(": 4")) {
        await sleep(500 * attempt);
        return this.request(method, path, body, attempt + 1);
      }
      throw err;
    }
  }

  /** Launches the app binary at `app` in a new session. */
  async start(app) {
    const session = await this.request("POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: app } } },
    });
    this.sid = session.sessionId;
  }

  /** Ends the session (the app quits) and lets the process release its files. */
  async quit() {
    if (this.sid) await this.request("DELETE", `/session/${this.sid}`).catch(() => {});
    this.sid = null;
    await sleep(1500);
  }

  async find(xpath) {
    const el = await this.request("POST", `/session/${this.sid}/element`, { using: "xpath", value: xpath });
    return Object.values(el)[0];
  }

  async count(xpath) {
    return (await this.request("POST", `/session/${this.sid}/elements`, { using: "xpath", value: xpath })).length;
  }

  async text(xpath) {
    return this.request("GET", `/session/${this.sid}/element/${await this.find(xpath)}/text`);
  }

  async click(xpath) {
    return this.request("POST", `/session/${this.sid}/element/${await this.find(xpath)}/click`, {});
  }

  async exec(script, args = []) {
    return this.request("POST", `/session/${this.sid}/execute/sync`, { script, args });
  }

  /** Clears the field and types `value` into it. */
  async type(xpath, value) {
    const el = await this.find(xpath);
    await this.request("POST", `/session/${this.sid}/element/${el}/clear`, {});
    await this.request("POST", `/session/${this.sid}/element/${el}/value`, { text: value });
  }

  /** Presses each key of `value` in turn (WebDriver key codes allowed). */
  async keys(value) {
    return this.request("POST", `/session/${this.sid}/actions`, {
      actions: [
        {
          type: "key",
          id: "keyboard",
          actions: [...value].flatMap((k) => [
            { type: "keyDown", value: k },
            { type: "keyUp", value: k },
          ]),
        },
      ],
    });
  }

  /** Runs the new-assessment wizard from home and waits for the first question. */
  async createAssessment({ organisation, sector, employees, revenue, assessor }) {
    await this.click("//button[normalize-space()='New assessment']");
    await this.type(field("Organisation name"), organisation);
    await this.type(field("Sector"), sector);
    await this.type(field("Employees"), employees);
    await this.type(field("Annual revenue"), revenue);
    await this.click("//button[normalize-space()='Next']");
    await this.type(field("Assessor"), assessor);
    await this.click("//button[normalize-space()='Next']");
    await this.click("//button[normalize-space()='Create and start']");
    await waitFor("the first question", async () => (await this.count(withClass("span", "qid"))) === 1);
  }
}
