import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import {
  AVERITEC_FILE,
  averitecClaims,
  averitecEmitter,
  reviewsWithMapping,
} from "../scripts/emit/averitec.ts";
import type { Model } from "../scripts/emit/model.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import { render } from "../scripts/pipeline/build.ts";
import { exitCodeOf, validate } from "../scripts/pipeline/validate.ts";
import { LABEL_MAP, loadAveritecFile } from "./averitec/loader.ts";
import { BASE, dataCopy, ROOT, schemasWith, tempDir } from "./helpers.ts";

const HERE = join(ROOT, "test", "averitec");
const FORMAT = JSON.parse(readFileSync(join(HERE, "averitec.schema.json"), "utf8")) as JsonObject;

/** The verdicts and the AVeriTeC labels they are published under (null: left out). */
const MAPPING: [verdict: string, label: string | null][] = [
  ["accurate", "Supported"],
  ["mostly-accurate", "Supported"],
  ["misleading", "Conflicting Evidence/Cherrypicking"],
  ["inaccurate", "Refuted"],
  ["unsupported", "Not Enough Evidence"],
];
const labelOf = new Map(MAPPING);

/** Validates a data folder and renders only the AVeriTeC file; with the model it came from. */
async function averitecOf(dataDir: string) {
  const validation = validate(dataDir);
  expect(exitCodeOf(validation)).toBe(0);
  const { model, output } = await render(validation, [averitecEmitter]);
  const bytes = output.get(AVERITEC_FILE);
  const file = join(tempDir(), AVERITEC_FILE);
  writeFileSync(file, bytes ?? "");
  return { model, file, text: Buffer.from(bytes ?? "").toString("utf8") };
}

const validator = () => {
  // `required` inside if/then names a property declared beside it, which is sound.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  return ajv.compile(FORMAT);
};

const recordsOf = (model: Model, name: string) =>
  model.collections.find((c) => c.collection.name === name)?.records ?? [];

describe("the AVeriTeC export of the dataset", async () => {
  const { model, file, text } = await averitecOf(join(ROOT, "data"));
  const written = JSON.parse(text) as JsonObject[];

  it("validates against the JSON Schema of the published format", () => {
    const validate = validator();
    const valid = validate(written);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(written.length).toBeGreaterThan(20);
  });

  it("reads back with the task's loader: every reviewed claim with a label, its label, questions and source URLs", () => {
    const loaded = loadAveritecFile(file);
    const claims = new Map(recordsOf(model, "claims").map((c) => [String(c.id), c]));
    const urls = new Map(recordsOf(model, "citations").map((c) => [String(c.id), c.url]));
    const expected = recordsOf(model, "reviews").flatMap((review) => {
      const label = labelOf.get(String(review.verdict));
      if (!label) return [];
      const claim = claims.get(String(review.claim)) as { text: { exact: string } };
      const evidence = review.evidence as { citation: string; question: string }[];
      return [
        {
          claim: claim.text.exact,
          label: LABEL_MAP[label],
          justification: review.explanation,
          questions: evidence.map((e) => e.question),
          sourceUrls: evidence.map((e) => urls.get(e.citation)),
        },
      ];
    });
    expect(
      loaded.map((c) => ({
        claim: c.claim,
        label: c.label,
        justification: c.justification,
        questions: c.quadruples.map(([, question]) => question),
        sourceUrls: c.sourceUrls,
      })),
    ).toEqual(expected);
    // Each answer is the finding of its evidence item, as eval.py compares it.
    const first = recordsOf(model, "reviews")[0] as { evidence: JsonObject[] };
    const item = first.evidence[0] as { question: string; finding: string };
    expect(loaded[0]?.comparisonStrings[0]).toBe(`${item.question} ${item.finding}`);
    for (const claim of loaded) expect(claim.claimTypes).toEqual([]);
  });

  it("dates each claim by the first day its source can have been published, day-month-year", () => {
    const dates = new Set(written.map((c) => c.claim_date));
    expect([...dates]).toEqual(["07-05-2013"]);
  });

  it("names the speaker of a claim made by a person, and none for the article's unknown author", () => {
    const reviewed = new Set(recordsOf(model, "reviews").map((r) => r.claim));
    const wordsOf = (claimant: string) =>
      recordsOf(model, "claims")
        .filter((c) => reviewed.has(c.id) && c.claimant === claimant)
        .map((c) => (c.text as { exact: string }).exact);
    const speakers = new Map(written.map((c) => [c.claim, c.speaker]));
    expect(wordsOf("carla-del-ponte").length).toBeGreaterThan(0);
    for (const words of wordsOf("carla-del-ponte"))
      expect(speakers.get(words)).toBe("Carla Del Ponte");
    expect(wordsOf("kerry-russia-trip").length).toBeGreaterThan(0);
    for (const words of wordsOf("kerry-russia-trip")) expect(speakers.get(words)).toBeNull();
  });

  it("is the file in dist/", () => {
    expect(readFileSync(join(ROOT, "dist", AVERITEC_FILE), "utf8")).toBe(text);
  });
});

