import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { BANNER } from "../scripts/lib/banner.ts";
import { loadPackageSchemas } from "../scripts/lib/schemas/index.ts";
import { render } from "../scripts/pipeline/build.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, FIXTURES, ROOT } from "./helpers.ts";

interface Resource {
  name: string;
  type?: string;
  path: string;
  bytes: number;
  hash: string;
  schema?: {
    fields: { name: string }[];
    primaryKey: string[];
    foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  };
}

// The official Data Package v2 profile (draft-07), copied into the fixtures; it uses keywords of
// its own (`propertyOrder`, `context`), hence not strict.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
// An editor hint in the profile, not a constraint.
ajv.addFormat("textarea", true);
const profile = JSON.parse(
  readFileSync(join(FIXTURES, "frictionless-2.0", "datapackage.json"), "utf8"),
) as object;
const validateDescriptor = ajv.compile(profile);

const bufferOf = (content: string | Uint8Array | undefined) => Buffer.from(content ?? "");

async function packageOf(dataDir: string) {
  const { output } = await render(validate(dataDir));
  const descriptor = JSON.parse(bufferOf(output.get("datapackage.json")).toString("utf8"));
  return { output, descriptor, resources: descriptor.resources as Resource[] };
}

const rowsOf = (content: string | Uint8Array | undefined): string[][] =>
  parse(bufferOf(content).toString("utf8"));

describe.each([
  ["the base fixture", BASE],
  ["the real data", join(ROOT, "data")],
])("the Data Package of %s", (_, dataDir) => {
  it("validates against the official Frictionless v2 profile", async () => {
    const { descriptor } = await packageOf(dataDir);
    validateDescriptor(descriptor);
    expect(validateDescriptor.errors ?? []).toEqual([]);
    expect(descriptor.$schema).toBe("https://datapackage.org/profiles/2.0/datapackage.json");
  });

  it("has exactly one resource per CSV, each with its true size and SHA-256", async () => {
    const { output, resources } = await packageOf(dataDir);
    const csvs = [...output.keys()].filter((path) => path.endsWith(".csv")).sort();
    expect(
      resources
        .map((r) => r.path)
        .filter((path) => path.endsWith(".csv"))
        .sort(),
    ).toEqual(csvs);
    for (const resource of resources) {
      const content = bufferOf(output.get(resource.path));
      expect(output.has(resource.path), resource.path).toBe(true);
      expect(resource.bytes, resource.path).toBe(content.byteLength);
      expect(resource.hash, resource.path).toBe(
        `sha256:${createHash("sha256").update(content).digest("hex")}`,
      );
    }
  });

  it("names each CSV's header in order, and a primary key unique in its table", async () => {
    const { output, resources } = await packageOf(dataDir);
    for (const { path, schema } of resources.filter((r) => r.schema)) {
      const [header, ...rows] = rowsOf(output.get(path));
      const names = schema?.fields.map((f) => f.name) ?? [];
      expect(header, path).toEqual(names);
      const key = (schema?.primaryKey ?? []).map((field) => names.indexOf(field));
      expect(key, path).not.toContain(-1);
      const keys = rows.map((row) => JSON.stringify(key.map((i) => row[i])));
      expect(new Set(keys).size, `${path}: duplicate primary key`).toBe(keys.length);
    }
  });

  it("points every foreign key at a resource and fields that exist", async () => {
    const { resources } = await packageOf(dataDir);
    const fieldsOf = new Map(resources.map((r) => [r.name, r.schema?.fields.map((f) => f.name)]));
    for (const { name, schema } of resources) {
      for (const { fields, reference } of schema?.foreignKeys ?? []) {
        expect(fieldsOf.get(name), name).toEqual(expect.arrayContaining(fields));
        expect(fieldsOf.get(reference.resource), name).toEqual(
          expect.arrayContaining(reference.fields),
        );
      }
    }
  });

  it("has every foreign key the schema's x-references and arrays require, and no other", async () => {
    // Derived here from the schema model, not from the table code: a field with references
    // becomes a column of the table of its innermost array (`<collection>__<array>__…`, the
    // path between stars joined with _), named by the rest of its path (or, for an item of an
    // array of ids, by the array); it points at the one collection it names, or at `records`
    // when it names several. Each link table also points at the table it hangs from.
    const { resources } = await packageOf(dataDir);
    const expected: string[] = [];
    for (const collection of loadPackageSchemas().collections) {
      for (const field of collection.fields) {
        if (!field.references) continue;
        const levels: string[][] = [[]];
        for (const step of field.path)
          if (step === "*") levels.push([]);
          else levels.at(-1)?.push(step);
        const last = levels.pop() ?? [];
        const table = [collection.name, ...levels.map((level) => level.join("_"))].join("__");
        const column = last.length > 0 ? last.join("_") : String(field.path.at(-2));
        const [only, ...more] = field.references;
        const target = more.length === 0 && only ? only : "records";
        expected.push(`${table}: ${column} -> ${target}.id`);
      }
    }
    // A link table's key is its parent's key (renamed), then its position.
    const keyOf = new Map(resources.map((r) => [r.name, r.schema?.primaryKey ?? []]));
    for (const { name } of resources.filter((r) => r.name.includes("__"))) {
      const parent = name.slice(0, name.lastIndexOf("__"));
      const own = (keyOf.get(name) ?? []).filter((column) => column !== "position");
      expected.push(`${name}: ${own.join(",")} -> ${parent}.${keyOf.get(parent)?.join(",")}`);
    }
    const emitted = resources.flatMap(({ name, schema }) =>
      (schema?.foreignKeys ?? []).map(
        ({ fields, reference }) =>
          `${name}: ${fields.join(",")} -> ${reference.resource}.${reference.fields.join(",")}`,
      ),
    );
    expect(expected.length).toBeGreaterThan(40);
    expect(emitted.sort()).toEqual(expected.sort());
  });

  it("is documented column by column in data-dictionary.md", async () => {
    const { output, resources } = await packageOf(dataDir);
    const dictionary = bufferOf(output.get("data-dictionary.md")).toString("utf8");
    expect(dictionary.split("\n")[0]).toBe(`> ${BANNER}`);
    for (const { name, schema } of resources.filter((r) => r.schema)) {
      expect(dictionary, name).toMatch(new RegExp(`^#+ \`${name}\`$`, "m"));
      for (const field of schema?.fields ?? [])
        expect(dictionary, name).toContain(`| \`${field.name}\` |`);
    }
  });
});

