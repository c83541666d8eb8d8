// End-to-end checks of issue 19 on the real desktop app (WebDriver through
// tauri-driver, as app.mjs): nothing typed is lost, every answer by keyboard.
//
//   tests/e2e/run workshop-keys.mjs
//
//   1. typing into the inputs of every screen (wizard, questionnaire note and
//      search, registers, exposure, report, settings) never fires a global
//      shortcut: the screen stays, the text arrives whole;
//   2. a number question is answered by keyboard alone (search, type, Enter),
//      and a digit beyond a question's last level shows a hint;
//   3. a register system's id, name and RTO typed into a new row survive a
//      screen switch (the app asks: Stay keeps them, Save stores them);
//      a bad RTO ("-5") and a bad incident notice ("abc") show a message
//      naming the field, and the field is marked invalid;
//   4. the team database password is never shown in the address field.
import { Checks } from "./checks.mjs";
import { Session, field, tab, waitFor, withClass } from "./webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const app = process.argv[2];
const dataDir = process.env.IRONBRIDGE_DATA_DIR;
if (!app || !dataDir) {
  console.error("usage: IRONBRIDGE_DATA_DIR=DIR node tests/e2e/workshop-keys.mjs PATH_TO_APP");
  process.exit(2);
}

const driver = new Session(DRIVER);
const checks = new Checks(driver, "keys-failed", dataDir);
const check = (name, fn) => checks.check(name, fn);
const count = (xpath) => driver.count(xpath);
const text = (xpath) => driver.text(xpath);
const click = (xpath) => driver.click(xpath);
const exec = (script, args) => driver.exec(script, args);
const type = (xpath, value) => driver.type(xpath, value);
const keys = (value) => driver.keys(value);



/** The current screen's tab label ("" on Settings, which has no tab). */
// The tab's own text node: its key hint (<kbd>H</kbd>) is left out.
const screen = () => exec("return document.querySelector('nav button[aria-current=\"page\"]')?.childNodes[0]?.textContent.trim() ?? '';");
const qid = () => text(withClass("span", "qid"));
const value = (xpath) =>
  exec("return document.evaluate(arguments[0], document, null, 9, null).singleNodeValue?.value ?? null;", [xpath]);
const focusedTag = () => exec("return document.activeElement?.tagName ?? '';");
const noDialog = async () => (await count("//div[@role='alertdialog']")) === 0;
/** Letters and digits that are shortcuts outside a field: H home, R results, Q questions, J/K move, 1 answers, U unknown, N not applicable. */
const SHORTCUT_LETTERS = "hrqjk1unp";

/** Types `typed` into the field at `xpath`; the screen must not change and the field must hold the text. */
async function typeWithoutShortcuts(what, xpath, typed, expectedScreen) {
  const before = await screen();
  await type(xpath, typed);
  const after = await screen();
  if (after !== before) throw new Error(`typing into ${what} switched the screen from ${before} to ${after}`);
  if (expectedScreen !== undefined && after !== expectedScreen) throw new Error(`on ${after}, expected ${expectedScreen}`);
  const held = await value(xpath);
  if (held !== typed) throw new Error(`${what} holds ${JSON.stringify(held)}, typed ${JSON.stringify(typed)}`);
}

