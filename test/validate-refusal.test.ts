import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSchemas, SCHEMA_DIR } from "../scripts/lib/schemas/index.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, tempDir } from "./helpers.ts";

// What a validation returns besides its problems: the dataset it read, and nothing of it when
// the schemas are broken.

describe("validation against broken schemas", () => {
  it("reads no record, and reports each issue on its schema file, in file order", () => {
    const dir = tempDir();
    cpSync(SCHEMA_DIR, dir, { recursive: true });
    const edit = (file: string, from: string, to: string) =>
      writeFileSync(join(dir, file), readFileSync(join(dir, file), "utf8").replace(from, to));
    // The shared definition is reached, and its issue found, before the citation's own field.
    edit("defs.schema.json", '"x-role": "edtf"', '"x-role": "edt"');
    edit("citation.schema.json", '"x-role": "note"', '"x-role": "notes"');
    const { problems, crashed, dataset } = validate(BASE, { schemas: loadSchemas(dir) });
    const at = (file: string) => relative(process.cwd(), join(dir, file));
    expect(problems).toEqual([
      {
        file: at("citation.schema.json"),
        line: 59,
        column: 17,
        severity: "error",
        code: "schema-role",
        message: "x-role `notes` is not a role",
        fix: "did you mean `note`?",
      },
      {
        file: at("defs.schema.json"),
        line: 170,
        column: 17,
        severity: "error",
        code: "schema-role",
        message: "x-role `edt` is not a role",
        fix: "did you mean `edtf` or `ends`?",
      },
    ]);
    expect(crashed).toEqual([]);
    expect(dataset.records).toEqual([]);
    expect(dataset.unreadable.size).toBe(0);
    expect(dataset.sourceTexts.size).toBe(0);
  });

  it("reports a missing file of shared definitions at the start of where it should be", () => {
    const dir = tempDir();
    cpSync(SCHEMA_DIR, dir, { recursive: true });
    rmSync(join(dir, "defs.schema.json"));
    const { problems } = validate(BASE, { schemas: loadSchemas(dir) });
    expect(problems.find((p) => p.code === "schema-file")).toEqual({
      file: relative(process.cwd(), join(dir, "defs.schema.json")),
      line: 1,
      column: 1,
      severity: "error",
      code: "schema-file",
      message: `${dir} has no defs.schema.json`,
      fix: "restore the shared definitions",
    });
  });
});

describe("validation of the base fixture", () => {
  it("reads every record and source text, and finds nothing unreadable", () => {
    const { dataset } = validate(BASE);
    expect(dataset.records).toHaveLength(10);
    expect([...dataset.unreadable]).toEqual([]);
    expect([...dataset.sourceTexts.keys()]).toEqual(["sample-article"]);
  });
});
