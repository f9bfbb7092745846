import { readFileSync } from "node:fs";
import { join } from "node:path";
import jsonld from "jsonld";
import { describe, expect, it } from "vitest";
import { freshBuild, ROOT } from "./helpers.ts";

type Node = { [key: string]: unknown };
const SCHEMA = "https://schema.org/";
// A build of data/ made for the test, not the committed dist/.
const dist = await freshBuild();
const doc = JSON.parse(readFileSync(join(dist, "jsonld", "dataset.jsonld"), "utf8")) as {
  "@graph": Node[];
};
const collection = (name: string) =>
  JSON.parse(readFileSync(join(dist, "json", `${name}.json`), "utf8")) as { id: string }[];
const homepage = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).homepage as string;
const iri = (id: string) => `${homepage}#${id}`;

/** Triples a node should make: its type, one per value, and those of nested nodes without an @id. */
function countTriples(node: Node): number {
  let count = 0;
  for (const [key, value] of Object.entries(node)) {
    if (key === "@id") continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      count += 1;
      if (item && typeof item === "object" && !("@id" in item)) count += countTriples(item as Node);
    }
  }
  return count;
}

describe("the JSON-LD export", async () => {
  const expanded = (await jsonld.expand(doc as jsonld.JsonLdDocument)) as Node[];
  const byId = new Map(expanded.map((node) => [String(node["@id"]), node]));
  const typeOf = (id: string) => (byId.get(iri(id))?.["@type"] as string[] | undefined)?.[0];
  const link = (id: string, term: string) =>
    (byId.get(iri(id))?.[`${SCHEMA}${term}`] as { "@id"?: string }[] | undefined)?.[0]?.["@id"];

  it("expands in a real JSON-LD processor with every record typed", () => {
    const types: [string, string][] = [
      ["people", "Person"],
      ["organizations", "Organization"],
      ["places", "Place"],
      ["events", "Event"],
      ["quotes", "Quotation"],
      ["claims", "Claim"],
      ["reviews", "ClaimReview"],
      ["sources", "NewsArticle"],
      ["citations", "CreativeWork"],
    ];
    for (const [name, type] of types) {
      const records = collection(name);
      expect(records.length, name).toBeGreaterThan(0);
      for (const { id } of records) expect(typeOf(id), id).toBe(`${SCHEMA}${type}`);
    }
  });

  it("keeps the links: a quote's speaker and source, a review's claim, a claim's appearance", () => {
    expect(link("kerry-to-putin-on-syria", "spokenByCharacter")).toBe(iri("john-kerry"));
    expect(link("kerry-to-putin-on-syria", "isBasedOn")).toBe(iri("kerry-russia-trip"));
    const review = collection("reviews")[0] as { id: string; claim: string };
    expect(link(review.id, "itemReviewed")).toBe(iri(review.claim));
    expect(link(review.claim, "appearance")).toBe(iri("kerry-russia-trip"));
    expect(link("barack-obama", "sameAs")).toBe("https://www.wikidata.org/entity/Q76");
  });

  it("asserts sameAs only for identifiers seen in several sources", () => {
    expect(link("john-kerry", "sameAs")).toBeUndefined();
  });

  it("converts to RDF without dropping a value", async () => {
    const nquads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, {
      format: "application/n-quads",
    })) as string;
    const triples = nquads.trim().split("\n");
    expect(new Set(triples).size).toBe(triples.length);
    expect(triples.length).toBe(doc["@graph"].reduce((sum, node) => sum + countTriples(node), 0));
    expect(nquads).toContain(`<${iri("kerry-russia-trip")}> <${SCHEMA}text> "Kerry Russia Trip`);
  });
});
