import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { Emitter } from "../scripts/emit/emitter.ts";
import { BANNER } from "../scripts/lib/banner.ts";
import type { Schemas } from "../scripts/lib/schemas/index.ts";
import { build, render } from "../scripts/pipeline/build.ts";
import { DOCUMENTS, sectionIn, sectionsOf } from "../scripts/pipeline/docs.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, dataCopy, ROOT, tempDir } from "./helpers.ts";

// The build on the small base fixture, in this process, with emitters made for the test: what it
// returns, what it leaves in the output folder and beside it, which documents it refreshes, and
// how it refuses invalid data. (build.test.ts builds the real data with the package's emitters.)

/** An emitter that writes the given files, each holding its own path and the record count. */
const writing = (name: string, paths: string[]): Emitter => ({
  name,
  emit(model, out) {
    const records = model.collections.reduce((n, { records }) => n + records.length, 0);
    for (const path of paths) out.set(path, `${path} of ${records} records`);
  },
});

// Written out of order, in two emitters, with a file at the top and two in one folder.
const EMITTED = [
  writing("first", ["pipeline-zeta.txt", "pipeline/b.txt"]),
  writing("second", ["pipeline/a.txt", "pipeline/deep/c.txt"]),
];
const FILES = ["pipeline-zeta.txt", "pipeline/a.txt", "pipeline/b.txt", "pipeline/deep/c.txt"];
/** The base fixture's records: citations, claims, events, organizations, two people, places, quotes, reviews, sources. */
const RECORDS = 10;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** An output folder inside a fresh folder of its own, holding the last build's one file. */
function previousOutput(): string {
  const out = join(tempDir(), "dist");
  mkdirSync(out);
  writeFileSync(join(out, "previous.txt"), "the last good build");
  return out;
}

/** A copy of the base fixture in which one person's name is a number: a schema-type error. */
function invalidData(): string {
  const data = dataCopy();
  const record = join(data, "people", "bo-chen.json");
  writeFileSync(record, readFileSync(record, "utf8").replace('"name": "Bo Chen"', '"name": 7'));
  return data;
}

/** The package's documents with generated sections, copied to a fresh root. */
function documentsCopy(): string {
  const root = tempDir();
  for (const doc of DOCUMENTS) {
    mkdirSync(dirname(join(root, doc)), { recursive: true });
    cpSync(join(ROOT, doc), join(root, doc));
  }
  return root;
}

