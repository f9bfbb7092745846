import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvEmitter } from "../scripts/emit/csv.ts";
import { datapackageEmitter } from "../scripts/emit/datapackage.ts";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { canonicalText } from "../scripts/lib/canonical.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import { loadPackageSchemas, sourceCollection } from "../scripts/lib/schemas/index.ts";
import { render } from "../scripts/pipeline/build.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, dataCopy, FIXTURES, ROOT, schemasWith } from "./helpers.ts";

// datapackage.json of the base fixture, against values written out here by hand from its
// records (one source, `sample-article`, with no URL and no publisher) and from the
// hand-checked CSV files in base-expected/.
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  homepage: string;
};
const EXPECTED_CSV = join(FIXTURES, "base-expected", "csv");

async function descriptorOf(dataDir: string) {
  const { model, output } = await render(validate(dataDir), [csvEmitter, datapackageEmitter]);
  const text = Buffer.from(output.get("datapackage.json") ?? "").toString("utf8");
  return { model, output, text, descriptor: JSON.parse(text) as JsonObject };
}

const resourcesOf = (descriptor: JsonObject) => descriptor.resources as JsonObject[];

/** The Table Schema of the resource with a name. */
function schemaOf(descriptor: JsonObject, name: string) {
  const resource = resourcesOf(descriptor).find((r) => r.name === name);
  if (!resource) throw new Error(`no resource ${name}`);
  return resource.schema as JsonObject & { fields: JsonObject[] };
}

describe("the Data Package descriptor of the base fixture", () => {
  it("describes the package, its licence and its one source in these words", async () => {
    const { descriptor, text } = await descriptorOf(BASE);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe(
      '  "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",',
    );
    const { resources, ...rest } = descriptor;
    expect(rest).toStrictEqual({
      $schema: "https://datapackage.org/profiles/2.0/datapackage.json",
      name: PACKAGE.name,
      title: "Source-grounded records from “Talks in Lima 😀”",
      description:
        "Records (citations, claims, events, organizations, people, places, quotes, reviews, sources) grounded in their source texts: every span is tied to its exact characters, every outside fact to the source it comes from. One CSV per collection and one per list inside a record, and csv/records.csv to name any id; data-dictionary.md explains every column. The same records, with each source's full text and SHA-256, are in one JSON file, json/dataset.json, which is not a table and so not among the resources. The records are CC-BY-4.0. The text of the source sample-article (in json/dataset.json, and quoted in the span columns ending in _exact, _prefix and _suffix) belongs to its publisher, who is unknown: it is not licensed by this package, only included so that every record can be checked against it.",
      version: PACKAGE.version,
      homepage: PACKAGE.homepage,
      licenses: [
        {
          name: "CC-BY-4.0",
          path: "https://creativecommons.org/licenses/by/4.0/",
          title: "Creative Commons Attribution 4.0",
        },
      ],
      sources: [{ title: "Talks in Lima 😀" }],
    });
    expect(Object.keys(descriptor)).toEqual([
      "$schema",
      "name",
      "title",
      "description",
      "version",
      "homepage",
      "licenses",
      "sources",
      "resources",
    ]);
    expect(resources).toHaveLength(48);
  });

  it("describes a link table whose items point into several collections, field by field", async () => {
    const { descriptor } = await descriptorOf(BASE);
    const csv = readFileSync(join(EXPECTED_CSV, "claims__about.csv"));
    expect(resourcesOf(descriptor).find((r) => r.name === "claims__about")).toStrictEqual({
      name: "claims__about",
      path: "csv/claims__about.csv",
      type: "table",
      description: "Ids of the records the claim is about. One row per item of `about`.",
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      bytes: csv.byteLength,
      hash: `sha256:${createHash("sha256").update(csv).digest("hex")}`,
      dialect: { header: true, lineTerminator: "\n" },
      schema: {
        fields: [
          {
            name: "claim_id",
            type: "string",
            title: "claim_id",
            description: "Id of the record in `claims`.",
            constraints: { required: true },
          },
          {
            name: "position",
            type: "integer",
            title: "position",
            description: "0-based place of the item in `about`.",
            constraints: { required: true },
          },
          {
            name: "about",
            type: "string",
            title: "about[]",
            description:
              "Ids of the records the claim is about. Points to: people, organizations, places, events.",
            constraints: { required: true },
          },
        ],
        primaryKey: ["claim_id", "position"],
        foreignKeys: [
          { fields: ["claim_id"], reference: { resource: "claims", fields: ["id"] } },
          { fields: ["about"], reference: { resource: "records", fields: ["id"] } },
        ],
        missingValues: [""],
      },
    });
  });

  it("gives records.csv no foreign keys, a URL column its format, an optional column no constraints", async () => {
    const { descriptor } = await descriptorOf(BASE);
    const records = schemaOf(descriptor, "records");
    expect(Object.keys(records)).toEqual(["fields", "primaryKey", "missingValues"]);
    const { fields } = schemaOf(descriptor, "citations");
    const url = fields.find((f) => f.name === "url");
    expect(url).toMatchObject({ name: "url", type: "string", format: "uri", title: "url" });
    expect(url).not.toHaveProperty("constraints");
    expect(fields.find((f) => f.name === "id")).not.toHaveProperty("format");
    const collection = records.fields.find((f) => f.name === "collection");
    expect(collection?.constraints).toStrictEqual({
      required: true,
      enum: [
        "citations",
        "claims",
        "events",
        "organizations",
        "people",
        "places",
        "quotes",
        "reviews",
        "sources",
      ],
    });
  });
});

