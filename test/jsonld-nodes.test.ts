import { describe, expect, it } from "vitest";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { jsonldEmitter, jsonldNodes } from "../scripts/emit/jsonld.ts";
import { buildModel, type Model } from "../scripts/emit/model.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import type { Schemas } from "../scripts/lib/schemas/index.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, schemasWith } from "./helpers.ts";

// Nodes of the schema.org graph for what the base fixture does not hold (identifiers, a
// relation between events, every verdict, dates that are not ISO 8601), each made from the
// base records with one change, against values written here by hand.
// Made in the first test that asks, not while the file loads, so that mutation runs see which
// tests reach the code.
let made: Model | undefined;
const baseModel = (): Model => {
  made ??= buildModel(validate(BASE).dataset);
  return made;
};
const iri = (id: string) => `${baseModel().homepage}#${id}`;
const provenance = { basis: "external", citations: ["sample-citation"] };

/** The base model with one record changed. */
function changed(id: string, change: (record: JsonObject) => void): Model {
  const base = baseModel();
  return {
    ...base,
    collections: base.collections.map(({ collection, records }) => ({
      collection,
      records: records.map((record) => {
        if (record.id !== id) return record;
        const copy = structuredClone(record);
        change(copy);
        return copy;
      }),
    })),
  };
}

const nodeOf = (model: Model, id: string) => jsonldNodes(model).node(id);

