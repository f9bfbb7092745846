import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { JsonObject } from "../scripts/lib/json.ts";
import { tableRows } from "../scripts/lib/rows.ts";
import { loadSchemas, type Schemas } from "../scripts/lib/schemas/index.ts";
import { deriveTables, snake, type Table, tablesOf, titleOf } from "../scripts/lib/tables.ts";
import { tempDir } from "./helpers.ts";

// The table model derived from small schema folders made here, and the rows it takes from
// records: every kind of column, link table and key, and each shape a CSV cannot hold.

function schemasOf(files: Record<string, object>) {
  const dir = tempDir();
  writeFileSync(join(dir, "defs.schema.json"), "{}");
  for (const [name, schema] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(schema));
  // A reference to no collection is the schema model's issue, not the tables'.
  return loadSchemas(dir, { metaCheck: false });
}

const EVENTS = {
  title: "Event Thing",
  description: "Things that happen.",
  "x-collection": "events",
  type: "object",
  required: ["id", "name", "note", "tags"],
  properties: {
    id: { type: "string" },
    name: { type: "string", description: "The name." },
    note: { type: ["string", "null"] },
    place: { type: "string", "x-references": ["places"] },
    about: { type: "string", "x-references": ["places", "events"] },
    ghost: { type: "string", "x-references": ["nowhere"] },
    meta: {
      type: "object",
      required: ["basis"],
      properties: { basis: { type: "string" }, extra: { type: "integer" } },
    },
    tags: { type: "array", description: "Tags.", items: { type: "string" } },
    parts: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["who"],
        properties: {
          who: { type: "string", description: "Who." },
          cites: {
            type: "array",
            minItems: 1,
            description: "Cited places.",
            items: { type: "string", "x-references": ["places"] },
          },
        },
      },
    },
  },
};

const PLACES = {
  title: "Place",
  "x-collection": "places",
  type: "object",
  required: ["id"],
  properties: { id: { type: "string" }, sure: { type: "boolean" } },
};