describe("build on the base fixture", () => {
  it("writes what the emitters make into a new output folder, sorted, and leaves nothing beside it", async () => {
    const out = join(tempDir(), "dist");
    const result = await build(BASE, out, { emitters: EMITTED });
    expect(result).toEqual({
      problems: [],
      crashed: [],
      records: RECORDS,
      files: FILES,
      documents: [],
    });
    expect(listFiles(out)).toEqual(FILES);
    expect(readFileSync(join(out, "pipeline/deep/c.txt"), "utf8")).toBe(
      `pipeline/deep/c.txt of ${RECORDS} records`,
    );
    expect(readdirSync(dirname(out))).toEqual(["dist"]);
  });

  it("replaces an existing output folder as a whole, and removes the old one", async () => {
    const out = previousOutput();
    const { files } = await build(BASE, out, { emitters: EMITTED, jobs: 1 });
    expect(files).toEqual(FILES);
    expect(listFiles(out)).toEqual(FILES);
    expect(readdirSync(dirname(out))).toEqual(["dist"]);
  });

  it("puts an empty output folder in place of the old one when the emitters write nothing", async () => {
    const out = previousOutput();
    const { files } = await build(BASE, out, { emitters: [writing("none", [])] });
    expect(files).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(dirname(out))).toEqual(["dist"]);
  });

  it("makes the folders above a new output folder", async () => {
    const out = join(tempDir(), "not", "yet", "dist");
    const { files } = await build(BASE, out, { emitters: EMITTED });
    expect(files).toEqual(FILES);
    expect(listFiles(out)).toEqual(FILES);
  });

  it("clears a staging folder an interrupted build left behind", async () => {
    const out = join(tempDir(), "dist");
    const staging = `${out}.tmp-${process.pid}`;
    mkdirSync(join(staging, "stale"), { recursive: true });
    writeFileSync(join(staging, "stale", "left.txt"), "from a build that was interrupted");
    const { files } = await build(BASE, out, { emitters: EMITTED });
    expect(files).toEqual(FILES);
    expect(listFiles(out)).toEqual(FILES);
    expect(readdirSync(dirname(out))).toEqual(["dist"]);
  });

  it("prepares each emitter that has a prepare step with the package's schemas, first", async () => {
    const steps: string[] = [];
    let prepared: Schemas | undefined;
    const preparing: Emitter = {
      name: "preparing",
      prepare(schemas) {
        prepared = schemas;
        steps.push("prepare");
      },
      emit(_, out) {
        steps.push("emit");
        out.set("pipeline-prepared.txt", "");
      },
    };
    const { files } = await build(BASE, join(tempDir(), "dist"), {
      emitters: [writing("plain", []), preparing],
    });
    expect(files).toEqual(["pipeline-prepared.txt"]);
    expect(steps).toEqual(["prepare", "emit"]);
    expect(prepared?.collections.map((c) => c.name)).toContain("people");
  });

  it("uses every emitter of the package when none are given", async () => {
    const out = join(tempDir(), "dist");
    const { files } = await build(BASE, out);
    expect(files).toEqual(listFiles(out));
    expect(files).toEqual(
      expect.arrayContaining(["index.d.ts", "datapackage.json", "kerry-moscow-2013.sqlite"]),
    );
  });

  it("refuses invalid data: the problem, no file written, the old output untouched", async () => {
    const out = previousOutput();
    let emitted = false;
    const result = await build(invalidData(), out, {
      emitters: [
        {
          name: "never",
          emit() {
            emitted = true;
          },
        },
      ],
      docsRoot: documentsCopy(),
    });
    expect(result.files).toEqual([]);
    expect(result.documents).toEqual([]);
    expect(result.crashed).toEqual([]);
    expect(result.records).toBe(RECORDS);
    expect(result.problems.map((p) => [p.file.endsWith("people/bo-chen.json"), p.code])).toEqual([
      [true, "schema-type"],
    ]);
    expect(emitted).toBe(false);
    expect(listFiles(out)).toEqual(["previous.txt"]);
    expect(readdirSync(dirname(out))).toEqual(["dist"]);
  });

  it("leaves the old output whole, and no staging folder, when an emitter fails midway", async () => {
    const out = previousOutput();
    const failing: Emitter = {
      name: "failing",
      emit() {
        throw new Error("disk full");
      },
    };
    await expect(build(BASE, out, { emitters: [...EMITTED, failing] })).rejects.toThrow(
      /^disk full$/,
    );
    expect(listFiles(out)).toEqual(["previous.txt"]);
    expect(readdirSync(dirname(out))).toEqual(["dist"]);
  });

  it("refreshes the generated sections of the documents that changed, and names only those", async () => {
    const root = documentsCopy();
    const before = new Map(DOCUMENTS.map((doc) => [doc, readFileSync(join(root, doc), "utf8")]));
    const { documents } = await build(BASE, join(tempDir(), "dist"), {
      emitters: EMITTED,
      docsRoot: root,
    });
    // The record counts (README.md) and the files (docs/outputs.md) are the fixture's; the
    // sections made from the schemas alone are as committed.
    expect(documents).toEqual(["README.md", "docs/outputs.md"]);
    const now = (doc: string) => readFileSync(join(root, doc), "utf8");
    for (const doc of DOCUMENTS.filter((d) => !documents.includes(d)))
      expect(now(doc), doc).toBe(before.get(doc));
    expect(sectionIn(now("docs/outputs.md"), "files")).toBe(
      [
        "| folder | files |",
        "| --- | --- |",
        "| `dist/` | `pipeline-zeta.txt` |",
        "| `dist/pipeline/` | `a.txt`, `b.txt` |",
        "| `dist/pipeline/deep/` | `c.txt` |",
      ].join("\n"),
    );
    const collections = sectionIn(now("README.md"), "collections")?.split("\n");
    expect(collections?.slice(0, 2)).toEqual([
      "| collection | records | what a record is |",
      "| --- | ---: | --- |",
    ]);
    expect(collections?.map((row) => row.split(" | ").slice(0, 2).join(" | ")).slice(2)).toEqual([
      "| `citations` | 1",
      "| `claims` | 1",
      "| `events` | 1",
      "| `organizations` | 1",
      "| `people` | 2",
      "| `places` | 1",
      "| `quotes` | 1",
      "| `reviews` | 1",
      "| `sources` | 1",
    ]);
    expect(collections?.[6]).toBe(
      "| `people` | 2 | A person named or referred to in a source (after Popolo `Person`). |",
    );
    // Only the bodies of the generated sections changed, each under its banner.
    for (const doc of documents) {
      const [was, is] = [before.get(doc) ?? "", now(doc)];
      expect([...sectionsOf(is).keys()]).toEqual([...sectionsOf(was).keys()]);
      for (const body of sectionsOf(is).values()) expect(body).toMatch(`\n<!-- ${BANNER} -->\n`);
      const outside = (text: string) =>
        text.split(/<!-- \/?generated:[a-z-]+ -->/).filter((_, i) => i % 2 === 0);
      expect(outside(is)).toEqual(outside(was));
    }
  });

  it("writes no document whose sections are already up to date", async () => {
    const root = documentsCopy();
    const options = { emitters: EMITTED, docsRoot: root };
    await build(BASE, join(tempDir(), "dist"), options);
    const { documents } = await build(BASE, join(tempDir(), "dist"), options);
    expect(documents).toEqual([]);
  });
});

describe("render", () => {
  it("runs the emitters over the validated data and keeps their files in memory", async () => {
    const validation = validate(BASE);
    const { model, output } = await render(validation, EMITTED);
    expect(model.collections.find((c) => c.collection.name === "people")?.records.length).toBe(2);
    expect([...output.keys()]).toEqual([
      "pipeline-zeta.txt",
      "pipeline/b.txt",
      "pipeline/a.txt",
      "pipeline/deep/c.txt",
    ]);
    expect(Buffer.from(output.get("pipeline/a.txt") ?? []).toString()).toBe(
      `pipeline/a.txt of ${RECORDS} records`,
    );
  });
});
