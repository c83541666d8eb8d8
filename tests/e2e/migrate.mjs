// End-to-end run of moving an assessment from bank 1 onto bank 2 in the real
// desktop app (issue 17), through WebDriver like app.mjs:
//
//   tests/e2e/run migrate.mjs
//
// Imports the v1 demo (assets/demo/assessment-v1.json) from home, then:
// home shows its bank and "Move to bank 2…"; the dialog shows the plan with
// the focus on Accept, keeps Tab inside, and Esc cancels with the focus back
// on the button; Enter accepts, the new draft opens on bank 2 with a toast
// saying the old one is kept; home then lists both, the old one still on
// bank 1, and a note holding HTML is shown as text.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Checks } from "./checks.mjs";
import { Session, waitFor, withClass } from "./webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const app = process.argv[2];
const dataDir = process.env.IRONBRIDGE_DATA_DIR;
const pickFile = process.env.IRONBRIDGE_TEST_PICK_FILE;
if (!app || !dataDir || !pickFile) {
  console.error("usage: IRONBRIDGE_DATA_DIR=DIR IRONBRIDGE_TEST_PICK_FILE=FILE node tests/e2e/migrate.mjs PATH_TO_APP");
  process.exit(2);
}

// The v1 demo, with HTML in its title: the dialog must show it as text.
const TITLE = `Assessment 2025 <img src=x onerror="window.__pwned=1">`;
const v1 = JSON.parse(readFileSync(new URL("../../assets/demo/assessment-v1.json", import.meta.url), "utf8"));
v1.title = TITLE;
const v1File = join(dataDir, "assessment-v1.json");
writeFileSync(v1File, JSON.stringify(v1));

const driver = new Session(DRIVER);
const checks = new Checks(driver, "failed-migrate", dataDir);
const check = (name, fn) => checks.check(name, fn);
const count = (xpath) => driver.count(xpath);
const text = (xpath) => driver.text(xpath);
const click = (xpath) => driver.click(xpath);
const exec = (script, args) => driver.exec(script, args);
const keys = (value) => driver.keys(value);



const MOVE = "//button[starts-with(normalize-space(), 'Move to bank 2')]";
const DIALOG = "//div[@role='dialog']";
const ACCEPT = `${DIALOG}//button[starts-with(normalize-space(), 'Accept')]`;
const focused = () => exec("return document.activeElement ? document.activeElement.textContent.trim() : '';");
const inDialog = () => exec("const d = document.querySelector('[role=dialog]'); return !!d && d.contains(document.activeElement);");

try {
  await driver.start(app);
  await waitFor("the home screen", async () => (await text("//h1")).length > 0);

  await check("the v1 demo imports and home shows its bank and the move", async () => {
    writeFileSync(pickFile, v1File);
    await click("//button[starts-with(normalize-space(), 'Import a bundle')]");
    // The imported assessment opens; H goes back home.
    await waitFor("the imported assessment", async () => (await count(withClass("span", "qid"))) === 1);
    await keys("h");
    await waitFor("the move action", async () => (await count(MOVE)) === 1);
    const chip = await text(withClass("span", "old-bank"));
    if (chip !== "bank 1") throw new Error(`bank chip reads ${JSON.stringify(chip)}`);
  });

  await check("the dialog shows the plan, focus on Accept, Tab stays inside", async () => {
    await click(MOVE);
    await waitFor("the plan", async () => (await count(`${DIALOG}//ul[@aria-label='Summary of the move']`)) === 1);
    const summary = await text(`${DIALOG}//ul[@aria-label='Summary of the move']`);
    for (const words of ["kept", "moved", "new and unanswered", "retired"]) {
      if (!summary.includes(words)) throw new Error(`summary lacks ${words}: ${summary}`);
    }
    const body = await text(DIALOG);
    for (const expected of ["New and unanswered", "OT-10", "GOV-05 → OT-01", "kept unchanged"]) {
      if (!body.includes(expected)) throw new Error(`the dialog lacks ${expected}`);
    }
    if (!body.includes(TITLE)) throw new Error("the title is not shown as text");
    const pwned = await exec("return typeof window.__pwned;");
    if (pwned !== "undefined") throw new Error("the title ran as HTML");
    await waitFor("the focus on Accept", async () => (await focused()).startsWith("Accept"));
    for (let n = 0; n < 12; n += 1) {
      await keys("\uE004"); // Tab
      if (!(await inDialog())) throw new Error(`Tab ${n + 1} left the dialog`);
    }
  });

  await check("Esc cancels, stores nothing and gives the focus back", async () => {
    await keys("\uE00C"); // Escape
    await waitFor("the dialog closed", async () => (await count(DIALOG)) === 0);
    await waitFor("the focus on the move button", async () => (await focused()).startsWith("Move to bank 2"));
    if ((await count(MOVE)) !== 1) throw new Error("the move action is gone");
  });

  await check("Enter accepts: the new draft opens on bank 2 and the toast says the old one is kept", async () => {
    await click(MOVE);
    await waitFor("the focus on Accept", async () => (await focused()).startsWith("Accept"));
    if ((await count(`${ACCEPT}[not(@disabled)]`)) !== 1) throw new Error("Accept is not enabled");
    await keys("\uE007"); // Enter
    await waitFor("the questionnaire", async () => (await count(withClass("span", "qid"))) === 1);
    const toast = await waitFor("the toast", async () => {
      const shown = await exec("return [...document.querySelectorAll('.toast')].map(t => t.textContent).join(' ');");
      return shown.includes("kept unchanged") ? shown : null;
    });
    if (!toast.includes("Moved to bank 2")) throw new Error(`toast: ${toast}`);
    // It opens at its first unanswered question: GOV-09, new in bank 2.
    const at = await text(withClass("span", "qid"));
    if (at !== "GOV-09") throw new Error(`opened at ${at}, not at bank 2's first new question`);
  });

  await check("home lists both, the old one still on bank 1", async () => {
    await keys("h");
    await waitFor("home", async () => (await count("//h1[normalize-space()='Cyber resilience assessments']")) === 1);
    await waitFor("two assessments", async () => (await count(MOVE)) === 1 && (await count("//li//button[contains(@class, 'row')]")) === 1);
    const current = await text("//section[contains(@class, 'current')]");
    if (current.includes("bank 1")) throw new Error("the new assessment shows bank 1");
  });
} finally {
  await driver.quit();
}

checks.exit();
