import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Sqlite from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { MemoryOutput } from "../scripts/emit/emitter.ts";
import type { Model } from "../scripts/emit/model.ts";
import { databaseOf, META_TABLES } from "../scripts/emit/sqlite/database.ts";
import { SQL_TYPES } from "../scripts/emit/sqlite/sql.ts";
import { DATASETTE_METADATA, sqlitePathOf } from "../scripts/emit/sqlite.ts";
import { isObject, type JsonObject, type JsonValue } from "../scripts/lib/json.ts";
import type { Column, Table } from "../scripts/lib/tables.ts";
import { render } from "../scripts/pipeline/build.ts";
import { exitCodeOf, validate } from "../scripts/pipeline/validate.ts";
import { documents, snippets } from "./documents.ts";
import { BASE, ROOT, tempDir } from "./helpers.ts";
import { reassemble } from "./reassemble.ts";

// Building renders every emitter; on a loaded machine that takes seconds, not milliseconds.
const SLOW = 120_000;
// The README and the docs/ pages, where the recipes are.
const README = documents()
  .map(([, text]) => text)
  .join("\n");

type SqlRow = Record<string, unknown>;

interface Built {
  model: Model;
  output: MemoryOutput;
  bytes: Buffer;
  /** A temporary folder holding the whole build as `dist/`, where the README's recipes run. */
  root: string;
  /** The database in it, for the command-line clients. */
  file: string;
  db: Sqlite.Database;
  tables: Table[];
}

/** Each data folder is built once for the whole file: every render costs seconds. */
const builds = new Map<string, Promise<Built>>();
function buildOf(dataDir: string): Promise<Built> {
  const known = builds.get(dataDir);
  if (known) return known;
  const made = makeBuild(dataDir);
  builds.set(dataDir, made);
  return made;
}

async function makeBuild(dataDir: string): Promise<Built> {
  const validation = validate(dataDir);
  expect(exitCodeOf(validation)).toBe(0);
  const { model, output } = await render(validation);
  const content = output.get(sqlitePathOf(model));
  if (!content) throw new Error("no database was emitted");
  const bytes = Buffer.from(content);
  const root = tempDir();
  for (const [path, written] of output) {
    mkdirSync(dirname(join(root, "dist", path)), { recursive: true });
    writeFileSync(join(root, "dist", path), written);
  }
  const file = join(root, "dist", sqlitePathOf(model));
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  return { model, output, bytes, root, file, db, tables: databaseOf(model.schemas).tables };
}

const textOf = (content: Uint8Array | undefined) => Buffer.from(content ?? "").toString("utf8");
const all = (db: Sqlite.Database, sql: string, ...params: unknown[]) =>
  db.prepare(sql).all(...params) as SqlRow[];
const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Whether a command runs; in CI a missing client fails its tests instead of skipping them. */
function has(command: string, args: string[]): boolean {
  const found = spawnSync(command, args, { encoding: "utf8" }).status === 0;
  return found || Boolean(process.env.CI);
}
const PYTHON_WITH = (module: string) =>
  ["python3", "/usr/bin/python3"].find(
    (python) => spawnSync(python, ["-c", `import ${module}`]).status === 0,
  );

/** The value of a JSON field as the database must hold it, checked type for type. */
function jsonOf(column: Column, value: unknown, where: string): JsonValue | undefined {
  if (value === null) return undefined;
  const fail = () => {
    throw new Error(`${where}: ${JSON.stringify(value)} is not a ${column.type}`);
  };
  switch (column.type) {
    case "boolean":
      if (value !== 0 && value !== 1) fail();
      return value === 1;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) fail();
      return value as number;
    case "number":
      if (typeof value !== "number") fail();
      return value as number;
    case "date":
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) fail();
      return value as string;
    default:
      if (typeof value !== "string") fail();
      return value as string;
  }
}

const byId = (a: JsonValue, b: JsonValue) => {
  const [x, y] = [isObject(a) ? String(a.id) : "", isObject(b) ? String(b.id) : ""];
  return x < y ? -1 : x > y ? 1 : 0;
};

