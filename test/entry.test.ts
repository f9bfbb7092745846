import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
