import { createHash } from "node:crypto";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  interfacesCachePath,
  keepInterfaces,
  readKeptInterfaces,
} from "../scripts/emit/interfaces-cache.ts";
import { buildModel, type Model } from "../scripts/emit/model.ts";
import { RecordIndex } from "../scripts/emit/site/records.ts";
import {
  enumDescriptions,
  type Layer,
  type Scheme,
  schemeOf,
} from "../scripts/emit/site/scheme.ts";
import { pageScript } from "../scripts/emit/site/script.ts";
import { generatedCss } from "../scripts/emit/site/style.ts";
import { formatEdtf, timelineHtml } from "../scripts/emit/site/timeline.ts";
import type { JsonObject, JsonValue } from "../scripts/lib/json.ts";
import { type Field, loadSchemas, SCHEMA_DIR, type Schemas } from "../scripts/lib/schemas/index.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, ROOT, tempDir } from "./helpers.ts";

// The parts of the pages tested one at a time, on the base fixture's model, on hand-made records
// and on changed schemas: what the base fixture's pages never show.

const baseModel = buildModel(validate(BASE).dataset);

/** The base model with its records (or some collections' records) replaced, under `schemas`. */
function modelWith(
  records: Record<string, JsonObject[]>,
  schemas: Schemas = baseModel.schemas,
): Model {
  return {
    ...baseModel,
    schemas,
    collections: baseModel.collections.map(({ collection, records: kept }) => ({
      collection: schemas.collection(collection.name) ?? collection,
      records: records[collection.name] ?? kept,
    })),
  };
}

/**
 * The package's schemas with one file changed, in a temporary copy, not checked against JSON
 * Schema itself (which takes seconds): each change here keeps them valid.
 */
function schemasWith(
  file: string,
  change: (schema: JsonObject) => void,
  added: Record<string, JsonObject> = {},
): Schemas {
  const dir = tempDir();
  cpSync(SCHEMA_DIR, dir, { recursive: true });
  const schema = JSON.parse(readFileSync(join(dir, file), "utf8")) as JsonObject;
  change(schema);
  writeFileSync(join(dir, file), JSON.stringify(schema));
  for (const [name, text] of Object.entries(added))
    writeFileSync(join(dir, name), JSON.stringify(text));
  const schemas = loadSchemas(dir, { metaCheck: false });
  expect(schemas.issues).toEqual([]);
  return schemas;
}

const indexOf = (model: Model) => new RecordIndex(model, schemeOf(model.schemas));

describe("dates in words", () => {
  it("says which dates are uncertain or approximate, at each precision", () => {
    expect(formatEdtf("2013-05-07~")).toBe("7 May 2013 (approximate)");
    expect(formatEdtf("2013-05?")).toBe("May 2013 (uncertain)");
    expect(formatEdtf("2013~")).toBe("2013 (approximate)");
    expect(formatEdtf("2013-05-07")).toBe("7 May 2013");
  });

  it("reads an interval open at either end, or both, and a qualified end", () => {
    expect(formatEdtf("2013-05-07/..")).toBe("somewhere from 7 May 2013 to open");
    expect(formatEdtf("../..")).toBe("somewhere from open to open");
    expect(formatEdtf("2012?/2013-05~")).toBe(
      "somewhere from 2012 (uncertain) to May 2013 (approximate)",
    );
  });

  it("gives a value it cannot read as it is", () => {
    expect(formatEdtf("spring 2013")).toBe("spring 2013");
    expect(formatEdtf("21/2013")).toBe("somewhere from 21 to 2013");
  });
});

/** A date object as the schemas describe it. */
const date = (value: string, earliest: string, latest: string): JsonObject => ({
  value,
  precision: "day",
  earliest,
  latest,
  provenance: { basis: "inferred", note: "Made up for the test." },
});

/** An event with the given start and end dates (either may be absent). */
const event = (id: string, name: string, start?: JsonValue, end?: JsonValue): JsonObject => ({
  id,
  name,
  kind: "meeting",
  status: "occurred",
  ...(start === undefined ? {} : { start_date: start }),
  ...(end === undefined ? {} : { end_date: end }),
  participants: [],
  relations: [],
  mentions: [],
});

const datedCollection = () => {
  const [name] = [...schemeOf(baseModel.schemas).dated.keys()];
  if (name === undefined) throw new Error("the schemas date one collection");
  return name;
};

/** The timeline of the given events, in the order given. */
function timelineOf(events: JsonObject[], schemas?: Schemas): string {
  const index = indexOf(modelWith({ [datedCollection()]: events }, schemas));
  return timelineHtml(
    index,
    events.map((e) => String(e.id)),
  );
}

const rowsOf = (html: string) => /<ol class="tl-rows">(.*)<\/ol>/.exec(html)?.[1] ?? "";
const axisOf = (html: string) =>
  /<div class="tl-axis" aria-hidden="true">(.*?)<\/div>/.exec(html)?.[1];
const undatedOf = (html: string) => /<ul class="tl-undated">(.*?)<\/ul>/.exec(html)?.[1];

describe("the timeline", () => {
  it("places bars on an axis whose gaps are shortened, with a tick at each new year", () => {
    // Days 0 (31 Dec 2012), 1, 32 and 35 are the bounds: gaps of 1, 31 and 3 days count 2, 6 and 3.
    const html = timelineOf([
      event("c-month", "C", date("2013-01", "2013-01-01", "2013-01-31")),
      event(
        "b-then",
        "B",
        date("2013-01", "2013-01-01", "2013-01-31"),
        date("2013-02-03", "2013-02-03", "2013-02-03"),
      ),
      event("a-eve", "A & co", date("2012-12-31", "2012-12-31", "2012-12-31")),
    ]);
    expect(axisOf(html)).toBe('<span class="tl-tick" style="left:18.18%">2013</span>');
    expect(rowsOf(html)).toBe(
      [
        '<li><a class="tl-label" href="#a-eve">A &amp; co</a> <span class="tl-when">31 December 2012</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-exact" style="left:0.00%;width:18.18%"></span></span></li>',
        // A month's range is hatched; the known gap after it and the known end make one solid bar.
        '<li><a class="tl-label" href="#b-then">B</a> <span class="tl-when">January 2013 to 3 February 2013</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-range" style="left:18.18%;width:54.55%"></span><span class="tl-part tl-exact" style="left:72.73%;width:27.27%"></span></span></li>',
        '<li><a class="tl-label" href="#c-month">C</a> <span class="tl-when">January 2013</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-range" style="left:18.18%;width:54.55%"></span></span></li>',
      ].join(""),
    );
    expect(undatedOf(html)).toBeUndefined();
  });
});

