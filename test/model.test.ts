import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { entryEmitter } from "../scripts/emit/entry.ts";
import { interfacesCachePath } from "../scripts/emit/interfaces-cache.ts";
import { jsonEmitter } from "../scripts/emit/json.ts";
import {
  buildModel,
  camel,
  idTypeOf,
  interfaceName,
  type Model,
  textIdType,
  typeNameOf,
} from "../scripts/emit/model.ts";
import { schemasEmitter } from "../scripts/emit/schemas.ts";
import { typesEmitter } from "../scripts/emit/types.ts";
import { BANNER } from "../scripts/lib/banner.ts";
import type { SourceText } from "../scripts/lib/dataset.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import { loadPackageSchemas, loadSchemas, SCHEMA_DIR } from "../scripts/lib/schemas/index.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, ROOT, tempDir } from "./helpers.ts";

// The model the emitters read, and the names and files made from it alone, for the base
// fixture: its record files, its one source text and the package's schemas are the expected
// values, read here without the code under test.
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as JsonObject;
const baseModel = () => buildModel(validate(BASE).dataset);

describe("the model of the base fixture", () => {
  it("holds the package's name, version and homepage, and the schemas it was validated with", () => {
    const model = baseModel();
    expect([model.name, model.version, model.homepage]).toEqual([
      PACKAGE.name,
      PACKAGE.version,
      PACKAGE.homepage,
    ]);
    expect(model.schemas).toBe(loadPackageSchemas());
  });

  it("holds every collection in the schemas' order, its records sorted by id, without $schema", () => {
    const model = baseModel();
    expect(model.collections.map(({ collection }) => collection.name)).toEqual(
      loadPackageSchemas().collections.map((c) => c.name),
    );
    for (const { collection, records } of model.collections) {
      const files = readdirSync(join(BASE, collection.name))
        .filter((file) => file.endsWith(".json"))
        .sort();
      const expected = files.map((file) => {
        const { $schema: _, ...record } = JSON.parse(
          readFileSync(join(BASE, collection.name, file), "utf8"),
        ) as JsonObject;
        return record;
      });
      // Key order included: the record files are canonical, in the schema's order.
      expect(JSON.stringify(records), collection.name).toBe(JSON.stringify(expected));
    }
    const people = model.collections.find((c) => c.collection.name === "people")?.records;
    expect(people?.map((r) => r.id)).toEqual(["ana-ruiz", "bo-chen"]);
  });

  it("holds each source's text and its SHA-256", () => {
    const text = readFileSync(join(BASE, "sources", "sample-article.txt"), "utf8");
    expect(baseModel().sources).toEqual([
      {
        id: "sample-article",
        text,
        sha256: "7602813d87fd0d4c495c6668fda1c09da9d44daa00df83bc51227bc665bdf32f",
      },
    ]);
  });
});

describe("the names made from the schemas", () => {
  it("make collection names JavaScript identifiers", () => {
    expect(camel("people")).toBe("people");
    expect(camel("claim-reviews")).toBe("claimReviews");
    expect(camel("top-10-lists")).toBe("top10Lists");
    expect(camel("a-b-c")).toBe("aBC");
    expect(camel("x-Y")).toBe("x-Y");
  });

  it("name a titled schema's interface as json-schema-to-typescript does", () => {
    expect(interfaceName("Other name")).toBe("OtherName");
    expect(interfaceName("claim review: 2nd draft")).toBe("ClaimReview2ndDraft");
    expect(interfaceName("Person")).toBe("Person");
  });

  it("name a collection's id type, and the ids of the texts", () => {
    const model = baseModel();
    const people = model.collections.find((c) => c.collection.name === "people")?.collection;
    expect(people && idTypeOf(people)).toBe("PersonId");
    expect(textIdType(model)).toBe("SourceId");
    const withoutTexts: Model = {
      ...model,
      schemas: { ...model.schemas, collections: [] } as unknown as Model["schemas"],
    };
    expect(textIdType(withoutTexts)).toBe("string");
  });
});

