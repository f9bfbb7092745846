import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ajvFor,
  createAjv,
  formatHolds,
  loadSchemas,
  ROLES,
  type Schemas,
} from "../scripts/lib/schemas/index.ts";
import { tempDir } from "./helpers.ts";

// The schema model read from small schema folders made here: each shape, annotation and
// mistake a schema can have, and what the model makes of it.

/** A folder holding these schema files (a string is written as it is, else as JSON). */
function folder(files: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files))
    writeFileSync(
      join(dir, name),
      typeof content === "string" ? content : JSON.stringify(content, null, 2),
    );
  return dir;
}

const DEFS = {
  $id: "defs.schema.json",
  $defs: {
    id: { type: "string", pattern: "^[a-z]+$", description: "An id." },
    span: {
      "x-role": "span",
      type: "object",
      required: ["exact"],
      properties: {
        exact: { "x-role": ["span-exact", "label"], type: "string" },
        "a~b/c": { type: "integer" },
      },
    },
    maybe: { oneOf: [{ type: "string", format: "date" }, { type: "null" }] },
    kind: { type: "string", enum: ["x", "y", null], "x-checkable": ["x"] },
  },
};

const THING = {
  $id: "thing.schema.json",
  title: "Thing",
  "x-collection": "things",
  type: "object",
  required: ["id", "quote"],
  properties: {
    $schema: { type: "string" },
    id: { $ref: "defs.schema.json#/$defs/id", "x-role": "label" },
    quote: { $ref: "defs.schema.json#/$defs/span", description: "The quote." },
    when: { $ref: "defs.schema.json#/$defs/maybe" },
    site: { type: "string", format: "uri" },
    count: { type: ["integer", "null"] },
    mixed: { type: ["integer", "string"] },
    tags: { type: "array", minItems: 2, items: { type: "string", "x-references": ["things"] } },
    kind: { $ref: "defs.schema.json#/$defs/kind" },
    flag: { anyOf: [{ type: "boolean" }, { $ref: "#/$defs/nothing" }] },
    score: { type: "number" },
    meta: { properties: { a: { type: "boolean" } } },
    list: { items: { type: "integer" } },
    local: { $ref: "#/$defs/local" },
  },
  $defs: { local: { type: "integer", description: "Local." } },
};

const SOURCE = {
  $id: "source.schema.json",
  "x-collection": "sources",
  "x-source-text": ".txt",
  type: "object",
  properties: { id: { $ref: "defs.schema.json#/$defs/id" } },
};

const issuesOf = (schemas: Schemas) =>
  schemas.issues.map(({ file, pointer, code, message, fix }) => ({
    file,
    pointer,
    code,
    message,
    fix,
  }));

