import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { entryEmitter } from "../scripts/emit/entry.ts";
import { FolderOutput } from "../scripts/emit/folder-output.ts";
import { buildModel } from "../scripts/emit/model.ts";
import { BANNER } from "../scripts/lib/banner.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, ROOT, tempDir } from "./helpers.ts";

// The typed entry point of the base fixture, run by Node as a program would run it (its ES
// modules imported, its CommonJS modules required), and its declarations read against text
// written here by hand.
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
};
const TEXT = readFileSync(join(BASE, "sources", "sample-article.txt"), "utf8");

async function entryOf(): Promise<string> {
  const dir = tempDir();
  await entryEmitter.emit(buildModel(validate(BASE).dataset), new FolderOutput(dir));
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  return dir;
}

/** What a program sees of the entry point, as ES modules and as CommonJS. */
const PROBE = `
import { createRequire } from "node:module";
const fails = (f) => { try { f(); return "no error"; } catch (e) { return e.constructor.name + ": " + e.message; } };
const seen = (m) => ({
  exports: Object.keys(m).sort(),
  people: m.people.map((r) => r.id),
  peopleById: Object.keys(m.peopleById),
  ana: m.peopleById["ana-ruiz"].name,
  guard: [m.isPersonId("ana-ruiz"), m.isPersonId("lima"), m.isPersonId(5), m.isPersonId("toString")],
  frozen: [m.people, m.people[0], m.people[0].name_provenance.span, m.peopleById, m.texts, m.dataset, m.collections].map(Object.isFrozen),
  texts: m.texts,
  collections: m.collections,
  collectionOf: [m.collectionOf("lima"), m.collectionOf("sample-article"), fails(() => m.collectionOf("nobody")), fails(() => m.collectionOf(5))],
  isRecordId: [m.isRecordId("lima"), m.isRecordId("nobody"), m.isRecordId(5), m.isRecordId("constructor")],
  getRecord: [m.getRecord("lima").name, fails(() => m.getRecord("nobody"))],
  recordsOf: [m.recordsOf("places").map((r) => r.id), fails(() => m.recordsOf("nothing"))],
  version: m.version,
  dataset: Object.keys(m.dataset),
  shared: m.dataset.people === m.people && m.dataset.texts === m.texts,
});
const esm = await import("./index.js");
const cjs = createRequire(import.meta.url)("./index.cjs");
console.log(JSON.stringify([seen(esm), seen(cjs)]));
`;

