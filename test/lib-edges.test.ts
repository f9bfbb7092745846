import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { type Command, runIfMain } from "../scripts/lib/cli.ts";
import { dropByteOrderMarks } from "../scripts/lib/fix.ts";
import { loadSchemas, type Schemas } from "../scripts/lib/schemas/index.ts";
import { tempDir } from "./helpers.ts";

// The schema model, the fixer and the command runner at their edges: unions with a $ref, a
// $ref into a list, a property that is no schema object, and files that are left alone.

/** A folder holding these schemas as JSON. */
function folder(files: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
}

const DEFS = {
  $id: "defs.schema.json",
  $defs: {
    id: { type: "string" },
    ref: { type: "string", "x-references": ["things"] },
  },
};

describe("the schema model, at its edges", () => {
  const dir = folder({
    "defs.schema.json": DEFS,
    "thing.schema.json": {
      $id: "thing.schema.json",
      "x-collection": "things",
      type: "object",
      required: ["id"],
      properties: {
        id: { $ref: "defs.schema.json#/$defs/id" },
        idOrNull: { oneOf: [{ $ref: "defs.schema.json#/$defs/id" }, { type: "null" }] },
        choice: { anyOf: [{ type: "null" }, { type: "string", enum: ["a", "b"] }] },
        owner: { $ref: "defs.schema.json#/$defs/ref" },
        anything: true,
        range: {
          type: "object",
          properties: { a: { type: "integer" } },
          if: { required: ["a"] },
          // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword.
          then: { required: ["a"] },
        },
      },
    },
  });
  let schemas: Schemas;
  beforeEach(() => {
    schemas = loadSchemas(dir);
  });
  const fieldAt = (path: string) =>
    schemas.collection("things")?.fields.find((f) => f.path.join(".") === path);

  it("compiles a required property named beside if/then", () => {
    expect(schemas.issues).toEqual([]);
  });

  it("follows a $ref inside a union, and takes the enum of the member that is not null", () => {
    expect(fieldAt("idOrNull")?.shape).toStrictEqual({ kind: "scalar", type: "string" });
    expect(fieldAt("idOrNull")?.nullable).toBe(true);
    expect(fieldAt("choice")?.shape).toStrictEqual({
      kind: "scalar",
      type: "string",
      enum: ["a", "b"],
    });
    expect(fieldAt("choice")?.nullable).toBe(true);
  });

  it("takes the references of the definition a field refers to", () => {
    expect(fieldAt("owner")?.references).toEqual(["things"]);
  });

  it("lists no field for a property that is not a schema object", () => {
    expect(schemas.collection("things")?.fields.map((f) => f.path.join("."))).toEqual([
      "",
      "id",
      "idOrNull",
      "choice",
      "owner",
      "range",
      "range.a",
    ]);
  });
});

describe("byte order marks", () => {
  it("are found on record files, and taken off only when asked", () => {
    const schemas = loadSchemas(
      folder({
        "defs.schema.json": DEFS,
        "thing.schema.json": { "x-collection": "things", type: "object" },
      }),
    );
    const data = tempDir();
    mkdirSync(join(data, "things"));
    const marked = join(data, "things", "a.json");
    const clean = join(data, "things", "b.json");
    writeFileSync(marked, '\ufeff{"id":"a"}');
    writeFileSync(clean, '{"id":"b"}');
    expect(dropByteOrderMarks(data, schemas, false)).toEqual([marked]);
    expect(readFileSync(marked, "utf8")).toBe('\ufeff{"id":"a"}');
    expect(dropByteOrderMarks(data, schemas, true)).toEqual([marked]);
    expect(readFileSync(marked, "utf8")).toBe('{"id":"a"}');
    expect(readFileSync(clean, "utf8")).toBe('{"id":"b"}');
    expect(dropByteOrderMarks(data, schemas, true)).toEqual([]);
  });
});

describe("a command's module", () => {
  it("does not run the command when another script was started", () => {
    let ran = false;
    const command: Command = {
      usage: "usage",
      main: () => {
        ran = true;
        return 0;
      },
    };
    runIfMain(new URL("../scripts/lib/cli.ts", import.meta.url).href, command);
    expect(ran).toBe(false);
  });
});
