// How much of opening the Exposure screen each of its sections costs: opens
// it RUNS times (twice over) with a style injected that hides one section, or
// skips the layout of those below the fold (`content-visibility`), and
// prints each variant's median and range. A diagnostic, not part of the
// suite: `bench/screens/run --release 11 probe-exposure.mjs`.
import { Session, waitFor } from "../../tests/e2e/webdriver.mjs";
const DRIVER = process.env.WEBDRIVER_URL;
const [app, runsArg = "7"] = process.argv.slice(2);
const RUNS = Number(runsArg);
const TIMED_CLICK = `
  const [label, marker, css, done] = arguments;
  let st = document.getElementById("probe-style");
  if (!st) { st = document.createElement("style"); st.id = "probe-style"; document.head.appendChild(st); }
  st.textContent = css;
  const one = (xpath) => document.evaluate(xpath, document, null, 9, null).singleNodeValue;
  const button = one("//nav//button[starts-with(normalize-space(), '" + label + "')]");
  const start = performance.now();
  button.click();
  const poll = () => {
    if (one(marker)) requestAnimationFrame(() => done(performance.now() - start));
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
`;
const driver = new Session(DRIVER);
await driver.start(app);
const timed = (label, marker, css) => driver.request("POST", `/session/${driver.sid}/execute/async`, { script: TIMED_CLICK, args: [label, marker, css] });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const VARIANTS = [
  ["baseline", ""],
  ["no section 3", ".exposure > section:nth-of-type(3) { display: none }"],
  ["no section 4", ".exposure > section:nth-of-type(4) { display: none }"],
  ["no section 5", ".exposure > section:nth-of-type(5) { display: none }"],
  ["no svg", ".exposure svg { display: none }"],
  ["cv 3-5", ".exposure > section:nth-of-type(n+3) { content-visibility: auto; contain-intrinsic-size: auto 600px }"],
  ["cv 3-4", ".exposure > section:nth-of-type(n+3):nth-of-type(-n+4) { content-visibility: auto; contain-intrinsic-size: auto 600px }"],
  ["only header", ".exposure > section { display: none }"],
];
try {
  await waitFor("home", async () => (await driver.count("//button[normalize-space()='Open the demo']")) > 0);
  await driver.click("//button[normalize-space()='Open the demo']");
  await waitFor("results", async () => (await driver.count("//span[normalize-space()='Resilience index']")) > 0);
  for (let round = 0; round < 2; round++) for (const [name, css] of VARIANTS) {
    const times = [];
    for (let i = 0; i <= RUNS; i++) {
      await timed("Home", "//h1[normalize-space()='Cyber resilience assessments']", css);
      const ms = await timed("Exposure", "//h1[normalize-space()='Money at risk']", css);
      if (i > 0) times.push(ms);
    }
    console.log(`${name}: ${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)})`);
  }
  const info = await driver.request("POST", `/session/${driver.sid}/execute/sync`, { script: "return [...document.querySelectorAll('.exposure > section')].map((s, i) => (i+1) + ':' + (s.querySelector('h2')?.textContent ?? s.className) + ' nodes=' + s.querySelectorAll('*').length).join(' | ')", args: [] });
  console.log(info);
} finally { await driver.quit(); }
