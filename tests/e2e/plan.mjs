// End-to-end run of the roadmap plan on the Report screen (issue 16), in the
// real desktop app through WebDriver like app.mjs:
//
//   tests/e2e/run plan.mjs
//
// Opens the demo, goes to Report: the "Roadmap plan" table lists the first
// tier's gaps. Types an owner holding HTML into the box of the first one
// without an owner ("Not yet assigned") from the keyboard and presses Enter,
// picks an effort and a status with the keyboard (focus and arrow keys) and
// sets a date; "Saved" shows once the backend confirmed. Leaving the screen and coming
// back shows the saved values, the HTML as text, and the summary counts the
// gap as assigned once a date is set.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Session, sleep, tab, waitFor } from "./webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const app = process.argv[2];
if (!app) {
  console.error("usage: node tests/e2e/plan.mjs PATH_TO_APP");
  process.exit(2);
}
const artifacts = process.env.E2E_ARTIFACTS ?? "target/e2e-artifacts";

const OWNER = `Priya <b>Raman</b>, Head of IT`;
const driver = new Session(DRIVER);
await driver.start(app);
const exists = async (xpath) => (await driver.count(xpath)) > 0;
const value = (xpath) =>
  driver.exec("return document.evaluate(arguments[0], document, null, 9, null).singleNodeValue.value;", [xpath]);
const focus = (xpath) =>
  driver.exec("document.evaluate(arguments[0], document, null, 9, null).singleNodeValue.focus();", [xpath]);
function check(what, ok) {
  if (!ok) throw new Error(`plan: ${what}`);
  console.log(`ok - ${what}`);
}
async function shot(name) {
  mkdirSync(artifacts, { recursive: true });
  execFileSync("import", ["-window", "root", join(artifacts, `${name}.png`)], { timeout: 20_000 });
}
const OWNER_BOX = "//input[starts-with(@aria-label, 'Owner of ')]";
const SUMMARY = "//p[contains(@class, 'summary')]";
/** 3 from "3 of the 23 gaps to close now have…", 0 from "None of the…". */
function assignedCount(summary) {
  if (summary.startsWith("None of the")) return 0;
  const every = /^Every one of the (\d+) gaps? to close now/.exec(summary);
  if (every) return Number(every[1]);
  const n = /^(\d+) of the \d+ gaps? to close now/.exec(summary);
  return n ? Number(n[1]) : null;
}
const saved = () => exists("//div[@role='status'][starts-with(normalize-space(), 'Saved')]");

try {
  await waitFor("home", () => exists("//button[normalize-space()='Open the demo']"));
  await driver.click("//button[normalize-space()='Open the demo']");
  await waitFor("results", () => exists("//span[normalize-space()='Resilience index']"));
  await driver.click(tab("Report"));
  await waitFor("the roadmap plan", () => exists(OWNER_BOX));
  // The first gap of the first tier that has no owner yet (the demo plans a few).
  const row = await driver.exec(
    "return [...document.querySelectorAll(arguments[0])].findIndex((box) => box.value === '') + 1;",
    ["input[aria-label^='Owner of ']"],
  );
  check("a first-tier gap has no owner yet", row > 0);
  const nth = (element, label) => `(//${element}[starts-with(@aria-label, '${label}')])[${row}]`;
  const ownerBox = nth("input", "Owner of ");
  const dateBox = nth("input", "Target date for ");
  const effortBox = nth("select", "Effort for ");
  const statusBox = nth("select", "Status of ");
  const before = assignedCount(await driver.text(SUMMARY));
  check("the summary counts the gaps assigned so far", before !== null);

  await focus(ownerBox);
  await driver.keys(`${OWNER}\uE007`); // Enter commits the box
  await waitFor("the owner saved", saved);
  await focus(effortBox);
  await driver.keys("\uE015\uE015"); // arrow down twice: "S (under 5 days)" then "M (5–20 days)"
  await focus(statusBox);
  await driver.keys("\uE015"); // "In progress"
  await focus(ownerBox); // leaving the selects commits them where arrows did not
  await sleep(500);
  await waitFor("the effort and status saved", saved);
  // A date box's keyboard order follows the system's locale: set its value
  // as the picker does and commit it.
  await driver.exec(
    "const el = document.evaluate(arguments[0], document, null, 9, null).singleNodeValue;" +
      "el.value = arguments[1]; el.dispatchEvent(new Event('change', { bubbles: true }));",
    [dateBox, "2027-03-31"],
  );
  await sleep(500);
  await waitFor("the date saved", saved);
  await driver.exec(
    "document.evaluate(arguments[0], document, null, 9, null).singleNodeValue.scrollIntoView({ block: 'start' });",
    ["//h2[normalize-space()='Roadmap plan']"],
  );
  await shot("plan-edited");

  await driver.click(tab("Results"));
  await waitFor("results", () => exists("//span[normalize-space()='Resilience index']"));
  await driver.click(tab("Report"));
  await waitFor("the roadmap plan again", () => exists(OWNER_BOX));
  check("the owner is kept, as text", (await value(ownerBox)) === OWNER);
  check("the effort is kept", (await value(effortBox)) === "medium");
  check("the status is kept", (await value(statusBox)) === "in_progress");
  check("the date is kept", (await value(dateBox)) === "2027-03-31");
  check("the summary counts the gap as assigned", assignedCount(await driver.text(SUMMARY)) === before + 1);
  check("no HTML was rendered", !(await exists("//table//b[normalize-space()='Raman']")));
} catch (err) {
  await shot("plan-failed").catch(() => {});
  throw err;
} finally {
  await driver.quit();
}
