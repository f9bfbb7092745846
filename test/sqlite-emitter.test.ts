/**
 * The SQLite emitter run in this process on the base fixture's records, changed in memory, with
 * a Data Package descriptor written by hand: what it takes from the descriptor, how it fills
 * tables of any size, what it refuses, and the SQL its helpers write.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { buildModel, type Model } from "../scripts/emit/model.ts";
import { databaseOf } from "../scripts/emit/sqlite/database.ts";
import { checksOf, createTable, ident, literal } from "../scripts/emit/sqlite/sql.ts";
import {
  BANNER,
  columnDescription,
  DATASETTE_METADATA,
  sqliteEmitter,
  sqlitePathOf,
} from "../scripts/emit/sqlite.ts";
import { isObject, type JsonObject, type JsonValue } from "../scripts/lib/json.ts";
import type { Column, Table } from "../scripts/lib/tables.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, schemasWith, tempDir } from "./helpers.ts";

const base = buildModel(validate(BASE).dataset);

/** The base model with one collection's records replaced. */
function withRecords(name: string, change: (records: JsonObject[]) => JsonObject[]): Model {
  return {
    ...base,
    collections: base.collections.map(({ collection, records }) => ({
      collection,
      records: collection.name === name ? change(records) : records,
    })),
  };
}

/** Copies of a record under new ids, each changed by `change`. */
function clones(
  record: JsonObject | undefined,
  ids: string[],
  change: (copy: JsonObject) => void = () => {},
): JsonObject[] {
  if (!record) throw new Error("no record to copy");
  return ids.map((id) => {
    const copy = structuredClone({ ...record, id });
    change(copy);
    return copy;
  });
}

const DESCRIPTOR: JsonObject = {
  title: "A title",
  description: "A description.",
  licenses: [{ name: "CC0-1.0", path: "https://example.org/cc0", title: "Public domain" }],
};

/** Runs the emitter after a stand-in Data Package emitter that wrote `descriptor`. */
function emit(model: Model, descriptor: JsonValue = DESCRIPTOR): MemoryOutput {
  const out = new MemoryOutput();
  out.set("datapackage.json", JSON.stringify(descriptor));
  sqliteEmitter.emit(model, out);
  return out;
}

/** Rows of a query on the database the emitter wrote, opened read-only. */
function query(out: MemoryOutput, sql: string): unknown[] {
  const file = join(tempDir(), "emitted.sqlite");
  writeFileSync(file, out.get(sqlitePathOf(base)) ?? new Uint8Array());
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).raw().all();
  } finally {
    db.close();
  }
}

const about = (out: MemoryOutput) => query(out, `SELECT key, value FROM "_about" ORDER BY rowid`);

function metadata(out: MemoryOutput): JsonObject {
  const value: JsonValue = JSON.parse(Buffer.from(out.get(DATASETTE_METADATA) ?? "").toString());
  if (!isObject(value)) throw new Error("metadata is not an object");
  const { databases: _, ...rest } = value;
  return rest;
}

