import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { command as bench } from "../scripts/bench/run.ts";
import { command as build } from "../scripts/build.ts";
import { command as diff } from "../scripts/diff.ts";
import { command as fix } from "../scripts/fix.ts";
import { command as screenshot } from "../scripts/screenshot.ts";
import { command as span } from "../scripts/span.ts";
import { command as validate } from "../scripts/validate.ts";
import { call, ROOT, runAsNpm } from "./helpers.ts";

describe("every command", () => {
  it.each([
    ["validate", validate],
    ["build", build],
    ["fix", fix],
    ["span", span],
    ["diff", diff],
    ["bench", bench],
    ["screenshot", screenshot],
  ] as const)("%s prints its usage for --help and exits 0", async (name, command) => {
    const { status, stdout, stderr } = await call(command, ["--help"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(new RegExp(`^usage: npm run ${name}`));
    expect(stderr).toBe("");
  });

  it("refuses a command npm does not run, with exit 2", () => {
    const { status, stderr } = runAsNpm("deploy", []);
    expect(status).toBe(2);
    expect(stderr).toContain("usage: node scripts/run.mjs");
  });
});

describe("scripts/run.mjs", () => {
  const CACHE = join(ROOT, "node_modules", ".kerry-moscow-2013");

  it("starts a command from its bundle with one code cache, named by the bundle's hash", () => {
    for (let i = 0; i < 2; i++) expect(runAsNpm("span", ["--help"]).status).toBe(0);
    const code = readFileSync(join(CACHE, "span.cjs"));
    const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
    const caches = readdirSync(CACHE).filter(
      (f) => f.startsWith("span.cjs.") && f.endsWith(".cache"),
    );
    // V8 checks a cache against the code's length only: a cache of other code is never read.
    expect(caches).toEqual([`span.cjs.${process.versions.v8}.${hash}.cache`]);
  });
});