describe("the schema.org node of a record", () => {
  it("is the same as someone's Wikidata item only for an identifier of high confidence", () => {
    const identifier = (id: string, confidence: string) => ({
      scheme: "wikidata",
      identifier: id,
      confidence,
      provenance,
    });
    const both = changed("ana-ruiz", (person) => {
      person.identifiers = [identifier("Q1", "medium"), identifier("Q42", "high")];
    });
    expect(nodeOf(both, "ana-ruiz")?.sameAs).toEqual([
      { "@id": "https://www.wikidata.org/entity/Q42" },
    ]);
    const medium = changed("ana-ruiz", (person) => {
      person.identifiers = [identifier("Q1", "medium")];
    });
    expect(nodeOf(medium, "ana-ruiz")).not.toHaveProperty("sameAs");
    expect(Object.keys(nodeOf(medium, "ana-ruiz") ?? {})).toEqual([
      "@id",
      "@type",
      "name",
      "alternateName",
      "jobTitle",
    ]);
  });

  it("makes an event part of another only through a part_of relation", () => {
    const related = changed("sample-meeting", (event) => {
      event.relations = [
        { type: "follows", event: "earlier-talks", provenance },
        { type: "part_of", event: "trade-summit", provenance },
      ];
    });
    expect(nodeOf(related, "sample-meeting")?.superEvent).toEqual([{ "@id": iri("trade-summit") }]);
    const follows = changed("sample-meeting", (event) => {
      event.relations = [{ type: "follows", event: "earlier-talks", provenance }];
    });
    expect(nodeOf(follows, "sample-meeting")).not.toHaveProperty("superEvent");
  });

  it("rates each verdict on the scale from inaccurate to accurate, and names one off it", () => {
    const rating = (verdict: string) =>
      nodeOf(
        changed("review-sample-claim", (review) => {
          review.verdict = verdict;
        }),
        "review-sample-claim",
      )?.reviewRating;
    const on = (verdict: string, value: number) => ({
      "@type": "Rating",
      alternateName: verdict,
      ratingValue: value,
      worstRating: 1,
      bestRating: 4,
    });
    expect(rating("inaccurate")).toEqual(on("inaccurate", 1));
    expect(rating("misleading")).toEqual(on("misleading", 2));
    expect(rating("mostly-accurate")).toEqual(on("mostly-accurate", 3));
    expect(rating("accurate")).toEqual(on("accurate", 4));
    expect(rating("unsupported")).toStrictEqual({
      "@type": "Rating",
      alternateName: "unsupported",
    });
  });

  it("gives a date only where it is an ISO 8601 date", () => {
    const dated = (value: string) =>
      nodeOf(
        changed("sample-meeting", (event) => {
          (event.start_date as JsonObject).value = value;
        }),
        "sample-meeting",
      )?.startDate;
    expect(dated("2020-01")).toBe("2020-01");
    expect(dated("2020")).toBe("2020");
    expect(dated("2020-01-07/2020-01-08")).toBeUndefined();
    expect(
      nodeOf(
        changed("sample-meeting", (event) => {
          (event.start_date as JsonObject).value = "2020-01-07/2020-01-08";
        }),
        "sample-meeting",
      ),
    ).not.toHaveProperty("startDate");
    expect(dated("2020-01-07?")).toBeUndefined();
    expect(dated("x2020-01-07")).toBeUndefined();
    const published = (date: string) =>
      nodeOf(
        changed("sample-citation", (citation) => {
          citation.date = date;
        }),
        "sample-citation",
      )?.datePublished;
    expect(published("2020-01-07")).toBe("2020-01-07");
    expect(published("2020-01~")).toBeUndefined();
    expect(published("2020-1-07")).toBeUndefined();
  });

  it("points a review at its claim's id, and copies the claim's words only when the claim is there", () => {
    const review = nodeOf(
      changed("review-sample-claim", (record) => {
        record.claim = "no-such-claim";
      }),
      "review-sample-claim",
    );
    expect(review?.itemReviewed).toEqual({ "@id": iri("no-such-claim") });
    expect(review).not.toHaveProperty("claimReviewed");
    const claim = baseModel()
      .collections.flatMap((c) => c.records)
      .find((r) => r.id === "sample-claim");
    expect(nodeOf(baseModel(), "review-sample-claim")?.claimReviewed).toBe(
      (claim?.text as JsonObject | undefined)?.exact,
    );
  });

  it("gives a source's node its text only when the model holds the text", () => {
    const withoutTexts: Model = { ...baseModel(), sources: [] };
    const node = nodeOf(withoutTexts, "sample-article");
    expect(node?.headline).toBe("Talks in Lima 😀");
    expect(Object.keys(node ?? {})).not.toContain("text");
    expect(nodeOf(baseModel(), "sample-article")?.text).toBe(baseModel().sources[0]?.text);
  });

  it("makes no node for a collection without a schema.org type, nor a text term without x-jsonld-text", async () => {
    const base = baseModel();
    const untyped = schemasWith("person.schema.json", (schema) => {
      delete schema["x-jsonld-type"];
    });
    const textless = schemasWith("source.schema.json", (schema) => {
      delete schema["x-jsonld-text"];
    });
    const withSchemas = (schemas: Schemas): Model => ({
      ...base,
      schemas,
      collections: base.collections.map(({ collection, records }) => ({
        collection: schemas.collection(collection.name) ?? collection,
        records,
      })),
    });
    const people = jsonldNodes(withSchemas(untyped));
    expect(people.node("ana-ruiz")).toBeUndefined();
    expect(people.node("lima")?.["@type"]).toBe("Place");
    const out = new MemoryOutput();
    await jsonldEmitter.emit(withSchemas(untyped), out);
    const graph = JSON.parse(Buffer.from(out.get("jsonld/dataset.jsonld") ?? "").toString())[
      "@graph"
    ] as (JsonObject | null)[];
    expect(graph.map((node) => node?.["@id"])).toEqual(
      [
        "",
        "#sample-citation",
        "#sample-claim",
        "#sample-meeting",
        "#sample-council",
        "#lima",
        "#sample-quote",
        "#review-sample-claim",
        "#sample-article",
      ].map((id) => `${base.homepage}${id}`),
    );
    const source = jsonldNodes(withSchemas(textless)).node("sample-article");
    expect(Object.keys(source ?? {})).not.toContain("text");
    expect(Object.keys(source ?? {})).not.toContain("undefined");
    expect(source?.headline).toBe("Talks in Lima 😀");
  });

  it("is undefined for an id no record has, and the dataset's node is the package", () => {
    const base = baseModel();
    const { dataset, node } = jsonldNodes(base);
    expect(node("nobody")).toBeUndefined();
    expect(dataset).toStrictEqual({
      "@id": base.homepage,
      "@type": "Dataset",
      name: base.name,
      version: base.version,
      license: "https://creativecommons.org/licenses/by/4.0/",
    });
  });
});
