/**
 * A table wider than one statement's values allow: SQLite binds at most 32,766 values to a
 * statement, so 32 rows of 1,100 columns cannot go in at once.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { buildModel } from "../scripts/emit/model.ts";
import { sqliteEmitter, sqlitePathOf } from "../scripts/emit/sqlite.ts";
import { isObject } from "../scripts/lib/json.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, schemasWith, tempDir } from "./helpers.ts";

const base = buildModel(validate(BASE).dataset);
const WIDTH = 1_100;

describe("a table of 1,100 columns", () => {
  it("takes 40 more rows, in their order, with their cells", () => {
    const [people] = base.collections;
    const first = people?.records[0];
    if (!people || !first) throw new Error("the base fixture has no first collection");
    const schemas = schemasWith(people.collection.schemaFile, (schema) => {
      if (!isObject(schema.properties)) throw new Error("no properties");
      for (let i = 0; i < WIDTH; i++)
        schema.properties[`extra${i}`] = { type: "string", description: `Extra ${i}.` };
    });
    const ids = Array.from({ length: 40 }, (_, i) => `copy-${String(i).padStart(2, "0")}`);
    const copies = ids.map((id, n) => ({
      ...first,
      id,
      ...Object.fromEntries(Array.from({ length: WIDTH }, (_, i) => [`extra${i}`, `${n}:${i}`])),
    }));
    const model = {
      ...base,
      schemas,
      collections: base.collections.map((c) =>
        c === people ? { ...c, records: [...c.records, ...copies] } : c,
      ),
    };
    const out = new MemoryOutput();
    out.set("datapackage.json", JSON.stringify({ title: "T", description: "D.", licenses: [] }));
    sqliteEmitter.emit(model, out);

    const file = join(tempDir(), "wide.sqlite");
    writeFileSync(file, out.get(sqlitePathOf(base)) ?? new Uint8Array());
    const db = new Database(file, { readonly: true });
    try {
      const table = db
        .prepare(`SELECT table_name FROM "_columns" WHERE column_name = 'extra0'`)
        .pluck()
        .get() as string;
      const rows = db
        .prepare(
          `SELECT "id", "extra0", "extra549", "extra1099" FROM "${table}" WHERE "extra0" IS NOT NULL ORDER BY rowid`,
        )
        .raw()
        .all();
      expect(rows).toEqual(ids.map((id, n) => [id, `${n}:0`, `${n}:549`, `${n}:1099`]));
    } finally {
      db.close();
    }
  });
});
