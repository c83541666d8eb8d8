// Screenshots of the workshop questionnaire and the results at one screen
// size, for the projector check of issue 19: the window is set to fill the
// Xvfb screen (E2E_SCREEN, e.g. 1920x1080) and the demo is opened.
// Run by `E2E_SCREEN=1920x1080 tests/e2e/run projector.mjs`; writes
// docs/screenshots/projector-WxH-{questionnaire,results}.png and prints the
// rendered sizes of the descriptor text and the radar's labels.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Session, sleep, tab, waitFor, withClass } from "./webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const [app, outDir = "docs/screenshots"] = process.argv.slice(2);
const screen = process.env.E2E_SCREEN ?? "1280x800";
const [width, height] = screen.split("x").map(Number);
if (!app || !width || !height) {
  console.error("usage: E2E_SCREEN=WxH node tests/e2e/projector.mjs PATH_TO_APP [OUT_DIR]");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const driver = new Session(DRIVER);
await driver.start(app);
const exists = async (xpath) => (await driver.count(xpath)) > 0;
async function shot(name) {
  await sleep(900);
  const file = join(outDir, `projector-${screen}-${name}.png`);
  execFileSync("import", ["-window", "root", file], { timeout: 30_000 });
  console.log(`wrote ${file}`);
}
// The computed font size (px) of the first element matching a CSS selector.
const fontSize = (selector) =>
  driver.exec(
    "const e = document.querySelector(arguments[0]); return e ? getComputedStyle(e).fontSize : 'none';",
    [selector],
  );

try {
  await driver.request("POST", `/session/${driver.sid}/window/rect`, { x: 0, y: 0, width, height });
  await waitFor("home", () => exists("//button[normalize-space()='Open the demo']"));
  await driver.click("//button[normalize-space()='Open the demo']");
  await waitFor("results", () => exists("//span[normalize-space()='Resilience index']"));
  await shot("results");
  const radarText = await driver.exec(
    "const t = [...document.querySelectorAll('svg text')]; if (!t.length) return 'no radar';" +
      "return t.map(e => e.getBoundingClientRect().height).sort((a, b) => a - b)[0].toFixed(1) + ' px (smallest label box)';",
  );
  console.log(`radar labels at ${screen}: ${radarText}`);
  await driver.keys("q");
  await waitFor("questionnaire", () => exists(withClass("span", "qid")));
  await driver.keys("jjj");
  await shot("questionnaire");
  console.log(`descriptor text at ${screen}: ${await fontSize(".desc")}`);
  await driver.click(tab("Home"));
} finally {
  await driver.quit();
}