describe.each([
  ["the base fixture", BASE],
  ["the real data", join(ROOT, "data")],
])("the SQLite database of %s", (_, dataDir) => {
  let built: Built;
  beforeAll(async () => {
    built = await buildOf(dataDir);
  }, SLOW);

  it("passes PRAGMA integrity_check and foreign_key_check in better-sqlite3", () => {
    expect(built.db.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(built.db.pragma("foreign_key_check")).toEqual([]);
  });

  it.skipIf(!has("sqlite3", ["-version"]))(
    "passes them in Debian's sqlite3 command-line shell, which opens every table and view",
    () => {
      const names = all(built.db, "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')");
      const counts = names.map(({ name }) => `SELECT count(*) FROM ${q(String(name))};`).join("\n");
      const result = spawnSync("sqlite3", ["-readonly", "-bail", built.file], {
        input: `PRAGMA integrity_check;\nPRAGMA foreign_key_check;\n${counts}\n`,
        encoding: "utf8",
      });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const lines = result.stdout.trimEnd().split("\n");
      expect(lines[0]).toBe("ok");
      expect(lines).toHaveLength(1 + names.length);
    },
  );

  it("declares every table as the table model says: types, NOT NULL, keys, foreign keys", () => {
    for (const table of built.tables) {
      const info = all(built.db, `PRAGMA table_info(${q(table.name)})`);
      expect(
        info.map((c) => [c.name, c.type, c.notnull, c.pk]),
        table.name,
      ).toEqual(
        table.columns.map((c) => [
          c.name,
          SQL_TYPES[c.type],
          c.required ? 1 : 0,
          table.primaryKey.indexOf(c.name) + 1,
        ]),
      );
      const keys = new Map<number, { table: string; from: string[]; to: string[] }>();
      for (const fk of all(built.db, `PRAGMA foreign_key_list(${q(table.name)})`)) {
        const key = keys.get(Number(fk.id)) ?? { table: String(fk.table), from: [], to: [] };
        key.from.push(String(fk.from));
        key.to.push(String(fk.to));
        keys.set(Number(fk.id), key);
      }
      const sort = (list: { table: string; from: string[]; to: string[] }[]) =>
        list.map((k) => JSON.stringify(k)).sort();
      expect(sort([...keys.values()]), table.name).toEqual(
        sort(
          table.foreignKeys.map((k) => ({
            table: k.reference.table,
            from: k.fields,
            to: k.reference.fields,
          })),
        ),
      );
      expect(
        String(all(built.db, "SELECT sql FROM sqlite_schema WHERE name = ?", table.name)[0]?.sql),
      ).toMatch(/\) STRICT$/);
    }
  });

  it("stores each value with its column's type: integers, 0/1 booleans, YYYY-MM-DD dates, text", () => {
    const storage = { TEXT: "text", INTEGER: "integer", REAL: "real" } as const;
    for (const table of built.tables) {
      for (const column of table.columns) {
        const types = all(
          built.db,
          `SELECT DISTINCT typeof(${q(column.name)}) AS t FROM ${q(table.name)}`,
        ).map((r) => r.t);
        const allowed = [storage[SQL_TYPES[column.type]], ...(column.required ? [] : ["null"])];
        for (const type of types) expect(allowed, `${table.name}.${column.name}`).toContain(type);
      }
    }
  });

  it("has as many rows in each table as its CSV, and as each collection has records", () => {
    for (const table of built.tables) {
      const csv = parse(textOf(built.output.get(`csv/${table.name}.csv`)), { columns: true });
      const [{ n }] = all(built.db, `SELECT count(*) AS n FROM ${q(table.name)}`) as [
        { n: number },
      ];
      expect(n, table.name).toBe(csv.length);
    }
    for (const { collection, records } of built.model.collections) {
      const json = JSON.parse(textOf(built.output.get(`json/${collection.name}.json`)));
      const [{ n }] = all(built.db, `SELECT count(*) AS n FROM ${q(collection.name)}`) as [
        { n: number },
      ];
      expect([n, json.length], collection.name).toEqual([records.length, records.length]);
    }
  });

  it("round-trips every record: JSON → SQLite → JSON, equal type for type", () => {
    for (const { collection } of built.model.collections) {
      const json = JSON.parse(textOf(built.output.get(`json/${collection.name}.json`)));
      expect(
        reassemble(
          built.tables,
          new Map(built.tables.map((t) => [t.name, all(built.db, `SELECT * FROM ${q(t.name)}`)])),
          collection.name,
          jsonOf,
        ).sort(byId),
        collection.name,
      ).toStrictEqual((json as JsonValue[]).sort(byId));
    }
  });

  it("refuses what the schema refuses: a boolean not 0 or 1, an impossible date, a value outside an enum, a missing required value", () => {
    const db = new Sqlite(built.bytes);
    try {
      const first = (test: (c: Column) => boolean) => {
        for (const table of built.tables) {
          const column = table.columns.find(test);
          if (column && all(db, `SELECT 1 FROM ${q(table.name)} LIMIT 1`).length > 0)
            return { table: table.name, column: column.name };
        }
        throw new Error("no such column in the data");
      };
      const set =
        ({ table, column }: { table: string; column: string }, value: unknown) =>
        () =>
          db.prepare(`UPDATE ${q(table)} SET ${q(column)} = ?`).run(value);
      expect(
        set(
          first((c) => c.type === "boolean"),
          2,
        ),
      ).toThrow(/CHECK constraint failed/);
      expect(
        set(
          first((c) => c.type === "date"),
          "2013-02-30",
        ),
      ).toThrow(/CHECK constraint failed/);
      expect(
        set(
          first((c) => c.type === "date"),
          "7 May 2013",
        ),
      ).toThrow(/CHECK constraint failed/);
      expect(
        set(
          first((c) => Boolean(c.enum)),
          "no-such-value",
        ),
      ).toThrow(/CHECK constraint failed/);
      expect(
        set(
          first((c) => c.required),
          null,
        ),
      ).toThrow(/NOT NULL constraint failed/);
      expect(
        set(
          first((c) => c.type === "integer"),
          "twelve",
        ),
      ).toThrow(/cannot store TEXT/);
    } finally {
      db.close();
    }
  });

  it("describes every table, view and column in _tables and _columns, as the table model does", () => {
    const database = databaseOf(built.model.schemas);
    const tables = all(built.db, `SELECT name, kind FROM ${META_TABLES.tables} ORDER BY name`);
    expect(tables.map((t) => `${t.kind}:${t.name}`).sort()).toEqual(
      [
        ...database.tables.map((t) => `table:${t.name}`),
        ...database.views.map((v) => `view:${v.name}`),
        ...database.search.map((s) => `full-text index:${s.name}`),
        ...Object.values(META_TABLES).map((name) => `table:${name}`),
      ].sort(),
    );
    for (const table of [...database.tables, ...database.views]) {
      const described = all(
        built.db,
        `SELECT column_name, type FROM ${META_TABLES.columns} WHERE table_name = ? ORDER BY position`,
        table.name,
      );
      const actual = all(built.db, `PRAGMA table_info(${q(table.name)})`).map((c) => c.name);
      expect(
        described.map((c) => c.column_name),
        table.name,
      ).toEqual(actual);
    }
    const undescribed = all(
      built.db,
      `SELECT table_name, column_name FROM ${META_TABLES.columns} WHERE description = ''`,
    );
    expect(undescribed).toEqual([]);
    const about = Object.fromEntries(
      all(built.db, `SELECT key, value FROM ${META_TABLES.about}`).map((r) => [r.key, r.value]),
    );
    expect(about.generated).toMatch(/^Generated by `npm run build`.*Do not edit/);
    expect(about).toMatchObject({
      name: built.model.name,
      version: built.model.version,
      license: "CC-BY-4.0",
    });
  });

  it(
    "is the same bytes when built again",
    async () => {
      const again = await render(validate(dataDir));
      const bytes = again.output.get(sqlitePathOf(again.model));
      expect(Buffer.from(bytes ?? "").equals(built.bytes)).toBe(true);
    },
    SLOW,
  );
});