describe("the entry point of the base fixture", () => {
  it("gives a program, as ES modules and as CommonJS, the records, lookups, guards and texts, frozen", async () => {
    const dir = await entryOf();
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", PROBE], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    const collections = [
      "citations",
      "claims",
      "events",
      "organizations",
      "people",
      "places",
      "quotes",
      "reviews",
      "sources",
    ];
    const titles = [
      "Citation",
      "Claim",
      "Event",
      "Organization",
      "Person",
      "Place",
      "Quote",
      "Review",
      "Source",
    ];
    const expected = {
      exports: [
        ...collections,
        ...collections.map((c) => `${c}ById`),
        ...titles.map((t) => `is${t}Id`),
        "texts",
        "collections",
        "collectionOf",
        "isRecordId",
        "getRecord",
        "recordsOf",
        "version",
        "dataset",
      ].sort(),
      people: ["ana-ruiz", "bo-chen"],
      peopleById: ["ana-ruiz", "bo-chen"],
      ana: "Ana Ruiz",
      guard: [true, false, false, false],
      frozen: [true, true, true, true, true, true, true],
      texts: { "sample-article": TEXT },
      collections,
      collectionOf: [
        "places",
        "sources",
        'RangeError: no record has the id "nobody"',
        "RangeError: no record has the id 5",
      ],
      isRecordId: [true, false, false, false],
      getRecord: ["Lima", 'RangeError: no record has the id "nobody"'],
      recordsOf: [["lima"], 'RangeError: no collection is called "nothing"'],
      version,
      dataset: ["version", "texts", ...collections],
      shared: true,
    };
    expect(JSON.parse(run.stdout)).toEqual([expected, expected]);
  });

  it("marks every value it builds as pure, so that a bundler can drop what is not used", async () => {
    const dir = await entryOf();
    const read = (file: string) => readFileSync(join(dir, file), "utf8");
    for (const [js, require, exported] of [
      [".js", 'import { freeze, indexById } from "../internal/freeze.js";\n', "export const "],
      [".cjs", 'const { freeze, indexById } = require("../internal/freeze.cjs");\n', "const "],
    ] as const) {
      expect(read(`internal/freeze${js}`)).toContain(
        "// Deeply frozen: the records are shared by every importer of this module.\n",
      );
      const places = read(`collections/places${js}`);
      expect(
        places.startsWith(`/* ${BANNER} */\n${js === ".cjs" ? '"use strict";\n' : ""}${require}`),
      ).toBe(true);
      expect(places).toContain(`${exported}places = /* @__PURE__ */ freeze([{"id":"lima",`);
      expect(places).toContain(`${exported}placesById = /* @__PURE__ */ indexById(places);\n`);
      expect(read(`texts${js}`)).toContain(
        `${exported}texts = /* @__PURE__ */ freeze(${JSON.stringify({ "sample-article": TEXT })});\n`,
      );
      expect(read(`lookup${js}`)).toContain(
        `${exported}collections = /* @__PURE__ */ freeze(["citations", "claims", "events", "organizations", "people", "places", "quotes", "reviews", "sources"]);\n`,
      );
      expect(read(`lookup${js}`)).toContain("const lookups = /* @__PURE__ */ new Map([");
      expect(read(`lookup${js}`)).toContain("const arrays = /* @__PURE__ */ new Map([");
      expect(read(`index${js}`)).toContain(
        `${exported}dataset = /* @__PURE__ */ freeze({ version, texts, citations, claims, events, organizations, people, places, quotes, reviews, sources });\n`,
      );
    }
  });

  it("declares each module's values with the package's types, for ES modules and CommonJS", async () => {
    const dir = await entryOf();
    const read = (file: string) => readFileSync(join(dir, file), "utf8");
    for (const [js, dts] of [
      [".js", ".d.ts"],
      [".cjs", ".d.cts"],
    ] as const) {
      expect(read(`collections/people${dts}`)).toBe(
        [
          `/* ${BANNER} */`,
          `import type { Person, PersonId } from "../types${js}";`,
          "/** Every record in `people`, sorted by id. Frozen. */",
          "export declare const people: readonly Person[];",
          "/** The records in `people`, by id: index it by `PersonId` (check an untrusted string with `isPersonId` first). */",
          "export declare const peopleById: { readonly [id in PersonId]: Person };",
          "/** Whether a value is the id of a record in `people`. */",
          "export declare function isPersonId(value: unknown): value is PersonId;",
          "",
        ].join("\n"),
      );
      expect(read(`texts${dts}`)).toBe(
        [
          `/* ${BANNER} */`,
          `import type { Dataset } from "./types${js}";`,
          "/** Each source's full text, by source id: the text every span counts into (in code points). Frozen. */",
          'export declare const texts: Dataset["texts"];',
          "",
        ].join("\n"),
      );
      const collections = ["citations", "claims", "events", "organizations", "people", "places"];
      expect(read(`index${dts}`)).toBe(
        [
          `/* ${BANNER} */`,
          `import type { Dataset } from "./types${js}";`,
          `export type * from "./types${js}";`,
          ...[...collections, "quotes", "reviews", "sources"].map(
            (c) => `export * from "./collections/${c}${js}";`,
          ),
          `export * from "./texts${js}";`,
          `export * from "./lookup${js}";`,
          "/** The package version the data was built for. */",
          'export declare const version: Dataset["version"];',
          "/** Everything: the version, the texts and every collection. Frozen. */",
          "export declare const dataset: Dataset;",
          "",
        ].join("\n"),
      );
      const lookup = read(`lookup${dts}`);
      expect(lookup.split("\n").slice(0, 2)).toEqual([
        `/* ${BANNER} */`,
        `import type { Citation, CitationId, Claim, ClaimId, CollectionName, CollectionRecords, Event, EventId, Organization, OrganizationId, Person, PersonId, Place, PlaceId, Quote, QuoteId, RecordId, Review, ReviewId, Source, SourceId } from "./types${js}";`,
      ]);
      expect(lookup).toContain(
        ' * The record type of a collection or of an id: `RecordOf<"citations">` and `RecordOf<"sample-citation">`\n * are both `Citation`; `RecordOf<CollectionName>` is any record.\n',
      );
      expect(lookup).toContain(
        "export type RecordOf<K extends CollectionName | RecordId> = K extends CollectionName ? CollectionRecords[K] : K extends CitationId ? Citation : K extends ClaimId ? Claim : K extends EventId ? Event : K extends OrganizationId ? Organization : K extends PersonId ? Person : K extends PlaceId ? Place : K extends QuoteId ? Quote : K extends ReviewId ? Review : K extends SourceId ? Source : never;\n",
      );
      expect(lookup).toContain(
        '/** The collection an id is in: `CollectionOf<"sample-citation">` is `"citations"`. */\nexport type CollectionOf<I extends RecordId> = I extends CitationId ? "citations" : I extends ClaimId ? "claims" : ',
      );
      expect(lookup).toContain(
        ' * The record with an id, in any collection, typed by the id: `getRecord("sample-citation")` is a\n * `Citation`. For an id',
      );
      expect(lookup).toContain(
        '/** The name of the collection an id is in: `collectionOf("sample-citation")` is `"citations"`. An unknown id throws a RangeError. */\n',
      );
    }
  });
});

