import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Output } from "../scripts/emit/emitter.ts";
import { canonicalText } from "../scripts/lib/canonical.ts";
import { isObject, type JsonObject, type JsonValue } from "../scripts/lib/json.ts";
import { loadPackageSchemas } from "../scripts/lib/schemas/index.ts";
import { type Column, deriveTables, tablesOf } from "../scripts/lib/tables.ts";
import { render } from "../scripts/pipeline/build.ts";
import { exitCodeOf, validate } from "../scripts/pipeline/validate.ts";
import { BASE, dataCopy, ROOT, schemasWith } from "./helpers.ts";
import { reassemble } from "./reassemble.ts";

type CsvRow = Record<string, string>;

const textOf = (content: string | Uint8Array | undefined) =>
  typeof content === "string" ? content : Buffer.from(content ?? "").toString("utf8");

/** Validates and renders a data folder, and parses every CSV back. */
async function exportsOf(dataDir: string) {
  const validation = validate(dataDir);
  expect(validation.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(exitCodeOf(validation)).toBe(0);
  const { model, output } = await render(validation);
  const tables = tablesOf(model.schemas);
  const csv = new Map<string, CsvRow[]>(
    tables.map((t) => [t.name, parse(textOf(output.get(`csv/${t.name}.csv`)), { columns: true })]),
  );
  return { model, output, tables, csv };
}

/** A cell as JSON: `undefined` for an empty cell. */
function jsonOfCell(column: Column, cell: string): JsonValue | undefined {
  if (cell === "") return undefined;
  if (column.type === "integer" || column.type === "number") return Number(cell);
  if (column.type === "boolean") {
    expect(["true", "false"], column.name).toContain(cell);
    return cell === "true";
  }
  return cell;
}

const byId = (a: JsonValue, b: JsonValue) => {
  const [x, y] = [isObject(a) ? String(a.id) : "", isObject(b) ? String(b.id) : ""];
  return x < y ? -1 : x > y ? 1 : 0;
};
const jsonOf = (output: Output, collection: string): JsonValue[] =>
  (JSON.parse(textOf(output.get(`json/${collection}.json`))) as JsonValue[]).sort(byId);

describe.each([
  ["the base fixture", BASE],
  ["the real data", join(ROOT, "data")],
])("the CSV export of %s", (_, dataDir) => {
  it("round-trips: the tables reassemble into json/<collection>.json exactly", async () => {
    const { model, output, tables, csv } = await exportsOf(dataDir);
    for (const { collection } of model.collections) {
      expect(
        reassemble(tables, csv, collection.name, (column, cell) =>
          jsonOfCell(column, String(cell ?? "")),
        ).sort(byId),
        collection.name,
      ).toStrictEqual(jsonOf(output, collection.name));
    }
  });

  it("keeps referential integrity: every foreign key value exists in its target table", async () => {
    const { tables, csv } = await exportsOf(dataDir);
    const dangling: string[] = [];
    for (const table of tables) {
      for (const { fields, reference } of table.foreignKeys) {
        const tuple = (row: CsvRow, names: string[]) => JSON.stringify(names.map((n) => row[n]));
        const targets = new Set(
          (csv.get(reference.table) ?? []).map((r) => tuple(r, reference.fields)),
        );
        for (const row of csv.get(table.name) ?? []) {
          if (fields.every((f) => row[f] === "")) continue;
          if (!targets.has(tuple(row, fields)))
            dangling.push(
              `${table.name}.${fields.join("+")} = ${tuple(row, fields)} → ${reference.table}`,
            );
        }
      }
    }
    expect(dangling).toEqual([]);
  });

  it("is UTF-8 without a byte order mark, LF-terminated, with the schema's columns as header", async () => {
    const { output, tables } = await exportsOf(dataDir);
    for (const table of tables) {
      const text = textOf(output.get(`csv/${table.name}.csv`));
      expect(text.charCodeAt(0), table.name).not.toBe(0xfeff);
      expect(text.split("\n")[0], table.name).toBe(table.columns.map((c) => c.name).join(","));
      expect(text.endsWith("\n") && !text.includes("\r"), table.name).toBe(true);
    }
  });
});

describe("a hostile value", () => {
  it("with quotes, commas, a no-break space and curly quotes round-trips through CSV", async () => {
    const hostile = "He said \"yes, no\",\u00a0then “left”; 'twice'.";
    const dir = dataCopy();
    const path = join(dir, "people", "ana-ruiz.json");
    const record = JSON.parse(readFileSync(path, "utf8"));
    const people = loadPackageSchemas().collection("people");
    if (!people) throw new Error("no people collection");
    writeFileSync(path, canonicalText({ ...record, summary: hostile }, people));
    const { output, tables, csv } = await exportsOf(dir);
    expect(textOf(output.get("csv/people.csv"))).toContain(`"${hostile.replaceAll('"', '""')}"`);
    const ana = reassemble(tables, csv, "people", (column, cell) =>
      jsonOfCell(column, String(cell ?? "")),
    ).find((p) => isObject(p) && p.id === "ana-ruiz");
    expect(isObject(ana) && ana.summary).toBe(hostile);
  });
});

describe("tables derived from the schema", () => {
  const propertiesOf = (schema: JsonObject) => schema.properties as JsonObject;

  it("follow a new list field with no change to the code", () => {
    const schemas = schemasWith("person.schema.json", (schema) => {
      propertiesOf(schema).nicknames = {
        type: "array",
        minItems: 1,
        items: { type: "string", description: "A nickname." },
      };
    });
    const table = tablesOf(schemas).find((t) => t.name === "people__nicknames");
    expect(table?.columns.map((c) => c.name)).toEqual(["person_id", "position", "nicknames"]);
    expect(table?.foreignKeys[0]).toEqual({
      fields: ["person_id"],
      reference: { table: "people", fields: ["id"] },
    });
  });

  it("refuse a field whose null and absence would look alike in a CSV", () => {
    const schemas = schemasWith("person.schema.json", (schema) => {
      propertiesOf(schema).nickname = { oneOf: [{ type: "string" }, { type: "null" }] };
    });
    const [issue, ...others] = deriveTables(schemas).issues;
    expect(others).toEqual([]);
    expect(issue).toMatchObject({
      code: "schema-table",
      file: "person.schema.json",
      pointer: "/properties/nickname",
    });
    expect(issue?.message).toContain("nickname in person.schema.json is optional and nullable");
    expect(() => tablesOf(schemas)).toThrow(/nickname in person.schema.json is optional/);
  });
});
