// End-to-end run of the real desktop app through WebDriver (tauri-driver +
// WebKitWebDriver), with a plain W3C client: no test framework, no npm deps.
// tests/e2e/run sets it up (Xvfb, tauri-driver, a fresh data folder):
//
//   IRONBRIDGE_DATA_DIR=DIR IRONBRIDGE_TEST_PICK_FILE=DIR/pick \
//     node tests/e2e/app.mjs target/debug/ironbridge-app
//
// The scenario of issue 7, across three launches of the app:
//   1. create an assessment in the wizard, answer three questions with the
//      keyboard, type a note holding HTML and script, see it shown literally
//      with no script run; quit;
//   2. restart, find every answer and the note, edit the executive summary,
//      export the PDF (checked with pdftotext) and a bundle; quit;
//   3. move the database away (a new laptop), restart, import the bundle and
//      find every answer, the note and the edited summary again.
//
// The native file dialogs cannot be driven through WebDriver, so the test
// writes the path "the user picks" into the file IRONBRIDGE_TEST_PICK_FILE
// names (see src-tauri/src/files.rs); everything else runs as in normal use.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Checks } from "./checks.mjs";
import { Session, field, sleep, tab, waitFor, withClass } from "./webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const app = process.argv[2];
const dataDir = process.env.IRONBRIDGE_DATA_DIR;
const pickFile = process.env.IRONBRIDGE_TEST_PICK_FILE;
if (!app || !dataDir || !pickFile) {
  console.error("usage: IRONBRIDGE_DATA_DIR=DIR IRONBRIDGE_TEST_PICK_FILE=FILE node tests/e2e/app.mjs PATH_TO_APP");
  process.exit(2);
}

const NOTE = `Seen <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script> in the server room`;
const SUMMARY = "Board summary written by the end-to-end test: restore tests are overdue.";
const ORG = "Acme Pressings Ltd";
const outDir = join(dataDir, "exports");
mkdirSync(outDir, { recursive: true });
const pdfPath = join(outDir, "acme report.pdf");
const bundlePath = join(outDir, "acme.ironbridge");

const driver = new Session(DRIVER);
const checks = new Checks(driver, "failed", dataDir);
const check = (name, fn) => checks.check(name, fn);
const find = (xpath) => driver.find(xpath);
const count = (xpath) => driver.count(xpath);
const text = (xpath) => driver.text(xpath);
const click = (xpath) => driver.click(xpath);
const exec = (script, args) => driver.exec(script, args);
const type = (xpath, value) => driver.type(xpath, value);
const keys = (value) => driver.keys(value);
const request = (method, path, body) => driver.request(method, path, body);



async function launch() {
  await driver.start(app);
  await waitFor("the home screen", async () => (await text("//h1")).length > 0);
}

const quit = () => driver.quit();
const saved = () => waitFor("the saved mark", async () => (await text("//div[@role='status']")).startsWith("Saved"));
const qid = () => text(withClass("span", "qid"));
const chosen = () => text("//ol[@aria-label='Answers']//button[@aria-pressed='true']//kbd");
const pick = (path) => writeFileSync(pickFile, path);

async function expectNoteShownLiterally() {
  await click(tab("Report"));
  const shown = await waitFor("the note in the report screen", async () => text(withClass("p", "note-text")));
  if (shown !== NOTE) throw new Error(`note shown as ${JSON.stringify(shown)}`);
  const pwned = await exec("return typeof window.__pwned;");
  if (pwned !== "undefined") throw new Error(`window.__pwned is ${pwned}: the note ran as script`);
  const injected = await exec("return document.querySelectorAll('img[src=\"x\"], .note-text script').length;");
  if (injected !== 0) throw new Error(`${injected} element(s) made from the note`);
}

const answers = new Map();

