// Times, inside the real app's window, how long each screen takes to open on
// the demo assessment (from the click on its tab to the frame after its
// content is in the page) and how long a PDF export takes (from the click on
// "Export PDF…" to the frame after "Report saved" shows). Each is repeated;
// the medians and ranges are printed as a Markdown table.
//
// It also times the commands behind the screens, invoked straight from the
// page (the back end plus the IPC, without any rendering), so the two parts
// of a screen's time can be told apart.
//
// Run by bench/screens/run, which builds the app and starts Xvfb and
// tauri-driver. The PDF export needs the debug build's stand-in for the save
// dialog (IRONBRIDGE_TEST_PICK_FILE), so a release run times the screens only.
import { Session, waitFor } from "../../tests/e2e/webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const [app, runsArg = "15"] = process.argv.slice(2);
const RUNS = Number(runsArg);
const exportable = Boolean(process.env.IRONBRIDGE_TEST_PICK_FILE);

// Each screen: its tab's label and an XPath that exists once its content is shown.
const SCREENS = [
  ["Results", "//span[normalize-space()='Resilience index']"],
  ["Questionnaire", "//span[contains(concat(' ', @class, ' '), ' qid ')]"],
  ["Registers", "//h1[normalize-space()='Registers']"],
  ["Exposure", "//h1[normalize-space()='Money at risk']"],
  ["Report", "//textarea[@aria-label='Executive summary']"],
];
// Each command behind a screen: its name and its arguments (`ID` is the demo's id).
const COMMANDS = [
  ["score_assessment", { assessmentId: "ID" }],
  ["get_narrative", { assessmentId: "ID" }],
  ["get_exposure", { assessmentId: "ID", overrides: [] }],
  ["get_settings", {}],
];
// Invokes one command and resolves with its milliseconds (-1 when it failed).
const TIMED_INVOKE = `
  const [name, args, done] = arguments;
  const invoke = window.__TAURI_INTERNALS__.invoke;
  const start = performance.now();
  invoke(name, args).then(() => done(performance.now() - start), () => done(-1));
`;
const DEMO_ID = `
  const [done] = arguments;
  window.__TAURI_INTERNALS__.invoke("list_assessments").then((list) => done(list[0].id), () => done(null));
`;
const HOME = ["Home", "//h1[normalize-space()='Cyber resilience assessments']"];

// Clicks the button whose text starts with `label` (a tab, or a button when
// `scope` is "button") and resolves with the milliseconds until the frame
// after `marker` exists (and, when given, `gone` no longer does).
const TIMED_CLICK = `
  const [label, marker, scope, gone, done] = arguments;
  const one = (xpath) => document.evaluate(xpath, document, null, 9, null).singleNodeValue;
  const button = one(scope === "tab"
    ? "//nav//button[starts-with(normalize-space(), '" + label + "')]"
    : "//button[starts-with(normalize-space(), '" + label + "')]");
  if (!button) { done(-1); return; }
  const start = performance.now();
  button.click();
  const poll = () => {
    if (one(marker) && !(gone && one(gone))) {
      requestAnimationFrame(() => done(performance.now() - start));
    } else if (performance.now() - start > 20000) {
      done(-2);
    } else {
      requestAnimationFrame(poll);
    }
  };
  requestAnimationFrame(poll);
`;

const driver = new Session(DRIVER);
await driver.start(app);
const timed = async (label, marker, scope = "tab", gone = null) => {
  const ms = await driver.request("POST", `/session/${driver.sid}/execute/async`, {
    script: TIMED_CLICK,
    args: [label, marker, scope, gone],
  });
  if (ms < 0) throw new Error(`${label}: ${ms === -1 ? "no such button" : "did not open within 20 s"}`);
  return ms;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const row = (what, xs) =>
  `| ${what} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} | ${xs.length} |`;

try {
  await waitFor("home", async () => (await driver.count("//button[normalize-space()='Open the demo']")) > 0);
  await driver.click("//button[normalize-space()='Open the demo']");
  await waitFor("results", async () => (await driver.count(SCREENS[0][1])) > 0);
  const rows = [];
  for (const [label, marker] of SCREENS) {
    const times = [];
    // One warm-up open, then RUNS timed ones, each from Home.
    for (let i = 0; i <= RUNS; i++) {
      await timed(...HOME);
      const ms = await timed(label, marker);
      if (i > 0) times.push(ms);
    }
    rows.push(row(`open ${label}`, times));
  }
  const id = await driver.request("POST", `/session/${driver.sid}/execute/async`, { script: DEMO_ID, args: [] });
  for (const [name, template] of COMMANDS) {
    const args = Object.fromEntries(Object.entries(template).map(([k, v]) => [k, v === "ID" ? id : v]));
    const times = [];
    for (let i = 0; i <= RUNS; i++) {
      const ms = await driver.request("POST", `/session/${driver.sid}/execute/async`, { script: TIMED_INVOKE, args: [name, args] });
      if (ms < 0) throw new Error(`${name}: the command failed`);
      if (i > 0) times.push(ms);
    }
    rows.push(row(`command ${name}`, times));
  }
  if (exportable) {
    await timed("Report", SCREENS[4][1]);
    const saved = "//strong[normalize-space()='Report saved']";
    const times = [];
    for (let i = 0; i <= RUNS; i++) {
      // The message of the previous export is cleared by the click itself.
      const ms = await timed("Export PDF", saved, "button", "//button[starts-with(normalize-space(), 'Writing the PDF')]");
      if (i > 0) times.push(ms);
    }
    rows.push(row("PDF export (57 pages)", times));
  }
  console.log("| what | median ms | range ms | runs |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(r);
} finally {
  await driver.quit();
}
