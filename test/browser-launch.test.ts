/**
 * How a browser is started, without starting one: where Chromium is looked for, in which order,
 * and the flags that keep it quiet, offline and throwaway.
 */
import { statSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

// Which files exist is decided here; what the browser is started with is recorded.
const present = vi.hoisted(() => new Set<string>());
const launches = vi.hoisted(() => [] as { profile: string; options: unknown; closed: boolean }[]);
/** Whether a folder is there, asked of the real file system (existsSync is decided above). */
const isThere = (path: string) => statSync(path, { throwIfNoEntry: false }) !== undefined;
vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  const existsSync = (path: string) => present.has(path);
  return { ...fs, default: { ...fs, existsSync }, existsSync };
});
vi.mock("playwright-core", () => ({
  chromium: {
    launchPersistentContext: async (profile: string, options: unknown) => {
      const launch = { profile, options, closed: false };
      launches.push(launch);
      return {
        close: async () => {
          launch.closed = true;
        },
      };
    },
  },
}));

describe("starting Chromium", () => {
  it("looks at $CHROMIUM, then Debian's place, then the usual others, and starts it quiet", async () => {
    const named = process.env.CHROMIUM;
    process.env.CHROMIUM = "/opt/named/chromium";
    // Loaded here, in the test, so that the module reads $CHROMIUM as set above.
    const { chromiumPath, openBrowser } = await import("../scripts/lib/browser.ts");
    if (named === undefined) delete process.env.CHROMIUM;
    else process.env.CHROMIUM = named;

    const places = [
      "/opt/named/chromium",
      "/usr/bin/chromium",
      "/usr/bin/chromium-browser",
      "/usr/bin/google-chrome",
      "/usr/bin/google-chrome-stable",
    ];
    for (const place of places) present.add(place);
    for (const place of places) {
      expect(chromiumPath()).toBe(place);
      present.delete(place);
    }

    present.add("/usr/bin/chromium");
    const session = await openBrowser();
    expect(launches).toEqual([
      {
        profile: expect.stringMatching(/kerry-chromium-/),
        options: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
          viewport: { width: 1280, height: 900 },
        },
        closed: false,
      },
    ]);
    const [launch] = launches;
    expect(isThere(launch?.profile ?? "")).toBe(true);
    await session.close();
    expect(launch?.closed).toBe(true);
    // The profile folder goes with the session.
    expect(isThere(launch?.profile ?? "")).toBe(false);
  });
});
