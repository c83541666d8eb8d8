// The end-to-end scripts' checks: each runs, prints "ok" or "FAIL", and on a
// failure leaves evidence of what the window showed (a screenshot in
// E2E_ARTIFACTS, which tests/e2e/run sets and CI keeps, and the page's
// text). The tally decides the script's exit code.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export class Checks {
  /**
   * @param {import("./webdriver.mjs").Session} driver the session checked
   * @param {string} prefix how the script's screenshots are named
   * @param {string} fallbackDir where screenshots go without E2E_ARTIFACTS
   */
  constructor(driver, prefix, fallbackDir) {
    this.driver = driver;
    this.prefix = prefix;
    this.fallbackDir = fallbackDir;
    this.passed = 0;
    this.failed = 0;
  }

  /** Runs one named check. */
  async check(name, fn) {
    try {
      await fn();
      this.passed += 1;
      console.log(`ok   ${name}`);
    } catch (err) {
      this.fail(name, err);
      await this.evidence(name);
    }
  }

  /** Counts a failure outside a check (the run stopped). */
  fail(name, err) {
    this.failed += 1;
    console.log(`FAIL ${name}: ${err instanceof Error ? err.message : err}`);
  }

  /** What the window showed when a check failed. */
  async evidence(name) {
    if (!this.driver.sid) return;
    try {
      const dir = process.env.E2E_ARTIFACTS ?? this.fallbackDir;
      mkdirSync(dir, { recursive: true });
      const slug = name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 60);
      const file = join(dir, `${this.prefix}-${this.failed}-${slug}.png`);
      // The X server's picture of the screen: WebKitWebDriver's own
      // screenshot call can hang on Xvfb.
      execFileSync("import", ["-window", "root", file], { timeout: 20_000 });
      const shown = await this.driver.exec("return document.body.innerText;");
      console.log(`     screenshot: ${file}\n     the window shows: ${JSON.stringify(shown).slice(0, 600)}`);
    } catch (err) {
      console.log(`     (no screenshot: ${err instanceof Error ? err.message : err})`);
    }
  }

  /** Prints the tally and ends the process: 0 when nothing failed. */
  exit() {
    console.log(`${this.passed} passed, ${this.failed} failed`);
    process.exit(this.failed === 0 ? 0 : 1);
  }
}