describe("the views of the real data", () => {
  let built: Built;
  const records = new Map<string, JsonObject>();
  const collectionOf = new Map<string, string>();
  const recordsIn = (name: string) =>
    built.model.collections.find((c) => c.collection.name === name)?.records ?? [];
  const exact = (value: JsonValue | undefined) => (isObject(value) ? value.exact : undefined);
  /** A record's label as the README says: a name, a title, or the words of a quote or a claim. */
  const labelOf = (id: unknown) => {
    const record = records.get(String(id));
    if (!record) return null;
    return (
      record.name ??
      (isObject(record.title) ? record.title.exact : record.title) ??
      exact(record.text) ??
      null
    );
  };
  beforeAll(async () => {
    built = await buildOf(join(ROOT, "data"));
    for (const { collection, records: list } of built.model.collections)
      for (const record of list) {
        records.set(String(record.id), record);
        collectionOf.set(String(record.id), collection.name);
      }
  }, SLOW);

  it("claims_view: each claim with its claimant's name, kind, attribution and its review's verdict", () => {
    const rows = all(
      built.db,
      "SELECT id, claimant_label, claimant_collection, kind, attribution, review_id, review_verdict FROM claims_view",
    );
    const reviews = recordsIn("reviews");
    expect(rows.map((r) => r.id)).toEqual(recordsIn("claims").map((c) => c.id));
    for (const claim of recordsIn("claims")) {
      const review = reviews.find((r) => r.claim === claim.id);
      expect(rows.find((r) => r.id === claim.id)).toEqual({
        id: claim.id,
        claimant_label: labelOf(claim.claimant),
        claimant_collection: collectionOf.get(String(claim.claimant)),
        kind: claim.kind,
        attribution: claim.attribution,
        review_id: review?.id ?? null,
        review_verdict: review?.verdict ?? null,
      });
    }
    expect(rows.some((r) => r.review_verdict === "inaccurate")).toBe(true);
    expect(rows.find((r) => r.claimant_collection === "people")?.claimant_label).toEqual(
      expect.any(String),
    );
  });

  it("quotes_view: each quote's words with its speaker's name", () => {
    const rows = all(built.db, "SELECT id, speaker, speaker_label, text_exact FROM quotes_view");
    expect(rows).toEqual(
      recordsIn("quotes").map((quote) => ({
        id: quote.id,
        speaker: quote.speaker ?? null,
        speaker_label: quote.speaker ? records.get(String(quote.speaker))?.name : null,
        text_exact: exact(quote.text),
      })),
    );
  });

  it("all_mentions: every mention with the record it points to", () => {
    const expected = built.model.collections.flatMap(({ collection, records: list }) =>
      list.flatMap((record) =>
        (Array.isArray(record.mentions) ? record.mentions : []).map((mention, position) => ({
          collection: collection.name,
          record_id: record.id,
          record_label: labelOf(record.id),
          position,
          kind: isObject(mention) ? mention.kind : null,
          span_exact: isObject(mention) ? exact(mention.span) : null,
        })),
      ),
    );
    expect(expected.length).toBeGreaterThan(100);
    const rows = all(
      built.db,
      "SELECT collection, record_id, record_label, position, kind, span_exact FROM all_mentions",
    );
    const key = (r: { record_id: unknown; position: unknown }) =>
      `${String(r.record_id)}#${String(r.position).padStart(4, "0")}`;
    expect(rows).toEqual([...expected].sort((a, b) => (key(a) < key(b) ? -1 : 1)));
  });

  it("events_view: events in order of their date bounds, those without a date last", () => {
    const rows = all(
      built.db,
      "SELECT id, start_date_earliest, start_date_latest, end_date_earliest, end_date_latest FROM events_view",
    );
    const bound = (event: JsonObject, date: string, side: string) => {
      const value = event[date];
      return isObject(value) ? (value[side] ?? null) : null;
    };
    const expected = recordsIn("events").map((event) => ({
      id: event.id,
      start_date_earliest: bound(event, "start_date", "earliest"),
      start_date_latest: bound(event, "start_date", "latest"),
      end_date_earliest: bound(event, "end_date", "earliest"),
      end_date_latest: bound(event, "end_date", "latest"),
    }));
    const sortKey = (e: (typeof expected)[number]) =>
      [e.start_date_earliest, e.start_date_latest, e.end_date_earliest, e.end_date_latest]
        .map((d) => String(d ?? "9999-99-99"))
        .concat(String(e.id))
        .join(" ");
    expected.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    expect(rows).toEqual(expected);
    expect(rows[0]?.start_date_earliest).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    expect(rows.at(-1)?.start_date_earliest).toBeNull();
  });

  it("reviews__evidence_view: each review's evidence in order, with its citations' titles", () => {
    const rows = all(
      built.db,
      "SELECT review_id, position, citation, citation_label, locator FROM reviews__evidence_view",
    );
    expect(rows).toEqual(
      recordsIn("reviews").flatMap((review) =>
        (Array.isArray(review.evidence) ? review.evidence : []).map((item, position) => {
          const evidence = item as JsonObject;
          return {
            review_id: review.id,
            position,
            citation: evidence.citation,
            citation_label: records.get(String(evidence.citation))?.title,
            locator: evidence.locator,
          };
        }),
      ),
    );
    expect(rows.length).toBeGreaterThan(recordsIn("reviews").length);
  });

  it("quotes_fts and claims_fts find the quotes and claims whose words match", () => {
    for (const [table, word] of [
      ["quotes", "sarin"],
      ["claims", "sarin"],
      ["claims", "conference"],
    ] as const) {
      const found = all(
        built.db,
        `SELECT id FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ?) ORDER BY id`,
        word,
      ).map((r) => r.id);
      const expected = recordsIn(table)
        .filter((r) => new RegExp(`\\b${word}\\b`, "i").test(String(exact(r.text))))
        .map((r) => r.id);
      expect(expected.length, `${table} ${word}`).toBeGreaterThan(0);
      expect(found, `${table} ${word}`).toEqual(expected);
    }
  });

  it("the README's old CSV import snippet, which typed everything as text, is gone", () => {
    expect(README).not.toMatch(/\.import dist\/csv/);
    expect(README).not.toMatch(/kerry\.db/);
  });

  it.skipIf(!has("sqlite-utils", ["--version"]))(
    "shows sqlite-utils users the tables, primary keys, foreign keys and search indexes",
    () => {
      const python = PYTHON_WITH("sqlite_utils") ?? "python3";
      const script = `
import json, sys, sqlite_utils
db = sqlite_utils.Database(sys.argv[1])
print(json.dumps({
  "tables": {t.name: {"pks": t.pks, "count": t.count, "fts": t.detect_fts(),
             "fks": sorted([fk.column, fk.other_table, fk.other_column] for fk in t.foreign_keys)}
             for t in db.tables},
  "views": db.view_names(),
}))`;
      const result = spawnSync(python, ["-c", script, built.file], { encoding: "utf8" });
      expect(result.stderr).toBe("");
      const seen = JSON.parse(result.stdout) as {
        tables: Record<
          string,
          { pks: string[]; count: number; fts: string | null; fks: string[][] }
        >;
        views: string[];
      };
      const database = databaseOf(built.model.schemas);
      for (const table of database.tables) {
        const count = all(built.db, `SELECT count(*) AS n FROM ${q(table.name)}`)[0]?.n;
        // sqlite-utils lists a foreign key of several columns column by column.
        const fks = table.foreignKeys
          .flatMap((k) => k.fields.map((f, i) => [f, k.reference.table, k.reference.fields[i]]))
          .sort();
        const search = database.search.find((s) => s.table === table.name);
        expect(seen.tables[table.name], table.name).toEqual({
          pks: table.primaryKey,
          count,
          fts: search?.name ?? null,
          fks,
        });
      }
      expect(seen.views.sort()).toEqual(database.views.map((v) => v.name).sort());
      // The command-line tool sees the same.
      const cli = spawnSync("sqlite-utils", ["tables", built.file, "--counts"], {
        encoding: "utf8",
      });
      const listed = JSON.parse(cli.stdout) as { table: string; count: number }[];
      expect(listed.find((t) => t.table === "claims")?.count).toBe(recordsIn("claims").length);
    },
  );

  it("dist/datasette/metadata.json describes the database, every table and view and every column", () => {
    const metadata = JSON.parse(textOf(built.output.get(DATASETTE_METADATA)));
    expect(metadata).toMatchObject({
      title: expect.stringContaining("Kerry Russia Trip"),
      license: expect.any(String),
      license_url: "https://creativecommons.org/licenses/by/4.0/",
      source: expect.stringContaining("Kerry Russia Trip"),
    });
    const tables = metadata.databases[built.model.name].tables as Record<
      string,
      { description: string; columns: Record<string, string> }
    >;
    const names = all(built.db, "SELECT name FROM _tables WHERE kind IN ('table', 'view')")
      .map((r) => String(r.name))
      .filter((name) => !name.startsWith("_"));
    expect(Object.keys(tables).sort()).toEqual(names.sort());
    for (const name of names) {
      const columns = all(built.db, `PRAGMA table_info(${q(name)})`).map((c) => String(c.name));
      expect(Object.keys(tables[name]?.columns ?? {}), name).toEqual(columns);
      expect(tables[name]?.description, name).not.toBe("");
      for (const description of Object.values(tables[name]?.columns ?? {}))
        expect(description, name).not.toBe("");
    }
  });
});

