import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import {
  AVERITEC_FILE,
  averitecClaims,
  averitecEmitter,
  averitecLabelTable,
  averitecMapping,
  reviewsWithMapping,
} from "../scripts/emit/averitec.ts";
import type { Model } from "../scripts/emit/model.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import {
  type Collection,
  type Field,
  type Schemas,
  topField,
} from "../scripts/lib/schemas/index.ts";
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

/** The base fixture's model, its records changed in a copy, on other schemas if given. */
async function baseModelWith(
  change: (collection: string, record: JsonObject) => void,
  schemas?: Schemas,
): Promise<Model> {
  const { model } = await render(validate(BASE), []);
  return {
    ...model,
    schemas: schemas ?? model.schemas,
    collections: model.collections.map(({ collection, records }) => ({
      collection: schemas?.collection(collection.name) ?? collection,
      records: records.map((record) => {
        const copy = structuredClone(record);
        change(collection.name, copy);
        return copy;
      }),
    })),
  };
}

const reviewsOf = (schemas: Schemas) => schemas.collection("reviews") as Collection;

/** The questions of the base fixture's review, the source of its one answer as given. */
const baseQuestions = (source_url: string, source_medium: string) => [
  {
    question: "What did the two envoys agree on, and what did they leave open?",
    answers: [
      {
        answer: "The envoys agreed on tariffs and left the rest of trade open.",
        answer_type: "Abstractive",
        source_url,
        source_medium,
      },
    ],
  },
];

describe("the AVeriTeC mapping where the schemas declare it otherwise", () => {
  it("reads a mapping written on the verdict field over its definition's, and passes over a verdict it does not map", () => {
    const schemas = schemasWith("review.schema.json", (review) => {
      const verdict = (review.properties as JsonObject).verdict as JsonObject;
      verdict["x-averitec-label"] = { accurate: { label: "Refuted", why: "Said here." } };
    });
    expect(schemas.issues).toEqual([]);
    const verdict = topField(reviewsOf(schemas), "verdict") as Field;
    expect(averitecMapping(verdict)).toEqual([
      { verdict: "accurate", label: "Refuted", why: "Said here." },
    ]);
  });

  it("has no mapping, no table rows and no claims when the verdict declares no labels", async () => {
    const schemas = schemasWith("defs.schema.json", (defs) => {
      delete ((defs.$defs as JsonObject).verdict as JsonObject)["x-averitec-label"];
    });
    expect(schemas.issues).toEqual([]);
    expect(averitecMapping(topField(reviewsOf(schemas), "verdict") as Field)).toEqual([]);
    expect(reviewsWithMapping(schemas)).toBeUndefined();
    expect(averitecLabelTable(schemas)).toBe(
      "| Verdict | AVeriTeC label | Why |\n| --- | --- | --- |",
    );
    expect(averitecClaims(await baseModelWith(() => {}, schemas))).toEqual([]);
  });

  it("finds no reviews in a collection with a mapped verdict but no reviewed claim", () => {
    const schemas = schemasWith("review.schema.json", (review) => {
      delete ((review.properties as JsonObject).claim as JsonObject)["x-role"];
    });
    expect(schemas.issues).toEqual([]);
    expect(reviewsWithMapping(schemas)).toBeUndefined();
  });

  it("tables each verdict in the order of its values, with its label, or (left out), and why", () => {
    const schemas = schemasWith("defs.schema.json", (defs) => {
      ((defs.$defs as JsonObject).verdict as JsonObject)["x-averitec-label"] = {
        unsupported: { label: "Not Enough Evidence", why: "Nothing found." },
        accurate: { label: "Supported", why: "Confirmed." },
        "mostly-accurate": { label: null, why: "No label fits." },
        misleading: { label: "Conflicting Evidence/Cherrypicking", why: "Cherry-picked." },
        inaccurate: { label: "Refuted", why: "Contradicted." },
      };
    });
    expect(schemas.issues).toEqual([]);
    expect(averitecLabelTable(schemas)).toBe(
      [
        "| Verdict | AVeriTeC label | Why |",
        "| --- | --- | --- |",
        "| `inaccurate` | Refuted | Contradicted. |",
        "| `misleading` | Conflicting Evidence/Cherrypicking | Cherry-picked. |",
        "| `mostly-accurate` | (left out) | No label fits. |",
        "| `accurate` | Supported | Confirmed. |",
        "| `unsupported` | Not Enough Evidence | Nothing found. |",
      ].join("\n"),
    );
  });

  it("reads each evidence key from the evidence list's own items, not from another list or deeper", async () => {
    const schemas = schemasWith("review.schema.json", (review) => {
      const properties = review.properties as Record<string, JsonObject>;
      const evidence = properties.evidence as { items: { properties: Record<string, JsonObject> } };
      const finding = { type: "string", "x-role": "evidence-finding" };
      evidence.items.properties = {
        extra: { type: "object", properties: { deeper: finding } },
        ...evidence.items.properties,
      };
      const { evidence: list, ...rest } = properties;
      review.properties = {
        ...rest,
        aside: { type: "array", items: { type: "object", properties: { note: finding } } },
        evidence: list,
      } as JsonObject;
    });
    expect(schemas.issues).toEqual([]);
    const [claim] = averitecClaims(await baseModelWith(() => {}, schemas));
    expect(claim?.questions).toEqual(baseQuestions("https://example.org/report", "Web text"));
  });

  it("gives no questions when no field has the evidence-question role, and no source when none has evidence-citation", async () => {
    const noQuestion = schemasWith("review.schema.json", (review) => {
      const evidence = (review.properties as JsonObject).evidence as JsonObject;
      const items = (evidence.items as JsonObject).properties as JsonObject;
      delete (items.question as JsonObject)["x-role"];
    });
    expect(noQuestion.issues).toEqual([]);
    expect(averitecClaims(await baseModelWith(() => {}, noQuestion))[0]?.questions).toEqual([]);
    const noCitation = schemasWith("review.schema.json", (review) => {
      const evidence = (review.properties as JsonObject).evidence as JsonObject;
      const items = (evidence.items as JsonObject).properties as JsonObject;
      delete (items.citation as JsonObject)["x-role"];
    });
    expect(noCitation.issues).toEqual([]);
    const [claim] = averitecClaims(await baseModelWith(() => {}, noCitation));
    expect(claim?.questions).toEqual(baseQuestions("", ""));
  });

  it("gives an empty source medium for a link whose field declares none", async () => {
    const schemas = schemasWith("citation.schema.json", (citation) => {
      delete ((citation.properties as JsonObject).url as JsonObject)["x-averitec-medium"];
    });
    expect(schemas.issues).toEqual([]);
    const [claim] = averitecClaims(await baseModelWith(() => {}, schemas));
    const [question] = (claim?.questions ?? []) as { answers: JsonObject[] }[];
    expect(question?.answers[0]?.source_url).toBe("https://example.org/report");
    expect(question?.answers[0]?.source_medium).toBe("");
  });
});

