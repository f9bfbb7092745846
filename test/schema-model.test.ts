import { cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKS } from "../scripts/checks/index.ts";
import { codeTable } from "../scripts/lib/problem.ts";
import { LOAD } from "../scripts/lib/read-record.ts";
import {
  loadPackageSchemas,
  loadSchemas,
  ROLES,
  SCHEMA_CODES,
  SCHEMA_DIR,
  type Schemas,
} from "../scripts/lib/schemas/index.ts";
import { ALL_CODES, CRASH_CODE, validate } from "../scripts/pipeline/validate.ts";
import { BASE, FIXTURES, ROOT, tempDir } from "./helpers.ts";

// This file is where the dataset's own collection and field names may appear: it tests the
// schema model that maps them to roles, so that no other code has to name them.

describe("the schema model", () => {
  const schemas = loadPackageSchemas();
  const people = schemas.collection("people");

  it("has every field's role, shape, requiredness and references from the schema", () => {
    const field = (path: string) => people?.fields.find((f) => f.path.join(".") === path);
    expect(field("name")).toMatchObject({ roles: ["label"], required: true, nullable: false });
    expect(field("mentions.*.span")?.roles).toContain("span");
    expect(field("mentions.*.span.exact")?.roles).toEqual(["span-exact", "label"]);
    expect(field("mentions.*.span.source")).toMatchObject({
      roles: ["span-source"],
      references: ["sources"],
    });
    expect(field("roles.*.start_date")?.roles).toEqual(["starts", "date"]);
    expect(field("mentions")?.shape).toEqual({ kind: "array", minItems: 0 });
    expect(field("name_provenance.basis")?.shape).toMatchObject({ kind: "scalar", type: "string" });
    expect(schemas.collection("sources")?.textExtension).toBe(".txt");
    expect(schemas.issues).toEqual([]);
  });

  it("knows every role it is given, and every role has a meaning", () => {
    const used = new Set(schemas.collections.flatMap((c) => c.fields.flatMap((f) => f.roles)));
    expect([...used].filter((role) => !Object.hasOwn(ROLES, role))).toEqual([]);
    expect(Object.values(ROLES).every((meaning) => meaning.length > 10)).toBe(true);
  });

  it("gives no two stages the same code: the table refuses a code declared twice", () => {
    const stage = (name: string, codes: Record<string, string>) => ({
      name,
      description: name,
      codes,
    });
    expect(() =>
      codeTable([
        stage("first", { a: "one", b: "two" }),
        stage("second", { c: "three", b: "again" }),
      ]),
    ).toThrow("the code `b` is declared by both first and second");
    // Every stage's codes are in the table, none lost to another's.
    const declared = [SCHEMA_CODES, LOAD.codes, ...CHECKS.map((check) => check.codes)].flatMap(
      (codes) => Object.keys(codes),
    );
    expect(Object.keys(ALL_CODES)).toEqual([...declared, CRASH_CODE]);
  });
});

// Each folder's schemas are compiled once for the file: compiling is the slow part.
const compiled = new Map<string, Schemas>();
const schemasIn = (dir: string) => {
  let schemas = compiled.get(dir);
  if (!schemas) {
    schemas = loadSchemas(dir);
    compiled.set(dir, schemas);
  }
  return schemas;
};

/** Every code the corpus case reports, in order, over some data and schemas. */
function codesOf(
  name: string,
  dataFrom: string,
  schemaDir: string,
  rename?: (p: string) => string,
) {
  const data = join(tempDir(), "data");
  cpSync(dataFrom, data, { recursive: true });
  const overlay = join(FIXTURES, "invalid", name);
  for (const entry of readdirSync(overlay, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory() || entry.name === "expected.json") continue;
    const from = join(entry.parentPath, entry.name);
    const to = join(data, (rename ?? ((p: string) => p))(relative(overlay, from)));
    rmSync(to, { force: true });
    cpSync(from, to, { verbatimSymlinks: true });
  }
  return validate(data, { schemas: schemasIn(schemaDir) }).problems.map((p) => p.code);
}

describe("checks read roles, not names", () => {
  // A copy of the schemas with the span definition and the people collection renamed, and the
  // base fixture moved to match: every check must still find what it looks for.
  const root = tempDir();
  const schemaDir = join(root, "schema");
  cpSync(SCHEMA_DIR, schemaDir, { recursive: true });
  for (const file of readdirSync(schemaDir)) {
    const path = join(schemaDir, file);
    const text = readFileSync(path, "utf8")
      .replaceAll('"span": {\n      "title": "Span"', '"excerpt": {\n      "title": "Span"')
      .replaceAll("#/$defs/span", "#/$defs/excerpt")
      .replaceAll('"people"', '"persons"');
    writeFileSync(path, text);
  }
  const data = join(root, "data");
  cpSync(BASE, data, { recursive: true });
  renameSync(join(data, "people"), join(data, "persons"));
  const toPersons = (path: string) => path.replace(/^people\//, "persons/");

  it("renames cleanly: the copy has no schema issue and the base fixture stays valid", () => {
    const renamed = loadSchemas(schemaDir);
    expect(renamed.issues).toEqual([]);
    const defs = renamed.defs.$defs as Record<string, unknown>;
    expect([defs.span, defs.excerpt !== undefined]).toEqual([undefined, true]);
    expect(renamed.collection("persons")).toBeDefined();
    expect(validate(data, { schemas: renamed }).problems).toEqual([]);
  });

  // Every corpus case about data (not schemas) finds the same problems either way; but for the
  // one whose unknown folder is the renamed collection's new name.
  const cases = readdirSync(join(FIXTURES, "invalid"))
    .filter((name) => !readdirSync(join(FIXTURES, "invalid", name)).includes("schema"))
    .filter((name) => name !== "unknown-collection")
    .sort();
  it.each(cases)("%s: the same problems under the renamed schemas", (name) => {
    const original = codesOf(name, BASE, SCHEMA_DIR);
    expect(original.length).toBeGreaterThan(0);
    expect(codesOf(name, data, schemaDir, toPersons)).toEqual(original);
  });
});

describe("scripts/", () => {
  it("names no collection of the dataset: checks and emitters read the schema model", () => {
    const names = loadPackageSchemas().collections.map((c) => c.name);
    const offenders: string[] = [];
    const scripts = join(ROOT, "scripts");
    for (const entry of readdirSync(scripts, { recursive: true, withFileTypes: true })) {
      // The benchmark's corpus is data: it writes records, so it names their fields.
      if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name === "corpus.ts") continue;
      const file = join(entry.parentPath, entry.name);
      const text = readFileSync(file, "utf8");
      for (const name of names)
        if (text.includes(`"${name}"`) || text.includes(`'${name}'`))
          offenders.push(`${relative(ROOT, file)}: "${name}"`);
    }
    expect(offenders).toEqual([]);
  });
});