describe("the files made from the schemas", () => {
  it("copy each schema, indented, by file name", () => {
    const out = new MemoryOutput();
    schemasEmitter.emit(baseModel(), out);
    const files = readdirSync(SCHEMA_DIR)
      .filter((file) => file.endsWith(".json"))
      .sort();
    expect([...out.keys()]).toEqual(files.map((file) => `schema/${file}`));
    for (const file of files)
      expect(Buffer.from(out.get(`schema/${file}`) ?? "").toString("utf8"), file).toBe(
        `${JSON.stringify(JSON.parse(readFileSync(join(SCHEMA_DIR, file), "utf8")), null, 2)}\n`,
      );
  });

  it("declare a union of the ids of each collection, and the maps from collection names", async () => {
    const model = baseModel();
    // A collection without records has no id: its union is `never`.
    const empty: Model = {
      ...model,
      collections: model.collections.map((c) =>
        c.collection.name === "quotes" ? { ...c, records: [] } : c,
      ),
    };
    const out = new MemoryOutput();
    await typesEmitter.emit(empty, out);
    const text = Buffer.from(out.get("types.d.ts") ?? "").toString("utf8");
    expect(Buffer.from(out.get("types.d.cts") ?? "").toString("utf8")).toBe(text);
    const titles = [
      ["citations", "Citation", '"sample-citation"'],
      ["claims", "Claim", '"sample-claim"'],
      ["events", "Event", '"sample-meeting"'],
      ["organizations", "Organization", '"sample-council"'],
      ["people", "Person", '"ana-ruiz" | "bo-chen"'],
      ["places", "Place", '"lima"'],
      ["quotes", "Quote", "never"],
      ["reviews", "Review", '"review-sample-claim"'],
      ["sources", "Source", '"sample-article"'],
    ];
    const expected = [
      `/* ${BANNER} */`,
      "",
      ...titles.flatMap(([name, title, ids]) => [
        `/** Every id in \`${name}\`. */`,
        `export type ${title}Id = ${ids};`,
      ]),
      "/** Every record id, in any collection. */",
      `export type RecordId = ${titles.map(([, title]) => `${title}Id`).join(" | ")};`,
      "/** The name of every collection. */",
      `export type CollectionName = ${titles.map(([name]) => `"${name}"`).join(" | ")};`,
      "/** The record type of each collection, by collection name. */",
      "export interface CollectionRecords {",
      ...titles.map(([name, title]) => `    readonly "${name}": ${title};`),
      "}",
      "/** The id type of each collection, by collection name. */",
      "export interface CollectionIds {",
      ...titles.map(([name, title]) => `    readonly "${name}": ${title}Id;`),
      "}",
      "",
    ].join("\n");
    expect(text.slice(0, expected.length)).toBe(expected);
    // Then the interfaces, one per schema title.
    expect(text.slice(expected.length)).toMatch(/^\n(\/\*|export )/);
    expect(text).toContain("export interface Person {");
  });
});

describe("the interfaces of the types file, made once and kept between builds", () => {
  const TYPES_MODULE = new URL("../scripts/emit/types.ts", import.meta.url).href;

  /** A copy of the package's schemas, with the description of a person's name changed, kept in a fresh folder. */
  function changedSchemas(description: string) {
    const dir = tempDir();
    cpSync(join(SCHEMA_DIR, "defs.schema.json"), join(dir, "defs.schema.json"));
    const file = join(dir, "person.schema.json");
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, "person.schema.json"), "utf8")) as {
      properties: { name: JsonObject };
    };
    schema.properties.name.description = description;
    writeFileSync(file, JSON.stringify(schema));
    return loadSchemas(dir, { cacheDir: tempDir() });
  }

  async function typesText(model: Model): Promise<string> {
    const out = new MemoryOutput();
    await typesEmitter.emit(model, out);
    return Buffer.from(out.get("types.d.ts") ?? "").toString("utf8");
  }

  it("are read from where they were kept, as they were when prepared", async () => {
    const schemas = changedSchemas("A name.");
    const keptAt = interfacesCachePath(schemas, TYPES_MODULE) as string;
    mkdirSync(dirname(keptAt), { recursive: true });
    writeFileSync(keptAt, "export interface Kept {}\n");
    typesEmitter.prepare?.(schemas);
    writeFileSync(keptAt, "export interface KeptLater {}\n");
    const text = await typesText({ ...baseModel(), schemas });
    expect(text.endsWith("}\n\nexport interface Kept {}\n")).toBe(true);
    expect(text).not.toContain("export interface Person {");
  });

  it("are made from the schemas' own folder where none are kept, and kept", async () => {
    const schemas = changedSchemas("A description no schema had.");
    const text = await typesText({ ...baseModel(), schemas });
    expect(text).toContain("A description no schema had.");
    expect(text).toContain("export interface Person {");
    const kept = readFileSync(interfacesCachePath(schemas, TYPES_MODULE) as string, "utf8");
    expect(kept).toContain("A description no schema had.");
    expect(text.endsWith(`\n${kept}`)).toBe(true);
  });
});