describe("the AVeriTeC claim of a review whose records lack something", () => {
  it("has no claims for a model without the collection of reviews", async () => {
    const model = await baseModelWith(() => {});
    const withoutReviews: Model = {
      ...model,
      collections: model.collections.filter(({ collection }) => collection.name !== "reviews"),
    };
    expect(averitecClaims(model)).toHaveLength(1);
    expect(averitecClaims(withoutReviews)).toEqual([]);
  });

  it("has an empty claim, and no date, address or publisher, for a claim without its words", async () => {
    const [claim] = averitecClaims(
      await baseModelWith((name, record) => {
        if (name === "claims") delete record.text;
      }),
    );
    expect(claim).toMatchObject({
      claim: "",
      claim_date: null,
      speaker: "Ana Ruiz",
      original_claim_url: null,
      reporting_source: null,
    });
  });

  it("has an empty justification for a review without an explanation", async () => {
    const [claim] = averitecClaims(
      await baseModelWith((name, record) => {
        if (name === "reviews") delete record.explanation;
      }),
    );
    expect(claim?.justification).toBe("");
    expect(claim?.label).toBe("Supported");
  });

  it("passes over evidence items that are not objects, and leaves the address of an unknown citation empty", async () => {
    const [claim] = averitecClaims(
      await baseModelWith((name, record) => {
        if (name !== "reviews") return;
        const [item] = record.evidence as JsonObject[];
        record.evidence = ["a note", { ...item, citation: "no-such-citation" }];
      }),
    );
    expect(claim?.questions).toEqual(baseQuestions("", ""));
  });

  it("has no date for a source without a publication date, or whose earliest day is not YYYY-MM-DD", async () => {
    const dateOf = async (change: (published: JsonObject, source: JsonObject) => void) => {
      const [claim] = averitecClaims(
        await baseModelWith((name, record) => {
          if (name === "sources") change(record.published as JsonObject, record);
        }),
      );
      return claim?.claim_date;
    };
    expect(await dateOf(() => {})).toBe("07-01-2020");
    expect(await dateOf((_, source) => delete source.published)).toBeNull();
    expect(
      await dateOf((published) => {
        published.earliest = "2020-01-07T00:00";
      }),
    ).toBeNull();
    expect(
      await dateOf((published) => {
        published.earliest = "x2020-01-07";
      }),
    ).toBeNull();
  });

  it("has no speaker for a claim without a claimant", async () => {
    const [claim] = averitecClaims(
      await baseModelWith((name, record) => {
        if (name === "claims") delete record.claimant;
      }),
    );
    expect(claim?.speaker).toBeNull();
    expect(claim?.claim).toBe("We agree on\u00a0trade.");
  });

  it("has no words, source or speaker for a review of a record that is no claim", async () => {
    const [claim] = averitecClaims(
      await baseModelWith((name, record) => {
        if (name === "reviews") record.claim = "bo-chen";
      }),
    );
    expect(claim).toMatchObject({
      claim: "",
      claim_date: null,
      speaker: null,
      original_claim_url: null,
      reporting_source: null,
    });
  });
});