describe("typed loading recipes in the README", () => {
  let built: Built;
  beforeAll(async () => {
    built = await buildOf(join(ROOT, "data"));
  }, SLOW);
  /** The block of a language that uses a name (`pandas`, `read_table`). */
  const block = (language: string, using: string) => {
    const found = snippets(README, language).find(({ code }) => code.includes(using));
    if (!found) throw new Error(`no ${language} block using ${using} in the README or docs/`);
    return found.code;
  };
  /** Per column: its type and how many values are missing, as SQLite holds them. */
  const truth = (table: string) =>
    all(
      built.db,
      "SELECT column_name, type FROM _columns WHERE table_name = ? ORDER BY position",
      table,
    ).map((c) => ({
      column: String(c.column_name),
      type: String(c.type),
      missing: Number(
        all(
          built.db,
          `SELECT count(*) AS n FROM ${q(table)} WHERE ${q(String(c.column_name))} IS NULL`,
        )[0]?.n,
      ),
    }));

  const pandas = PYTHON_WITH("pandas");
  it.skipIf(!pandas && !process.env.CI)(
    "pandas: read_table gives every column of every table and view its type (Int64, boolean, datetime64, string)",
    () => {
      const recipe = block("python", "def read_table");
      const check = `
import json
report = {}
for (name,) in con.execute("SELECT name FROM _tables WHERE kind IN ('table', 'view') AND substr(name, 1, 1) <> '_'").fetchall():
    frame = read_table(name)
    report[name] = {"rows": len(frame), "columns": [
        {"column": c, "dtype": str(frame[c].dtype), "missing": int(frame[c].isna().sum())}
        for c in frame.columns]}
print(json.dumps(report))
`;
      const result = spawnSync(pandas ?? "python3", ["-c", `${recipe}\n${check}`], {
        cwd: built.root,
        encoding: "utf8",
      });
      expect(result.stderr).toBe("");
      const lines = result.stdout.trimEnd().split("\n");
      expect(lines[0]).toBe("{'text_start': Int64Dtype(), 'translated': BooleanDtype}");
      const report = JSON.parse(lines.at(-1) ?? "{}") as Record<
        string,
        { rows: number; columns: { column: string; dtype: string; missing: number }[] }
      >;
      const dtypes = {
        string: "string",
        integer: "Int64",
        number: "Float64",
        boolean: "boolean",
        date: "datetime64[ns]",
      };
      const names = all(
        built.db,
        "SELECT name FROM _tables WHERE kind IN ('table', 'view') AND substr(name, 1, 1) <> '_'",
      );
      expect(Object.keys(report).sort()).toEqual(names.map((r) => String(r.name)).sort());
      for (const [name, { rows, columns }] of Object.entries(report)) {
        expect(rows, name).toBe(all(built.db, `SELECT count(*) AS n FROM ${q(name)}`)[0]?.n);
        expect(columns, name).toEqual(
          truth(name).map((c) => ({
            column: c.column,
            dtype: dtypes[c.type as keyof typeof dtypes],
            missing: c.missing,
          })),
        );
      }
    },
    SLOW,
  );

  it.skipIf(!has("Rscript", ["-e", "library(readr); library(jsonlite)"]))(
    "R: read_table reads every CSV with readr and the Data Package's types (integer, logical, Date, character)",
    () => {
      const recipe = block("r", "read_table");
      const check = `
report <- lapply(package$resources[vapply(package$resources, function(r) identical(r$type, "table"), TRUE)], function(r) {
  frame <- read_table(r$name)
  list(name = r$name, rows = nrow(frame), columns = lapply(names(frame), function(c)
    list(column = c, class = class(frame[[c]])[1], missing = sum(is.na(frame[[c]])))))
})
cat("\\n", jsonlite::toJSON(report, auto_unbox = TRUE), "\\n", sep = "")
`;
      const result = spawnSync("Rscript", ["-e", `${recipe}\n${check}`], {
        cwd: built.root,
        encoding: "utf8",
      });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain("$ text_start: int [1:4]");
      expect(result.stdout).toContain("$ translated: logi [1:4]");
      const report = JSON.parse(result.stdout.trimEnd().split("\n").at(-1) ?? "[]") as {
        name: string;
        rows: number;
        columns: { column: string; class: string; missing: number }[];
      }[];
      const classes = {
        string: "character",
        integer: "integer",
        number: "numeric",
        boolean: "logical",
        date: "Date",
      };
      expect(report.length).toBe(built.tables.length);
      for (const { name, rows, columns } of report) {
        expect(rows, name).toBe(all(built.db, `SELECT count(*) AS n FROM ${q(name)}`)[0]?.n);
        expect(columns, name).toEqual(
          truth(name).map((c) => ({
            column: c.column,
            class: classes[c.type as keyof typeof classes],
            missing: c.missing,
          })),
        );
      }
    },
    SLOW,
  );
});

