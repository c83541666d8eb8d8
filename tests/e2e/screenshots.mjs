// Takes the README's screenshots of the real app under Xvfb through WebDriver:
// home, questionnaire (workshop mode), registers, results, exposure, report.
// Run by `tests/e2e/run screenshots.mjs`, which sets up Xvfb, tauri-driver and
// an empty data folder. Writes docs/screenshots/*.png.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const [app, outDir = "docs/screenshots"] = process.argv.slice(2);
if (!app) {
  console.error("usage: node tests/e2e/screenshots.mjs PATH_TO_APP [OUT_DIR]");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function request(method, path, body, attempt = 1) {
  try {
    const res = await fetch(`${DRIVER}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value)}`);
    return json.value;
  } catch (err) {
    if (attempt < 4 && !String(err).includes(": 4")) {
      await sleep(500 * attempt);
      return request(method, path, body, attempt + 1);
    }
    throw err;
  }
}
async function waitFor(what, fn, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if (await fn()) return;
    } catch {
      // not yet
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const { sessionId: sid } = await request("POST", "/session", {
  capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: app } } },
});
const find = async (xpath) =>
  Object.values(await request("POST", `/session/${sid}/element`, { using: "xpath", value: xpath }))[0];
const click = async (xpath) => request("POST", `/session/${sid}/element/${await find(xpath)}/click`, {});
const exists = async (xpath) =>
  (await request("POST", `/session/${sid}/elements`, { using: "xpath", value: xpath })).length > 0;
const keys = async (value) =>
  request("POST", `/session/${sid}/actions`, {
    actions: [{ type: "key", id: "kb", actions: [...value].flatMap((k) => [{ type: "keyDown", value: k }, { type: "keyUp", value: k }]) }],
  });
async function shot(name) {
  await sleep(700); // let transitions and fonts settle
  // The X server's picture of the screen (the window fills it; Xvfb has no
  // window manager): WebKitWebDriver's screenshot call can hang on Xvfb.
  execFileSync("import", ["-window", "root", join(outDir, `${name}.png`)], { timeout: 20_000 });
  console.log(`wrote ${join(outDir, `${name}.png`)}`);
}
const tab = (label) => `//nav//button[starts-with(normalize-space(), "${label}")]`;

const type = async (xpath, value) => {
  const el = await find(xpath);
  await request("POST", `/session/${sid}/element/${el}/clear`, {});
  await request("POST", `/session/${sid}/element/${el}/value`, { text: value });
};
const field = (label) => `//label[span[normalize-space()="${label}"]]//input`;

try {
  // An earlier assessment of another client, so that home lists one.
  await waitFor("home", () => exists("//button[normalize-space()='New assessment']"));
  await click("//button[normalize-space()='New assessment']");
  await type(field("Organisation name"), "Bellbrook Castings Ltd");
  await type(field("Sector"), "Foundry, aluminium die casting");
  await type(field("Employees"), "180");
  await type(field("Annual revenue"), "32000000");
  await click("//button[normalize-space()='Next']");
  await type(field("Assessor"), "Sam Patel");
  await click("//button[normalize-space()='Next']");
  await click("//button[normalize-space()='Create and start']");
  await waitFor("questionnaire", () => exists("//span[contains(concat(' ', @class, ' '), ' qid ')]"));
  await keys("2j3j1");
  await sleep(1500);
  await click(tab("Home"));
  await waitFor("home", () => exists("//button[normalize-space()='Open the demo']"));
  await click("//button[normalize-space()='Open the demo']");
  await waitFor("results", () => exists("//span[normalize-space()='Resilience index']"));
  await shot("results");
  await keys("q");
  await waitFor("questionnaire", () => exists("//span[contains(concat(' ', @class, ' '), ' qid ')]"));
  // A question with a facilitator prompt, in projector view.
  await keys("jjj");
  await shot("questionnaire-workshop");
  await click(tab("Registers"));
  await waitFor("registers", () => exists("//h1[normalize-space()='Registers']"));
  await shot("registers");
  await click(tab("Exposure"));
  await waitFor("exposure", () => exists("//h1[normalize-space()='Money at risk']"));
  await shot("exposure");
  await click(tab("Report"));
  await waitFor("report", () => exists("//textarea[@aria-label='Executive summary']"));
  await shot("report");
  await click(tab("Home"));
  await waitFor("home", () => exists("//section[contains(@class,'current')]"));
  await shot("home");
} finally {
  await request("DELETE", `/session/${sid}`).catch(() => {});
}