describe("the schema model of a folder", () => {
  const dir = folder({
    "defs.schema.json": DEFS,
    "thing.schema.json": THING,
    "source.schema.json": SOURCE,
    "notes.txt": "not a schema",
  });
  // Read again for each test, so that each test reaches the code it checks.
  let schemas: Schemas;
  beforeEach(() => {
    schemas = loadSchemas(dir, { metaCheck: false });
  });
  const fieldAt = (path: string) =>
    schemas.collection("things")?.fields.find((f) => f.path.join(".") === path);

  it("has its collections sorted by name, with title, file and text extension", () => {
    expect(schemas.issues).toEqual([]);
    expect(
      schemas.collections.map((c) => [c.name, c.title, c.schemaFile, c.textExtension]),
    ).toEqual([
      ["sources", "sources", "source.schema.json", ".txt"],
      ["things", "Thing", "thing.schema.json", undefined],
    ]);
    expect(Object.hasOwn(schemas.collection("things") ?? {}, "textExtension")).toBe(false);
    expect([...schemas.byId.keys()]).toEqual([
      "defs.schema.json",
      "source.schema.json",
      "thing.schema.json",
    ]);
    expect([...schemas.texts.keys()]).toEqual([...schemas.byId.keys()]);
    expect(schemas.defs).toBe(schemas.byId.get("defs.schema.json"));
    expect(schemas.collection("nothing")).toBeUndefined();
    expect(schemas.dir).toBe(dir);
    expect(schemas.validatorCode).toBeUndefined();
  });

  it("sorts its collections by name, not by the names of their files", () => {
    const named = folder({
      "defs.schema.json": { $id: "defs.schema.json" },
      "a.schema.json": { "x-collection": "zebras", type: "object" },
      "b.schema.json": { "x-collection": "apples", type: "object" },
    });
    const { collections, issues } = loadSchemas(named, { metaCheck: false });
    expect(issues).toEqual([]);
    expect(collections.map((c) => [c.name, c.schemaFile])).toEqual([
      ["apples", "b.schema.json"],
      ["zebras", "a.schema.json"],
    ]);
  });

  it("reads its files in code-unit order, not in the order of their bytes in UTF-8", () => {
    // U+1D4B6 is D835 DCB6 in UTF-16, before U+FF5A; in UTF-8 it is F0 …, after EF ….
    const named = folder({
      "defs.schema.json": { $id: "defs.schema.json" },
      "\uFF5A.schema.json": { "x-collection": "b", type: "object" },
      "\u{1D4B6}.schema.json": { "x-collection": "a", type: "object" },
    });
    const { byId, texts } = loadSchemas(named, { metaCheck: false });
    const order = ["defs.schema.json", "\u{1D4B6}.schema.json", "\uFF5A.schema.json"];
    expect([...byId.keys()]).toEqual(order);
    expect([...texts.keys()]).toEqual(order);
  });

  it("requires no field where the schema has no list of required ones, whatever its name", () => {
    // The text mutation testing puts into a list it empties: a default list must stay empty.
    const named = folder({
      "defs.schema.json": { $id: "defs.schema.json" },
      "thing.schema.json": {
        "x-collection": "things",
        type: "object",
        properties: { "Stryker was here": { type: "string" } },
      },
    });
    const things = loadSchemas(named, { metaCheck: false }).collection("things");
    expect(things?.fields.map((f) => [f.path, f.required])).toEqual([
      [[], true],
      [["Stryker was here"], false],
    ]);
  });

  it("lists every field depth first, following $ref, but no $schema property", () => {
    expect(schemas.collection("things")?.fields.map((f) => f.path.join("."))).toEqual([
      "",
      "id",
      "quote",
      "quote.exact",
      "quote.a~b/c",
      "when",
      "site",
      "count",
      "mixed",
      "tags",
      "tags.*",
      "kind",
      "flag",
      "score",
      "meta",
      "meta.a",
      "list",
      "list.*",
      "local",
    ]);
  });

  it.each([
    ["", { kind: "object" }, false],
    ["id", { kind: "scalar", type: "string" }, false],
    ["quote", { kind: "object" }, false],
    ["quote.a~b/c", { kind: "scalar", type: "integer" }, false],
    ["when", { kind: "scalar", type: "date" }, true],
    ["site", { kind: "scalar", type: "string", format: "uri" }, false],
    ["count", { kind: "scalar", type: "integer" }, true],
    ["mixed", { kind: "mixed" }, false],
    ["tags", { kind: "array", minItems: 2 }, false],
    ["kind", { kind: "scalar", type: "string", enum: ["x", "y"] }, false],
    ["flag", { kind: "mixed" }, false],
    ["score", { kind: "scalar", type: "number" }, false],
    ["meta", { kind: "object" }, false],
    ["meta.a", { kind: "scalar", type: "boolean" }, false],
    ["list", { kind: "array", minItems: 0 }, false],
    ["local", { kind: "scalar", type: "integer" }, false],
  ])("%s has the shape %o", (path, shape, nullable) => {
    expect(fieldAt(path)?.shape).toStrictEqual(shape);
    expect(fieldAt(path)?.nullable).toBe(nullable);
  });

  it("knows which fields are required, and what they reference, check and describe", () => {
    const required = schemas
      .collection("things")
      ?.fields.filter((f) => f.required)
      .map((f) => f.path.join("."));
    expect(required).toEqual(["", "id", "quote", "quote.exact", "tags.*", "list.*"]);
    expect(fieldAt("tags.*")?.references).toEqual(["things"]);
    expect(Object.hasOwn(fieldAt("tags") ?? {}, "references")).toBe(false);
    expect(fieldAt("kind")?.checkable).toEqual(["x"]);
    expect(Object.hasOwn(fieldAt("id") ?? {}, "checkable")).toBe(false);
    expect(fieldAt("quote")?.description).toBe("The quote.");
    expect(fieldAt("id")?.description).toBe("An id.");
    expect(fieldAt("local")?.description).toBe("Local.");
    expect(Object.hasOwn(fieldAt("site") ?? {}, "description")).toBe(false);
  });

  it("gives each field the roles on it and on the definition it refers to", () => {
    expect(fieldAt("id")?.roles).toEqual(["label"]);
    expect(fieldAt("quote")?.roles).toEqual(["span"]);
    expect(fieldAt("quote.exact")?.roles).toEqual(["span-exact", "label"]);
    expect(fieldAt("site")?.roles).toEqual([]);
  });

  it("places each field where it is written, in its own file or the one a $ref led to", () => {
    expect(fieldAt("quote")?.at).toEqual({
      file: "thing.schema.json",
      pointer: "/properties/quote",
    });
    expect(fieldAt("quote.exact")?.at).toEqual({
      file: "defs.schema.json",
      pointer: "/$defs/span/properties/exact",
    });
    expect(fieldAt("quote.a~b/c")?.at).toEqual({
      file: "defs.schema.json",
      pointer: "/$defs/span/properties/a~0b~1c",
    });
    expect(fieldAt("tags.*")?.at).toEqual({
      file: "thing.schema.json",
      pointer: "/properties/tags/items",
    });
    expect(fieldAt("meta.a")?.at).toEqual({
      file: "thing.schema.json",
      pointer: "/properties/meta/properties/a",
    });
    expect(fieldAt("quote")?.resolved).toBe(DEFS_OF(schemas).span);
  });

  it("resolves a $ref in a file, in another, and escaped, or says it cannot", () => {
    expect(schemas.resolve("#/$defs/local", "thing.schema.json")).toEqual({
      node: { type: "integer", description: "Local." },
      base: "thing.schema.json",
    });
    expect(schemas.resolve("defs.schema.json#/$defs/span/properties/a~0b~1c", "x").node).toEqual({
      type: "integer",
    });
    expect(schemas.resolve("defs.schema.json", "thing.schema.json").base).toBe("defs.schema.json");
    expect(() => schemas.resolve("#/$defs/none", "thing.schema.json")).toThrow(
      "thing.schema.json: cannot resolve $ref #/$defs/none",
    );
    expect(() => schemas.resolve("#/$defs/local/type", "thing.schema.json")).toThrow();
  });
});

