// Takes the README's screenshots of the real app under Xvfb through WebDriver:
// home, questionnaire (workshop mode), registers, results, exposure, report.
// Run by `tests/e2e/run screenshots.mjs`, which sets up Xvfb, tauri-driver and
// an empty data folder. Writes docs/screenshots/*.png.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Session, sleep, tab, waitFor, withClass } from "./webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const [app, outDir = "docs/screenshots"] = process.argv.slice(2);
if (!app) {
  console.error("usage: node tests/e2e/screenshots.mjs PATH_TO_APP [OUT_DIR]");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const driver = new Session(DRIVER);
await driver.start(app);
const click = (xpath) => driver.click(xpath);
const exists = async (xpath) => (await driver.count(xpath)) > 0;
const keys = (value) => driver.keys(value);
async function shot(name) {
  await sleep(700); // let transitions and fonts settle
  // The X server's picture of the screen (the window fills it; Xvfb has no
  // window manager): WebKitWebDriver's screenshot call can hang on Xvfb.
  execFileSync("import", ["-window", "root", join(outDir, `${name}.png`)], { timeout: 20_000 });
  console.log(`wrote ${join(outDir, `${name}.png`)}`);
}

try {
  // An earlier assessment of another client, so that home lists one.
  await waitFor("home", () => exists("//button[normalize-space()='New assessment']"));
  await driver.createAssessment({
    organisation: "Bellbrook Castings Ltd",
    sector: "Foundry, aluminium die casting",
    employees: "180",
    revenue: "32000000",
    assessor: "Sam Patel",
  });
  await keys("2j3j1");
  await sleep(1500);
  await click(tab("Home"));
  await waitFor("home", () => exists("//button[normalize-space()='Open the demo']"));
  await click("//button[normalize-space()='Open the demo']");
  await waitFor("results", () => exists("//span[normalize-space()='Resilience index']"));
  await shot("results");
  await keys("q");
  await waitFor("questionnaire", () => exists(withClass("span", "qid")));
  // A question with a facilitator prompt, in projector view.
  await keys("jjj");
  await shot("questionnaire-workshop");
  await click(tab("Registers"));
  await waitFor("registers", () => exists("//h1[normalize-space()='Registers']"));
  await shot("registers");
  await click(tab("Exposure"));
  await waitFor("exposure", () => exists("//h1[normalize-space()='Money at risk']"));
  await shot("exposure");
  // The broker's questions and the underwriter's, further down the screen.
  for (const [heading, name] of [
    ["What a broker will ask", "exposure-broker"],
    ["What to tell the underwriter", "exposure-underwriter"],
  ]) {
    await driver.request("POST", `/session/${driver.sid}/execute/sync`, {
      script: "document.evaluate(arguments[0], document, null, 9, null).singleNodeValue.scrollIntoView({ block: 'start' });",
      args: [`//h2[normalize-space()='${heading}']`],
    });
    await shot(name);
  }
  await click(tab("Report"));
  await waitFor("report", () => exists("//textarea[@aria-label='Executive summary']"));
  await shot("report");
  await click(tab("Home"));
  await waitFor("home", () => exists("//section[contains(@class,'current')]"));
  await shot("home");
} finally {
  await driver.quit();
}
