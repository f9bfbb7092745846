import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../scripts/lib/atomic.mjs";
import { type Command, runIfMain } from "../scripts/lib/cli.ts";
import { dropByteOrderMarks } from "../scripts/lib/fix.ts";
import {
  formatHolds,
  loadPackageSchemas,
  loadSchemas,
  SCHEMA_DIR,
  schemasAt,
} from "../scripts/lib/schemas/index.ts";
import { validatorsFor } from "../scripts/lib/validators.ts";
import { tempDir } from "./helpers.ts";

// The shapes the schema model gives the rarer ways of writing a field, and the edges of the
// fixer, the validators kept as code, atomic writes and the command runner.

function folder(files: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
}

const DEFS = { $id: "defs.schema.json", $defs: { id: { type: "string" } } };

describe("the shape of a field written another way", () => {
  const load = () =>
    loadSchemas(
      folder({
        "defs.schema.json": DEFS,
        "thing.schema.json": {
          "x-collection": "things",
          type: "object",
          properties: {
            bareList: { type: "array" },
            bareObject: { type: "object" },
            withTrue: { anyOf: [{ type: "integer" }, true] },
            odd: { type: "string", enum: ["x", null, { a: 1 }, ["y"]] },
            intDate: { type: "integer", format: "date" },
            intUri: { type: "integer", format: "uri" },
            named: { $ref: "defs.schema.json#/$defs/id", "x-references": ["things"] },
            checked: { $ref: "defs.schema.json#/$defs/id", "x-checkable": ["x"] },
            odds: { type: "string", "x-references": [1, "things"] },
          },
        },
      }),
      { metaCheck: false },
    );
  const shapeOf = (path: string) =>
    load()
      .collection("things")
      ?.fields.find((f) => f.path.join(".") === path)?.shape;

  it.each([
    ["bareList", { kind: "array", minItems: 0 }],
    ["bareObject", { kind: "object" }],
    ["withTrue", { kind: "scalar", type: "integer" }],
    ["odd", { kind: "scalar", type: "string", enum: ["x"] }],
    ["intDate", { kind: "scalar", type: "integer" }],
    ["intUri", { kind: "scalar", type: "integer" }],
  ])("%s is %o", (path, shape) => {
    expect(shapeOf(path)).toStrictEqual(shape);
  });

  it("takes references and checkable values written beside a $ref", () => {
    const fields = load().collection("things")?.fields;
    expect(fields?.find((f) => f.path[0] === "named")?.references).toEqual(["things"]);
    expect(fields?.find((f) => f.path[0] === "checked")?.checkable).toEqual(["x"]);
  });

  it("leaves a reference that is not a string to the meta-schema check", () => {
    expect(load().issues).toEqual([]);
  });

  it("stops a list that holds itself past 32 levels", () => {
    const schemas = loadSchemas(
      folder({
        "defs.schema.json": { $defs: { loop: { type: "array", items: { $ref: "#/$defs/loop" } } } },
        "thing.schema.json": { "x-collection": "things", $ref: "defs.schema.json#/$defs/loop" },
      }),
      { metaCheck: false },
    );
    expect(schemas.issues.map((i) => i.message)).toEqual([
      `the schema nests deeper than 32 levels at ${Array(33).fill("*").join(".")}`,
    ]);
  });
});

describe("loading schemas", () => {
  it("checks them against JSON Schema only when nothing else is wrong", () => {
    const schemas = loadSchemas(
      folder({
        "defs.schema.json": {},
        "thing.schema.json": {
          "x-collection": "things",
          properties: { a: { $ref: "#/nothing" }, b: { type: "integr" } },
        },
      }),
    );
    expect(schemas.issues.map((i) => i.code)).toEqual(["schema-unresolved-ref"]);
  });

  it("compiles a union of types", () => {
    const schemas = loadSchemas(
      folder({
        "defs.schema.json": {},
        "thing.schema.json": {
          "x-collection": "things",
          type: "object",
          properties: { n: { type: ["integer", "string"] } },
        },
      }),
    );
    expect(schemas.issues).toEqual([]);
  });

  it("reads the package's own schemas once, and another folder's each time", () => {
    expect(schemasAt(SCHEMA_DIR)).toBe(loadPackageSchemas());
    expect(loadPackageSchemas().validatorCode).toMatch(/\.kerry-moscow-2013\/validators-/);
    const dir = folder({ "defs.schema.json": {} });
    const other = schemasAt(dir);
    expect(other.dir).toBe(dir);
    expect(schemasAt(dir)).not.toBe(other);
  });

  it("judges a format that is a flag, not a test, as holding for nothing", () => {
    expect(formatHolds("password", "x")).toBe(false);
  });
});

describe("kept validators", () => {
  it("are written into a cache folder made with its parents", () => {
    const cacheDir = join(tempDir(), "a", "b");
    const schemas = loadSchemas(
      folder({
        "defs.schema.json": {},
        "thing.schema.json": { $id: "thing.schema.json", "x-collection": "things" },
      }),
      { cacheDir },
    );
    expect(validatorsFor(schemas)("thing.schema.json")({})).toBe(true);
    expect(existsSync(schemas.validatorCode as string)).toBe(true);
  });
});

describe("byte order marks", () => {
  it("are not looked for in a file too large to read", () => {
    const schemas = loadSchemas(
      folder({ "defs.schema.json": {}, "thing.schema.json": { "x-collection": "things" } }),
    );
    const data = tempDir();
    const things = join(data, "things");
    mkdirSync(things);
    writeFileSync(join(things, "big.json"), `\ufeff${" ".repeat(1024 * 1024 + 1)}`);
    expect(dropByteOrderMarks(data, schemas, false)).toEqual([]);
  });
});

describe("writing a file whole, when the rename fails", () => {
  it("removes its temporary file beside the target", () => {
    const parent = tempDir();
    const target = join(parent, "dir");
    mkdirSync(target);
    expect(() => writeFileAtomic(target, "x")).toThrow();
    expect(readdirSync(parent).filter((f) => f.startsWith(`.${basename(target)}.`))).toEqual([]);
  });
});

describe("a command's module", () => {
  it("runs the command when its module is the script node was started with", async () => {
    const script = process.argv[1];
    if (!script) return;
    const argv = process.argv;
    const exitCode = process.exitCode;
    let given: string[] | undefined;
    const command: Command = {
      usage: "usage",
      main: (args) => {
        given = args;
        return 3;
      },
    };
    try {
      process.argv = ["node", script, "--out", "x"];
      runIfMain(pathToFileURL(script).href, command);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect([given, process.exitCode]).toEqual([["--out", "x"], 3]);
    } finally {
      process.argv = argv;
      process.exitCode = exitCode;
    }
  });
});