const DEFS_OF = (schemas: Schemas) => schemas.defs.$defs as Record<string, unknown>;

describe("mistakes in a folder of schemas", () => {
  it("a file that is not JSON: one issue with its line and column, and no collections", () => {
    const dir = folder({
      "defs.schema.json": DEFS,
      "bad.schema.json": '{\n  "a": ,\n}',
      "list.schema.json": "[1]",
    });
    const schemas = loadSchemas(dir);
    expect(schemas.issues).toEqual([
      {
        file: "bad.schema.json",
        pointer: "",
        position: { line: 2, column: 8 },
        code: "schema-file",
        message: "bad.schema.json is not valid JSON",
        fix: "fix the JSON syntax at this position",
      },
      {
        file: "list.schema.json",
        pointer: "",
        code: "schema-file",
        message: "list.schema.json does not hold a JSON object",
        fix: "a schema is one JSON object",
      },
    ]);
    expect(schemas.collections).toEqual([]);
    expect(schemas.defs).toEqual({});
    expect(schemas.collection("things")).toBeUndefined();
    expect([...schemas.byId.keys()]).toEqual(["defs.schema.json"]);
    expect([...schemas.texts.keys()]).toEqual([
      "bad.schema.json",
      "defs.schema.json",
      "list.schema.json",
    ]);
    expect(() => schemas.resolve("#", "defs.schema.json")).toThrow("the schemas could not be read");
  });

  it("a file with a comment, which JSON does not allow: the issue is where the comment starts", () => {
    const dir = folder({
      "defs.schema.json": DEFS,
      "note.schema.json": '{\n  // a note\n  "type": "object"\n}\n',
    });
    expect(loadSchemas(dir).issues.map((i) => [i.file, i.position])).toEqual([
      ["note.schema.json", { line: 2, column: 3 }],
    ]);
  });

  it("a folder without the shared definitions", () => {
    const dir = folder({ "thing.schema.json": { "x-collection": "things", type: "object" } });
    expect(issuesOf(loadSchemas(dir))).toEqual([
      {
        file: "defs.schema.json",
        pointer: "",
        code: "schema-file",
        message: `${dir} has no defs.schema.json`,
        fix: "restore the shared definitions",
      },
    ]);
  });

  it("a $ref to nothing, where the field is", () => {
    const dir = folder({
      "defs.schema.json": DEFS,
      "thing.schema.json": {
        "x-collection": "things",
        properties: { gone: { $ref: "defs.schema.json#/$defs/gone" } },
      },
    });
    expect(issuesOf(loadSchemas(dir))).toEqual([
      {
        file: "thing.schema.json",
        pointer: "/properties/gone/$ref",
        code: "schema-unresolved-ref",
        message: '$ref "defs.schema.json#/$defs/gone" points to nothing',
        fix: 'name a definition that exists, such as "defs.schema.json#/$defs/span"',
      },
    ]);
  });

  it("a $ref that leads back into itself, once, past 32 levels", () => {
    const dir = folder({
      "defs.schema.json": {
        $defs: { loop: { type: "object", properties: { next: { $ref: "#/$defs/loop" } } } },
      },
      "thing.schema.json": { "x-collection": "things", $ref: "defs.schema.json#/$defs/loop" },
    });
    const issues = loadSchemas(dir, { metaCheck: false }).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      file: "defs.schema.json",
      pointer: "/$defs/loop/properties/next",
      code: "schema-meta",
      message: `the schema nests deeper than 32 levels at ${Array(33).fill("next").join(".")}`,
      fix: "a $ref may not lead back into itself",
    });
  });

  it("annotations that name no collection or role, checked once where they are written", () => {
    const dir = folder({
      "defs.schema.json": { $defs: { note: { type: "string", "x-role": "nots" } } },
      "thing.schema.json": {
        "x-collection": "things",
        properties: {
          a: { type: "string", "x-references": ["thing", "zzzzzzzz", "things"] },
          b: { type: "string", "x-role": "lable" },
          c: { type: "string", "x-role": ["span", "qqqqqqqqqq"] },
          d: { $ref: "defs.schema.json#/$defs/note" },
          e: { $ref: "defs.schema.json#/$defs/note" },
        },
      },
      "other.schema.json": { "x-collection": "others", type: "object" },
    });
    const issues = issuesOf(loadSchemas(dir, { metaCheck: false }));
    expect(issues.slice(0, 3)).toEqual([
      {
        file: "thing.schema.json",
        pointer: "/properties/a/x-references/0",
        code: "schema-references",
        message: "x-references names `thing`, which is not a collection",
        fix: "did you mean `things`?",
      },
      {
        file: "thing.schema.json",
        pointer: "/properties/a/x-references/1",
        code: "schema-references",
        message: "x-references names `zzzzzzzz`, which is not a collection",
        fix: 'name one of the collections (others, things), or add a schema with "x-collection": "zzzzzzzz"',
      },
      {
        file: "thing.schema.json",
        pointer: "/properties/b/x-role",
        code: "schema-role",
        message: "x-role `lable` is not a role",
        fix: "did you mean `label`?",
      },
    ]);
    expect(issues[3]).toEqual({
      file: "thing.schema.json",
      pointer: "/properties/c/x-role/1",
      code: "schema-role",
      message: "x-role `qqqqqqqqqq` is not a role",
      fix: `use one of ${Object.keys(ROLES).join(", ")}`,
    });
    // The definition's role is reported once, where it is written, not where each field uses it.
    expect(issues.slice(4)).toEqual([
      {
        file: "defs.schema.json",
        pointer: "/$defs/note/x-role",
        code: "schema-role",
        message: "x-role `nots` is not a role",
        fix: "did you mean `note`?",
      },
    ]);
  });

  it("an AVeriTeC mapping that misses a verdict or maps one that does not exist", () => {
    const label = { label: null, why: "none" };
    const dir = folder({
      "defs.schema.json": {},
      "thing.schema.json": {
        "x-collection": "things",
        properties: {
          verdict: {
            type: "string",
            enum: ["true", "false", "mixed"],
            "x-averitec-label": { true: label, fals: label, "a/b": label },
          },
          fine: { type: "string", enum: ["x"], "x-averitec-label": { x: label } },
        },
      },
    });
    const schemas = loadSchemas(dir, { metaCheck: false });
    expect(schemas.issues).toEqual([
      {
        file: "thing.schema.json",
        pointer: "/properties/verdict/x-averitec-label",
        code: "schema-meta",
        message: "x-averitec-label gives no label for `false`",
        fix: 'add "false": { "label": …, "why": … }, with "label": null if it has no faithful label',
      },
      {
        file: "thing.schema.json",
        pointer: "/properties/verdict/x-averitec-label",
        code: "schema-meta",
        message: "x-averitec-label gives no label for `mixed`",
        fix: 'add "mixed": { "label": …, "why": … }, with "label": null if it has no faithful label',
      },
      {
        file: "thing.schema.json",
        pointer: "/properties/verdict/x-averitec-label/fals",
        part: "key",
        code: "schema-meta",
        message: "x-averitec-label maps `fals`, which is not one of the values",
        fix: "did you mean `false`?",
      },
      {
        file: "thing.schema.json",
        pointer: "/properties/verdict/x-averitec-label/a~1b",
        part: "key",
        code: "schema-meta",
        message: "x-averitec-label maps `a/b`, which is not one of the values",
        fix: "map only true, false, mixed",
      },
    ]);
  });

  it("a keyword with a value JSON Schema does not allow, with the values it does", () => {
    const dir = folder({
      "defs.schema.json": { $defs: { n: { type: "integr" } } },
      "thing.schema.json": { "x-collection": "things", properties: { a: { minLength: -1 } } },
    });
    const issues = loadSchemas(dir).issues;
    expect(issues.map((i) => [i.file, i.code])).toEqual([
      ["defs.schema.json", "schema-meta"],
      ["thing.schema.json", "schema-meta"],
    ]);
    expect(issues[0]?.pointer).toBe("/$defs/n/type");
    expect(issues[0]?.message).toMatch(/^\/\$defs\/n\/type must be/);
    expect(issues[0]?.fix).toMatch(/^use one of: "array", "boolean", "integer"/);
    expect(issues[1]).toMatchObject({
      pointer: "/properties/a/minLength",
      message: "/properties/a/minLength must be >= 0",
      fix: "correct it to the form draft 2020-12 (or this package's annotation) asks for",
    });
    // Without the check, the same folder loads with no issue.
    expect(loadSchemas(dir, { metaCheck: false }).issues).toEqual([]);
  });

  it("an annotation of the wrong form, and schemas that do not compile together", () => {
    const wrong = folder({
      "defs.schema.json": {},
      "thing.schema.json": { "x-collection": "things", "x-source-text": "txt" },
    });
    // ajv checks an annotation's form when it compiles: the message names no file.
    expect(issuesOf(loadSchemas(wrong))).toEqual([
      {
        file: "defs.schema.json",
        pointer: "",
        code: "schema-meta",
        message:
          'the schemas do not compile: keyword "x-source-text" value is invalid at path "#": data must match pattern "^\\.[a-z0-9]+$"',
        fix: "correct the schema keyword the message names (draft 2020-12)",
      },
    ]);
    const broken = folder({
      "defs.schema.json": {},
      "thing.schema.json": {
        $id: "thing.schema.json",
        "x-collection": "things",
        type: "object",
        properties: { a: { format: "date" } },
      },
    });
    const [issue, ...others] = loadSchemas(broken).issues;
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ file: "thing.schema.json", pointer: "", code: "schema-meta" });
    expect(issue?.message).toBe(
      'the schemas do not compile: strict mode: missing type "number,string" for keyword "format" at "thing.schema.json#/properties/a" (strictTypes)',
    );
    expect(issue?.message).not.toContain("\n");
    expect(issue?.fix).toBe("correct the schema keyword the message names (draft 2020-12)");
  });

  it("is not checked again when validators compiled from the same schemas are kept", () => {
    const files = {
      "defs.schema.json": { $defs: { n: { type: "integr" } } },
      "thing.schema.json": { "x-collection": "things" },
    };
    const cacheDir = tempDir();
    const first = loadSchemas(folder(files), { cacheDir });
    expect(first.issues).toHaveLength(1);
    expect(first.cacheDir).toBe(cacheDir);
    expect(first.validatorCode).toMatch(/validators-[0-9a-f]{16}\.cjs$/);
    expect(first.validatorCode?.startsWith(join(cacheDir, "validators-"))).toBe(true);
    // The same texts in another folder: the same name; another text: another name.
    expect(loadSchemas(folder(files), { cacheDir }).validatorCode).toBe(first.validatorCode);
    const changed = { ...files, "thing.schema.json": { "x-collection": "thing" } };
    expect(loadSchemas(folder(changed), { cacheDir }).validatorCode).not.toBe(first.validatorCode);
    const renamed = {
      "defs.schema.json": files["defs.schema.json"],
      "b.schema.json": files["thing.schema.json"],
    };
    expect(loadSchemas(folder(renamed), { cacheDir }).validatorCode).not.toBe(first.validatorCode);
    writeFileSync(first.validatorCode as string, "");
    expect(loadSchemas(folder(files), { cacheDir }).issues).toEqual([]);
  });
});