try {
  // ---- 1. first launch: create, answer with the keyboard, take a note ------
  await launch();

  await check("an empty data folder shows the empty state", async () => {
    await waitFor("the empty state", async () => (await text("//h2")).includes("No assessments yet"));
  });

  await check("the wizard creates an assessment and opens the questionnaire", async () => {
    await driver.createAssessment({
      organisation: ORG,
      sector: "Automotive components",
      employees: "420",
      revenue: "85000000",
      assessor: "Sam Patel",
    });
    await waitFor("the first question", async () => (await qid()) === "GOV-01");
  });

  await check("keys 3, U and 1 answer three questions, each saved durably", async () => {
    for (const [key, expected] of [["3", "3"], ["u", "unknown"], ["1", "1"]]) {
      const id = await qid();
      await keys(key);
      await saved();
      answers.set(id, expected);
      await keys("j");
      await waitFor("the next question", async () => (await qid()) !== id);
    }
    const db = join(dataDir, "ironbridge.db");
    if (!existsSync(db)) throw new Error("no database in the data folder");
    const mode = statSync(db).mode & 0o777;
    if (mode !== 0o600) throw new Error(`database mode ${mode.toString(8)}`);
  });

  await check("a note with HTML and script is saved and shown literally, with no script run", async () => {
    await keys("k");
    await waitFor("the third question", async () => (await qid()) === [...answers.keys()][2]);
    await keys("e");
    await waitFor("the note field to focus", async () => exec("return document.activeElement?.tagName === 'TEXTAREA';"));
    await request("POST", `/session/${driver.sid}/element/${await find("//textarea")}/value`, { text: NOTE });
    await keys("\uE00C"); // Escape leaves the field, which saves the note
    await saved();
    await expectNoteShownLiterally();
  });

  await quit();

  // ---- 2. second launch: everything is there; PDF and bundle -------------
  await launch();

  await check("after a restart the assessment lists three answers", async () => {
    await waitFor("the assessment", async () => (await text("//section[contains(@class,'current')]//h2")) === ORG);
    const progress = await text("//section[contains(@class,'current')]//div[contains(concat(' ', @class, ' '), ' progress ')]");
    if (!progress.includes("3 of")) throw new Error(`progress: ${progress}`);
  });

  await check("after a restart every answer is as given", async () => {
    await click("//button[normalize-space()='Continue']");
    const ids = [...answers.keys()];
    await waitFor("the first unanswered question", async () => !ids.includes(await qid()));
    for (const id of ids.reverse()) {
      await keys("k");
      await waitFor(id, async () => (await qid()) === id);
      const expected = answers.get(id);
      if (expected === "unknown") {
        const marked = await count("//button[contains(@class,'chosen') or @aria-pressed='true'][contains(normalize-space(), 'Unknown')]");
        if (marked !== 1) throw new Error(`${id} is not marked unknown`);
      } else if ((await chosen()) !== expected) {
        throw new Error(`${id}: level ${await chosen()}, expected ${expected}`);
      }
    }
  });

  await check("after a restart the note is there, still literal", async () => {
    await expectNoteShownLiterally();
  });

  await check("the exported PDF carries the edited summary and the note (pdftotext)", async () => {
    const summary = "//textarea[@aria-label='Executive summary']";
    await waitFor("the narrative", async () => (await count(summary)) === 1);
    await type(summary, SUMMARY);
    await type(field("Consultancy name"), "Larchgate Advisory");
    pick(pdfPath);
    await click("//button[normalize-space()='Export PDF…']");
    await waitFor("the export", async () => (await text("//div[@role='status' and contains(@class,'done')]")).includes("Report saved"));
    const pdf = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
    const flat = pdf.replace(/\s+/g, " ");
    for (const expected of [ORG, "Board summary written by the end-to-end test", "Larchgate Advisory", "onerror=", "server room"]) {
      if (!flat.includes(expected)) throw new Error(`the PDF text lacks ${JSON.stringify(expected)}`);
    }
    const mode = statSync(pdfPath).mode & 0o777;
    if (mode !== 0o600) throw new Error(`PDF mode ${mode.toString(8)}`);
    // The way on to the system's viewer (not pressed: no viewer under Xvfb).
    if ((await count("//button[normalize-space()='Open the PDF']")) !== 1) throw new Error("no Open the PDF button");
  });

  await check("the assessment exports as a bundle", async () => {
    pick(bundlePath);
    await click("//button[normalize-space()='Export bundle…']");
    await waitFor("the bundle", async () => (await text("//div[@role='status' and contains(@class,'done')]")).includes("Bundle saved"));
    const bundle = JSON.parse(readFileSync(bundlePath, "utf8"));
    if (!JSON.stringify(bundle).includes("window.__pwned=1")) throw new Error("the bundle lacks the note");
  });

  await quit();

  // ---- 3. a new machine: empty database, import the bundle ---------------
  const away = join(dataDir, "previous-machine");
  mkdirSync(away, { recursive: true });
  for (const f of ["ironbridge.db", "ironbridge.db-wal", "ironbridge.db-shm"]) {
    if (existsSync(join(dataDir, f))) renameSync(join(dataDir, f), join(away, f));
  }
  await launch();

  await check("on an empty database the bundle imports with every answer, the note and the edited summary", async () => {
    await waitFor("the empty state", async () => (await text("//h2")).includes("No assessments yet"));
    pick(bundlePath);
    await click("//button[normalize-space()='Import a bundle…']");
    await waitFor("the imported questionnaire", async () => (await count(withClass("span", "qid"))) === 1);
    await expectNoteShownLiterally();
    const summary = await waitFor("the saved summary", async () =>
      exec("const t = document.querySelector('textarea[aria-label=\"Executive summary\"]'); return t ? t.value : '';"),
    );
    if (summary !== SUMMARY) throw new Error(`the executive summary came back as ${JSON.stringify(summary)}`);
    await click(tab("Home"));
    await waitFor("the imported assessment", async () => (await text("//section[contains(@class,'current')]//h2")) === ORG);
    const progress = await text("//section[contains(@class,'current')]//div[contains(concat(' ', @class, ' '), ' progress ')]");
    if (!progress.includes("3 of")) throw new Error(`progress: ${progress}`);
  });

  await check("? opens the shortcut help, Escape closes it", async () => {
    await keys("?");
    await waitFor("the help", async () => (await text("//h2[@id='help-title']")) === "Keyboard shortcuts");
    await keys("\uE00C");
    await waitFor("the help to close", async () => (await count("//h2[@id='help-title']")) === 0);
  });
} catch (err) {
  checks.fail("the run stopped", err);
} finally {
  await quit();
}

checks.exit();