describe("the verdict-to-label mapping", () => {
  it.each(MAPPING)("publishes a review judged %s as %s", async (verdict, label) => {
    const dir = dataCopy(BASE);
    const path = join(dir, "reviews", "review-sample-claim.json");
    const review = JSON.parse(readFileSync(path, "utf8")) as JsonObject;
    writeFileSync(path, `${JSON.stringify({ ...review, verdict }, null, 2)}\n`);
    const { file } = await averitecOf(dir);
    const loaded = loadAveritecFile(file);
    expect(loaded.map((c) => c.label)).toEqual(label === null ? [] : [LABEL_MAP[label]]);
  });

  it("is the mapping the schema declares, for every verdict", () => {
    const declared = reviewsWithMapping(validate(BASE).dataset.schemas)?.mapping ?? [];
    expect(declared.map((m) => [m.verdict, m.label]).sort()).toEqual([...MAPPING].sort());
    for (const m of declared) expect(m.why.length).toBeGreaterThan(20);
  });
});

describe("the AVeriTeC export of the base fixture", () => {
  it("is exactly the hand-written expected file", async () => {
    const { text } = await averitecOf(BASE);
    const expected = JSON.parse(readFileSync(join(HERE, "base-expected.json"), "utf8"));
    expect(JSON.parse(text)).toEqual(expected);
    expect(validator()(JSON.parse(text))).toBe(true);
  });

  it("takes an author's claim's speaker, publisher and address from the source, and leaves an address unknown empty", async () => {
    const { model } = await render(validate(BASE), []);
    const changed: Model = {
      ...model,
      collections: model.collections.map(({ collection, records }) => ({
        collection,
        records: records.map((record) => {
          const copy = structuredClone(record);
          if (collection.name === "sources")
            Object.assign(copy, {
              author: "Jo Writer",
              publisher: "Sample Times",
              url: "https://example.org/talks",
            });
          if (collection.name === "claims") copy.claimant = "sample-article";
          if (collection.name === "citations") delete copy.url;
          return copy;
        }),
      })),
    };
    const [claim] = averitecClaims(changed);
    expect(claim).toMatchObject({
      speaker: "Jo Writer",
      reporting_source: "Sample Times",
      original_claim_url: "https://example.org/talks",
      questions: [{ answers: [{ source_url: "", source_medium: "" }] }],
    });
    expect(validator()([claim])).toBe(true);
  });

  it("leaves out the reviews of a verdict whose label the schema declares null", async () => {
    const { model } = await render(validate(BASE), []);
    const schemas = schemasWith("defs.schema.json", (defs) => {
      const verdict = (defs.$defs as JsonObject).verdict as JsonObject;
      const labels = verdict["x-averitec-label"] as JsonObject;
      labels["mostly-accurate"] = { label: null, why: "No label says right with a flaw." };
    });
    expect(schemas.issues).toEqual([]);
    const changed: Model = {
      ...model,
      schemas,
      collections: model.collections.map(({ collection, records }) => ({
        collection: schemas.collection(collection.name) ?? collection,
        records,
      })),
    };
    expect(averitecClaims(model)).toHaveLength(1);
    expect(averitecClaims(changed)).toEqual([]);
  });
});
