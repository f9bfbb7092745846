import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import jsonld from "jsonld";
import { describe, expect, it } from "vitest";
import { csvEmitter } from "../scripts/emit/csv.ts";
import { datapackageEmitter } from "../scripts/emit/datapackage.ts";
import { jsonEmitter } from "../scripts/emit/json.ts";
import { jsonldEmitter } from "../scripts/emit/jsonld.ts";
import { siteEmitter } from "../scripts/emit/site/index.ts";
import { CLIENT } from "../scripts/emit/site/script.ts";
import { DATASETTE_METADATA, sqliteEmitter } from "../scripts/emit/sqlite.ts";
import { BANNER } from "../scripts/lib/banner.ts";
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
const renderSite = () => render(validate(BASE), [siteEmitter]);
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

describe("the base fixture's database, against expectations written by hand", () => {
  it("makes the SQLite database expected: its settings, every table, view and index, every row", async () => {
    const { model, output } = await renderBase();
    const file = join(tempDir(), "base.sqlite");
    writeFileSync(file, output.get(`${model.name}.sqlite`) ?? new Uint8Array());
    const db = new Database(file, { readonly: true });
    try {
      expectFile("sqlite/database.txt", databaseText(db));
    } finally {
      db.close();
    }
  });

  it("makes the Datasette metadata expected, byte for byte", async () => {
    const { output } = await renderBase();
    expectFile(DATASETTE_METADATA, textOf(output.get(DATASETTE_METADATA)));
  });
});

/**
 * The database as text a person can read: the page size, each object's SQL in the order SQLite
 * keeps them, then the rows of each table and view as JSON, one a line, and for each full-text
 * index the rows a word of its first row finds. The full-text indexes' own storage tables are
 * named with their SQL but not dumped: their rows are SQLite's encoding, not the data.
 */
function databaseText(db: Database.Database): string {
  const lines = [`page_size ${db.pragma("page_size", { simple: true })}`];
  const objects = db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY rowid").all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
  const search = objects.filter((o) => o.sql?.startsWith("CREATE VIRTUAL TABLE"));
  const storage = (name: string) => search.some((s) => name.startsWith(`${s.name}_`));
  for (const { type, name, sql } of objects) lines.push("", `-- ${type} ${name}`, sql ?? "");
  for (const { type, name } of objects) {
    if ((type !== "table" && type !== "view") || storage(name)) continue;
    lines.push("", `-- rows of ${name}`);
    const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
    for (const row of rows) lines.push(JSON.stringify(row));
    if (!search.some((s) => s.name === name)) continue;
    const word = /\p{L}+/u.exec(String(Object.values(rows[0] ?? {})[0] ?? ""))?.[0] ?? "";
    const found = db.prepare(`SELECT rowid FROM "${name}" WHERE "${name}" MATCH ?`).all(word);
    lines.push(`-- ${name} MATCH ${JSON.stringify(word)}: rowids ${JSON.stringify(found)}`);
  }
  return `${lines.join("\n")}\n`;
}

describe("the base fixture's pages, against expectations written by hand", () => {
  // A page holds its records and their ClaimReview markup as JSON on one line each: the expected
  // page has a placeholder there, and the JSON is expected beside it, indented, in the same order.
  const DATA =
    /(<script type="application\/(?:json|ld\+json)" id="(_data|_claimreview)">)(.*?)(<\/script>)/gs;

  it("makes the index page expected, byte for byte", async () => {
    const { output } = await renderSite();
    expectFile("site/index.html", textOf(output.get("site/index.html")));
  });

  it("makes the style sheet: the banner, the pages' own layout, then the colours expected", async () => {
    const { output } = await renderSite();
    const css = textOf(output.get("site/site.css"));
    // The layout is written by hand in client/site.css; only the colours are made.
    const layout = `/* ${BANNER} */\n${readFileSync(join(CLIENT, "site.css"), "utf8")}`;
    expect(css.startsWith(layout)).toBe(true);
    expectFile("site/colours.css", css.slice(layout.length));
  });

  it("makes the sample article's page expected, its records and ClaimReview markup included", async () => {
    const { output } = await renderSite();
    const page = textOf(output.get("site/sample-article.html"));
    const blobs: string[] = [];
    const shell = page.replace(DATA, (_, open: string, id: string, json: string, close: string) => {
      // What a script element holds can never close it.
      expect(json, id).not.toMatch(/<\/|<!--/);
      expectFile(`site/sample-article${id}.json`, `${JSON.stringify(JSON.parse(json), null, 2)}\n`);
      blobs.push(id);
      return `${open}(site/sample-article${id}.json)${close}`;
    });
    expect(blobs).toEqual(["_data", "_claimreview"]);
    expectFile("site/sample-article.html", shell);
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
