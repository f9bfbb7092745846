import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import jsonld from "jsonld";
import { describe, expect, it } from "vitest";
import { csvEmitter } from "../scripts/emit/csv.ts";
import { datapackageEmitter } from "../scripts/emit/datapackage.ts";
import { jsonEmitter } from "../scripts/emit/json.ts";
import { jsonldEmitter } from "../scripts/emit/jsonld.ts";
import { sqliteEmitter } from "../scripts/emit/sqlite.ts";
import { render } from "../scripts/pipeline/build.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, FIXTURES, tempDir } from "./helpers.ts";

// The files in base-expected/ were written for the base fixture and read line by line against
// its records by a person: they say what the build must make, independently of the code that
// makes it. REWRITE_BASE_EXPECTED=1 overwrites them with what the build makes now, for a
// person to review with `git diff` before committing; it is off by default, and a run with it
// on asserts nothing.
const EXPECTED = join(FIXTURES, "base-expected");
const REWRITE = process.env.REWRITE_BASE_EXPECTED === "1";
const SCHEMA = "https://schema.org/";

// The Data Package lists the JSON files and the CSVs; the database repeats its metadata. Each
// test renders the fixture itself, so that what a test checks is what it ran.
const EMITTERS = [jsonEmitter, jsonldEmitter, csvEmitter, datapackageEmitter, sqliteEmitter];
const renderBase = () => render(validate(BASE), EMITTERS);
const textOf = (content: Uint8Array | undefined) => Buffer.from(content ?? "").toString("utf8");

/** The bytes the build made for `path` are those expected (or, when rewriting, become them). */
function expectFile(path: string, actual: string) {
  const file = join(EXPECTED, path);
  if (REWRITE) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual, path).toBe(readFileSync(file, "utf8"));
}

describe("the base fixture's build, against expectations written by hand", () => {
  it("makes exactly the CSV tables expected, byte for byte", async () => {
    const { output } = await renderBase();
    const made = [...output.keys()].filter((path) => path.startsWith("csv/")).sort();
    if (!REWRITE)
      expect(made).toEqual(
        readdirSync(join(EXPECTED, "csv"))
          .map((name) => `csv/${name}`)
          .sort(),
      );
    for (const path of made) expectFile(path, textOf(output.get(path)));
  });

  it("makes the JSON-LD graph expected, byte for byte", async () => {
    const { output } = await renderBase();
    expectFile("jsonld/dataset.jsonld", textOf(output.get("jsonld/dataset.jsonld")));
  });

  it("gives the rows expected from the events__participants_view of the SQLite database", async () => {
    const { output } = await renderBase();
    const file = join(tempDir(), "base.sqlite");
    writeFileSync(file, output.get("kerry-moscow-2013.sqlite") ?? new Uint8Array());
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("SELECT * FROM events__participants_view").all();
    db.close();
    expectFile("sqlite/events__participants_view.json", `${JSON.stringify(rows, null, 2)}\n`);
  });
});

describe("the JSON-LD graph of the base fixture", () => {
  it("types the dataset node itself as a schema.org Dataset", async () => {
    const { model, output } = await renderBase();
    const doc = JSON.parse(textOf(output.get("jsonld/dataset.jsonld")));
    const expanded = (await jsonld.expand(doc)) as { "@id"?: string; "@type"?: string[] }[];
    const dataset = expanded.find((node) => node["@id"] === model.homepage);
    expect(dataset?.["@type"]).toEqual([`${SCHEMA}Dataset`]);
  });
});
