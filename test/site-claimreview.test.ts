/**
 * The ClaimReview markup in the annotated pages: read from the built page, parsed by a real
 * JSON-LD processor, checked against the fields fact-checkers publish and against the export.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import jsonld from "jsonld";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.ts";

type Node = { [key: string]: unknown };
const S = "https://schema.org/";
const SITE = process.env.SITE_DIR ?? join(ROOT, "dist", "site");
const PAGE = "kerry-russia-trip";
const homepage = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).homepage as string;
const iri = (id: string) => `${homepage}#${id}`;
const records = (collection: string) =>
  readdirSync(join(ROOT, "data", collection))
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(ROOT, "data", collection, f), "utf8")) as Node);

const html = readFileSync(join(SITE, `${PAGE}.html`), "utf8");
const embedded = /<script type="application\/ld\+json" id="_claimreview">(.*?)<\/script>/s.exec(
  html,
)?.[1];
const exported = JSON.parse(
  readFileSync(join(ROOT, "dist", "jsonld", "dataset.jsonld"), "utf8"),
) as { "@graph": Node[] };

describe("ClaimReview markup in the annotated page", async () => {
  if (!embedded) throw new Error(`${PAGE}.html embeds no ClaimReview markup`);
  const doc = JSON.parse(embedded) as { "@graph": Node[] };
  const expanded = (await jsonld.expand(doc as jsonld.JsonLdDocument)) as Node[];
  const byId = new Map(expanded.map((n) => [String(n["@id"]), n]));
  const values = (node: Node | undefined, term: string) =>
    (node?.[`${S}${term}`] as Node[] | undefined) ?? [];
  const one = (node: Node | undefined, term: string) => values(node, term)[0];
  const literal = (node: Node | undefined, term: string) => one(node, term)?.["@value"];
  const reviews = records("reviews");
  const claims = new Map(records("claims").map((c) => [String(c.id), c]));

  it("has one ClaimReview per review of the page, each with what fact-checkers publish", () => {
    const typed = expanded.filter((n) => (n["@type"] as string[]).includes(`${S}ClaimReview`));
    expect(typed.length).toBe(reviews.length);
    const scale = ["inaccurate", "misleading", "mostly-accurate", "accurate"];
    for (const review of reviews) {
      const node = byId.get(iri(String(review.id)));
      const claim = claims.get(String(review.claim));
      const where = String(review.id);
      expect(node?.["@type"], where).toEqual([`${S}ClaimReview`]);
      expect(literal(node, "claimReviewed"), where).toBe((claim?.text as Node | undefined)?.exact);
      expect(literal(node, "url"), where).toBe(`${PAGE}.html#${review.claim}`);
      expect(literal(node, "datePublished"), where).toBe(review.date);
      expect(one(node, "author")?.["@id"], where).toBe(homepage);
      // itemReviewed: a Claim, with who makes it and where it appears.
      const item = byId.get(String(one(node, "itemReviewed")?.["@id"]));
      expect(item?.["@id"], where).toBe(iri(String(review.claim)));
      expect(item?.["@type"], where).toEqual([`${S}Claim`]);
      expect(one(item, "author")?.["@id"], where).toBe(iri(String(claim?.claimant)));
      expect(one(item, "appearance")?.["@id"], where).toBe(iri(PAGE));
      expect(byId.has(String(one(item, "author")?.["@id"])), where).toBe(true);
      // reviewRating: the verdict's name; its place on the scale where it has one.
      const rating = one(node, "reviewRating");
      expect(literal(rating, "alternateName"), where).toBe(review.verdict);
      const place = scale.indexOf(String(review.verdict));
      if (place === -1) expect(one(rating, "ratingValue"), where).toBeUndefined();
      else {
        expect(literal(rating, "ratingValue"), where).toBe(place + 1);
        expect(literal(rating, "worstRating"), where).toBe(1);
        expect(literal(rating, "bestRating"), where).toBe(scale.length);
      }
    }
  });

  it("holds the export's own nodes for those reviews and claims, with the page's url added", () => {
    const fromExport = new Map(exported["@graph"].map((n) => [String(n["@id"]), n]));
    for (const node of doc["@graph"]) {
      const { url, ...rest } = node;
      expect(rest, String(node["@id"])).toEqual(fromExport.get(String(node["@id"])));
      if (url !== undefined) expect(node["@type"]).toBe("ClaimReview");
    }
  });

  it("converts to RDF", async () => {
    const nquads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, {
      format: "application/n-quads",
    })) as string;
    expect(nquads).toContain(`<${S}ClaimReview>`);
  });
});
