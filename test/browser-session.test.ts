import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chromiumPath, openBrowser } from "../scripts/lib/browser.ts";

// The browser the page tests and the screenshots use: Chromium found on this machine, opened
// with a profile of its own that is gone once the session closes.

const profiles = () =>
  new Set(readdirSync(tmpdir()).filter((name) => name.startsWith("kerry-chromium-")));

describe("a browser session", () => {
  it("finds Chromium at a path that exists", () => {
    expect(existsSync(chromiumPath())).toBe(true);
  });

  it("opens Chromium headless at 1280 × 900 in a new profile folder, and closes its pages and removes that folder on close", async () => {
    const before = profiles();
    const session = await openBrowser();
    const made = [...profiles()].filter((name) => !before.has(name));
    expect(made).toHaveLength(1);
    const profile = join(tmpdir(), made[0] ?? "");
    const page = await session.context.newPage();
    await page.setContent("<p>a page</p>");
    expect(await page.evaluate(() => [window.innerWidth, window.innerHeight])).toEqual([1280, 900]);
    expect(await page.evaluate(() => navigator.userAgent)).toContain("HeadlessChrome");
    await session.close();
    expect(existsSync(profile)).toBe(false);
    expect(session.context.pages()).toEqual([]);
  }, 60_000);
});