describe("ajv for the schemas", () => {
  const dir = folder({
    "defs.schema.json": { $id: "defs.schema.json", $defs: { id: { type: "string" } } },
    "thing.schema.json": {
      $id: "thing.schema.json",
      "x-collection": "things",
      type: "object",
      properties: {
        id: { $ref: "defs.schema.json#/$defs/id" },
        when: { type: "string", format: "date" },
      },
    },
  });
  let schemas: Schemas;
  beforeEach(() => {
    schemas = loadSchemas(dir);
  });

  it("is made once per set of schemas, and validates a record with every error", () => {
    expect(schemas.issues).toEqual([]);
    const ajv = ajvFor(schemas);
    expect(ajvFor(schemas)).toBe(ajv);
    expect(createAjv(schemas)).not.toBe(ajv);
    const validate = ajv.getSchema("thing.schema.json");
    expect(validate?.({ id: "a", when: "2013-05-07" })).toBe(true);
    expect(validate?.({ id: 1, when: "2013-13-07" })).toBe(false);
    expect(validate?.errors?.map((e) => [e.instancePath, e.keyword, e.data])).toEqual([
      ["/id", "type", 1],
      ["/when", "format", "2013-13-07"],
    ]);
  });

  it("knows this package's keywords, and refuses unknown ones", () => {
    const ajv = createAjv(schemas);
    expect(ajv.compile({ "x-role": "label", "x-search": true })({})).toBe(true);
    expect(() => ajv.compile({ "x-search": false })).toThrow('keyword "x-search" value is invalid');
    expect(() => ajv.compile({ "x-unknown": 1 })).toThrow(/unknown keyword/);
  });

  it("writes validators out as code that loads its formats at run time", () => {
    const ajv = createAjv(schemas, { source: true });
    expect(ajv.opts.code.source).toBe(true);
    expect(String(ajv.opts.code.formats)).toBe('require("ajv-formats/dist/formats").fullFormats');
    expect(createAjv(schemas).opts.code.source).toBeFalsy();
  });

  it.each([
    ["date", "2013-05-07", true],
    ["date", "2013-13-07", false],
    ["uri", "https://example.org/a", true],
    ["uri", "example", false],
    ["uuid", "123e4567-e89b-12d3-a456-426614174000", true],
    ["uuid", "123e4567", false],
    ["no-such-format", "anything", false],
  ])("judges %s %j: %s", (format, value, holds) => {
    expect(formatHolds(format, value)).toBe(holds);
  });
});