describe("the timeline's bars", () => {
  it("hatches a day marked uncertain or approximate, or whose bounds are not one day", () => {
    const html = timelineOf([
      event("guess", "Guess", date("2012-12-31?", "2012-12-31", "2012-12-31")),
      event("loose", "Loose", date("2012-12-31", "2012-12-30", "2012-12-31")),
      event("month-day", "Month day", date("2012-12", "2012-12-31", "2012-12-31")),
    ]);
    // The last day is 31 December: 1 January 2013 is past the end, so no year is marked.
    expect(axisOf(html)).toBe("");
    expect(rowsOf(html)).toBe(
      [
        '<li><a class="tl-label" href="#loose">Loose</a> <span class="tl-when">31 December 2012</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-range" style="left:0.00%;width:100.00%"></span></span></li>',
        '<li><a class="tl-label" href="#guess">Guess</a> <span class="tl-when">31 December 2012 (uncertain)</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-range" style="left:50.00%;width:50.00%"></span></span></li>',
        '<li><a class="tl-label" href="#month-day">Month day</a> <span class="tl-when">December 2012</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-range" style="left:50.00%;width:50.00%"></span></span></li>',
      ].join(""),
    );
  });

  it("draws a known day and a later range that starts with it as a solid day and a hatched rest", () => {
    // 7 May, 8 May and 23 May: gaps of 1 and 15 days count 2 and 5.
    const html = timelineOf([
      event(
        "talks",
        "Talks",
        date("2013-05-07", "2013-05-07", "2013-05-07"),
        date("2013-05-07/2013-05-22", "2013-05-07", "2013-05-22"),
      ),
    ]);
    expect(rowsOf(html)).toBe(
      '<li><a class="tl-label" href="#talks">Talks</a> <span class="tl-when">7 May 2013 to somewhere from 7 May 2013 to 22 May 2013</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-exact" style="left:0.00%;width:28.57%"></span><span class="tl-part tl-range" style="left:28.57%;width:71.43%"></span></span></li>',
    );
  });

  it("draws a range that ends where the next range starts as one hatched bar", () => {
    const html = timelineOf([
      event(
        "months",
        "Months",
        date("2013-05", "2013-05-01", "2013-05-31"),
        date("2013-06", "2013-06-01", "2013-06-30"),
      ),
    ]);
    expect(rowsOf(html)).toBe(
      '<li><a class="tl-label" href="#months">Months</a> <span class="tl-when">May 2013 to June 2013</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-range" style="left:0.00%;width:100.00%"></span></span></li>',
    );
  });

  it("draws only the start of a record that ends within it, on its day, or before it", () => {
    const html = timelineOf([
      event(
        "same-day",
        "Same day",
        date("2013-05-01", "2013-05-01", "2013-05-01"),
        date("2013-05-01~", "2013-05-01", "2013-05-01"),
      ),
      event(
        "within",
        "Within",
        date("2013-05", "2013-05-01", "2013-05-31"),
        date("2013-05-20", "2013-05-20", "2013-05-20"),
      ),
      event(
        "before",
        "Before",
        date("2013-05-01", "2013-05-01", "2013-05-01"),
        date("2013-04-02", "2013-04-02", "2013-04-02"),
      ),
    ]);
    const parts = [...rowsOf(html).matchAll(/<span class="tl-part ([^"]+)" style="([^"]+)">/g)];
    // 1 May, 2 May and 1 June are the bounds: gaps of 1 and 30 days count 2 and 1 + log2(31),
    // so 2 May sits at 2 / 7.954 = 25.14%.
    expect(parts.map((m) => [m[1], m[2]])).toEqual([
      ["tl-exact", "left:0.00%;width:25.14%"],
      ["tl-exact", "left:0.00%;width:25.14%"],
      ["tl-range", "left:0.00%;width:100.00%"],
    ]);
  });

  it("joins a known start, the known days between and a known end into one bar, with a tick at each year it crosses", () => {
    // 31 December 2011 to 1 January 2013: 368 days, one segment; 1 January 2012 is day 1 of it.
    const html = timelineOf([
      event(
        "long",
        "Long",
        date("2011-12-31", "2011-12-31", "2011-12-31"),
        date("2013-01-01", "2013-01-01", "2013-01-01"),
      ),
    ]);
    expect(axisOf(html)).toBe(
      '<span class="tl-tick" style="left:0.27%">2012</span><span class="tl-tick" style="left:99.73%">2013</span>',
    );
    expect(rowsOf(html)).toContain(
      '<span class="tl-track" aria-hidden="true"><span class="tl-part tl-exact" style="left:0.00%;width:100.00%"></span></span>',
    );
  });

  it("lists records it cannot place as not dated, after the dated ones", () => {
    const html = timelineOf([
      event("no-date", "No <date>"),
      event("words", "Words", "May 2013"),
      event("no-value", "No value", { ...date("2013", "2013-01-01", "2013-12-31"), value: 2013 }),
      event("bad-month", "Bad month", date("2013-13", "2013-01-01", "2013-12-31")),
      event("no-bound", "No bound", { ...date("2013", "2013-01-01", "2013-12-31"), latest: 2013 }),
      event("dated", "Dated", date("2013-05-07", "2013-05-07", "2013-05-07")),
    ]);
    expect(undatedOf(html)).toBe(
      [
        '<li><a href="#no-date">No &lt;date&gt;</a></li>',
        '<li><a href="#words">Words</a></li>',
        '<li><a href="#no-value">No value</a></li>',
        '<li><a href="#bad-month">Bad month</a></li>',
        '<li><a href="#no-bound">No bound</a></li>',
      ].join(""),
    );
    expect(html.indexOf("<h3>Not dated</h3>")).toBeGreaterThan(html.indexOf("#dated"));
  });

  it("is a list of the records not dated alone when none on the page is", () => {
    expect(timelineOf([event("no-date", "No date")])).toBe(
      `<section class="timeline" aria-labelledby="_timeline-title">
<h2 id="_timeline-title">Timeline</h2>
<p class="note">Each bar runs from the first to the last day a date can be. <span class="tl-key tl-exact"></span> solid: known to the day; <span class="tl-key tl-range"></span> hatched: somewhere in that range. Long gaps are shortened, so lengths are not to scale; the dates are in words beside each bar.</p>

<h3>Not dated</h3><ul class="tl-undated"><li><a href="#no-date">No date</a></li></ul>
</section>`,
    );
  });

  it("is empty for a page whose records are of no dated collection, or not records", () => {
    const index = indexOf(baseModel);
    expect(timelineHtml(index, ["ana-ruiz", "sample-claim", "no-such-record"])).toBe("");
    expect(timelineHtml(index, [])).toBe("");
  });

  it("takes a date's bounds from its value where the schemas give it no bounds", () => {
    const schemas = schemasWith("defs.schema.json", (defs) => {
      const properties = ((defs.$defs as JsonObject).date as JsonObject).properties as JsonObject;
      delete (properties.earliest as JsonObject)["x-role"];
      delete (properties.latest as JsonObject)["x-role"];
    });
    const html = timelineOf(
      [
        // Bounds that say 10 to 12 May are not read: the value says all of May.
        event("may", "May", date("2013-05", "2013-05-10", "2013-05-12")),
        event("open", "Open", date("2013-05/..", "2013-05-01", "2013-06-30")),
        event("open-start", "Open start", date("../2013-05", "2013-04-01", "2013-05-31")),
      ],
      schemas,
    );
    expect(rowsOf(html)).toBe(
      '<li><a class="tl-label" href="#may">May</a> <span class="tl-when">May 2013</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-range" style="left:0.00%;width:100.00%"></span></span></li>',
    );
    expect(undatedOf(html)).toBe(
      '<li><a href="#open">Open</a></li><li><a href="#open-start">Open start</a></li>',
    );
  });

  it("shows a start alone where the schemas mark no end", () => {
    const schemas = schemasWith("event.schema.json", (schema) => {
      delete ((schema.properties as JsonObject).end_date as JsonObject)["x-role"];
    });
    const html = timelineOf(
      [
        event(
          "two-days",
          "Two days",
          date("2013-05-07", "2013-05-07", "2013-05-07"),
          date("2013-05-08", "2013-05-08", "2013-05-08"),
        ),
      ],
      schemas,
    );
    expect(rowsOf(html)).toContain('<span class="tl-when">7 May 2013</span>');
  });
});