describe("the Data Package descriptor", () => {
  it("names a source's URL as its path, and its publisher as the owner of its text", async () => {
    const dir = dataCopy();
    const path = join(dir, "sources", "sample-article.json");
    const record = JSON.parse(readFileSync(path, "utf8"));
    const sources = loadPackageSchemas().collection("sources");
    if (!sources) throw new Error("no sources collection");
    writeFileSync(
      path,
      canonicalText(
        { ...record, url: "https://example.org/talks", publisher: "Example News" },
        sources,
      ),
    );
    const { descriptor } = await descriptorOf(dir);
    expect(descriptor.sources).toStrictEqual([
      { title: "Talks in Lima 😀", path: "https://example.org/talks" },
    ]);
    expect(descriptor.description).toContain(
      "The records are CC-BY-4.0. The text of the source sample-article (in json/dataset.json, and quoted in the span columns ending in _exact, _prefix and _suffix) belongs to Example News: it is not licensed",
    );
  });

  it("gives a column without a description none, and names a source by its id when it has no label", async () => {
    const { model } = await render(validate(BASE), []);
    // A list field whose items have no description, and a source label no record can fill.
    const schemas = schemasWith("person.schema.json", (schema) => {
      (schema.properties as JsonObject).nicknames = {
        type: "array",
        minItems: 1,
        items: { type: "string" },
      };
      // And ids of places, described by nothing but what they point to.
      (schema.properties as JsonObject).visited = {
        type: "array",
        minItems: 1,
        items: { type: "string", "x-references": ["places"] },
      };
    });
    const out = new MemoryOutput();
    const changed = { ...model, schemas };
    await csvEmitter.emit(changed, out);
    datapackageEmitter.emit(changed, out);
    const descriptor = JSON.parse(Buffer.from(out.get("datapackage.json") ?? "").toString());
    expect(schemaOf(descriptor, "people__nicknames").fields.at(-1)).toStrictEqual({
      name: "nicknames",
      type: "string",
      title: "nicknames[]",
      constraints: { required: true },
    });
    expect(schemaOf(descriptor, "people__visited").fields.at(-1)).toStrictEqual({
      name: "visited",
      type: "string",
      title: "visited[]",
      description: "Points to: places.",
      constraints: { required: true },
    });

    // The source text is there, but not its record.
    const withoutSources = {
      ...model,
      collections: model.collections.map((c) =>
        c.collection === sourceCollection(model.schemas) ? { ...c, records: [] } : c,
      ),
    };
    const bare = new MemoryOutput();
    await csvEmitter.emit(withoutSources, bare);
    datapackageEmitter.emit(withoutSources, bare);
    const described = JSON.parse(Buffer.from(bare.get("datapackage.json") ?? "").toString());
    expect(described.title).toBe("Source-grounded records from “sample-article”");
    expect(described.sources).toStrictEqual([{ title: "sample-article" }]);
  });

  it("names every source text in its title and its rights, each by its own record", async () => {
    const { model } = await render(validate(BASE), []);
    const texts = sourceCollection(model.schemas);
    const [first] = model.sources;
    if (!first || !texts) throw new Error("the base fixture has a source text");
    // A second text, whose record comes first by id and has a publisher.
    const second = { ...first, id: "a-second-text" };
    const twoTexts = {
      ...model,
      sources: [second, first],
      collections: model.collections.map((c) => {
        if (c.collection !== texts) return c;
        const [record] = c.records;
        const copy = structuredClone(record) as JsonObject;
        Object.assign(copy, {
          id: second.id,
          title: { ...(copy.title as JsonObject), exact: "Second text" },
          publisher: "Other Press",
        });
        return { ...c, records: [copy, ...c.records] };
      }),
    };
    const out = new MemoryOutput();
    await csvEmitter.emit(twoTexts, out);
    datapackageEmitter.emit(twoTexts, out);
    const descriptor = JSON.parse(Buffer.from(out.get("datapackage.json") ?? "").toString());
    expect(descriptor.title).toBe("Source-grounded records from “Second text”, “Talks in Lima 😀”");
    expect(descriptor.sources).toStrictEqual([
      { title: "Second text" },
      { title: "Talks in Lima 😀" },
    ]);
    const quoted = "and quoted in the span columns ending in _exact, _prefix and _suffix";
    expect(descriptor.description).toContain(
      `The records are CC-BY-4.0. The text of the source a-second-text (in json/dataset.json, ${quoted}) belongs to Other Press: it is not licensed by this package, only included so that every record can be checked against it. The text of the source sample-article (in json/dataset.json, ${quoted}) belongs to its publisher, who is unknown: `,
    );
  });

  it("names the span columns that quote the texts by the roles the schema gives a span's parts", async () => {
    const { model } = await render(validate(BASE), []);
    const rightsWith = async (without: string[]) => {
      const schemas = schemasWith("defs.schema.json", (defs) => {
        const span = (defs.$defs as JsonObject).span as { properties: Record<string, JsonObject> };
        for (const part of without) {
          const roles = span.properties[part]?.["x-role"];
          span.properties[part] = {
            ...span.properties[part],
            "x-role": Array.isArray(roles) ? roles.filter((r) => r === "label") : [],
          };
        }
      });
      const out = new MemoryOutput();
      const changed = { ...model, schemas };
      await csvEmitter.emit(changed, out);
      datapackageEmitter.emit(changed, out);
      const { description } = JSON.parse(Buffer.from(out.get("datapackage.json") ?? "").toString());
      return String(description).slice(String(description).indexOf("sample-article ("));
    };
    expect(await rightsWith(["prefix", "suffix"])).toMatch(
      /^sample-article \(in json\/dataset\.json, and quoted in the span columns ending in _exact\) belongs to /,
    );
    expect(await rightsWith(["exact"])).toMatch(
      /^sample-article \(in json\/dataset\.json, and quoted in the span columns ending in _prefix and _suffix\) belongs to /,
    );
    expect(await rightsWith(["exact", "prefix", "suffix"])).toMatch(
      /^sample-article \(in json\/dataset\.json\) belongs to /,
    );
  });

  it("refuses to describe a CSV that was not written before it", async () => {
    const { model } = await render(validate(BASE), []);
    expect(() => datapackageEmitter.emit(model, new MemoryOutput())).toThrow(
      "datapackage: csv/records.csv was not emitted before it",
    );
  });
});