try {
  await driver.start(app);
  await waitFor("the home screen", async () => (await text("//h1")).length > 0);

  await check("typing into the wizard fires no shortcut", async () => {
    await click("//button[normalize-space()='New assessment']");
    await typeWithoutShortcuts("the organisation name", field("Organisation name"), `Harrow Quarry ${SHORTCUT_LETTERS}`, "Home");
    if ((await count(field("Organisation name"))) !== 1) throw new Error("the wizard closed");
    await click("//button[normalize-space()='Cancel']");
  });

  await check("the wizard marks a negative revenue with a message naming the field", async () => {
    await click("//button[normalize-space()='New assessment']");
    await type(field("Annual revenue"), "-5");
    const message = await waitFor("the revenue message", () =>
      text("//label[span[normalize-space()='Annual revenue']]//small[contains(@class,'field-error')]"),
    );
    if (!message.startsWith("Annual revenue:") || !message.includes("negative")) throw new Error(`message: ${message}`);
    if ((await exec("return document.evaluate(arguments[0], document, null, 9, null).singleNodeValue.getAttribute('aria-invalid');", [field("Annual revenue")])) !== "true") {
      throw new Error("the revenue field is not marked invalid");
    }
    await click("//button[normalize-space()='Cancel']");
  });

  await check("the wizard creates a workshop assessment", async () => {
    // The wizard's steps, each waited for (a step changes once the backend has checked the details).
    const next = async (label) => {
      await click(`//button[normalize-space()='${label}']`);
    };
    await click("//button[normalize-space()='New assessment']");
    await waitFor("step 1", async () => (await count(field("Organisation name"))) === 1);
    await type(field("Organisation name"), "Harrow Quarry Products Ltd");
    await type(field("Sector"), "Aggregates");
    await type(field("Employees"), "240");
    await type(field("Annual revenue"), "£42m");
    await next("Next");
    await waitFor("step 2", async () => (await count(field("Assessor"))) === 1);
    await type(field("Assessor"), "Sam Patel");
    await next("Next");
    await waitFor("step 3", async () => (await count("//button[normalize-space()='Create and start']")) === 1);
    await next("Create and start");
    await waitFor("the first question", async () => (await count(withClass("span", "qid"))) === 1);
  });

  await check("a digit beyond the last level shows a hint and answers nothing", async () => {
    await waitFor("GOV-01", async () => (await qid()) === "GOV-01");
    await keys("7");
    const hint = await waitFor("the hint", () => text(withClass("p", "key-hint")));
    if (!hint.includes("no level 7")) throw new Error(`hint: ${hint}`);
    if ((await count("//ol[@aria-label='Answers']//button[@aria-pressed='true']")) !== 0) throw new Error("7 chose an answer");
  });

  await check("typing a note fires no shortcut", async () => {
    await keys("e");
    await waitFor("the note field", async () => (await focusedTag()) === "TEXTAREA");
    await typeWithoutShortcuts("the note", "//label[contains(@class,'note')]//textarea", `Notes ${SHORTCUT_LETTERS} 123`, "Questionnaire");
    if ((await qid()) !== "GOV-01") throw new Error(`moved to ${await qid()}`);
    await keys("\uE00C");
  });

  await check("a number question is answered by keyboard alone", async () => {
    await keys("/");
    await waitFor("the search field", async () => (await count("//input[@aria-label='Search']")) === 1);
    await keys("INS-07");
    await keys("\uE007"); // Enter: go to the question
    await waitFor("INS-07", async () => (await qid()) === "INS-07");
    // The answer field has the focus: digits type into it, Enter saves and moves on.
    await waitFor("the number field to focus", async () => (await focusedTag()) === "INPUT");
    await keys("24");
    await keys("\uE007");
    await waitFor("the next question", async () => (await qid()) !== "INS-07");
    await waitFor("the saved mark", async () => (await text("//div[@role='status']")).startsWith("Saved"));
    // INS-08 is a number question too: its field has the focus; Esc leaves it, K goes back.
    await keys("\uE00C");
    await keys("k");
    await waitFor("INS-07 again", async () => (await qid()) === "INS-07");
    const shown = await waitFor("the number", () => value("//div[contains(@class,'with-unit')]//input"));
    if (shown !== "24") throw new Error(`INS-07 shows ${JSON.stringify(shown)}`);
    // Esc leaves the field; a digit then starts a new value in it.
    await keys("\uE00C");
    await waitFor("the field to lose focus", async () => (await focusedTag()) !== "INPUT");
    await keys("8");
    await waitFor("the field to take the digit", async () => (await value("//div[contains(@class,'with-unit')]//input")) === "8");
    await keys("\uE007");
    await waitFor("the next question", async () => (await qid()) !== "INS-07");
  });

  await check("a number out of range says so beside the field", async () => {
    await keys("\uE00C");
    await keys("k");
    await waitFor("INS-07", async () => (await qid()) === "INS-07");
    await waitFor("the number field to focus", async () => (await focusedTag()) === "INPUT");
    await type("//div[contains(@class,'with-unit')]//input", "-5");
    await keys("\uE007");
    const message = await waitFor("the message", () => text(withClass("p", "field-error")));
    if (!message.includes("negative")) throw new Error(`message: ${message}`);
    if ((await qid()) !== "INS-07") throw new Error("Enter moved on past an invalid number");
    await type("//div[contains(@class,'with-unit')]//input", "24");
    await keys("\uE00C");
  });

  await check("register id, name and RTO survive a screen switch: the app asks, Stay keeps them", async () => {
    await click(tab("Registers"));
    await waitFor("registers", async () => (await count("//h1[normalize-space()='Registers']")) === 1);
    await click("//button[normalize-space()='Add a system']");
    const id = "//label[span[normalize-space()='Id']]//input";
    await waitFor("the detail panel", async () => (await count(id)) === 1);
    await typeWithoutShortcuts("the system id", id, "erp", "Registers");
    if ((await count(id)) !== 1) throw new Error("the detail panel closed while typing the id");
    await typeWithoutShortcuts("the system name", "//input[@aria-label='System name']", "ERP hrq", "Registers");
    await typeWithoutShortcuts("the RTO", "//input[@aria-label='RTO hours']", "24", "Registers");
    await click(tab("Results"));
    await waitFor("the question", async () => (await count("//div[@role='alertdialog']")) === 1);
    await keys("\uE00C"); // Esc: stay
    await waitFor("the dialog to close", noDialog);
    if ((await screen()) !== "Registers") throw new Error(`on ${await screen()} after Stay`);
    if ((await value(id)) !== "erp") throw new Error(`id is ${await value(id)}`);
    if ((await value("//input[@aria-label='System name']")) !== "ERP hrq") throw new Error("the name was lost");
    if ((await value("//input[@aria-label='RTO hours']")) !== "24") throw new Error("the RTO was lost");
  });

  await check("a bad RTO shows a message naming the field and blocks saving", async () => {
    await type("//input[@aria-label='RTO hours']", "-5");
    const message = await waitFor("the RTO message", () => text(withClass("p", "field-error")));
    if (message !== "RTO (hours): “-5” is negative. Enter a number of 0 or more.") throw new Error(`message: ${message}`);
    const invalid = await exec("return document.querySelector('input[aria-label=\"RTO hours\"]').getAttribute('aria-invalid');");
    if (invalid !== "true") throw new Error("the RTO field is not marked invalid");
    await click(tab("Results"));
    await waitFor("the question", async () => (await count("//div[@role='alertdialog']")) === 1);
    const save = "//div[@role='alertdialog']//button[starts-with(normalize-space(), 'Save')]";
    if ((await exec("return document.evaluate(arguments[0], document, null, 9, null).singleNodeValue.disabled;", [save])) !== true) {
      throw new Error("Save is offered with a bad RTO");
    }
    await keys("\uE00C");
    await waitFor("the dialog to close", noDialog);
    await type("//input[@aria-label='RTO hours']", "24");
    await waitFor("the message to go", async () => (await count(withClass("p", "field-error"))) === 0);
  });

  await check("a bad incident notice shows a message naming the field", async () => {
    await click("//button[normalize-space()='Add a provider']");
    const notice = "//input[@aria-label='Incident notice hours']";
    await waitFor("the provider row", async () => (await count(notice)) === 1);
    await typeWithoutShortcuts("the incident notice", notice, "abc", "Registers");
    const message = await waitFor("the notice message", () => text(withClass("p", "field-error")));
    if (!message.startsWith("Incident notice (hours): “abc” is not a number.")) throw new Error(`message: ${message}`);
    await type(notice, "24");
    await type("//input[@aria-label='Provider name']", "Northgate IT");
  });

  await check("saving from the question stores the system: id, name and RTO come back", async () => {
    await click(tab("Results"));
    await waitFor("the question", async () => (await count("//div[@role='alertdialog']")) === 1);
    await keys("s");
    await waitFor("the results screen", async () => (await screen()) === "Results");
    await click(tab("Registers"));
    await waitFor("registers", async () => (await count("//input[@aria-label='System name']")) === 1);
    if ((await value("//input[@aria-label='System name']")) !== "ERP hrq") throw new Error("the name was not saved");
    if ((await value("//input[@aria-label='RTO hours']")) !== "24") throw new Error("the RTO was not saved");
    await click("//tbody//button[normalize-space()='More']");
    if ((await value("//label[span[normalize-space()='Id']]//input")) !== "erp") throw new Error("the id was not saved");
  });

  await check("typing into the report fires no shortcut", async () => {
    await click(tab("Report"));
    const summary = "//textarea[@aria-label='Executive summary']";
    await waitFor("the narrative", async () => (await count(summary)) === 1);
    await typeWithoutShortcuts("the executive summary", summary, `Summary ${SHORTCUT_LETTERS}`, "Report");
  });

  await check("typing into Settings fires no shortcut and the password stays masked", async () => {
    await click("//button[normalize-space()='Settings']");
    const address = field("Team database address");
    await waitFor("the settings", async () => (await count(address)) === 1);
    await type(address, "postgres://ironbridge:hunter2hrq@db.example:5432/ironbridge");
    const shown = await value(address);
    if (shown.includes("hunter2")) throw new Error(`the address shows the password: ${shown}`);
    const password = await value(field("Database password"));
    if (password !== "hunter2hrq") throw new Error(`the password field holds ${JSON.stringify(password)}`);
    const type_ = await exec("return document.evaluate(arguments[0], document, null, 9, null).singleNodeValue.type;", [field("Database password")]);
    if (type_ !== "password") throw new Error("the password field is not masked");
    if ((await count("//h1[normalize-space()='Settings']")) !== 1) throw new Error("left Settings while typing");
    await click("//button[normalize-space()='Back']");
  });

  await check("typing into the exposure assumptions fires no shortcut; a bad value names the assumption", async () => {
    await click(tab("Home"));
    await waitFor("home", async () => (await count("//button[normalize-space()='Open the demo']")) === 1);
    await click("//button[normalize-space()='Open the demo']");
    await waitFor("results", async () => (await screen()) === "Results");
    await click(tab("Exposure"));
    const input = "(//table[contains(@class,'assumptions')]//input)[1]";
    await waitFor("the assumptions", async () => (await count(input)) >= 1, 60_000);
    await typeWithoutShortcuts("an assumption", input, `12${SHORTCUT_LETTERS}`, "Exposure");
    await click("//button[normalize-space()='Save and recompute']");
    const message = await waitFor("the message", () => text("//table[contains(@class,'assumptions')]//p[contains(@class,'field-error')]"));
    const label = await exec("return document.evaluate(arguments[0], document, null, 9, null).singleNodeValue.getAttribute('aria-label');", [input]);
    if (!message.startsWith(`${label}:`)) throw new Error(`message ${JSON.stringify(message)} does not start with the label ${label}`);
    if (/[a-z]+_[a-z_]+:/.test(message)) throw new Error(`message uses an internal key: ${message}`);
  });
} catch (err) {
  checks.fail("the run stopped", err);
} finally {
  await driver.quit();
}

checks.exit();