describe("the order of what the model and the schemas' copy hold, whatever order they were read in", () => {
  it("sorts each collection's records and the source texts by id", () => {
    const { dataset } = validate(BASE);
    const [[id, text]] = [...dataset.sourceTexts] as [[string, SourceText]];
    const model = buildModel({
      ...dataset,
      records: [...dataset.records].reverse(),
      sourceTexts: new Map([
        [`${id}-z`, text],
        [id, text],
        [`${id}-b`, text],
      ]),
    });
    const people = model.collections.find((c) => c.collection.name === "people")?.records;
    expect(people?.map((r) => r.id)).toEqual(["ana-ruiz", "bo-chen"]);
    expect(model.sources.map((s) => s.id)).toEqual([
      "sample-article",
      "sample-article-b",
      "sample-article-z",
    ]);
  });

  it("copies the schemas in the order of their file names", () => {
    const model = baseModel();
    const out = new MemoryOutput();
    schemasEmitter.emit(
      { ...model, schemas: { ...model.schemas, byId: new Map([...model.schemas.byId].reverse()) } },
      out,
    );
    expect([...out.keys()]).toEqual([
      "schema/citation.schema.json",
      "schema/claim.schema.json",
      "schema/defs.schema.json",
      "schema/event.schema.json",
      "schema/organization.schema.json",
      "schema/person.schema.json",
      "schema/place.schema.json",
      "schema/quote.schema.json",
      "schema/review.schema.json",
      "schema/source.schema.json",
    ]);
  });
});

describe("a collection whose title is two words", () => {
  it("is typed under the one name json-schema-to-typescript gives it, in every declaration, which compile", async () => {
    const dir = tempDir();
    cpSync(SCHEMA_DIR, dir, { recursive: true });
    const file = join(dir, "person.schema.json");
    const schema = JSON.parse(readFileSync(file, "utf8")) as JsonObject;
    schema.title = "Public figure";
    writeFileSync(file, JSON.stringify(schema));
    const model = buildModel(validate(BASE, { schemas: loadSchemas(dir) }).dataset);
    const people = model.collections.find((c) => c.collection.name === "people")?.collection;
    expect(people && [typeNameOf(people), idTypeOf(people)]).toEqual([
      "PublicFigure",
      "PublicFigureId",
    ]);
    const out = new MemoryOutput();
    for (const emitter of [typesEmitter, jsonEmitter, entryEmitter]) await emitter.emit(model, out);
    const text = (path: string) => Buffer.from(out.get(path) ?? "").toString("utf8");
    expect(text("types.d.ts")).toContain("export interface PublicFigure {");
    expect(text("types.d.ts")).toContain('    readonly "people": PublicFigure;');
    expect(text("types.d.ts")).toContain('export type PublicFigureId = "ana-ruiz" | "bo-chen";');
    expect(text("json/people.d.json.ts")).toContain("readonly PublicFigure[]");
    // Every declaration file made, compiled together as a consumer's compiler reads them.
    const root = tempDir();
    const files: string[] = [];
    for (const [path, content] of out) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
      if (/\.d\.(?:m|c)?ts$|\.d\.json\.ts$/.test(path)) files.push(join(root, path));
    }
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      allowArbitraryExtensions: true,
      types: [],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(problems).toEqual([]);
  });
});