/** An enum field with a description, as the schema model gives it. */
const enumField = (description: string | undefined, values: string[]): Field => ({
  path: ["kind"],
  node: {},
  resolved: {},
  at: { file: "made.schema.json", pointer: "/properties/kind" },
  shape: { kind: "scalar", type: "string", enum: values },
  required: true,
  nullable: false,
  roles: [],
  ...(description === undefined ? {} : { description }),
});

describe("what each allowed value means, from the description", () => {
  it("reads `value`: meaning; `value` (meaning), and `value` — meaning, each up to the next value named", () => {
    const field = enumField(
      "Either `low` — hardly anyone; `mid`: some people, `high` (nearly all), or `none`.",
      ["none", "low", "mid", "high", "unknown"],
    );
    expect(enumDescriptions(field)).toEqual([
      { value: "none" },
      { value: "low", description: "hardly anyone" },
      { value: "mid", description: "some people" },
      { value: "high", description: "nearly all" },
      { value: "unknown" },
    ]);
  });

  it("reads a colon with no space after it, and keeps brackets that close a meaning and a comma inside it", () => {
    const field = enumField("`a`:tight; `b`: wholly (in part); `c`: this, that", ["a", "b", "c"]);
    expect(enumDescriptions(field)).toEqual([
      { value: "a", description: "tight" },
      { value: "b", description: "wholly (in part)" },
      { value: "c", description: "this, that" },
    ]);
  });

  it("reads the values in the order the description names them, and trims what brackets held", () => {
    expect(enumDescriptions(enumField("`b`: second; `a` ( first )", ["a", "b"]))).toEqual([
      { value: "a", description: "first" },
      { value: "b", description: "second" },
    ]);
  });

  it("gives only the values of a field without a description, or without an enum", () => {
    expect(enumDescriptions(enumField(undefined, ["a", "b"]))).toEqual([
      { value: "a" },
      { value: "b" },
    ]);
    expect(
      enumDescriptions({ ...enumField("`a`: one", []), shape: { kind: "scalar", type: "string" } }),
    ).toEqual([]);
    expect(enumDescriptions({ ...enumField("`a`: one", []), shape: { kind: "object" } })).toEqual(
      [],
    );
  });

  it("keeps a meaning's own trailing words and inner brackets, and drops a closing `, and`", () => {
    const field = enumField("`x` (in part) or wholly; `y` (a (small) one), and `z`: last.", [
      "x",
      "y",
      "z",
    ]);
    expect(enumDescriptions(field)).toEqual([
      { value: "x", description: "(in part) or wholly" },
      { value: "y", description: "a (small) one" },
      { value: "z", description: "last" },
    ]);
  });
});

/**
 * A collection of rumours, named so that it comes before the quotes but its title after theirs:
 * two anchoring spans (the first a passage, then its retellings), spans of other kinds, a link
 * and a start date.
 */
