import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { command as fix } from "../scripts/fix.ts";
import { loadDataset } from "../scripts/lib/dataset.ts";
import { fixedText } from "../scripts/lib/fix.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, call, dataCopy, ROOT, run } from "./helpers.ts";

/** Fixes every record in a folder in memory and returns text by display path. */
const fixAll = (dir: string) =>
  new Map(loadDataset(dir).dataset.records.map((file) => [file.display, fixedText(file)]));

/** The value with every object's keys in reverse order, as a careless editor might leave them. */
const reverseKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reverseKeys)
    : value && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reverseKeys(v)]),
        )
      : value;

describe("npm run fix", () => {
  it("is idempotent and keeps every value, over the real data scrambled", async () => {
    const dir = dataCopy(join(ROOT, "data"));
    // Scramble: reverse key order everywhere and indent with tabs, as an editor might.
    const originals = new Map<string, unknown>();
    for (const collection of readdirSync(dir)) {
      for (const file of readdirSync(join(dir, collection)).filter((f) => f.endsWith(".json"))) {
        const path = join(dir, collection, file);
        const value = JSON.parse(readFileSync(path, "utf8"));
        originals.set(path, value);
        writeFileSync(path, JSON.stringify(reverseKeys(value), null, "\t"));
      }
    }
    expect(validate(dir).problems.filter((p) => p.code === "format")).toHaveLength(originals.size);
    const { status, stdout } = await call(fix, ["--data", dir]);
    expect(status).toBe(0);
    expect(stdout).toContain(`${originals.size} of ${originals.size} files fixed`);
    for (const [path, value] of originals)
      expect(JSON.parse(readFileSync(path, "utf8")), path).toEqual(value);
    expect(validate(dir).problems.filter((p) => p.severity === "error")).toEqual([]);
    const once = fixAll(dir);
    expect((await call(fix, ["--data", dir])).stdout).toContain(
      `0 of ${originals.size} files fixed`,
    );
    expect(fixAll(dir)).toEqual(once);
  });

  it("never drops or changes a value, and fix(fix(x)) == fix(x), for generated records", () => {
    const dir = dataCopy();
    const path = join(dir, "people", "bo-chen.json");
    const base = JSON.parse(readFileSync(path, "utf8"));
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue({ maxDepth: 3 })),
        fc.integer({ min: 0, max: 4 }),
        (extra, indent) => {
          const record = { ...extra, ...base };
          writeFileSync(path, JSON.stringify(record, null, indent));
          const file = loadDataset(dir).dataset.records.find((r) => r.name === "bo-chen");
          if (!file) throw new Error("bo-chen did not load");
          const once = fixedText(file);
          expect(JSON.parse(once)).toEqual(JSON.parse(JSON.stringify(record)));
          writeFileSync(path, once);
          const again = loadDataset(dir).dataset.records.find((r) => r.name === "bo-chen");
          expect(again && fixedText(again)).toBe(once);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("gives the base fixture's own bytes, written by hand in schema order, from every record scrambled", async () => {
    // The base records were written and checked by hand against the schemas' property order
    // (array items included): they are the expected bytes, not output of the code under test.
    const dir = dataCopy();
    const files = readdirSync(BASE, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".json"))
      .sort();
    expect(files).toHaveLength(10);
    for (const file of files) {
      const value = JSON.parse(readFileSync(join(BASE, file), "utf8"));
      writeFileSync(join(dir, file), JSON.stringify(reverseKeys(value), null, "\t"));
    }
    expect((await call(fix, ["--data", dir])).stdout).toContain("10 of 10 files fixed");
    for (const file of files)
      expect(readFileSync(join(dir, file), "utf8"), file).toBe(
        readFileSync(join(BASE, file), "utf8"),
      );
  });

  it("adds a missing $schema and nothing else", async () => {
    const dir = dataCopy();
    const path = join(dir, "places", "lima.json");
    const { $schema, ...rest } = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, `${JSON.stringify(rest, null, 2)}\n`);
    expect((await call(fix, ["--data", dir])).status).toBe(0);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ $schema, ...rest });
  });

  it("removes a byte-order mark, and nothing else", async () => {
    const dir = dataCopy();
    const canonical = join(dir, "people", "bo-chen.json");
    const loose = join(dir, "places", "lima.json");
    const original = readFileSync(canonical);
    const value = JSON.parse(readFileSync(loose, "utf8"));
    const mark = Buffer.from([0xef, 0xbb, 0xbf]);
    writeFileSync(canonical, Buffer.concat([mark, original]));
    writeFileSync(loose, Buffer.concat([mark, Buffer.from(JSON.stringify(value))]));
    expect(validate(dir).problems.map((p) => p.code)).toEqual(["bom", "bom"]);

    const checked = await call(fix, ["--data", dir, "--check"]);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain(`would fix ${canonical}`);
    expect(checked.stdout).toContain(`would fix ${loose}`);
    expect(checked.stderr).toBe("");
    expect(readFileSync(canonical).subarray(0, 3)).toEqual(mark);

    const { status, stdout, stderr } = await call(fix, ["--data", dir]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toContain(`fixed ${canonical}`);
    expect(readFileSync(canonical)).toEqual(original);
    expect(JSON.parse(readFileSync(loose, "utf8"))).toEqual(value);
    expect(validate(dir).problems).toEqual([]);
  });

  it("refuses to touch a file that does not parse, and says so", () => {
    const dir = dataCopy();
    const path = join(dir, "places", "lima.json");
    const broken = readFileSync(path, "utf8").replace('"kind": "city",', '"kind": "city"');
    writeFileSync(path, broken);
    const { status, stderr } = run("fix.ts", ["--data", dir]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/places\/lima\.json:\d+:\d+ {2}error {2}json-syntax/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(path, "utf8")).toBe(broken);
  });

  it("with --check writes nothing and exits 1 when a file needs fixing", async () => {
    const dir = dataCopy();
    const path = join(dir, "places", "lima.json");
    const loose = JSON.stringify(JSON.parse(readFileSync(path, "utf8")));
    writeFileSync(path, loose);
    const { status, stdout } = await call(fix, ["--data", dir, "--check"]);
    expect(status).toBe(1);
    expect(stdout).toContain("would fix");
    expect(readFileSync(path, "utf8")).toBe(loose);
  });
});
