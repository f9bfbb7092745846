import { describe, expect, it, vi } from "vitest";

// Which files exist is decided here, so that where Chromium is found does not depend on the
// machine: `$CHROMIUM` names a file that does not exist.
const present = vi.hoisted(() => new Set<string>());
vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  const existsSync = (path: string) => present.has(path);
  return { ...fs, default: { ...fs, existsSync }, existsSync };
});

// Only the search for the executable is tried: no browser is started.
vi.mock("playwright-core", () => ({ chromium: {} }));

describe("finding Chromium", () => {
  it("takes the first usual place that exists, never a named path that does not", async () => {
    const named = process.env.CHROMIUM;
    process.env.CHROMIUM = "/no/such/chromium";
    const { chromiumPath } = await import("../scripts/lib/browser.ts");
    if (named === undefined) delete process.env.CHROMIUM;
    else process.env.CHROMIUM = named;
    expect(() => chromiumPath()).toThrow(
      "Chromium was not found. Install it (Debian: apt-get install chromium) or set CHROMIUM to its path.",
    );
    present.add("/usr/bin/google-chrome");
    expect(chromiumPath()).toBe("/usr/bin/google-chrome");
  });
});