const RUMOUR = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "rumour.schema.json",
  title: "Rumour",
  "x-collection": "hearsay",
  type: "object",
  properties: {
    id: { $ref: "defs.schema.json#/$defs/id" },
    words: { $ref: "defs.schema.json#/$defs/span", "x-role": "anchor" },
    retold: {
      type: "array",
      items: { $ref: "defs.schema.json#/$defs/span", "x-role": "anchor" },
    },
    aside: { $ref: "defs.schema.json#/$defs/span" },
    remark: { $ref: "defs.schema.json#/$defs/span", "x-role": "note" },
    heard_from: { $ref: "defs.schema.json#/$defs/id", "x-references": ["people"] },
    on: {
      description: "The day it was heard.",
      $ref: "defs.schema.json#/$defs/date",
      "x-role": "starts",
    },
  },
};

describe("the layers, verdict scale and dates, read from the schemas' roles", () => {
  const rumours = () =>
    schemeOf(schemasWith("defs.schema.json", () => {}, { "rumour.schema.json": RUMOUR }));

  it("gives spans of a role with no layer of its own, and spans of no role, layers after the known ones", () => {
    const scheme = rumours();
    expect(scheme.layers.map((l) => l.key)).toEqual([
      "events",
      "organizations",
      "people",
      "places",
      "claims",
      "quotes",
      "hearsay",
      "role:label",
      "role:cue",
      "role:hedge",
      "role:attribution-source",
      "role:evidence",
      "role:note",
      "role:other",
    ]);
    expect(scheme.layers.slice(-2)).toEqual([
      {
        key: "role:note",
        label: "Other spans",
        description:
          "A remark on the record, in prose, for readers: where a contributor's comment on it goes.",
        group: "attribution",
        style: "outline",
        on: false,
        categories: [],
      },
      {
        key: "role:other",
        label: "Other spans",
        description: "Spans with no declared role.",
        group: "attribution",
        style: "outline",
        on: false,
        categories: [],
      },
    ]);
    // Each span field is in its layer, by the layers' order above.
    expect(
      scheme.spanFields.get("hearsay")?.map(({ field, layer }) => [field.path.join("/"), layer]),
    ).toEqual([
      ["words", 6],
      ["retold/*", 6],
      ["aside", 13],
      ["remark", 12],
      ["on/provenance/span", 11],
    ]);
  });

  it("orders passages by title alone, whatever their collections are named", () => {
    // A name whose end after five characters is a role's name is not read as a role.
    const aside = {
      ...RUMOUR,
      $id: "aside.schema.json",
      title: "Aside",
      "x-collection": "told-label",
    };
    const scheme = schemeOf(
      schemasWith("defs.schema.json", () => {}, { "aside.schema.json": aside }),
    );
    expect(scheme.layers.filter((l) => l.group === "passages").map((l) => l.label)).toEqual([
      "Aside",
      "Claim",
      "Quote",
    ]);
  });

  it("gives a new anchoring collection without a category one layer, made from its first anchoring span", () => {
    const layer = rumours().layers[6];
    expect(layer).toEqual({
      key: "hearsay",
      label: "Rumour",
      description:
        "Exact characters of a source text (W3C Web Annotation TextPositionSelector plus TextQuoteSelector). Offsets count Unicode code points, half-open [start, end), position 0 before the first character.",
      group: "passages",
      style: "overline",
      on: true,
      categories: [],
    });
  });

  it("describes an anchoring layer by its collection, or not at all, where its span has no description", () => {
    const scheme = schemeOf(
      schemasWith(
        "defs.schema.json",
        (defs) => {
          const $defs = defs.$defs as JsonObject;
          delete ($defs.span as JsonObject).description;
          const mention = ($defs.mention as JsonObject).properties as JsonObject;
          delete (mention.span as JsonObject).description;
        },
        { "rumour.schema.json": RUMOUR },
      ),
    );
    expect(scheme.layers[0]?.description).toBe(
      "Something that happened, is planned, or is reported or alleged to have happened, as a source refers to it (after Popolo `Event`, GDELT and ACLED).",
    );
    expect(scheme.layers.find((l) => l.key === "hearsay")?.description).toBe("");
  });

  it("links records by the ids outside spans only, and dates a collection by its start alone", () => {
    const scheme = rumours();
    expect(scheme.referenceFields.get("hearsay")?.map((f) => f.path.join("/"))).toEqual([
      "heard_from",
      "on/provenance/citations/*",
    ]);
    const dated = scheme.dated.get("hearsay");
    expect(dated?.start.path).toEqual(["on"]);
    expect(dated && "end" in dated).toBe(false);
    expect(scheme.categoryField.has("hearsay")).toBe(false);
  });
});