describe("the entry point's shared modules, for a model of two collections", () => {
  const B = `/* ${BANNER} */`;

  /** The base fixture's people and places alone, with records changed as asked. */
  async function twoCollections(keep: (name: string) => boolean = () => true) {
    const model = buildModel(validate(BASE).dataset);
    const out = new MemoryOutput();
    await entryEmitter.emit(
      {
        ...model,
        collections: model.collections
          .filter(({ collection }) => ["people", "places"].includes(collection.name))
          .map(({ collection, records }) => ({
            collection,
            records: keep(collection.name) ? records : [],
          })),
      },
      out,
    );
    return (file: string) => Buffer.from(out.get(file) ?? []).toString("utf8");
  }

  const FREEZE = [
    "(value) => {",
    '  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {',
    "    for (const child of Object.values(value)) freeze(child);",
    "    Object.freeze(value);",
    "  }",
    "  return value;",
    "}",
  ].join("\n");
  const INDEX_BY_ID =
    "(records) => freeze(Object.fromEntries(records.map((record) => [record.id, record])))";

  it("freeze deeply, and index records by id, as ES modules and CommonJS", async () => {
    const read = await twoCollections();
    const comment = "// Deeply frozen: the records are shared by every importer of this module.";
    expect(read("internal/freeze.js")).toBe(
      [
        B,
        comment,
        `export const freeze = ${FREEZE};`,
        `export const indexById = ${INDEX_BY_ID};`,
        "",
      ].join("\n"),
    );
    expect(read("internal/freeze.cjs")).toBe(
      [
        B,
        '"use strict";',
        comment,
        `const freeze = ${FREEZE};`,
        "exports.freeze = freeze;",
        `const indexById = ${INDEX_BY_ID};`,
        "exports.indexById = indexById;",
        "",
      ].join("\n"),
    );
  });

  it("look up ids and collections across both", async () => {
    const read = await twoCollections();
    expect(read("lookup.js")).toBe(
      [
        B,
        'import { people, peopleById } from "./collections/people.js";',
        'import { places, placesById } from "./collections/places.js";',
        'import { freeze } from "./internal/freeze.js";',
        'export const collections = /* @__PURE__ */ freeze(["people", "places"]);',
        'const lookups = /* @__PURE__ */ new Map([["people", peopleById], ["places", placesById]]);',
        'const arrays = /* @__PURE__ */ new Map([["people", people], ["places", places]]);',
        "export const collectionOf = (id) => {",
        '  if (typeof id === "string") for (const [name, byId] of lookups) if (Object.hasOwn(byId, id)) return name;',
        '  throw new RangeError("no record has the id " + JSON.stringify(id));',
        "};",
        'export const isRecordId = (value) => typeof value === "string" && [...lookups.values()].some((byId) => Object.hasOwn(byId, value));',
        "export const getRecord = (id) => lookups.get(collectionOf(id))[id];",
        "export const recordsOf = (name) => {",
        "  const records = arrays.get(name);",
        '  if (records === undefined) throw new RangeError("no collection is called " + JSON.stringify(name));',
        "  return records;",
        "};",
        "",
      ].join("\n"),
    );
  });

  it("re-export every module from the index, as ES modules and CommonJS", async () => {
    const read = await twoCollections();
    const dataset = "dataset = /* @__PURE__ */ freeze({ version, texts, people, places });";
    expect(read("index.js")).toBe(
      [
        B,
        'export * from "./collections/people.js";',
        'export * from "./collections/places.js";',
        'export * from "./texts.js";',
        'export * from "./lookup.js";',
        'import { texts } from "./texts.js";',
        'import { people } from "./collections/people.js";',
        'import { places } from "./collections/places.js";',
        'import { freeze } from "./internal/freeze.js";',
        `export const version = ${JSON.stringify(version)};`,
        `export const ${dataset}`,
        "",
      ].join("\n"),
    );
    expect(read("index.cjs")).toBe(
      [
        B,
        '"use strict";',
        'Object.assign(exports, require("./collections/people.cjs"));',
        'Object.assign(exports, require("./collections/places.cjs"));',
        'Object.assign(exports, require("./texts.cjs"));',
        'Object.assign(exports, require("./lookup.cjs"));',
        "const { texts } = exports;",
        "const { people, places } = exports;",
        'const { freeze } = require("./internal/freeze.cjs");',
        `const version = ${JSON.stringify(version)};`,
        "exports.version = version;",
        `const ${dataset}`,
        "exports.dataset = dataset;",
        "",
      ].join("\n"),
    );
  });

  it("declare the lookups, with the first record of the first collection as the example", async () => {
    const read = await twoCollections();
    expect(read("lookup.d.ts")).toBe(
      [
        B,
        'import type { CollectionName, CollectionRecords, Person, PersonId, Place, PlaceId, RecordId } from "./types.js";',
        "/**",
        ' * The record type of a collection or of an id: `RecordOf<"people">` and `RecordOf<"ana-ruiz">`',
        " * are both `Person`; `RecordOf<CollectionName>` is any record.",
        " */",
        "export type RecordOf<K extends CollectionName | RecordId> = K extends CollectionName ? CollectionRecords[K] : K extends PersonId ? Person : K extends PlaceId ? Place : never;",
        '/** The collection an id is in: `CollectionOf<"ana-ruiz">` is `"people"`. */',
        'export type CollectionOf<I extends RecordId> = I extends PersonId ? "people" : I extends PlaceId ? "places" : never;',
        "/** The name of every collection, in order. Frozen. */",
        'export declare const collections: readonly ["people", "places"];',
        "/**",
        ' * The record with an id, in any collection, typed by the id: `getRecord("ana-ruiz")` is a',
        " * `Person`. For an id from outside the program (a URL, a CSV, a form), check it with",
        " * `isRecordId` first; an unknown id throws a RangeError.",
        " */",
        "export declare function getRecord<I extends RecordId>(id: I): RecordOf<I>;",
        "/** Whether a value is the id of a record in any collection. */",
        "export declare function isRecordId(value: unknown): value is RecordId;",
        '/** The name of the collection an id is in: `collectionOf("ana-ruiz")` is `"people"`. An unknown id throws a RangeError. */',
        "export declare function collectionOf<I extends RecordId>(id: I): CollectionOf<I>;",
        "/** The records of a collection, typed by its name, also where the name is a type parameter. An unknown name throws a RangeError. */",
        "export declare function recordsOf<C extends CollectionName>(name: C): readonly RecordOf<C>[];",
        "",
      ].join("\n"),
    );
  });

  it("take the example from the next collection when the first has no records, and give none when no collection has", async () => {
    const placesOnly = await twoCollections((name) => name === "places");
    expect(placesOnly("lookup.d.ts")).toContain(
      ' * The record type of a collection or of an id: `RecordOf<"places">` and `RecordOf<"lima">`\n * are both `Place`;',
    );
    const none = await twoCollections(() => false);
    expect(none("lookup.d.ts")).toContain(
      ' * The record type of a collection or of an id: `RecordOf<"">` and `RecordOf<"">`\n * are both ``;',
    );
    expect(none("lookup.d.ts")).toContain(
      '/** The collection an id is in: `CollectionOf<"">` is `""`. */',
    );
  });
});
