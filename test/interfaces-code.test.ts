/**
 * Which code the kept interfaces are named by: every module of the emitters and the shared
 * building blocks, at any depth, so that a change to any of them makes the interfaces again.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { codeFiles, moduleFiles } from "../scripts/emit/interfaces-cache.ts";
import { ROOT, tempDir } from "./helpers.ts";

describe("the module files of a folder", () => {
  it("are its .ts and .mjs files at any depth, by path in code-unit order", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "inner", "deeper"), { recursive: true });
    for (const file of [
      "b.ts",
      "z.ts",
      "a.mjs",
      "Z.ts",
      "notes.md",
      "page.js",
      "old.ts.bak",
      "inner/c.ts",
      "inner/deeper/d.mjs",
      "inner/e.json",
    ])
      writeFileSync(join(dir, file), "");
    expect(moduleFiles(dir)).toEqual(
      ["Z.ts", "a.mjs", "b.ts", "inner/c.ts", "inner/deeper/d.mjs", "z.ts"].map((file) =>
        join(dir, file),
      ),
    );
  });
});

describe("the code behind the interfaces", () => {
  it("is, from the sources, the emitters' and building blocks' modules, then the lockfile", () => {
    const files = codeFiles(pathToFileURL(join(ROOT, "scripts", "emit", "types.ts")).href);
    const at = (path: string) => files.indexOf(join(ROOT, path));
    expect(at("scripts/emit/interfaces.ts")).toBeGreaterThanOrEqual(0);
    expect(at("scripts/emit/site/page.ts")).toBeGreaterThan(at("scripts/emit/interfaces.ts"));
    expect(at("scripts/lib/code-cache.mjs")).toBeGreaterThan(at("scripts/emit/site/page.ts"));
    expect(at("scripts/lib/schemas/walk.ts")).toBeGreaterThan(at("scripts/lib/code-cache.mjs"));
    expect(files.at(-1)).toBe(join(ROOT, "package-lock.json"));
    // Nothing from the commands or the pipelines beside them.
    expect(at("scripts/build.ts")).toBe(-1);
    expect(at("scripts/pipeline/build.ts")).toBe(-1);
  });
});