describe("the verdict scale", () => {
  /** The verdict scheme of the schemas with the review schema's verdict field changed. */
  const verdictWith = (change: (verdict: JsonObject) => void) =>
    schemeOf(
      schemasWith("review.schema.json", (review) =>
        change((review.properties as JsonObject).verdict as JsonObject),
      ),
    ).verdict;
  const scales = (change: (verdict: JsonObject) => void) =>
    verdictWith(change)?.values.map((v) => v.scale);

  it("names the collection that gives verdicts, its verdict and what it judges", () => {
    const verdict = schemeOf(baseModel.schemas).verdict;
    expect(verdict && { ...verdict, values: undefined }).toEqual({
      collection: "reviews",
      field: "verdict",
      reviewed: "claim",
      targets: ["claims"],
      description:
        "The verdict, on a scale from worst to best: `inaccurate` (the sources contradict it), `misleading` (true in part, but gives a false impression), `mostly-accurate` (right in substance, wrong in a detail), `accurate` (the sources confirm it); `unsupported` stands apart from the scale: no source found confirms or refutes it.",
      values: undefined,
    });
  });

  it("puts every value on the scale, in order, where the schema names no worst and best", () => {
    expect(scales((verdict) => delete verdict["x-jsonld-rating"])).toEqual([0, 1, 2, 3, 4]);
  });

  it("counts the scale from the worst value named, and leaves off it what lies outside", () => {
    expect(
      scales((verdict) => {
        verdict["x-jsonld-rating"] = { worst: "misleading", best: "accurate" };
      }),
    ).toEqual([null, 0, 1, 2, null]);
  });

  it("ends the scale at the best value named", () => {
    expect(
      scales((verdict) => {
        verdict["x-jsonld-rating"] = { worst: "inaccurate", best: "misleading" };
      }),
    ).toEqual([0, 1, null, null, null]);
  });

  it("has no value on the scale where its worst or best is not a value, or the best comes first", () => {
    for (const rating of [
      { worst: "terrible", best: "accurate" },
      { worst: "inaccurate", best: "perfect" },
      { worst: "accurate", best: "inaccurate" },
    ])
      expect(
        scales((verdict) => {
          verdict["x-jsonld-rating"] = rating;
        }),
        JSON.stringify(rating),
      ).toEqual([null, null, null, null, null]);
  });

  it("is absent, and claims are drawn like other passages, where no field gives a verdict on records it references", () => {
    const noReferences = schemeOf(
      schemasWith("review.schema.json", (review) => {
        const claim = (review.properties as JsonObject).claim as JsonObject;
        delete claim["x-references"];
        delete claim["x-shown-in-target"];
      }),
    );
    expect(noReferences.verdict).toBeUndefined();
    expect(noReferences.layers.find((l) => l.key === "claims")?.style).toBe("overline");
    expect(
      verdictWith((verdict) => {
        delete verdict["x-role"];
      }),
    ).toBeUndefined();
    const noReviewed = schemasWith("review.schema.json", (review) => {
      delete ((review.properties as JsonObject).claim as JsonObject)["x-role"];
    });
    expect(schemeOf(noReviewed).verdict).toBeUndefined();
  });

  it("has an empty description, and values without meanings, where the verdict is not described", () => {
    const verdict = schemeOf(
      schemasWith("defs.schema.json", (defs) => {
        delete ((defs.$defs as JsonObject).verdict as JsonObject).description;
      }),
    ).verdict;
    expect(verdict?.description).toBe("");
    expect(verdict?.values[0]).toEqual({ value: "inaccurate", scale: 0 });
  });
});

describe("what the page script is told of each field", () => {
  it("tells a field's kind, and its description and roles only where it has them", () => {
    const info = schemeOf(baseModel.schemas).fieldInfo;
    expect(info.get("citations")?.url?.kind).toBe("uri");
    expect(info.get("events")?.start_date?.kind).toBe("date");
    expect(info.get("claims")?.claimant?.kind).toBe("ref");
    expect(info.get("claims")?.kind?.kind).toBe("enum");
    expect(info.get("people")?.id).toEqual({
      kind: "value",
      description:
        "A record id: kebab-case, unique across all collections, equal to the record's file name without `.json`.",
    });
    const undescribed = schemeOf(
      schemasWith("defs.schema.json", (defs) => {
        delete ((defs.$defs as JsonObject).id as JsonObject).description;
      }),
    ).fieldInfo;
    expect(undescribed.get("people")?.id).toStrictEqual({ kind: "value" });
  });

  it("tells where an identifier is trusted as the same thing in an outside scheme", () => {
    const info = schemeOf(baseModel.schemas).fieldInfo;
    expect(info.get("people")?.["identifiers/*"]?.sameAs).toEqual({
      prefix: "https://www.wikidata.org/entity/",
      pick: "identifier",
      where: { scheme: "wikidata", confidence: "high" },
    });
    const identifierWith = (change: (sameAs: JsonObject) => void) =>
      schemeOf(
        schemasWith("defs.schema.json", (defs) => {
          const identifier = (defs.$defs as JsonObject).identifier as JsonObject;
          change(identifier["x-jsonld-same-as"] as JsonObject);
        }),
      ).fieldInfo.get("people")?.["identifiers/*"];
    expect(identifierWith((sameAs) => delete sameAs.where)?.sameAs).toEqual({
      prefix: "https://www.wikidata.org/entity/",
      pick: "identifier",
      where: {},
    });
    expect(
      identifierWith((sameAs) => {
        sameAs.prefix = 1;
      }),
    ).not.toHaveProperty("sameAs");
    expect(
      identifierWith((sameAs) => {
        sameAs.pick = ["identifier"];
      }),
    ).not.toHaveProperty("sameAs");
  });

  it("tells a span's keys of its source and exact words only where the span has them", () => {
    const info = schemeOf(
      schemasWith("defs.schema.json", (defs) => {
        const span = (defs.$defs as JsonObject).span as JsonObject;
        delete ((span.properties as JsonObject).source as JsonObject)["x-role"];
      }),
    ).fieldInfo;
    expect(info.get("claims")?.text).toStrictEqual({
      kind: "span",
      description: "The words that make the claim.",
      roles: ["label", "claim-text", "anchor", "span"],
      exact: "exact",
    });
    const withoutExact = schemeOf(
      schemasWith("defs.schema.json", (defs) => {
        const span = (defs.$defs as JsonObject).span as JsonObject;
        const exact = (span.properties as JsonObject).exact as JsonObject;
        exact["x-role"] = "label";
      }),
    ).fieldInfo;
    expect(withoutExact.get("claims")?.text).toStrictEqual({
      kind: "span",
      description: "The words that make the claim.",
      roles: ["label", "claim-text", "anchor", "span"],
      source: "source",
    });
  });
});

/** A span of the given words at the given offsets (of no text: the index does not read texts). */
const span = (source: string, start: number, exact: string): JsonObject => ({
  source,
  start,
  end: start + [...exact].length,
  exact,
});
const mention = (source: string, start: number, exact: string): JsonObject => ({
  kind: "name",
  span: span(source, start, exact),
});
const person = (id: string, name: string, mentions: JsonObject[] = []): JsonObject => ({
  id,
  name,
  other_names: [],
  identifiers: [],
  roles: [],
  mentions,
});
const recordsOf = (name: string) =>
  baseModel.collections.find((c) => c.collection.name === name)?.records ?? [];

