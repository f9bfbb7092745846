import { describe, expect, it } from "vitest";
import { command as bench } from "../scripts/bench/run.ts";
import { command as build } from "../scripts/build.ts";
import { command as fix } from "../scripts/fix.ts";
import { command as screenshot } from "../scripts/screenshot.ts";
import { command as span } from "../scripts/span.ts";
import { command as validate } from "../scripts/validate.ts";
import { call, runAsNpm } from "./helpers.ts";

describe("every command", () => {
  it.each([
    ["validate", validate],
    ["build", build],
    ["fix", fix],
    ["span", span],
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
