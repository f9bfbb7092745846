import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { listDataset } from "../scripts/lib/dataset.ts";
import { loadPackageSchemas } from "../scripts/lib/schemas/index.ts";
import { tempDir } from "./helpers.ts";

// A file system may list a folder in any order: here it lists every folder backwards, so that
// the order of records and problems can only come from the sorting.
vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  const readdirSync = (...args: Parameters<typeof fs.readdirSync>) =>
    (fs.readdirSync(...args) as unknown[]).slice().reverse();
  return { ...fs, default: { ...fs, readdirSync }, readdirSync };
});

describe("a data folder listed in any order", () => {
  it("gives folders and files in name order", () => {
    const schemas = loadPackageSchemas();
    const collection = schemas.collections[0];
    if (!collection) throw new Error("the package has no collection");
    const dir = tempDir();
    for (const folder of ["zz-a", "zz-b", "zz-c", collection.name]) mkdirSync(join(dir, folder));
    for (const name of ["a", "b", "c", "d", "e"])
      writeFileSync(join(dir, collection.name, `${name}.json`), "{}");
    const listed = listDataset(dir, schemas);
    expect(listed.entries.map((e) => e.name)).toEqual(["a", "b", "c", "d", "e"]);
    expect(listed.problems.map((p) => p.file.slice(dir.length + 1))).toEqual([
      "zz-a",
      "zz-b",
      "zz-c",
    ]);
  });
});