describe("what the database repeats of the Data Package", () => {
  it("refuses to run before the Data Package is written, and a descriptor that is not an object", () => {
    expect(() => sqliteEmitter.emit(base, new MemoryOutput())).toThrow(
      "sqlite: datapackage.json was not emitted before it",
    );
    expect(() => emit(base, [DESCRIPTOR])).toThrow("sqlite: datapackage.json is not an object");
  });

  it("takes the first licence and every source that is an object, text only where text is", () => {
    const out = emit(base, {
      title: 7,
      description: ["not text"],
      licenses: ["CC0-1.0", { name: "ODC-By-1.0", path: "https://example.org/odc-by" }],
      sources: [
        "an article",
        { title: "The article", path: "https://example.org/article" },
        { title: "A note with no address" },
        { title: "An address that is not text", path: 12 },
      ],
    });
    expect(about(out)).toEqual([
      ["generated", BANNER],
      ["name", "kerry-moscow-2013"],
      ["version", base.version],
      ["title", "kerry-moscow-2013"],
      ["description", ""],
      ["homepage", base.homepage],
      ["license", "ODC-By-1.0"],
      ["license_url", "https://example.org/odc-by"],
      ["source_1_title", "The article"],
      ["source_1_url", "https://example.org/article"],
      ["source_2_title", "A note with no address"],
      ["source_3_title", "An address that is not text"],
    ]);
    expect(metadata(out)).toEqual({
      title: "kerry-moscow-2013",
      description: "",
      license: "ODC-By-1.0",
      license_url: "https://example.org/odc-by",
      source: "The article",
      source_url: "https://example.org/article",
      about: "kerry-moscow-2013",
      about_url: base.homepage,
    });
  });

  it("has empty licence fields and no source for a descriptor without licences or sources", () => {
    const out = emit(base, { title: "Only a title" });
    expect(about(out).slice(3)).toEqual([
      ["title", "Only a title"],
      ["description", ""],
      ["homepage", base.homepage],
      ["license", ""],
      ["license_url", ""],
    ]);
    expect(metadata(out)).toEqual({
      title: "Only a title",
      description: "",
      license: "",
      license_url: "",
      about: "kerry-moscow-2013",
      about_url: base.homepage,
    });
  });
});

describe("the rows the database holds", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("holds every row once and in key order, however many a table has", () => {
    // 2,000 copies of a person with two mentions: the 4,004 rows of 10 cells of people__mentions
    // hold more values than one SQLite statement takes (32,766).
    const ids = Array.from({ length: 2000 }, (_, i) => `person-${String(i).padStart(4, "0")}`);
    const model = withRecords("people", (records) => [
      ...records,
      ...clones(
        records.find((r) => r.id === "bo-chen"),
        ids,
      ),
    ]);
    const out = emit(model);
    expect(query(out, `SELECT id FROM people ORDER BY rowid`).flat()).toEqual([
      "ana-ruiz",
      "bo-chen",
      ...ids,
    ]);
    // Each copy of bo-chen brings his two mentions.
    expect(query(out, `SELECT count(*), count(DISTINCT person_id) FROM people__mentions`)).toEqual([
      [4004, 2002],
    ]);
    expect(
      query(out, `SELECT person_id, position FROM people__mentions ORDER BY rowid DESC LIMIT 3`),
    ).toEqual([
      ["person-1999", 1],
      ["person-1999", 0],
      ["person-1998", 1],
    ]);
    // The ten records of the fixture and the copies.
    expect(query(out, `SELECT count(*) FROM records`)).toEqual([[2010]]);
  });

  it("makes the tables of a collection the model lacks, empty", () => {
    const out = emit({
      ...base,
      collections: base.collections.filter(({ collection }) => collection.name !== "reviews"),
    });
    expect(query(out, `SELECT count(*) FROM reviews`)).toEqual([[0]]);
    expect(query(out, `SELECT count(*) FROM records WHERE collection = 'reviews'`)).toEqual([[0]]);
  });

  it("refuses references that do not hold, naming the first five rows that break them", () => {
    const ids = ["zz-1", "zz-2", "zz-3", "zz-4", "zz-5", "zz-6"];
    const model = withRecords("people", (records) => [
      ...records,
      ...clones(
        records.find((r) => r.id === "bo-chen"),
        ids,
        (copy) => {
          const provenance = copy.name_provenance;
          if (isObject(provenance) && isObject(provenance.span))
            provenance.span.source = "no-such-source";
        },
      ),
    ]);
    const prefix = "sqlite: foreign keys do not hold: ";
    let message = "";
    try {
      emit(model);
    } catch (error) {
      message = error instanceof Error ? error.message : "";
    }
    expect(message.startsWith(prefix)).toBe(true);
    const broken = JSON.parse(message.slice(prefix.length)) as {
      table: string;
      rowid: number;
      parent: string;
    }[];
    // Rows 1 and 2 are ana-ruiz and bo-chen; the six copies follow.
    expect(broken.map(({ table, rowid, parent }) => [table, rowid, parent])).toEqual([
      ["people", 3, "sources"],
      ["people", 4, "sources"],
      ["people", 5, "sources"],
      ["people", 6, "sources"],
      ["people", 7, "sources"],
    ]);
  });

  it("indexes every column a collection searches, in one full-text index", () => {
    const schemas = schemasWith("person.schema.json", (schema) => {
      const properties = schema.properties;
      if (!isObject(properties)) throw new Error("no properties");
      for (const name of ["name", "summary"]) {
        const property = properties[name];
        if (isObject(property)) property["x-search"] = true;
      }
    });
    const out = emit({ ...base, schemas });
    expect(query(out, `SELECT sql FROM sqlite_schema WHERE name = 'people_fts'`)).toEqual([
      [
        `CREATE VIRTUAL TABLE "people_fts" USING fts5("name", "summary", content=[people], content_rowid=rowid, tokenize='unicode61 remove_diacritics 2')`,
      ],
    ]);
    expect(query(out, `SELECT rowid FROM people_fts WHERE people_fts MATCH 'name: chen'`)).toEqual([
      [2],
    ]);
  });

  it("closes the database file it writes", () => {
    const close = vi.spyOn(Database.prototype, "close");
    emit(base);
    expect(close).toHaveBeenCalledTimes(1);
  });
});

