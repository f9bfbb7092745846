import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { parse } from "csv-parse/sync";
import jsonld from "jsonld";
import { describe, expect, it } from "vitest";
import { sqlitePathOf } from "../scripts/emit/sqlite.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import { render } from "../scripts/pipeline/build.ts";
import { exitCodeOf, validate } from "../scripts/pipeline/validate.ts";
import { BASE, tempDir } from "./helpers.ts";

/*
 * A review's corrections log in every export but the page: the base fixture's review has one
 * correction (its verdict was accurate), and each export must carry it.
 */

const SCHEMA = "https://schema.org/";
const REVIEW = "review-sample-claim";
const fixtureReview = JSON.parse(
  readFileSync(join(BASE, "reviews", `${REVIEW}.json`), "utf8"),
) as JsonObject;
const [correction] = fixtureReview.corrections as JsonObject[];

describe("corrections in the exports of the base fixture", async () => {
  const validation = validate(BASE);
  expect(exitCodeOf(validation)).toBe(0);
  const { model, output } = await render(validation);
  const text = (path: string) => Buffer.from(output.get(path) ?? "").toString("utf8");

  it("the fixture's review has a correction to check against", () => {
    expect(correction).toEqual({
      date: "2026-11-25",
      previous_verdict: "accurate",
      what: "The verdict, from accurate to mostly-accurate.",
      why: "Sample Press reports the agreement on tariffs only, not on all of trade.",
    });
  });

  it("JSON-LD: the ClaimReview's schema.org correction is a CorrectionComment with its date and text", async () => {
    const doc = JSON.parse(text("jsonld/dataset.jsonld")) as jsonld.JsonLdDocument;
    const expanded = (await jsonld.expand(doc)) as JsonObject[];
    const review = expanded.find((node) => String(node["@id"]).endsWith(`#${REVIEW}`));
    expect(review?.["@type"]).toEqual([`${SCHEMA}ClaimReview`]);
    expect(review?.[`${SCHEMA}correction`]).toEqual([
      {
        "@type": [`${SCHEMA}CorrectionComment`],
        [`${SCHEMA}datePublished`]: [{ "@value": "2026-11-25" }],
        [`${SCHEMA}headline`]: [{ "@value": "The verdict, from accurate to mostly-accurate." }],
        [`${SCHEMA}text`]: [
          { "@value": "Sample Press reports the agreement on tariffs only, not on all of trade." },
        ],
      },
    ]);
  });

  it("CSV: reviews__corrections has one row per correction, keyed by review and position", () => {
    const rows = parse(text("csv/reviews__corrections.csv"), { columns: true });
    expect(rows).toEqual([
      {
        review_id: REVIEW,
        position: "0",
        date: "2026-11-25",
        previous_verdict: "accurate",
        what: "The verdict, from accurate to mostly-accurate.",
        why: "Sample Press reports the agreement on tariffs only, not on all of trade.",
      },
    ]);
  });

  it("SQLite: a reviews__corrections table a real client reads, joined to its review", () => {
    const file = join(tempDir(), "corrections.sqlite");
    writeFileSync(file, output.get(sqlitePathOf(model)) ?? new Uint8Array());
    const db = new Sqlite(file, { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare(
          `SELECT r.id, r.verdict, c.position, c.date, c.previous_verdict, c.what
           FROM reviews r JOIN reviews__corrections c ON c.review_id = r.id`,
        )
        .all();
      expect(rows).toEqual([
        {
          id: REVIEW,
          verdict: "mostly-accurate",
          position: 0,
          date: "2026-11-25",
          previous_verdict: "accurate",
          what: "The verdict, from accurate to mostly-accurate.",
        },
      ]);
    } finally {
      db.close();
    }
  });

  it("the data dictionary describes the table and each of its columns", () => {
    const dictionary = text("data-dictionary.md");
    const section = dictionary.slice(dictionary.indexOf("### `reviews__corrections`"));
    expect(section).toContain(
      "File: `csv/reviews__corrections.csv`. Primary key: `review_id`, `position`.",
    );
    for (const line of [
      "| `date` | `corrections[].date` | date | yes | The day the correction was made. |",
      "| `previous_verdict` | `corrections[].previous_verdict` | string | no | The verdict before this correction, where the correction changed it. |",
      "| `what` | `corrections[].what` | string | yes |",
      "| `why` | `corrections[].why` | string | yes |",
    ])
      expect(section).toContain(line);
  });
});