/** Whether a command runs; in CI a missing reader fails its test instead of skipping it. */
const has = (command: string, args: string[]) =>
  spawnSync(command, args).status === 0 || Boolean(process.env.CI);

describe("every resource of dist/datapackage.json, read in a loop", () => {
  const dist = join(ROOT, "dist");
  const descriptor = JSON.parse(readFileSync(join(dist, "datapackage.json"), "utf8"));
  const resources = descriptor.resources as Resource[];
  /** Each table's data rows, as csv-parse reads its file. */
  const counts = Object.fromEntries(
    resources.map((r) => [
      r.name,
      (parse(readFileSync(join(dist, r.path)), { columns: true }) as unknown[]).length,
    ]),
  );

  it("is a table, which csv-parse reads with the header its schema names", () => {
    expect(resources.length).toBeGreaterThan(10);
    for (const resource of resources) {
      expect(resource.type, resource.name).toBe("table");
      const [header] = parse(readFileSync(join(dist, resource.path)), { to: 1 }) as string[][];
      expect(header, resource.name).toEqual(resource.schema?.fields.map((f) => f.name));
    }
    expect(descriptor.description).toContain("json/dataset.json");
  });

  it("names every id: records.csv holds each record's label", () => {
    const records = parse(readFileSync(join(dist, "csv", "records.csv")), {
      columns: true,
    }) as { id: string; collection: string; label: string }[];
    const dataset = JSON.parse(readFileSync(join(dist, "json", "dataset.json"), "utf8"));
    expect(records.length).toBe(counts.records);
    for (const { id, collection, label } of records) {
      const record = (dataset[collection] as { id: string }[]).find((r) => r.id === id);
      expect(record, id).toBeDefined();
      // The label is a text of the record itself: a field's value or a span's exact text.
      expect(label, id).not.toBe("");
      expect(JSON.stringify(record), id).toContain(JSON.stringify(label).slice(1, -1));
    }
  });

  it.skipIf(!has("python3", ["--version"]))("reads the same in Python's csv module", () => {
    const script = `
import csv, json, sys
package = json.load(open("dist/datapackage.json", encoding="utf-8"))
counts = {}
for resource in package["resources"]:
    with open("dist/" + resource["path"], newline="", encoding="utf-8") as f:
        counts[resource["name"]] = sum(1 for _ in csv.DictReader(f))
print(json.dumps(counts))`;
    const result = spawnSync("python3", ["-c", script], { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual(counts);
  });

  it.skipIf(!has("Rscript", ["-e", "library(readr)"]))(
    "reads the same in R's readr, with the types the package declares and no parsing problem",
    () => {
      const script = `
library(readr)
package <- jsonlite::read_json("dist/datapackage.json")
codes <- c(string = "c", integer = "i", number = "d", boolean = "l", date = "D")
for (resource in package$resources) {
  types <- vapply(resource$schema$fields, function(field) codes[[field$type]], "")
  table <- read_csv(file.path("dist", resource$path), col_types = paste(types, collapse = ""),
                    na = "", trim_ws = FALSE, progress = FALSE)
  cat(resource$name, nrow(table), nrow(problems(table)), "\n")
}`;
      const result = spawnSync("Rscript", ["-e", script], { cwd: ROOT, encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
      const lines = result.stdout
        .trim()
        .split("\n")
        .map((line) => line.trim().split(" "));
      expect(Object.fromEntries(lines.map(([name, rows]) => [name, Number(rows)]))).toEqual(counts);
      expect(lines.filter(([, , problems]) => problems !== "0")).toEqual([]);
    },
  );
});
