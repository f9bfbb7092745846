/**
 * The database as the schemas make it, read from the table model in this process: what a schema
 * change does to its tables and views, with no build and no outside client.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { databaseOf } from "../scripts/emit/sqlite/database.ts";
import { createTable } from "../scripts/emit/sqlite/sql.ts";
import { isObject, type JsonObject } from "../scripts/lib/json.ts";
import { loadSchemas, SCHEMA_DIR } from "../scripts/lib/schemas/index.ts";
import { schemasWith, tempDir } from "./helpers.ts";

describe("the database derived from the schema", () => {
  const property = (schema: JsonObject, name: string) => {
    const properties = schema.properties;
    const found = isObject(properties) ? properties[name] : undefined;
    if (!isObject(found)) throw new Error(`no property ${name}`);
    return found;
  };

  it("follows x-search and the label role on other fields with no change to the code", () => {
    const schemas = schemasWith("event.schema.json", (schema) => {
      property(schema, "description")["x-search"] = true;
      delete property(schema, "name")["x-role"];
    });
    const database = databaseOf(schemas);
    expect(database.search.find((s) => s.table === "events")?.columns).toEqual(["description"]);
    // Without a label, a reference to an event shows no label column; the labels view falls back to the id.
    const quotes = database.views.find((v) => v.name === "quotes_view");
    expect(quotes?.columns.map((c) => c.name)).toContain("speaker_label");
    expect(quotes?.columns.map((c) => c.name)).not.toContain("event_label");
    expect(database.views.find((v) => v.name === "record_labels")?.select).toContain(
      `SELECT "id", 'events' AS "collection", "id" AS "label" FROM "events"`,
    );
  });

  it("makes a new list field a STRICT table with its keys, and a union view when two collections share it", () => {
    const nicknames = {
      type: "array",
      minItems: 1,
      items: { type: "string", description: "A nickname." },
    };
    const dir = tempDir();
    cpSync(SCHEMA_DIR, dir, { recursive: true });
    for (const file of ["person.schema.json", "organization.schema.json"]) {
      const schema = JSON.parse(readFileSync(join(dir, file), "utf8")) as JsonObject;
      if (isObject(schema.properties)) schema.properties.nicknames = nicknames;
      writeFileSync(join(dir, file), JSON.stringify(schema));
    }
    const database = databaseOf(loadSchemas(dir));
    const table = database.tables.find((t) => t.name === "people__nicknames");
    if (!table) throw new Error("no people__nicknames table");
    expect(createTable(table)).toBe(
      [
        `CREATE TABLE "people__nicknames" (`,
        `  "person_id" TEXT NOT NULL, -- Id of the record in \`people\`.`,
        `  "position" INTEGER NOT NULL, -- 0-based place of the item in \`nicknames\`.`,
        `  "nicknames" TEXT NOT NULL, -- A nickname.`,
        `  PRIMARY KEY ("person_id", "position"),`,
        `  FOREIGN KEY ("person_id") REFERENCES "people" ("id")`,
        `) STRICT`,
      ].join("\n"),
    );
    expect(
      database.views.find((v) => v.name === "all_nicknames")?.columns.map((c) => c.name),
    ).toEqual(["collection", "record_id", "record_label", "position", "nicknames"]);
  });
});
