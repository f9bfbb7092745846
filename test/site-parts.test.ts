import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel, type Model } from "../scripts/emit/model.ts";
import { RecordIndex } from "../scripts/emit/site/records.ts";
import { schemeOf } from "../scripts/emit/site/scheme.ts";
import { formatEdtf, timelineHtml } from "../scripts/emit/site/timeline.ts";
import type { JsonObject, JsonValue } from "../scripts/lib/json.ts";
import { loadSchemas, SCHEMA_DIR, type Schemas } from "../scripts/lib/schemas/index.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, tempDir } from "./helpers.ts";

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
function schemasWith(file: string, change: (schema: JsonObject) => void): Schemas {
  const dir = tempDir();
  cpSync(SCHEMA_DIR, dir, { recursive: true });
  const schema = JSON.parse(readFileSync(join(dir, file), "utf8")) as JsonObject;
  change(schema);
  writeFileSync(join(dir, file), JSON.stringify(schema));
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
    ]);
    // The last day is 31 December: 1 January 2013 is past the end, so no year is marked.
    expect(axisOf(html)).toBe("");
    expect(rowsOf(html)).toBe(
      [
        '<li><a class="tl-label" href="#loose">Loose</a> <span class="tl-when">31 December 2012</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-range" style="left:0.00%;width:100.00%"></span></span></li>',
        '<li><a class="tl-label" href="#guess">Guess</a> <span class="tl-when">31 December 2012 (uncertain)</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-range" style="left:50.00%;width:50.00%"></span></span></li>',
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

  it("draws only the start of a record that ends within it, or before it", () => {
    const html = timelineOf([
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
      ],
      schemas,
    );
    expect(rowsOf(html)).toBe(
      '<li><a class="tl-label" href="#may">May</a> <span class="tl-when">May 2013</span><span class="tl-track" aria-hidden="true"><span class="tl-part tl-range" style="left:0.00%;width:100.00%"></span></span></li>',
    );
    expect(undatedOf(html)).toBe('<li><a href="#open">Open</a></li>');
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
