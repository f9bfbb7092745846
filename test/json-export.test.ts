import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { jsonEmitter } from "../scripts/emit/json.ts";
import type { Model } from "../scripts/emit/model.ts";
import { BANNER } from "../scripts/lib/banner.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import { render } from "../scripts/pipeline/build.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, ROOT } from "./helpers.ts";

// The JSON files of the base fixture, against what its record files and source text say:
// each collection's records by id without `$schema`, and declarations written out by hand.
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
};
const COLLECTIONS = readdirSync(BASE).sort();

/** A collection's records as its files hold them, sorted by id, without `$schema`. */
function recordsOf(collection: string): JsonObject[] {
  return readdirSync(join(BASE, collection))
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const { $schema: _, ...record } = JSON.parse(
        readFileSync(join(BASE, collection, file), "utf8"),
      ) as JsonObject;
      return record;
    });
}

async function jsonFiles() {
  const { output } = await render(validate(BASE), [jsonEmitter]);
  const text = (path: string) => {
    const bytes = output.get(path);
    if (bytes === undefined) throw new Error(`${path} was not written`);
    return Buffer.from(bytes).toString("utf8");
  };
  return { paths: [...output.keys()].sort(), text };
}

describe("the JSON export of the base fixture", () => {
  it("writes one file and one declaration per collection, the dataset file and its declaration", async () => {
    const { paths } = await jsonFiles();
    expect(paths).toEqual(
      [
        ...COLLECTIONS.flatMap((c) => [`json/${c}.json`, `json/${c}.d.json.ts`]),
        "json/dataset.json",
        "json/dataset.d.json.ts",
        "json/package.json",
      ].sort(),
    );
  });

  it("writes each collection's records by id, without $schema, indented by two spaces", async () => {
    const { text } = await jsonFiles();
    for (const collection of COLLECTIONS)
      expect(text(`json/${collection}.json`), collection).toBe(
        `${JSON.stringify(recordsOf(collection), null, 2)}\n`,
      );
  });

  it("writes the dataset file: name, version, each text with its SHA-256, then every collection", async () => {
    const { text } = await jsonFiles();
    const source = readFileSync(join(BASE, "sources", "sample-article.txt"));
    const expected = {
      name: PACKAGE.name,
      version: PACKAGE.version,
      texts: {
        "sample-article": {
          sha256: createHash("sha256").update(source).digest("hex"),
          text: source.toString("utf8"),
        },
      },
      ...Object.fromEntries(COLLECTIONS.map((c) => [c, recordsOf(c)])),
    };
    expect(text("json/dataset.json")).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it("declares each file's type, read-only, in a folder marked CommonJS", async () => {
    const { text } = await jsonFiles();
    expect(text("json/package.json")).toBe('{\n  "type": "commonjs"\n}\n');
    expect(text("json/people.d.json.ts")).toBe(
      `/* ${BANNER} */\nimport type { Person } from "../types.js";\ndeclare const value: readonly Person[];\nexport = value;\n`,
    );
    expect(text("json/dataset.d.json.ts")).toBe(
      `/* ${BANNER} */\n` +
        'import type { Citation, Claim, Event, Organization, Person, Place, Quote, Review, Source, SourceId } from "../types.js";\n' +
        "declare const value: { readonly name: string; readonly version: string; " +
        "readonly texts: { readonly [id in SourceId]: { readonly sha256: string; readonly text: string } }; " +
        "readonly citations: readonly Citation[]; readonly claims: readonly Claim[]; readonly events: readonly Event[]; " +
        "readonly organizations: readonly Organization[]; readonly people: readonly Person[]; readonly places: readonly Place[]; " +
        "readonly quotes: readonly Quote[]; readonly reviews: readonly Review[]; readonly sources: readonly Source[] };\n" +
        "export = value;\n",
    );
  });

  it("imports the types a declaration names in alphabetical order, whatever the collections' order", async () => {
    const { model } = await render(validate(BASE), []);
    const reversed: Model = { ...model, collections: [...model.collections].reverse() };
    const out = new MemoryOutput();
    await jsonEmitter.emit(reversed, out);
    const [, imports] = Buffer.from(out.get("json/dataset.d.json.ts") ?? "")
      .toString("utf8")
      .split("\n");
    expect(imports).toBe(
      'import type { Citation, Claim, Event, Organization, Person, Place, Quote, Review, Source, SourceId } from "../types.js";',
    );
  });
});