describe("the records' index", () => {
  it("files each span under its source, in its layer, with its record's category", () => {
    const claim = (id: string, kind: string, text: JsonObject): JsonObject => ({
      id,
      text,
      claimant: "ana-ruiz",
      kind,
      attribution: "author",
      hedges: [],
      about: [],
    });
    const index = indexOf(
      modelWith({
        claims: [
          claim("an-opinion", "opinion", span("other-article", 3, "We should.")),
          claim("odd-kind", "rumour", span("other-article", 20, "Maybe.")),
          claim("no-source", "factual", { ...span("other-article", 30, "Lost."), source: 7 }),
          { ...claim("hedged", "factual", span("third-article", 0, "Perhaps")), hedges: ["so"] },
        ],
      }),
    );
    expect(index.spansBySource.get("other-article")).toEqual([
      {
        record: "an-opinion",
        pointer: "/text",
        layer: 4,
        category: 1,
        start: 3,
        end: 13,
        exact: "We should.",
      },
      {
        record: "odd-kind",
        pointer: "/text",
        layer: 4,
        category: -1,
        start: 20,
        end: 26,
        exact: "Maybe.",
      },
    ]);
    expect(index.spansBySource.get("third-article")?.map((o) => o.record)).toEqual(["hedged"]);
    expect(index.groundedIn.get("an-opinion")).toEqual(new Set(["other-article"]));
    expect(index.groundedIn.has("no-source")).toBe(false);
    // A mention has no category: its layer has none.
    expect(
      index.spansBySource
        .get("sample-article")
        ?.find((o) => o.record === "ana-ruiz" && o.pointer === "/mentions/1/span"),
    ).toEqual({
      record: "ana-ruiz",
      pointer: "/mentions/1/span",
      layer: 2,
      category: -1,
      start: 58,
      end: 62,
      exact: "Ruiz",
    });
  });

  it("links records both ways by the ids they hold, by the path that holds them", () => {
    const index = indexOf(baseModel);
    expect(index.forward.get("sample-quote")).toEqual([
      { id: "ana-ruiz", path: "speaker" },
      { id: "bo-chen", path: "addressee" },
      { id: "sample-meeting", path: "event" },
    ]);
    expect(index.backward.get("bo-chen")).toEqual([
      { id: "sample-claim", path: "about/*" },
      { id: "sample-meeting", path: "participants/*/actor" },
      { id: "sample-quote", path: "addressee" },
    ]);
    expect(index.forward.has("bo-chen")).toBe(false);
    const odd = indexOf(
      modelWith({
        claims: recordsOf("claims").map((c) => ({ ...c, about: [3, "bo-chen"] })),
      }),
    );
    expect(odd.forward.get("sample-claim")?.filter((l) => l.path === "about/*")).toEqual([
      { id: "bo-chen", path: "about/*" },
    ]);
  });

  it("names a record by its label, else its first anchoring span's words, else its id", () => {
    const unnamed = (id: string, mentions: JsonObject[]): JsonObject => {
      const { name: _, ...rest } = event(id, "");
      return { ...rest, mentions };
    };
    const index = indexOf(
      modelWith({
        events: [
          unnamed("by-mention", [
            mention("other-article", 5, "the talks"),
            mention("other-article", 50, "they"),
          ]),
          unnamed("by-id", []),
          unnamed("odd-mention", [{ kind: "name", span: { ...span("x", 0, "x"), exact: 5 } }]),
        ],
      }),
    );
    const label = (id: string) => index.entries.get(id)?.label;
    expect(label("by-mention")).toBe("the talks");
    expect(label("by-id")).toBe("by-id");
    expect(label("odd-mention")).toBe("odd-mention");
    expect(label("ana-ruiz")).toBe("Ana Ruiz");
    expect(label("sample-article")).toBe("Talks in Lima 😀");
  });

  it("names a verdict by its collection, its value and what it judges, one level deep", () => {
    const [review] = recordsOf("reviews") as [JsonObject];
    const index = indexOf(
      modelWith({
        reviews: [
          review,
          { ...review, id: "of-a-review", verdict: "accurate", claim: "review-sample-claim" },
          { ...review, id: "of-nothing", verdict: "inaccurate", claim: "no-such-claim" },
          { ...review, id: "of-no-id", verdict: "misleading", claim: 7 },
        ],
      }),
    );
    const label = (id: string) => index.entries.get(id)?.label;
    // The claim's words keep the text's no-break space.
    expect(label("review-sample-claim")).toBe("Review, mostly-accurate: We agree on\u00a0trade.");
    expect(label("of-a-review")).toBe("Review, accurate: review-sample-claim");
    expect(label("of-nothing")).toBe("Review, inaccurate: no-such-claim");
    expect(label("of-no-id")).toBe("Review, misleading: ");
  });
});

