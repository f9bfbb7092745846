import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dictionaryEmitter } from "../scripts/emit/dictionary.ts";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { BANNER } from "../scripts/lib/banner.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import { loadSchemas, SCHEMA_DIR } from "../scripts/lib/schemas/index.ts";
import { render } from "../scripts/pipeline/build.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, ROOT, tempDir } from "./helpers.ts";

// data-dictionary.md of the base fixture: its opening, its headings, and one section of each
// kind (a link table, the database's full-text indexes, the AVeriTeC mapping), written out here
// from the tables of the base fixture and read against them by hand.

async function dictionary(): Promise<string> {
  const { output } = await render(validate(BASE), [dictionaryEmitter]);
  return Buffer.from(output.get("data-dictionary.md") ?? "").toString("utf8");
}

const { name, version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

const OPENING =
  `> ${BANNER}\n\n# Data dictionary: ${name} ${version}\n\n` +
  "Every CSV in `csv/` is one table. No cell holds JSON or a list:\n\n- `<collection>` has one row per record, keyed by `id`. Nested objects are flattened with `_`:\n  `text.source` is the column `text_source`.\n- `<collection>__<array>` has one row per item of a list in a record, named by the list's path\n  joined with `_` (`citations__short_names`); a list inside a list's items adds a level after\n  another `__` (`events__participants__provenance_citations`). Its key is the parent row's key\n  (`<record>_id`, such as `citation_id`, then `<level>_position` for each enclosing list)\n  followed by `position`, the item's 0-based place in its list. A list of ids or words has one\n  value column named after the list.\n- `records` lists every record id with its collection: a reference that may point into\n  several collections is a foreign key to `records.id`.\n\nFiles are UTF-8 without a byte order mark, with a header row, RFC 4180 quoting and LF line ends.\nAn empty cell means the field is absent, or `null` where the column says so. Booleans are\n`true` and `false`. `datapackage.json` describes the same tables as a Frictionless Data\nPackage.\n\n## `records`\n\nEvery record id with its collection and its label; ids are unique across collections, so any id in any table is named by one join on this table.\n\nFile: `csv/records.csv`. Primary key: `id`.\n\n| Column | Field | Type | Required | Description | Allowed values | References |\n| --- | --- | --- | --- | --- | --- | --- |\n| `id` |  | string | yes | A record id. |  |  |\n| `collection` |  | string | yes | The collection the record belongs to. | `citations`, `claims`, `events`, `organizations`, `people`, `places`, `quotes`, `reviews`, `sources` |  |\n| `label` |  | string | yes | What names or shows the record: its field with the `label` role in the schema (a name, a title, or the exact text of a span), or its id where it has none. |  |  |";

const CLAIMS_ABOUT =
  "### `claims__about`\n\nIds of the records the claim is about. One row per item of `about`.\n\nFile: `csv/claims__about.csv`. Primary key: `claim_id`, `position`.\n\n| Column | Field | Type | Required | Description | Allowed values | References |\n| --- | --- | --- | --- | --- | --- | --- |\n| `claim_id` |  | string | yes | Id of the record in `claims`. |  | `claims.id` |\n| `position` |  | integer | yes | 0-based place of the item in `about`. |  |  |\n| `about` | `about[]` | string | yes | Ids of the records the claim is about. |  | `records.id` (`people`, `organizations`, `places`, `events`) |";

const FULL_TEXT =
  "### `claims_fts`\n\nFull-text index (FTS5) over `claims.text_exact`: `SELECT * FROM claims WHERE rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'words')`. Columns: `text_exact`.\n\n### `quotes_fts`\n\nFull-text index (FTS5) over `quotes.text_exact`: `SELECT * FROM quotes WHERE rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'words')`. Columns: `text_exact`.";

describe("the data dictionary of the base fixture", () => {
  it("opens with the banner, the title, how tables are named, with examples, and the records table", async () => {
    const text = await dictionary();
    const expected = `${OPENING}\n\n## Citation (\`citations\`)\n\n### \`citations\`\n`;
    expect(text.slice(0, expected.length)).toBe(expected);
    expect(text.endsWith(" |\n")).toBe(true);
  });

  it("has a section per collection, in order, then the database and the AVeriTeC export", async () => {
    const headings = (await dictionary()).split("\n").filter((line) => line.startsWith("## "));
    expect(headings).toEqual([
      "## `records`",
      "## Citation (`citations`)",
      "## Claim (`claims`)",
      "## Event (`events`)",
      "## Organization (`organizations`)",
      "## Person (`people`)",
      "## Place (`places`)",
      "## Quote (`quotes`)",
      "## Review (`reviews`)",
      "## Source (`sources`)",
      "## SQLite database",
      "## AVeriTeC export",
    ]);
  });

  it("describes a link table column by column, with the collections behind a reference to records", async () => {
    expect(await dictionary()).toContain(`\n\n${CLAIMS_ABOUT}\n\n## Event (\`events\`)\n`);
  });

  it("marks a nullable column, a URL column and a column of allowed values", async () => {
    const text = await dictionary();
    expect(text).toContain(
      "\n| `publisher` | `publisher` | string | no; empty means null | Who published it; `null` when unknown. |  |  |\n",
    );
    expect(text).toContain("\n| `url` | `url` | string (uri) | no | ");
    expect(text).toContain(
      "\n| `genre` | `genre` | string | no | What kind of text it is, as far as the text shows. | `news`, `opinion`, `news-with-opinion`, `press-release`, `transcript` |  |\n",
    );
  });

  it("describes the database's tables, and each full-text index", async () => {
    const text = await dictionary();
    expect(text).toContain(
      `\n## SQLite database\n\n${"`kerry-moscow-2013.sqlite` holds every table above under the same name, with the same columns, rows, primary keys and foreign keys, as STRICT tables: `string` as `TEXT`, `integer` as `INTEGER`, `number` as `REAL`, `boolean` as `INTEGER`, `date` as `TEXT`. Booleans are 0 and 1 and dates `YYYY-MM-DD` text, each held to that by a CHECK, as are allowed values; required columns are NOT NULL, and an absent or `null` value is NULL. `_tables` and `_columns` describe every table, view and column, `_about` the database. The views below join each reference to the label of the record it points to (`<column>_label`), from the field whose role in the schema is `label`."}\n\n### \`record_labels\` (view)\n`,
    );
    expect(text).toContain(`\n\n${FULL_TEXT}\n\n## AVeriTeC export\n`);
  });

  it("gives the AVeriTeC export's label of each verdict, from the field the schema names", async () => {
    const text = await dictionary();
    expect(text).toContain(
      `\n\n${"## AVeriTeC export\n\n`averitec.json` holds every reviewed claim in the JSON format of the AVeriTeC shared task (FEVER 2024): the claim, its speaker and date, a label, the justification, and the evidence as questions, each answered from a source. The label is read from `reviews.verdict` by this mapping; a verdict with no label has no faithful one, and the claims it was given are left out of the file.\n\n| Verdict | AVeriTeC label | Why |\n| --- | --- | --- |"}`,
    );
  });
});

describe("the data dictionary of schemas without lists, reviews or examples", () => {
  const NOTE = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "note.schema.json",
    title: "Note",
    description: "A note.",
    "x-collection": "notes",
    type: "object",
    additionalProperties: false,
    required: ["id", "text"],
    properties: {
      id: { $ref: "defs.schema.json#/$defs/id" },
      text: { description: "What it says.", type: "string", "x-role": "label", "x-search": true },
      aside: { description: "What it adds.", type: "string", "x-search": true },
      see: {
        description: "Id of another note.",
        $ref: "defs.schema.json#/$defs/id",
        "x-references": ["notes"],
      },
      mark: { type: "string" },
    },
  };

  /** The dictionary of a model of no records, on the shared definitions and the given schemas. */
  function dictionaryOf(schemas: JsonObject[]): string {
    const dir = tempDir();
    copyFileSync(join(SCHEMA_DIR, "defs.schema.json"), join(dir, "defs.schema.json"));
    for (const schema of schemas)
      writeFileSync(join(dir, String(schema.$id)), JSON.stringify(schema));
    const loaded = loadSchemas(dir);
    expect(loaded.issues).toEqual([]);
    const out = new MemoryOutput();
    dictionaryEmitter.emit(
      {
        name: "pkg",
        version: "1.0.0",
        homepage: "https://example.org/",
        schemas: loaded,
        collections: loaded.collections.map((collection) => ({ collection, records: [] })),
        sources: [],
      },
      out,
    );
    return Buffer.from(out.get("data-dictionary.md") ?? "").toString("utf8");
  }

  const INTRO = [
    "Every CSV in `csv/` is one table. No cell holds JSON or a list:",
    "",
    "- `<collection>` has one row per record, keyed by `id`. Nested objects are flattened with `_`.",
    "- `<collection>__<array>` has one row per item of a list in a record, named by the list's path",
    "  joined with `_`; a list inside a list's items adds a level after",
    "  another `__`. Its key is the parent row's key",
    "  (`<record>_id`, then `<level>_position` for each enclosing list)",
    "  followed by `position`, the item's 0-based place in its list. A list of ids or words has one",
    "  value column named after the list.",
  ].join("\n");

  it("names no example, leaves a column without words undescribed, ends with the database, and lists each view's columns and each index's", () => {
    const header = "| --- | --- | --- | --- | --- | --- | --- |";
    const columns =
      "| Column | Field | Type | Required | Description | Allowed values | References |";
    const idText =
      "A record id: kebab-case, unique across all collections, equal to the record's file name without `.json`.";
    expect(dictionaryOf([NOTE])).toBe(
      [
        `> ${BANNER}`,
        "",
        "# Data dictionary: pkg 1.0.0",
        "",
        INTRO,
        "- `records` lists every record id with its collection: a reference that may point into",
        "  several collections is a foreign key to `records.id`.",
        "",
        "Files are UTF-8 without a byte order mark, with a header row, RFC 4180 quoting and LF line ends.",
        "An empty cell means the field is absent, or `null` where the column says so. Booleans are",
        "`true` and `false`. `datapackage.json` describes the same tables as a Frictionless Data",
        "Package.",
        "",
        "## `records`",
        "",
        "Every record id with its collection and its label; ids are unique across collections, so any id in any table is named by one join on this table.",
        "",
        "File: `csv/records.csv`. Primary key: `id`.",
        "",
        columns,
        header,
        "| `id` |  | string | yes | A record id. |  |  |",
        "| `collection` |  | string | yes | The collection the record belongs to. | `notes` |  |",
        "| `label` |  | string | yes | What names or shows the record: its field with the `label` role in the schema (a name, a title, or the exact text of a span), or its id where it has none. |  |  |",
        "",
        "## Note (`notes`)",
        "",
        "### `notes`",
        "",
        "A note. One row per record.",
        "",
        "File: `csv/notes.csv`. Primary key: `id`.",
        "",
        columns,
        header,
        `| \`id\` | \`id\` | string | yes | ${idText} |  |  |`,
        "| `text` | `text` | string | yes | What it says. |  |  |",
        "| `aside` | `aside` | string | no | What it adds. |  |  |",
        "| `see` | `see` | string | no | Id of another note. |  | `notes.id` |",
        "| `mark` | `mark` | string | no |  |  |  |",
        "",
        "## SQLite database",
        "",
        "`pkg.sqlite` holds every table above under the same name, with the same columns, rows, primary keys and foreign keys, as STRICT tables: `string` as `TEXT`, `integer` as `INTEGER`, `number` as `REAL`, `boolean` as `INTEGER`, `date` as `TEXT`. Booleans are 0 and 1 and dates `YYYY-MM-DD` text, each held to that by a CHECK, as are allowed values; required columns are NOT NULL, and an absent or `null` value is NULL. `_tables` and `_columns` describe every table, view and column, `_about` the database. The views below join each reference to the label of the record it points to (`<column>_label`), from the field whose role in the schema is `label`.",
        "",
        "### `record_labels` (view)",
        "",
        "Every record with its collection and its label: the field that names or shows it (its `label` role in the schema), or its id where it has none.",
        "",
        "| Column | Type | Description |",
        "| --- | --- | --- |",
        "| `id` | string | A record id. |",
        "| `collection` | string | The collection the record is in. |",
        "| `label` | string | The record's label: `notes.text`. |",
        "",
        "### `notes_view` (view)",
        "",
        "`notes`, with the label of each record it points to.",
        "",
        "| Column | Type | Description |",
        "| --- | --- | --- |",
        `| \`id\` | string | ${idText} |`,
        "| `text` | string | What it says. |",
        "| `aside` | string | What it adds. |",
        "| `see` | string | Id of another note. |",
        "| `see_label` | string | The label of the record `see` points to: `notes.text`. |",
        "| `mark` | string | `notes.mark`. |",
        "",
        "### `notes_fts`",
        "",
        "Full-text index (FTS5) over `notes.text`, `notes.aside`: `SELECT * FROM notes WHERE rowid IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'words')`. Columns: `text`, `aside`.",
        "",
      ].join("\n"),
    );
  });

  it("takes no collection whose name has `__` for a list's table", () => {
    const odd = { ...NOTE, $id: "odd.schema.json", title: "Odd", "x-collection": "a__b" };
    expect(dictionaryOf([NOTE, odd])).toContain(`\n\n${INTRO}\n`);
  });
});

describe("the references column of the base fixture's data dictionary", () => {
  it("names the table of the one collection a column references, without the collection again", async () => {
    expect(await dictionary()).toContain(
      "\n| `located_in` | `located_in` | string | no | Id of the place it lies in. |  | `places.id` |\n",
    );
  });
});
