import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tableRows } from "../scripts/lib/rows.ts";
import { loadSchemas } from "../scripts/lib/schemas/index.ts";
import { deriveTables, snake } from "../scripts/lib/tables.ts";
import { tempDir } from "./helpers.ts";

// The table model on the shapes that decide whether an object is present, on arrays nested
// in objects inside items, and the rows of a collection whose records have labels.

function schemasOf(thing: object) {
  const dir = tempDir();
  writeFileSync(join(dir, "defs.schema.json"), "{}");
  writeFileSync(join(dir, "thing.schema.json"), JSON.stringify(thing));
  return loadSchemas(dir, { metaCheck: false });
}

const string = { type: "string" };

const THING = {
  "x-collection": "things",
  title: "Thing",
  type: "object",
  required: ["id", "name", "list"],
  properties: {
    id: string,
    name: { type: "string", "x-role": "label" },
    nullOnly: { type: "object", required: ["v"], properties: { v: { type: ["string", "null"] } } },
    emptyOnly: {
      type: "object",
      required: ["arr"],
      properties: { arr: { type: "array", items: string } },
    },
    itemsOnly: {
      type: "object",
      required: ["arr"],
      properties: {
        arr: {
          type: "array",
          items: { type: "object", required: ["v"], properties: { v: string } },
        },
      },
    },
    fullList: {
      type: "object",
      required: ["arr"],
      properties: { arr: { type: "array", minItems: 1, items: string } },
    },
    list: {
      type: "array",
      description: "The list.",
      items: {
        type: "object",
        required: ["inner", "box"],
        properties: {
          box: { type: "object", required: ["b"], properties: { b: string } },
          loose: { type: "object", properties: { x: string } },
          inner: {
            type: "object",
            required: ["tags"],
            properties: {
              tags: {
                type: "array",
                minItems: 1,
                description: "The tags.",
                items: {
                  type: "object",
                  description: "One tag.",
                  required: ["z", "deeper"],
                  properties: {
                    z: string,
                    deeper: {
                      type: "array",
                      description: "Deeper.",
                      items: { type: "string", description: "A deeper item." },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

describe("an object's presence", () => {
  const issuesOf = () =>
    deriveTables(schemasOf(THING)).issues.map((i) => `${i.pointer}: ${i.message.split(" in ")[0]}`);

  it("needs a required scalar that is not null, or a required list that is never empty", () => {
    expect(issuesOf()).toEqual([
      "/properties/nullOnly: nullOnly",
      "/properties/emptyOnly: emptyOnly",
      "/properties/itemsOnly: itemsOnly",
      "/properties/list/items/properties/loose: list[].loose",
    ]);
  });

  it("leaves out the fields below a refused object inside items", () => {
    const list = deriveTables(schemasOf(THING)).tables.find((t) => t.name === "things__list");
    expect(list?.columns.map((c) => c.name)).toEqual(["thing_id", "position", "box_b"]);
  });
});

describe("arrays in objects inside items", () => {
  it("name each level's table and position by the path from the level above", () => {
    const { tables } = deriveTables(schemasOf(THING));
    const names = tables.map((t) => t.name);
    expect(names).toContain("things__list__inner_tags");
    expect(names).toContain("things__list__inner_tags__deeper");
    const deeper = tables.find((t) => t.name === "things__list__inner_tags__deeper");
    expect(deeper?.primaryKey).toEqual([
      "thing_id",
      "list_position",
      "inner_tags_position",
      "position",
    ]);
    expect(deeper?.columns.at(-1)).toMatchObject({ name: "deeper", description: "A deeper item." });
    const tags = tables.find((t) => t.name === "things__list__inner_tags");
    expect(tags?.description).toBe("The tags. One row per item of `list[].inner.tags`.");
  });
});

describe("rows", () => {
  it("are labelled, and sorted by every key column in turn", () => {
    const schemas = schemasOf(THING);
    const { tables } = deriveTables(schemas);
    const things = schemas.collection("things");
    if (!things) throw new Error("no things");
    const record = (id: string, name: string, count: number) => ({
      id,
      name,
      list: Array.from({ length: count }, (_, i) => ({
        box: { b: `${id}${i}` },
        inner: { tags: [{ z: "z", deeper: [] }] },
      })),
    });
    const rows = new Map(
      [
        ...tableRows(tables, [
          { collection: things, records: [record("b", "Bee", 3), record("a", "Ay", 12)] },
        ]),
      ].map(({ table, rows }) => [table.name, rows]),
    );
    expect(rows.get("records")).toEqual([
      { id: "a", collection: "things", label: "Ay" },
      { id: "b", collection: "things", label: "Bee" },
    ]);
    expect(rows.get("things__list")?.map((r) => r.box_b)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `a${i}`),
      "b0",
      "b1",
      "b2",
    ]);
    // Without the table of records, no rows of it.
    const rest = tables.filter((t) => t.name !== "records");
    const names = [...tableRows(rest, [{ collection: things, records: [] }])].map(
      (r) => r.table.name,
    );
    expect(names).not.toContain("records");
    expect(names).toHaveLength(rest.length);
  });
});

describe("rows keyed by a number", () => {
  it("are sorted by its value, not by its digits", () => {
    const schemas = schemasOf({
      "x-collection": "things",
      type: "object",
      required: ["id"],
      properties: { id: { type: "integer" } },
    });
    const things = schemas.collection("things");
    if (!things) throw new Error("no things");
    const records = [{ id: 10 }, { id: 9 }, { id: 2 }];
    const rows = [...tableRows(deriveTables(schemas).tables, [{ collection: things, records }])];
    expect(rows.find((r) => r.table.name === "things")?.rows.map((r) => r.id)).toEqual([2, 9, 10]);
  });
});

describe("snake case", () => {
  it("makes one underscore of any run of other characters", () => {
    expect(snake("Claim  -- review")).toBe("claim_review");
  });
});