describe("descriptions and SQL", () => {
  const column = (more: Partial<Column>): Column => ({
    name: "speaker",
    title: "speaker",
    type: "string",
    required: false,
    nullable: false,
    ...more,
  });

  it("describes a column by its description and the collections it points to, else by its title", () => {
    expect(columnDescription(column({ title: "roles[].organization" }))).toBe(
      "roles[].organization",
    );
    expect(columnDescription(column({ references: ["people", "organizations"] }))).toBe(
      "Points to: people, organizations.",
    );
    expect(columnDescription(column({ description: "Who says it.", references: ["people"] }))).toBe(
      "Who says it. Points to: people.",
    );
  });

  it("quotes identifiers and literals, with booleans as 1 and 0", () => {
    expect(ident('say "hi"')).toBe('"say ""hi"""');
    expect(literal("it's")).toBe("'it''s'");
    expect(literal(3)).toBe("3");
    expect(literal(2.5)).toBe("2.5");
    expect(literal(true)).toBe("1");
    expect(literal(false)).toBe("0");
    expect(checksOf(column({ name: "seen", type: "boolean", enum: [true] }))).toEqual([
      `"seen" IN (0, 1)`,
      `"seen" IN (1)`,
    ]);
  });

  it("holds a boolean field with allowed values to them", () => {
    const schemas = schemasWith("person.schema.json", (schema) => {
      if (isObject(schema.properties))
        schema.properties.confirmed = { type: "boolean", enum: [true], description: "Confirmed." };
    });
    const people = databaseOf(schemas).tables.find((t) => t.name === "people");
    if (!people) throw new Error("no people table");
    expect(createTable(people)).toContain(
      `  "confirmed" INTEGER CHECK ("confirmed" IN (0, 1)) CHECK ("confirmed" IN (1)), -- Confirmed.\n`,
    );
  });

  it("writes a description over several lines as a comment on one, and none where there is none", () => {
    const table: Table = {
      name: "notes",
      description: "Notes.",
      primaryKey: ["id"],
      foreignKeys: [],
      columns: [
        column({ name: "id", required: true }),
        column({ name: "text", description: "First line.\nSecond line,  \n\t indented.\n" }),
      ],
    };
    expect(createTable(table)).toBe(
      [
        `CREATE TABLE "notes" (`,
        `  "id" TEXT NOT NULL,`,
        `  "text" TEXT, -- First line. Second line, indented.`,
        `  PRIMARY KEY ("id")`,
        `) STRICT`,
      ].join("\n"),
    );
  });
});