describe("the records on a source's page", () => {
  it("are those grounded in it, what they point to, and what points to them without being grounded elsewhere", () => {
    const [claim] = recordsOf("claims") as [JsonObject];
    const index = indexOf(
      modelWith({
        people: [
          ...recordsOf("people"),
          person("cara-diaz", "Cara Diaz"),
          person("eve-fox", "Eve Fox"),
          {
            ...person("dan-eng", "Dan Eng", [mention("other-article", 0, "Dan Eng")]),
            roles: [
              { title: "Envoy", organization: "far-council", provenance: { basis: "stated" } },
            ],
          },
        ],
        organizations: [
          ...recordsOf("organizations"),
          {
            id: "far-council",
            name: "The far council",
            classification: "government-body",
            other_names: [],
            identifiers: [],
            mentions: [],
          },
        ],
        claims: [
          { ...claim, about: ["ana-ruiz", "bo-chen", "dan-eng", "no-such-record"] },
          {
            ...claim,
            id: "other-claim",
            text: span("other-article", 10, "Elsewhere."),
            cue: span("other-article", 5, "said"),
          },
        ],
        events: [
          ...recordsOf("events"),
          {
            ...event("hosted", "Hosted"),
            participants: [{ actor: "bo-chen" }, { actor: "cara-diaz" }],
          },
          // No spans, and pointing to a record with none that is on the page.
          { ...event("follow-up", "Follow-up"), relations: [{ type: "follows", event: "hosted" }] },
          {
            ...event("cited", "Cited", date("2020", "2020-01-01", "2020-12-31")),
            // Its date's citation is shared by the records of any source.
            start_date: {
              ...date("2020", "2020-01-01", "2020-12-31"),
              provenance: { basis: "external", citations: ["sample-citation"] },
            },
          },
        ],
      }),
    );
    expect([...index.membersOf("sample-article")].sort()).toEqual([
      "ana-ruiz",
      "bo-chen",
      // Pointed to by a record with no spans that is on the page.
      "cara-diaz",
      // Pointed to from a claim of this page; grounded in another source, so its own links are not followed.
      "dan-eng",
      "follow-up",
      // No spans, and pointing to a person of this page.
      "hosted",
      "lima",
      "review-sample-claim",
      "sample-article",
      "sample-citation",
      "sample-claim",
      "sample-council",
      "sample-meeting",
      "sample-quote",
    ]);
    expect([...index.membersOf("other-article")].sort()).toEqual([
      "ana-ruiz",
      "bo-chen",
      "dan-eng",
      "far-council",
      "other-claim",
      "sample-quote",
    ]);
    expect(index.membersOf("no-such-source")).toEqual(new Set());
  });
});

describe("the colours of layers and verdicts", () => {
  const scheme = schemeOf(baseModel.schemas);
  const [layer] = scheme.layers as [Layer];
  /** The scheme with one layer and a verdict scale of these places (null: off the scale). */
  const withScale = (places: (number | null)[]): Scheme => ({
    ...scheme,
    layers: [layer],
    verdict: scheme.verdict && {
      ...scheme.verdict,
      values: places.map((scale, i) => ({ value: `v${i}`, scale })),
    },
  });
  const lines = (css: string, name: string) =>
    css.split("\n").filter((line) => new RegExp(`^ *--${name}\\d+:`).test(line));
  const CROSS =
    "repeating-linear-gradient(45deg, var(--vstroke) 0 1.5px, transparent 1.5px 7px), repeating-linear-gradient(-45deg, var(--vstroke) 0 1.5px, transparent 1.5px 7px)";
  const DIAGONAL =
    "repeating-linear-gradient(45deg, var(--vstroke) 0 1.5px, transparent 1.5px 7px)";
  const UPRIGHT = "repeating-linear-gradient(90deg, var(--vstroke) 0 1.5px, transparent 1.5px 8px)";
  const FINE = "repeating-linear-gradient(-45deg, var(--vstroke) 0 1px, transparent 1px 4px)";

  it("is a colour per layer, light and dark, and a swatch rule, with nothing for verdicts where there is no scale", () => {
    expect(generatedCss({ ...scheme, layers: [layer, layer], verdict: undefined })).toBe(`
/* Generated from the schemas by npm run build: one colour per layer, a fill and a pattern per verdict. */
:root {
  --L0: #0072b2;
  --L1: #d55e00;
}

@media (prefers-color-scheme: dark) {
  :root {
    --L0: #56b4e9;
    --L1: #ff9e57;
  }
}

.sw-0 {
  --c: var(--L0);
}

.sw-1 {
  --c: var(--L1);
}

.sw.sw-fill.verdict {
  background: var(--vpattern), var(--vfill);
  background-color: var(--vfill);
}


`);
  });

  it("spreads a scale of three over the fills and patterns from worst to best, and marks a value off the scale apart", () => {
    const css = generatedCss(withScale([0, 1, null, 2]));
    expect(lines(css, "vf")).toEqual([
      "  --vf0: #f7c4a6;",
      "  --vf1: #d2e8f6;",
      "  --vf2: #e2e2e2;",
      "  --vf3: #a8d1ee;",
      "    --vf0: #6e3318;",
      "    --vf1: #1f4a66;",
      "    --vf2: #3c3c3c;",
      "    --vf3: #0f3c63;",
    ]);
    expect(lines(css, "vp")).toEqual([
      `  --vp0: ${CROSS};`,
      `  --vp1: ${UPRIGHT};`,
      `  --vp2: ${FINE};`,
      "  --vp3: none;",
    ]);
    expect(css).toContain(".v3 {\n  --vfill: var(--vf3);\n  --vpattern: var(--vp3);\n}\n");
  });

  it("rounds places of a long scale to the nearest fill, and gives a scale of one the best", () => {
    expect(lines(generatedCss(withScale([0, 1, 2, 3, 4, 5])), "vp")).toEqual([
      `  --vp0: ${CROSS};`,
      `  --vp1: ${DIAGONAL};`,
      `  --vp2: ${DIAGONAL};`,
      `  --vp3: ${UPRIGHT};`,
      `  --vp4: ${UPRIGHT};`,
      "  --vp5: none;",
    ]);
    expect(lines(generatedCss(withScale([null, 0])), "vf").slice(0, 2)).toEqual([
      "  --vf0: #e2e2e2;",
      "  --vf1: #a8d1ee;",
    ]);
  });
});