describe("tables derived from a schema", () => {
  // Derived again for each test, so that each test reaches the code it checks.
  let schemas: Schemas;
  let tables: Table[];
  beforeEach(() => {
    schemas = schemasOf({ "event.schema.json": EVENTS, "place.schema.json": PLACES });
    tables = deriveTables(schemas).tables;
  });
  const table = (name: string) => tables.find((t) => t.name === name);

  it("are the table of records, then each collection's main and link tables", () => {
    expect(deriveTables(schemas).issues).toEqual([]);
    expect(tables.map((t) => [t.name, t.collection, t.primaryKey])).toEqual([
      ["records", undefined, ["id"]],
      ["events", "events", ["id"]],
      ["events__tags", "events", ["event_thing_id", "position"]],
      ["events__parts", "events", ["event_thing_id", "position"]],
      ["events__parts__cites", "events", ["event_thing_id", "parts_position", "position"]],
      ["places", "places", ["id"]],
    ]);
    expect(tablesOf(schemas)).toBe(tables);
    expect(deriveTables(schemas).tables).toBe(tables);
    expect(table("records")?.columns.map((c) => [c.name, c.required, c.enum])).toEqual([
      ["id", true, undefined],
      ["collection", true, ["events", "places"]],
      ["label", true, undefined],
    ]);
  });

  it("give the main table a column per scalar field, flattened with _", () => {
    expect(table("events")?.description).toBe("Things that happen. One row per record.");
    expect(table("places")?.description).toBe("Place One row per record.");
    expect(table("events")?.columns).toEqual([
      { name: "id", path: ["id"], title: "id", type: "string", nullable: false, required: true },
      {
        name: "name",
        path: ["name"],
        title: "name",
        type: "string",
        nullable: false,
        description: "The name.",
        required: true,
      },
      {
        name: "note",
        path: ["note"],
        title: "note",
        type: "string",
        nullable: true,
        required: false,
      },
      {
        name: "place",
        path: ["place"],
        title: "place",
        type: "string",
        nullable: false,
        required: false,
        references: ["places"],
      },
      {
        name: "about",
        path: ["about"],
        title: "about",
        type: "string",
        nullable: false,
        required: false,
        references: ["places", "events"],
      },
      {
        name: "ghost",
        path: ["ghost"],
        title: "ghost",
        type: "string",
        nullable: false,
        required: false,
        references: ["nowhere"],
      },
      {
        name: "meta_basis",
        path: ["meta", "basis"],
        title: "meta.basis",
        type: "string",
        nullable: false,
        required: false,
      },
      {
        name: "meta_extra",
        path: ["meta", "extra"],
        title: "meta.extra",
        type: "integer",
        nullable: false,
        required: false,
      },
    ]);
  });

  it("point a reference into one collection at its table, else at the records", () => {
    expect(table("events")?.foreignKeys).toEqual([
      { fields: ["place"], reference: { table: "places", fields: ["id"] } },
      { fields: ["about"], reference: { table: "records", fields: ["id"] } },
      { fields: ["ghost"], reference: { table: "records", fields: ["id"] } },
    ]);
  });

  it("give a link table its parent's key, its position, and the item's columns", () => {
    expect(table("events__tags")).toEqual({
      name: "events__tags",
      collection: "events",
      description: "Tags. One row per item of `tags`.",
      parent: { table: "events", key: ["event_thing_id"], at: ["tags"], requiredArray: true },
      primaryKey: ["event_thing_id", "position"],
      columns: [
        {
          name: "event_thing_id",
          title: "event_thing_id",
          type: "string",
          required: true,
          nullable: false,
          description: "Id of the record in `events`.",
        },
        {
          name: "position",
          title: "position",
          type: "integer",
          required: true,
          nullable: false,
          description: "0-based place of the item in `tags`.",
        },
        {
          name: "tags",
          path: [],
          title: "tags[]",
          type: "string",
          nullable: false,
          description: "Tags.",
          required: true,
        },
      ],
      foreignKeys: [{ fields: ["event_thing_id"], reference: { table: "events", fields: ["id"] } }],
    });
    expect(table("events__parts")?.description).toBe("One row per item of `parts`.");
    expect(table("events__parts")?.parent?.requiredArray).toBe(false);
    expect(table("events__parts")?.columns.at(-1)).toEqual({
      name: "who",
      path: ["who"],
      title: "parts[].who",
      type: "string",
      nullable: false,
      description: "Who.",
      required: true,
    });
  });

  it("key a table of items inside items by every level's position", () => {
    const cites = table("events__parts__cites");
    expect(cites?.parent).toEqual({
      table: "events__parts",
      key: ["event_thing_id", "parts_position"],
      at: ["cites"],
      requiredArray: false,
    });
    expect(cites?.columns.map((c) => [c.name, c.type, c.description])).toEqual([
      ["event_thing_id", "string", "Id of the record in `events`."],
      [
        "parts_position",
        "integer",
        "0-based place of an enclosing item (part of the key of `events__parts`).",
      ],
      ["position", "integer", "0-based place of the item in `parts[].cites`."],
      ["cites", "string", "Cited places."],
    ]);
    expect(cites?.foreignKeys).toEqual([
      {
        fields: ["event_thing_id", "parts_position"],
        reference: { table: "events__parts", fields: ["event_thing_id", "position"] },
      },
      { fields: ["cites"], reference: { table: "places", fields: ["id"] } },
    ]);
  });

  it("hold the rows of records, sorted by key, numbers by value", () => {
    const events = schemas.collection("events");
    const places = schemas.collection("places");
    if (!events || !places) throw new Error("no collections");
    const rows = [
      ...tableRows(tables, [
        {
          collection: events,
          records: [
            {
              id: "b",
              name: "B",
              note: null,
              tags: ["x", "y"],
              meta: { basis: "m" },
              parts: Array.from({ length: 11 }, (_, i) => ({
                who: `w${i}`,
                cites: i === 10 ? ["p"] : [],
              })),
            },
            { id: "a", name: "A", note: "n", tags: [], place: "p" },
          ],
        },
        { collection: places, records: [{ id: "p", sure: true }] },
      ]),
    ];
    expect(rows.map(({ table }) => table.name)).toEqual([
      "events",
      "events__tags",
      "events__parts",
      "events__parts__cites",
      "places",
      "records",
    ]);
    const [main, tags, parts, cites, place, records] = rows.map((r) => r.rows);
    expect(main).toEqual([
      {
        id: "a",
        name: "A",
        note: "n",
        place: "p",
        about: null,
        ghost: null,
        meta_basis: null,
        meta_extra: null,
      },
      {
        id: "b",
        name: "B",
        note: null,
        place: null,
        about: null,
        ghost: null,
        meta_basis: "m",
        meta_extra: null,
      },
    ]);
    expect(tags).toEqual([
      { event_thing_id: "b", position: 0, tags: "x" },
      { event_thing_id: "b", position: 1, tags: "y" },
    ]);
    expect(parts?.map((r) => r.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(parts?.[10]).toEqual({ event_thing_id: "b", position: 10, who: "w10" });
    expect(cites).toEqual([{ event_thing_id: "b", parts_position: 10, position: 0, cites: "p" }]);
    expect(place).toEqual([{ id: "p", sure: true }]);
    expect(records).toEqual([
      { id: "a", collection: "events", label: "a" },
      { id: "b", collection: "events", label: "b" },
      { id: "p", collection: "places", label: "p" },
    ]);
  });

  it("describe the table of records, its columns and its key, in words", () => {
    expect(table("records")).toEqual({
      name: "records",
      description:
        "Every record id with its collection and its label; ids are unique across collections, so any id in any table is named by one join on this table.",
      primaryKey: ["id"],
      columns: [
        {
          name: "id",
          title: "id",
          description: "A record id.",
          type: "string",
          required: true,
          nullable: false,
        },
        {
          name: "collection",
          title: "collection",
          description: "The collection the record belongs to.",
          type: "string",
          required: true,
          nullable: false,
          enum: ["events", "places"],
        },
        {
          name: "label",
          title: "label",
          description:
            "What names or shows the record: its field with the `label` role in the schema (a name, a title, or the exact text of a span), or its id where it has none.",
          type: "string",
          required: true,
          nullable: false,
        },
      ],
      foreignKeys: [],
    });
  });

  it("sort rows by their whole key, and a row without a key cell first", () => {
    const places = schemas.collection("places");
    const events = schemas.collection("events");
    if (!places || !events) throw new Error("no collections");
    const ids = (records: JsonObject[]) =>
      [...tableRows(tables, [{ collection: places, records }])][0]?.rows.map((r) => r.id);
    // "" sorts before every text, upper case too; the missing id is on either side of a comparison.
    expect(ids([{ id: "A" }, {}])).toEqual([null, "A"]);
    expect(ids([{}, { id: "A" }])).toEqual([null, "A"]);
    // Two records of one id (data the checks refuse): their items still sort by id, then position.
    const tags = [
      ...tableRows(tables, [
        {
          collection: events,
          records: [
            { id: "a", tags: ["x", "y"] },
            { id: "a", tags: ["z"] },
          ],
        },
      ]),
    ].find((r) => r.table.name === "events__tags")?.rows;
    expect(tags).toEqual([
      { event_thing_id: "a", position: 0, tags: "x" },
      { event_thing_id: "a", position: 0, tags: "z" },
      { event_thing_id: "a", position: 1, tags: "y" },
    ]);
  });

  it("refuse a value no cell can hold", () => {
    const events = schemas.collection("events");
    if (!events) throw new Error("no events");
    const rows = () => [
      ...tableRows(tables, [{ collection: events, records: [{ id: "a", name: { x: 1 } }] }]),
    ];
    expect(rows).toThrow('a table cell cannot hold {"x":1}');
  });
});

describe("shapes a table cannot hold", () => {
  const make = () =>
    schemasOf({
      "thing.schema.json": {
        "x-collection": "things",
        type: "object",
        required: ["id", "grid", "a", "list"],
        properties: {
          id: { type: "string" },
          mixed: { type: ["string", "integer"] },
          grid: { type: "array", items: { type: "array", items: { type: "string" } } },
          maybe: { type: "array", items: { type: "string" } },
          loose: { type: "object", properties: { a: { type: "string" } } },
          witnessed: {
            type: "object",
            properties: {
              deep: { type: "object", required: ["b"], properties: { b: { type: "string" } } },
            },
          },
          opt: { type: ["string", "null"] },
          a_b: { type: "string" },
          a: { type: "object", required: ["b"], properties: { b: { type: "string" } } },
          list: {
            type: "array",
            items: {
              type: "object",
              properties: { n: { type: ["integer", "null"] }, m: { type: "integer" } },
            },
          },
        },
      },
      "other.schema.json": { "x-collection": "things__list", type: "object", properties: {} },
    });
  let schemas: Schemas;
  beforeEach(() => {
    schemas = make();
  });

  it("are each one issue on the field, and nothing below it", () => {
    const { issues } = deriveTables(schemas);
    expect(
      issues.map(({ file, pointer, code, message, fix }) => ({
        file,
        pointer,
        code,
        message,
        fix,
      })),
    ).toEqual([
      {
        file: "thing.schema.json",
        pointer: "/properties/mixed",
        code: "schema-table",
        message: "mixed in thing.schema.json has no single type a table cell can hold",
        fix: "give it one scalar type (and null, if it may be unknown)",
      },
      {
        file: "thing.schema.json",
        pointer: "/properties/grid/items",
        code: "schema-table",
        message: "grid[] in thing.schema.json is an array of arrays, which has no flat table",
        fix: "make its items objects",
      },
      {
        file: "thing.schema.json",
        pointer: "/properties/maybe",
        code: "schema-table",
        message:
          "maybe in thing.schema.json is optional and may be empty: a CSV cannot tell [] from absent",
        fix: "add it to `required`, or set `minItems` to 1",
      },
      {
        file: "thing.schema.json",
        pointer: "/properties/loose",
        code: "schema-table",
        message:
          "loose in thing.schema.json is an object with nothing always present: a CSV cannot tell {} from absent",
        fix: "make one of its scalar fields required (and not nullable)",
      },
      {
        file: "thing.schema.json",
        pointer: "/properties/witnessed",
        code: "schema-table",
        message:
          "witnessed in thing.schema.json is an object with nothing always present: a CSV cannot tell {} from absent",
        fix: "make one of its scalar fields required (and not nullable)",
      },
      {
        file: "thing.schema.json",
        pointer: "/properties/opt",
        code: "schema-table",
        message:
          "opt in thing.schema.json is optional and nullable: a CSV cannot tell null from absent",
        fix: "add it to `required`, or do not allow null",
      },
      {
        file: "thing.schema.json",
        pointer: "/properties/list/items/properties/n",
        code: "schema-table",
        message:
          "list[].n in thing.schema.json is optional and nullable: a CSV cannot tell null from absent",
        fix: "add it to `required`, or do not allow null",
      },
      {
        file: "thing.schema.json",
        pointer: "",
        code: "schema-table",
        message: 'two columns of table things would be named "a_b"',
        fix: "rename one of the fields whose names, joined with _, give that column name",
      },
      {
        file: "thing.schema.json",
        pointer: "",
        code: "schema-table",
        message: 'two tables would be named "things__list"',
        fix: "rename a collection or an array field",
      },
    ]);
    expect(() => tablesOf(schemas)).toThrow(
      "thing.schema.json: mixed in thing.schema.json has no single type a table cell can hold",
    );
  });

  it("leave out the fields below a refused one, and keep the others", () => {
    const things = deriveTables(schemas).tables.find((t) => t.name === "things");
    expect(things?.columns.map((c) => c.name)).toEqual(["id", "a_b", "a_b"]);
    const list = deriveTables(schemas).tables.find((t) => t.name === "things__list");
    expect(list?.columns.map((c) => [c.name, c.required])).toEqual([
      ["things_id", true],
      ["position", true],
      ["m", false],
    ]);
  });
});

describe("names of tables and columns", () => {
  it.each([
    ["Person", "person"],
    ["ClaimReview", "claim_review"],
    ["Claim review", "claim_review"],
    [" Event 2 Thing ", "event_2_thing"],
    ["HTMLPage", "htmlpage"],
    ["Page2Go", "page2_go"],
  ])("%s is %s in snake case", (title, name) => {
    expect(snake(title)).toBe(name);
  });

  it("title a path with [] for array items", () => {
    expect(titleOf(["participants", "*", "provenance", "*"])).toBe("participants[].provenance[]");
    expect(titleOf(["name"])).toBe("name");
  });
});