describe("the DuckDB recipe in the README", () => {
  let built: Built;
  beforeAll(async () => {
    built = await buildOf(join(ROOT, "data"));
  }, SLOW);

  it(
    "reads every CSV with the Data Package's types, in a real DuckDB",
    async () => {
      const { DuckDBInstance } = await import("@duckdb/node-api");
      const recipe = README.match(/```sql\n([\s\S]*?)```/)?.[1] ?? "";
      const [setTypes = "", select = ""] = recipe
        .split(/;\n/)
        .map((statement) => statement.trim())
        .filter(Boolean);
      const readCsv = select.match(/FROM (read_csv\([\s\S]*\))$/)?.[1] ?? "";
      expect(setTypes).toMatch(/^SET VARIABLE types = /);
      expect(readCsv).toContain("dist/csv/quotes.csv");
      const instance = await DuckDBInstance.create(":memory:");
      const con = await instance.connect();
      try {
        // The README's paths are relative to the package root.
        await con.run(`SET file_search_path = '${built.root.replaceAll("'", "''")}'`);
        const rows = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson();
        // As written: the quotes with their types.
        await con.run(setTypes);
        expect(await rows(`DESCRIBE ${select}`)).toMatchObject([
          { column_name: "id", column_type: "VARCHAR" },
          { column_name: "text_start", column_type: "BIGINT" },
          { column_name: "translated", column_type: "BOOLEAN" },
        ]);
        expect((await rows(select)).map((r) => r.translated)).toEqual(
          all(built.db, "SELECT translated FROM quotes ORDER BY id").map((r) => r.translated === 1),
        );
        // Every table, with the table's name in place of quotes.
        const types = {
          string: "VARCHAR",
          integer: "BIGINT",
          number: "DOUBLE",
          boolean: "BOOLEAN",
          date: "DATE",
        };
        for (const table of built.tables) {
          await con.run(setTypes.replace("'quotes'", `'${table.name}'`));
          const read = readCsv.replace("quotes.csv", `${table.name}.csv`);
          const described = await rows(`DESCRIBE SELECT * FROM ${read}`);
          expect(
            described.map((c) => [c.column_name, c.column_type]),
            table.name,
          ).toEqual(table.columns.map((c) => [c.name, types[c.type]]));
          const counts = table.columns.map((c) => `count(${q(c.name)}) AS ${q(c.name)}`);
          const [duck] = await rows(`SELECT count(*) AS "*", ${counts.join(", ")} FROM ${read}`);
          const [lite] = all(
            built.db,
            `SELECT count(*) AS "*", ${counts.join(", ")} FROM ${q(table.name)}`,
          );
          expect(
            Object.fromEntries(Object.entries(duck ?? {}).map(([k, v]) => [k, Number(v)])),
            table.name,
          ).toEqual(lite);
        }
      } finally {
        con.closeSync();
        instance.closeSync();
      }
    },
    SLOW,
  );
});

describe("the database", () => {
  it(
    "has a stable digest across time zones and locales",
    async () => {
      const digest = (env: Record<string, string>) => {
        const script = join(tempDir(), "digest.mts");
        writeFileSync(
          script,
          `import { createHash } from "node:crypto";
import { render } from ${JSON.stringify(join(ROOT, "scripts/pipeline/build.ts"))};
import { validate } from ${JSON.stringify(join(ROOT, "scripts/pipeline/validate.ts"))};
const { model, output } = await render(validate(${JSON.stringify(join(ROOT, "data"))}));
process.stdout.write(createHash("sha256").update(output.get(model.name + ".sqlite") ?? "").digest("hex"));
`,
        );
        const result = spawnSync(
          process.execPath,
          [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), script],
          { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } },
        );
        expect(result.stderr).toBe("");
        return result.stdout;
      };
      // The build in this process, in the locale the tests run in, against two others.
      const { bytes } = await buildOf(join(ROOT, "data"));
      const here = createHash("sha256").update(bytes).digest("hex");
      expect(digest({ TZ: "Pacific/Chatham", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" })).toBe(
        here,
      );
      expect(digest({ TZ: "UTC", LANG: "C", LC_ALL: "C" })).toBe(here);
    },
    SLOW,
  );
});