describe("the pages' script kept in a cache folder", () => {
  const made = pageScript(undefined);
  const keptIn = (dir: string) => join(dir, "site-script.json");
  const readKept = (dir: string) => JSON.parse(readFileSync(keptIn(dir), "utf8")) as JsonObject;

  it("is kept with the key, the files it was made from in order, and its text", async () => {
    const dir = tempDir();
    expect(await pageScript(dir)).toBe(await made);
    const kept = readKept(dir);
    expect(kept.key).toMatch(/^[0-9a-f]{64}$/);
    const inputs = kept.inputs as string[];
    expect(inputs).toContain("scripts/emit/site/client/site.js");
    expect(inputs).toContain("scripts/lib/date-words.mjs");
    expect([...inputs].sort()).toEqual(inputs);
    expect(kept.text).toBe(await made);
    expect(Object.keys(kept)).toEqual(["key", "inputs", "text"]);
  });

  it("is keyed by esbuild's version, its options, and the name and bytes of each file it read", async () => {
    const dir = tempDir();
    await pageScript(dir);
    const kept = readKept(dir);
    const { version } = createRequire(import.meta.url)("esbuild") as { version: string };
    const options = {
      entryPoints: [join(ROOT, "scripts", "emit", "site", "client", "site.js")],
      bundle: true,
      format: "iife",
      target: "es2022",
      charset: "utf8",
      legalComments: "none",
      write: false,
      absWorkingDir: ROOT,
    };
    const hash = createHash("sha256").update(`${version}\0${JSON.stringify(options)}`);
    for (const input of kept.inputs as string[])
      hash.update(`\0${input}\0`).update(readFileSync(join(ROOT, input)));
    expect(kept.key).toBe(hash.digest("hex"));
  });

  it("is made again, and kept anew, where the kept file is not JSON", async () => {
    const dir = tempDir();
    writeFileSync(keptIn(dir), '{"key": "');
    expect(await pageScript(dir)).toBe(await made);
    expect(readKept(dir).text).toBe(await made);
  });

  it("is made again where the kept file lacks its inputs, key or text, or holds them in other forms", async () => {
    const dir = tempDir();
    await pageScript(dir);
    const good = readKept(dir);
    for (const kept of [
      { ...good, inputs: "scripts/emit/site/client/site.js", text: "/* no list */" },
      { ...good, key: 1, text: "/* number key */" },
      { ...good, text: ["/* not a string */"] },
      ["/* not an object */"],
    ]) {
      writeFileSync(keptIn(dir), JSON.stringify(kept));
      expect(await pageScript(dir), JSON.stringify(kept)).toBe(await made);
    }
  });

  it("is read while its inputs are unchanged, and made again where one is gone", async () => {
    const dir = tempDir();
    await pageScript(dir);
    const good = readKept(dir);
    const inputs = good.inputs as string[];
    writeFileSync(keptIn(dir), JSON.stringify({ ...good, text: "/* kept */" }));
    expect(await pageScript(dir)).toBe("/* kept */");
    writeFileSync(
      keptIn(dir),
      JSON.stringify({ ...good, inputs: [...inputs, "scripts/gone.js"], text: "/* gone */" }),
    );
    expect(await pageScript(dir)).toBe(await made);
  });

  it("is made all the same where the cache folder cannot be written", async () => {
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "");
    expect(await pageScript(file)).toBe(await made);
  });
});

describe("the interfaces kept between builds", () => {
  const TS_CALLER = pathToFileURL(join(ROOT, "scripts", "emit", "types.ts")).href;
  const schemasIn = (cacheDir: string | undefined, texts = baseModel.schemas.texts): Schemas => {
    const { cacheDir: _, ...schemas } = baseModel.schemas;
    return { ...schemas, texts, ...(cacheDir === undefined ? {} : { cacheDir }) };
  };

  it("are not kept for schemas without a cache folder", () => {
    expect(interfacesCachePath(schemasIn(undefined), TS_CALLER)).toBeUndefined();
  });

  it("are named in the cache folder by what makes them: the schemas' files and texts, in any order", () => {
    const dir = tempDir();
    const path = interfacesCachePath(schemasIn(dir), TS_CALLER) ?? "";
    expect(path.slice(0, dir.length + 1)).toBe(`${dir}/`);
    expect(path.slice(dir.length + 1)).toMatch(/^interfaces-[0-9a-f]{16}\.d\.ts$/);
    const texts = [...baseModel.schemas.texts];
    const named = (list: [string, string][]) =>
      interfacesCachePath(schemasIn(dir, new Map(list)), TS_CALLER);
    expect(named([...texts].reverse())).toBe(path);
    const [[file, text], ...rest] = texts as [[string, string], ...[string, string][]];
    expect(named([[file, `${text} `], ...rest])).not.toBe(path);
    // The same bytes under another file's name are other schemas.
    const [[second, secondText], ...others] = rest as [[string, string], ...[string, string][]];
    expect(named([[file, secondText], [second, text], ...others])).not.toBe(path);
  });

  it("are named, when running from a bundle, by the worker beside it: its place and bytes", () => {
    const [a, b] = [tempDir(), tempDir()];
    for (const dir of [a, b]) writeFileSync(join(dir, "interfaces-worker.mjs"), "export {};\n");
    const bundle = (dir: string) => pathToFileURL(join(dir, "types.mjs")).href;
    const schemas = schemasIn(tempDir());
    const fromA = interfacesCachePath(schemas, bundle(a));
    expect(fromA).toMatch(/interfaces-[0-9a-f]{16}\.d\.ts$/);
    expect(interfacesCachePath(schemas, bundle(a))).toBe(fromA);
    expect(fromA).not.toBe(interfacesCachePath(schemas, TS_CALLER));
    expect(interfacesCachePath(schemas, bundle(b))).not.toBe(fromA);
    writeFileSync(join(a, "interfaces-worker.mjs"), "export const changed = 1;\n");
    expect(interfacesCachePath(schemas, bundle(a))).not.toBe(fromA);
    // Without its worker, a bundle's interfaces cannot be named: they are made each time.
    expect(interfacesCachePath(schemas, bundle(tempDir()))).toBeUndefined();
  });

  it("are read where kept, and kept in a folder made for them", () => {
    const path = join(tempDir(), "not", "yet", "interfaces-0123456789abcdef.d.ts");
    expect(readKeptInterfaces(path)).toBeUndefined();
    keepInterfaces(path, "export interface Kept {}\n");
    expect(readKeptInterfaces(path)).toBe("export interface Kept {}\n");
    expect(readdirSync(dirname(path))).toEqual(["interfaces-0123456789abcdef.d.ts"]);
  });

  it("are only not kept where the folder cannot be made", () => {
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "");
    const path = join(file, "interfaces-0123456789abcdef.d.ts");
    expect(() => keepInterfaces(path, "export {};\n")).not.toThrow();
    expect(readKeptInterfaces(path)).toBeUndefined();
  });
});
