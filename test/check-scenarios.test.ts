import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalText } from "../scripts/lib/canonical.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import { loadSchemas, SCHEMA_DIR } from "../scripts/lib/schemas/index.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { INVALID } from "./cases.ts";
import { dataCopy } from "./helpers.ts";

interface Problem {
  code: string;
  /** file:line:column, the file relative to the data folder. */
  at: string;
  /** The exact message and fix, where they are what the scenario is about. */
  message?: string;
  fix?: string;
  /** "warning", where the scenario is about one; an error otherwise. */
  severity?: string;
}

/**
 * A change to the base fixture (or to an invalid case laid over it) and every problem it gives:
 * the edges of the checks' rules, on both sides. Records are written in canonical form, so a
 * scenario's only problems are those it is about.
 */
interface Scenario {
  name: string;
  /** The invalid case to start from, if not the base fixture alone. */
  from?: string;
  /** Each record changed, by path in the data folder: the new record, from the old one. */
  edits?: Record<string, (record: JsonObject) => JsonObject>;
  /** Each file changed as text, by path in the data folder: the new text, from the old one. */
  texts?: Record<string, (text: string) => string>;
  /** Files added as copies of others (before the edits), by path in the data folder. */
  copies?: Record<string, string>;
  /** Files removed (after the copies), by path in the data folder. */
  removes?: string[];
  problems: Problem[];
}

const SCENARIOS: Scenario[] = [
  {
    name: "a sub-claim over some of the same words may have the opposite verdict",
    from: "claim-verdicts-conflict",
    edits: { "claims/sample-claim-2.json": (r) => ({ ...r, part_of: "sample-claim" }) },
    problems: [],
  },
  {
    name: "a claim may have the opposite verdict of its own sub-claim",
    from: "claim-verdicts-conflict",
    edits: { "claims/sample-claim.json": (r) => ({ ...r, part_of: "sample-claim-2" }) },
    problems: [],
  },
  {
    name: "claims over adjacent words do not overlap",
    from: "claim-verdicts-conflict",
    edits: {
      "claims/sample-claim-2.json": (r) => ({
        ...r,
        text: { source: "sample-article", start: 93, end: 94, exact: "”" },
      }),
    },
    problems: [],
  },
  {
    name: "the conflict of claims over some of the same words names the words they share",
    from: "claim-verdicts-conflict",
    edits: {
      "claims/sample-claim-2.json": (r) => ({
        ...r,
        text: { source: "sample-article", start: 58, end: 80, exact: "Ruiz told Chen, “We ag" },
      }),
    },
    problems: [
      {
        code: "claim-verdicts-conflict",
        at: "claims/sample-claim-2.json:4:11",
        severity: "warning",
        message:
          "claims/sample-claim-2.json and claims/sample-claim.json claim overlapping words [75, 80) but their reviews contradict each other: `inaccurate` here, `mostly-accurate` there",
      },
    ],
  },
  {
    name: "review: a source named inside a longer word is not named",
    edits: {
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "Sample Pressing reports the agreement, but on tariffs only.",
      }),
    },
    problems: [{ code: "review-source-unused", at: "reviews/review-sample-claim.json:9:19" }],
  },
  {
    name: "review: a source named before a digit is not named",
    edits: {
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "Sample Press2 reports the agreement, but on tariffs only.",
      }),
    },
    problems: [{ code: "review-source-unused", at: "reviews/review-sample-claim.json:9:19" }],
  },
  {
    name: "review: a source named after a letter outside the Basic Multilingual Plane is not named",
    edits: {
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "𝐀Sample Press reports the agreement, but on tariffs only.",
      }),
    },
    problems: [{ code: "review-source-unused", at: "reviews/review-sample-claim.json:9:19" }],
  },
  {
    name: "review: a source named after an emoji is named",
    edits: {
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "😀Sample Press reports the agreement, but on tariffs only.",
      }),
    },
    problems: [],
  },
  {
    name: "review: a source named inside a word and then on its own is named",
    edits: {
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "Sample Pressing aside, Sample Press reports the agreement on tariffs only.",
      }),
    },
    problems: [],
  },
  {
    name: "spans: an empty span is out of range",
    edits: {
      "quotes/sample-quote.json": (r) => ({
        ...r,
        speaker_span: { source: "sample-article", start: 58, end: 58, exact: "Ruiz" },
      }),
    },
    problems: [{ code: "span-range", at: "quotes/sample-quote.json:15:12" }],
  },
  {
    name: "spans: a start before the text is the schema's to report, once",
    edits: {
      "quotes/sample-quote.json": (r) => ({
        ...r,
        speaker_span: { source: "sample-article", start: -1, end: 62, exact: "Ruiz" },
      }),
    },
    problems: [{ code: "schema-range", at: "quotes/sample-quote.json:14:14" }],
  },
  {
    name: "spans: an end at the start of the text is the schema's to report, once",
    edits: {
      "quotes/sample-quote.json": (r) => ({
        ...r,
        speaker_span: { source: "sample-article", start: 0, end: 0, exact: "Ruiz" },
      }),
    },
    problems: [{ code: "schema-range", at: "quotes/sample-quote.json:15:12" }],
  },
  {
    name: "spans: a span may end where the text ends",
    edits: {
      "quotes/sample-quote.json": (r) => ({
        ...r,
        speaker_span: { source: "sample-article", start: 110, end: 119, exact: "comed it." },
      }),
    },
    problems: [],
  },
  {
    name: "spans: a suffix past the end of the text",
    edits: {
      "quotes/sample-quote.json": (r) => ({
        ...r,
        speaker_span: {
          source: "sample-article",
          start: 110,
          end: 119,
          exact: "comed it.",
          suffix: " ",
        },
      }),
    },
    problems: [
      {
        code: "span-context",
        at: "quotes/sample-quote.json:17:15",
        message: 'suffix is " " but the text after the span is ""',
      },
    ],
  },
  {
    name: "spans: a prefix before the start of the text",
    edits: {
      "quotes/sample-quote.json": (r) => ({
        ...r,
        speaker_span: { source: "sample-article", start: 0, end: 5, exact: "Talks", prefix: "x" },
      }),
    },
    problems: [
      {
        code: "span-context",
        at: "quotes/sample-quote.json:17:15",
        message: 'prefix is "x" but the text before the span is ""',
      },
    ],
  },
  {
    name: "spans: an exact the text does not have anywhere",
    edits: {
      "quotes/sample-quote.json": (r) => ({
        ...r,
        speaker_span: { source: "sample-article", start: 58, end: 62, exact: "Ruis" },
      }),
    },
    problems: [
      {
        code: "span-mismatch",
        at: "quotes/sample-quote.json:16:14",
        message: 'exact is "Ruis" but the text at [58, 62) is "Ruiz"',
        fix: 'copy the characters from the source text; `npm run span -- "<text>"` prints the span',
      },
    ],
  },
  {
    name: "spans: a long exact is shortened in the message",
    edits: {
      "quotes/sample-quote.json": (r) => ({
        ...r,
        speaker_span: {
          source: "sample-article",
          start: 20,
          end: 83,
          exact: "Ruiz met Bo Chen in Lima on Tuesday. Ruiz told Chen, “We agree on trade.",
        },
      }),
    },
    problems: [
      {
        code: "span-mismatch",
        at: "quotes/sample-quote.json:16:14",
        message:
          'exact is "Ruiz met Bo Chen in Lima on Tuesday. Ruiz told Chen, “We …" but the text at [20, 83) is " Ruiz met Bo Chen in Lima on Tuesday. Ruiz told Chen, “We…"',
      },
    ],
  },
  {
    name: "source text: a byte-order mark added",
    texts: { "sources/sample-article.txt": (t) => `\uFEFF${t}` },
    problems: [
      {
        code: "source-hash",
        at: "sources/sample-article.txt:1:1",
        message:
          "this is not the text the sha256 in sources/sample-article.json was taken of: it starts with a byte-order mark the article does not have",
        fix: "save it as UTF-8 without a byte-order mark",
      },
    ],
  },
  {
    name: "source text: lines converted to CR LF and a word changed",
    texts: {
      "sources/sample-article.txt": (t) =>
        t.replaceAll("\n", "\r\n").replace("Bo Chen", "Bo Cheng"),
    },
    problems: [
      {
        code: "source-hash",
        at: "sources/sample-article.txt:2:1",
        message:
          'this text was changed after its spans were made (its lines end in CR LF, as Git may have made them): they read "Ana Ruiz met" here, the text now has "\\r\\nAna Ruiz m"; it hashes to cea6fdc8f11edbce6a155e02af3ca3b70cb66e89e9009300298819221899c8ba, not to the sha256 in sources/sample-article.json',
      },
    ],
  },
  {
    name: "source text: a CR LF added after the last line, past every span",
    texts: { "sources/sample-article.txt": (t) => `${t}\r\n` },
    problems: [
      {
        code: "source-hash",
        at: "sources/sample-article.txt:1:1",
        message:
          "this text hashes to 53458c24b58f5210483cbbc780d626c926accf7bd9383678bc1df2baac53384e, but the sha256 in sources/sample-article.json is 7602813d87fd0d4c495c6668fda1c09da9d44daa00df83bc51227bc665bdf32f (its lines end in CR LF, as Git may have made them); every span still reads the text right, so no span shows where it differs",
      },
    ],
  },
  {
    name: "reviews: without any review, a checkable claim is told to get one",
    removes: ["reviews/review-sample-claim.json"],
    problems: [
      {
        code: "claim-unreviewed",
        at: "claims/sample-claim.json:11:11",
        severity: "warning",
        message: "factual claim `sample-claim` has no review yet",
        fix: "add a review of it, with a verdict and the evidence it rests on",
      },
    ],
  },
  {
    name: "reviews: of two reviews of a claim, the one that takes the place of its first word stays",
    copies: {
      "reviews/a-copy.json": "reviews/review-sample-claim.json",
      "reviews/review-claim.json": "reviews/review-sample-claim.json",
    },
    removes: ["reviews/review-sample-claim.json"],
    edits: {
      "reviews/a-copy.json": (r) => ({ ...r, id: "a-copy" }),
      "reviews/review-claim.json": (r) => ({ ...r, id: "review-claim" }),
    },
    problems: [
      {
        code: "review-duplicate",
        at: "reviews/a-copy.json:4:12",
        message:
          "`sample-claim` already has a review, reviews/review-claim.json: a claim has one review",
      },
    ],
  },
  {
    name: "reviews: an id of one word is not named after the claim, even if it is the claim's last",
    copies: { "reviews/claim.json": "reviews/review-sample-claim.json" },
    edits: { "reviews/claim.json": (r) => ({ ...r, id: "claim" }) },
    problems: [{ code: "review-duplicate", at: "reviews/claim.json:4:12" }],
  },
  {
    name: "schema-ref: a $schema naming the folder's own schema by another path",
    edits: { "people/bo-chen.json": (r) => ({ ...r, $schema: "person.schema.json" }) },
    problems: [{ code: "schema-ref", at: "people/bo-chen.json:2:14" }],
  },
  {
    name: "schema-ref: a $schema naming no schema",
    edits: { "people/bo-chen.json": (r) => ({ ...r, $schema: "../../schema/persn.schema.json" }) },
    problems: [
      {
        code: "schema-ref",
        at: "people/bo-chen.json:2:14",
        message:
          '$schema is "../../schema/persn.schema.json", expected "../../schema/person.schema.json"',
        fix: 'set $schema to "../../schema/person.schema.json"',
      },
    ],
  },
  {
    name: "dates: an earliest bound before the start of the value",
    edits: {
      "events/sample-meeting.json": (r) => ({
        ...r,
        start_date: { ...(r.start_date as JsonObject), earliest: "2020-01-06" },
      }),
    },
    problems: [
      {
        code: "date-bounds",
        at: "events/sample-meeting.json:11:17",
        message: "earliest (2020-01-06) is before the start of `2020-01-07`",
        fix: "set earliest to 2020-01-07, or widen the value",
      },
    ],
  },
  {
    name: "dates: a latest bound after the end of the value",
    edits: {
      "events/sample-meeting.json": (r) => ({
        ...r,
        start_date: { ...(r.start_date as JsonObject), latest: "2020-01-08" },
      }),
    },
    problems: [
      {
        code: "date-bounds",
        at: "events/sample-meeting.json:12:15",
        message: "latest (2020-01-08) is after the end of `2020-01-07`",
        fix: "set latest to 2020-01-07, or widen the value",
      },
    ],
  },
  {
    name: "dates: an uncertain value may have bounds beyond it",
    edits: {
      "events/sample-meeting.json": (r) => ({
        ...r,
        start_date: {
          ...(r.start_date as JsonObject),
          value: "2020-01-07?",
          earliest: "2020-01-06",
          latest: "2020-01-08",
        },
      }),
    },
    problems: [],
  },
  {
    name: "dates: a date value in words is given its ISO form",
    edits: {
      "events/sample-meeting.json": (r) => ({
        ...r,
        start_date: { ...(r.start_date as JsonObject), value: "January 7, 2020" },
      }),
    },
    problems: [
      {
        code: "date-invalid",
        at: "events/sample-meeting.json:9:14",
        message: "`January 7, 2020` is not an EDTF date",
        fix: 'write it as "2020-01-07"',
      },
    ],
  },
  {
    name: "dates: a calendar date in words is given its ISO form",
    edits: { "reviews/review-sample-claim.json": (r) => ({ ...r, date: "February 5, 2003" }) },
    problems: [
      {
        code: "date-invalid",
        at: "reviews/review-sample-claim.json:16:11",
        message: "`February 5, 2003` is not a date of the form YYYY-MM-DD",
        fix: 'write it as "2003-02-05"',
      },
    ],
  },
  {
    name: "dates: a month that does not exist, with no ISO form to suggest",
    edits: { "citations/sample-citation.json": (r) => ({ ...r, date: "2003-13" }) },
    problems: [
      {
        code: "date-invalid",
        at: "citations/sample-citation.json:9:11",
        message: "month 13 does not exist in `2003-13`",
        fix: "write a date that exists, in EDTF (YYYY, YYYY-MM, YYYY-MM-DD, or A/B)",
      },
    ],
  },
  {
    name: "dates: something may end on the day it starts",
    edits: {
      "events/sample-meeting.json": (r) => ({
        ...r,
        end_date: {
          ...(r.end_date as JsonObject),
          value: "2020-01-07",
          earliest: "2020-01-07",
          latest: "2020-01-07",
        },
      }),
    },
    problems: [],
  },
  {
    name: "dates: a date that is not a string is the schema's to report",
    edits: { "reviews/review-sample-claim.json": (r) => ({ ...r, date: 5 }) },
    problems: [{ code: "schema-type", at: "reviews/review-sample-claim.json:16:11" }],
  },
  {
    name: "dates: a day that does not exist in a list item",
    edits: {
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        corrections: [{ ...(r.corrections as JsonObject[])[0], date: "2026-02-30" }],
      }),
    },
    problems: [{ code: "date-invalid", at: "reviews/review-sample-claim.json:19:15" }],
  },
  {
    name: "schema: an unknown field like no allowed one is told what is allowed",
    edits: { "people/bo-chen.json": (r) => ({ ...r, zzz: 1 }) },
    problems: [
      {
        code: "schema-unknown-field",
        at: "people/bo-chen.json:38:3",
        message: "unknown field `zzz` in Person",
        fix: "remove it; allowed here: $schema, id, name, name_provenance, other_names, identifiers, summary, roles, mentions",
      },
    ],
  },
  {
    name: "schema: an unknown field whose name holds a slash and a tilde",
    edits: { "people/bo-chen.json": (r) => ({ ...r, "a/b~c": 1 }) },
    problems: [{ code: "schema-unknown-field", at: "people/bo-chen.json:38:3" }],
  },
  {
    name: "schema: an unknown field not near the missing one is not a renaming",
    edits: {
      "people/bo-chen.json": ({ name, ...r }) => ({ ...r, zzz: name ?? null }),
    },
    problems: [
      {
        code: "schema-missing-field",
        at: "people/bo-chen.json:1:1",
        message: "missing required field `name` in Person",
      },
      {
        code: "schema-unknown-field",
        at: "people/bo-chen.json:37:3",
        fix: "remove it; allowed here: $schema, id, name, name_provenance, other_names, identifiers, summary, roles, mentions",
      },
    ],
  },
  {
    name: "schema: a field needed with another",
    edits: {
      "events/sample-meeting.json": ({ location_provenance, ...r }) => r,
    },
    problems: [
      {
        code: "schema-missing-field",
        at: "events/sample-meeting.json:1:1",
        message: "missing required field `location_provenance` (needed with `location`) in Event",
      },
    ],
  },
  {
    name: "schema: a list that repeats an item",
    edits: { "claims/sample-claim.json": (r) => ({ ...r, about: ["ana-ruiz", "ana-ruiz"] }) },
    problems: [
      {
        code: "schema-range",
        at: "claims/sample-claim.json:21:12",
        message: "/about must NOT have duplicate items (items ## 0 and 1 are identical)",
        fix: "remove the repeated item",
      },
    ],
  },
  {
    name: "schema: an id with no kebab-case form is told the pattern",
    edits: { "people/bo-chen.json": (r) => ({ ...r, id: "!!!" }) },
    problems: [
      {
        code: "schema-pattern",
        at: "people/bo-chen.json:3:9",
        fix: "rewrite it to match: A record id: kebab-case, unique across all collections, equal to the record's file name without `.json`.",
      },
    ],
  },
  {
    name: "claims: a verdict on neither side conflicts with none",
    from: "claim-verdicts-conflict",
    edits: { "reviews/review-sample-claim-2.json": (r) => ({ ...r, verdict: "misleading" }) },
    problems: [],
  },
  {
    name: "review: a source whose only short name is empty is the schema's to report, not also never named",
    edits: {
      "citations/sample-citation.json": (r) => ({ ...r, short_names: [""] }),
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "The report says the agreement was on tariffs only.",
      }),
    },
    problems: [{ code: "schema-range", at: "citations/sample-citation.json:7:5" }],
  },
  {
    name: "review: a source whose short names are a number is the schema's to report, not also never named",
    edits: {
      "citations/sample-citation.json": (r) => ({ ...r, short_names: 5 }),
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "The report says the agreement was on tariffs only.",
      }),
    },
    problems: [{ code: "schema-type", at: "citations/sample-citation.json:6:18" }],
  },
  {
    name: "review: a short name inside a longer one named is not named on its own",
    copies: { "citations/times.json": "citations/sample-citation.json" },
    edits: {
      "citations/times.json": (r) => ({ ...r, id: "times", short_names: ["Times"] }),
      "citations/sample-citation.json": (r) => ({
        ...r,
        short_names: ["Sample Press", "Irish Times"],
      }),
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "The Irish Times reports the agreement, but on tariffs only.",
      }),
    },
    problems: [],
  },
  {
    name: "review: a source cited twice and never named is reported once, with each of its names",
    edits: {
      "citations/sample-citation.json": (r) => ({
        ...r,
        short_names: ["Sample Press", "the Press"],
      }),
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "The report says the agreement was on tariffs only.",
        evidence: [...(r.evidence as JsonObject[]), ...(r.evidence as JsonObject[])],
      }),
    },
    problems: [
      {
        code: "review-source-unused",
        at: "reviews/review-sample-claim.json:9:19",
        message:
          "`sample-citation` is cited, but the explanation never names it (as `Sample Press` or `the Press`)",
      },
    ],
  },
  {
    name: "spans: an exact typed with straight quotes is told where the text has it",
    edits: {
      "quotes/sample-quote.json": (r) => ({
        ...r,
        speaker_span: { source: "sample-article", start: 68, end: 77, exact: 'Chen, "We' },
      }),
    },
    problems: [
      {
        code: "span-mismatch",
        at: "quotes/sample-quote.json:16:14",
        fix: 'the text has "Chen, “We" at [68, 77): copy its quotes, spaces and dashes exactly',
      },
    ],
  },
  {
    name: "format: a file without its final newline",
    texts: { "people/bo-chen.json": (t) => t.trimEnd() },
    problems: [
      {
        code: "format",
        at: "people/bo-chen.json:38:2",
        message: "the file does not end with a line break",
        fix: "run `npm run fix`, or end the last line with a line break",
      },
    ],
  },
  {
    name: "format: a file with a blank line after its end",
    texts: { "people/bo-chen.json": (t) => `${t}\n` },
    problems: [
      {
        code: "format",
        at: "people/bo-chen.json:39:1",
        message: "the record ends on line 38, but the file goes on: line 39 is blank",
        fix: "run `npm run fix`, or delete what follows the record's closing brace",
      },
    ],
  },
  {
    name: "format: spaces after the record's last line",
    texts: { "people/bo-chen.json": (t) => `${t}  ` },
    problems: [
      {
        code: "format",
        at: "people/bo-chen.json:39:1",
        message: 'the record ends on line 38, but the file goes on: line 39 is "  "',
      },
    ],
  },
  {
    name: "format: a line that differs is shown beside the line expected",
    texts: { "people/bo-chen.json": (t) => t.replace("{\n  ", "{\n   ") },
    problems: [
      {
        code: "format",
        at: "people/bo-chen.json:2:1",
        message:
          'line 2 is "   \\"$schema\\": \\"../../schema/person.schema.json\\",", expected "  \\"$schema\\": \\"../../schema/person.schema.json\\","',
        fix: "run `npm run fix`",
      },
    ],
  },
  {
    name: "dates: a date in words for a day that does not exist is given no ISO form",
    edits: { "citations/sample-citation.json": (r) => ({ ...r, date: "February 30, 2003" }) },
    problems: [
      {
        code: "date-invalid",
        at: "citations/sample-citation.json:9:11",
        fix: "write a date that exists, in EDTF (YYYY, YYYY-MM, YYYY-MM-DD, or A/B)",
      },
    ],
  },
  {
    name: "dates: a calendar date with a one-digit month",
    edits: { "reviews/review-sample-claim.json": (r) => ({ ...r, date: "2026-1-25" }) },
    problems: [
      {
        code: "date-invalid",
        at: "reviews/review-sample-claim.json:16:11",
        message: "`2026-1-25` is not a date of the form YYYY-MM-DD",
        fix: 'write it as "2026-01-25"',
      },
    ],
  },
  {
    name: "dates: a calendar date with a time after it",
    edits: { "reviews/review-sample-claim.json": (r) => ({ ...r, date: "2026-11-25T10:00" }) },
    problems: [
      {
        code: "date-invalid",
        at: "reviews/review-sample-claim.json:16:11",
        message: "`2026-11-25T10:00` is not a date of the form YYYY-MM-DD",
        fix: "write a day that exists, as YYYY-MM-DD",
      },
    ],
  },
  {
    name: "dates: a calendar date with a letter before it",
    edits: { "reviews/review-sample-claim.json": (r) => ({ ...r, date: "x2026-11-25" }) },
    problems: [
      {
        code: "date-invalid",
        at: "reviews/review-sample-claim.json:16:11",
        message: "`x2026-11-25` is not a date of the form YYYY-MM-DD",
      },
    ],
  },
  {
    name: "dates: a date without its value is the schema's to report",
    edits: {
      "events/sample-meeting.json": (r) => {
        const { value, ...date } = r.start_date as JsonObject;
        return { ...r, start_date: date };
      },
    },
    problems: [{ code: "schema-missing-field", at: "events/sample-meeting.json:7:17" }],
  },
  {
    name: "schema: an address without its scheme that would not be a URI with one either",
    edits: { "citations/sample-citation.json": (r) => ({ ...r, url: "example.org/a b" }) },
    problems: [
      {
        code: "schema-format",
        at: "citations/sample-citation.json:10:10",
        message: '/url is "example.org/a b", not a valid uri',
      },
    ],
  },
  {
    name: "schema: an id longer than ids may be",
    edits: { "events/sample-meeting.json": (r) => ({ ...r, location: "a".repeat(81) }) },
    problems: [
      {
        code: "schema-range",
        at: "events/sample-meeting.json:32:15",
        message: "/location must NOT have more than 80 characters",
        fix: "change the value to fit the limit",
      },
      { code: "unknown-reference", at: "events/sample-meeting.json:32:15" },
    ],
  },
  {
    name: "dates: a date object that is null is the schema's to report",
    edits: { "events/sample-meeting.json": (r) => ({ ...r, start_date: null }) },
    problems: [{ code: "schema-type", at: "events/sample-meeting.json:7:17" }],
  },
  {
    name: "dates: bounds that are numbers are the schema's to report, not an order",
    edits: {
      "events/sample-meeting.json": (r) => ({
        ...r,
        start_date: { ...(r.start_date as JsonObject), earliest: 5 },
        end_date: { ...(r.end_date as JsonObject), latest: 3 },
      }),
    },
    problems: [
      { code: "schema-type", at: "events/sample-meeting.json:11:17" },
      { code: "schema-type", at: "events/sample-meeting.json:24:15" },
    ],
  },
  {
    // Compared as strings, the lists would read as bounds out of order (`["2020-01-09"]` after
    // "2020-01-07"): either bound not a string leaves the pair uncompared.
    name: "dates: a bound that is a list is the schema's to report, not compared with the other",
    edits: {
      "events/sample-meeting.json": (r) => ({
        ...r,
        start_date: { ...(r.start_date as JsonObject), earliest: ["2020-01-09"] },
        end_date: { ...(r.end_date as JsonObject), latest: ["2020-01-06"] },
      }),
    },
    problems: [
      { code: "schema-type", at: "events/sample-meeting.json:11:17" },
      { code: "schema-type", at: "events/sample-meeting.json:26:15" },
    ],
  },
  {
    // An empty bound is no date, so no end to compare with the start (`"" < "2020-01-07"`).
    name: "dates: an empty latest bound is no date, not an end before the start",
    edits: {
      "events/sample-meeting.json": (r) => ({
        ...r,
        end_date: { ...(r.end_date as JsonObject), latest: "" },
      }),
    },
    problems: [
      {
        code: "date-bounds",
        at: "events/sample-meeting.json:24:15",
        message: "latest () is before earliest (2020-01-08)",
      },
      {
        code: "date-invalid",
        at: "events/sample-meeting.json:24:15",
        message: "`` is not a date of the form YYYY-MM-DD",
        fix: "write a day that exists, as YYYY-MM-DD",
      },
    ],
  },
  {
    name: "dates: a role that is null is the schema's to report",
    edits: { "people/bo-chen.json": (r) => ({ ...r, roles: [null] }) },
    problems: [{ code: "schema-type", at: "people/bo-chen.json:17:5" }],
  },
  {
    name: "reviews: two reviews whose claim is not a string are not duplicates of each other",
    copies: { "reviews/review-again.json": "reviews/review-sample-claim.json" },
    edits: {
      "reviews/review-again.json": (r) => ({ ...r, id: "review-again", claim: 5 }),
      "reviews/review-sample-claim.json": (r) => ({ ...r, claim: 5 }),
    },
    problems: [
      {
        code: "claim-unreviewed",
        at: "claims/sample-claim.json:11:11",
        severity: "warning",
        fix: "add a review of it, with a verdict and the evidence it rests on",
      },
      { code: "schema-type", at: "reviews/review-again.json:4:12" },
      { code: "schema-type", at: "reviews/review-sample-claim.json:4:12" },
    ],
  },
  {
    name: "reviews: a claim of a kind no source can settle needs no review",
    removes: ["reviews/review-sample-claim.json"],
    edits: { "claims/sample-claim.json": (r) => ({ ...r, kind: "opinion" }) },
    problems: [],
  },
  {
    name: "review: short names written as one string, not a list, still name the source",
    edits: {
      "citations/sample-citation.json": (r) => ({ ...r, short_names: "Sample Press" }),
    },
    problems: [{ code: "schema-type", at: "citations/sample-citation.json:6:18" }],
  },
  {
    name: "review: a short name that is not a string names nothing, and is not listed as a name",
    edits: {
      "citations/sample-citation.json": (r) => ({ ...r, short_names: ["Sample Press", 5] }),
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "The report says the agreement was on tariffs only.",
      }),
    },
    problems: [
      { code: "schema-type", at: "citations/sample-citation.json:8:5" },
      {
        code: "review-source-unused",
        at: "reviews/review-sample-claim.json:9:19",
        message:
          "`sample-citation` is cited, but the explanation never names it (as `Sample Press`)",
      },
    ],
  },
  // The character before a name, read as a code point: a surrogate pair is one character, a
  // lone surrogate is none, and so neither a letter nor a digit.
  ...(
    [
      ["a lone high surrogate before a letter", "\uD835x", false],
      ["a lone high surrogate before a letter past the surrogates", "\uD835\uFF21", false],
      ["a lone low surrogate after a letter", "x\uDC00", true],
      ["a lone low surrogate after a letter past the surrogates", "\uFF21\uDC00", true],
      ["a digit whose pair ends in U+DFFF", "\u{1D7FF}", false],
      ["a letter whose pair starts with U+D800", "\u{10000}", false],
    ] as const
  ).map(
    ([what, before, named]): Scenario => ({
      name: `review: a source named after ${what} is ${named ? "" : "not "}named`,
      edits: {
        "reviews/review-sample-claim.json": (r) => ({
          ...r,
          explanation: `${before}Sample Press reports the agreement, but on tariffs only.`,
        }),
      },
      problems: named
        ? []
        : [{ code: "review-source-unused", at: "reviews/review-sample-claim.json:9:19" }],
    }),
  ),
  {
    name: "review: an explanation that is not a string is the schema's to report",
    edits: { "reviews/review-sample-claim.json": (r) => ({ ...r, explanation: 5 }) },
    problems: [{ code: "schema-type", at: "reviews/review-sample-claim.json:6:18" }],
  },
  {
    name: "review: a name several sources go by, cited by none, lists them all",
    copies: {
      "citations/wire-a.json": "citations/sample-citation.json",
      "citations/wire-b.json": "citations/sample-citation.json",
    },
    edits: {
      "citations/wire-a.json": (r) => ({ ...r, id: "wire-a", short_names: ["the Wire"] }),
      "citations/wire-b.json": (r) => ({ ...r, id: "wire-b", short_names: ["the Wire"] }),
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "Sample Press and the Wire report the agreement, but on tariffs only.",
      }),
    },
    problems: [
      {
        code: "review-source-not-cited",
        at: "reviews/review-sample-claim.json:6:18",
        message:
          "the explanation names `the Wire`, but the evidence cites no source of that name (`wire-a`, `wire-b`)",
      },
    ],
  },
  {
    name: "review: a cited source is named by a name inside a longer one named",
    copies: { "citations/times.json": "citations/sample-citation.json" },
    edits: {
      "citations/times.json": (r) => ({ ...r, id: "times", short_names: ["Times"] }),
      "citations/sample-citation.json": (r) => ({ ...r, short_names: ["Irish Times"] }),
      "reviews/review-sample-claim.json": (r) => {
        const [item] = r.evidence as JsonObject[];
        return {
          ...r,
          explanation: "The Irish Times reports the agreement, but on tariffs only.",
          evidence: [item as JsonObject, { ...item, citation: "times" }],
        };
      },
    },
    problems: [],
  },
  {
    name: "review: evidence citing a record that is no source is not a source left unnamed",
    edits: {
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        evidence: (r.evidence as JsonObject[]).map((item) => ({ ...item, citation: "ana-ruiz" })),
      }),
    },
    problems: [
      { code: "review-source-not-cited", at: "reviews/review-sample-claim.json:6:18" },
      { code: "wrong-collection", at: "reviews/review-sample-claim.json:9:19" },
    ],
  },
  {
    name: "review: a source whose id is also a claim's is not cited by naming that claim",
    copies: { "citations/sample-claim.json": "citations/sample-citation.json" },
    edits: {
      "citations/sample-claim.json": (r) => ({
        ...r,
        id: "sample-claim",
        short_names: ["the Wire"],
      }),
    },
    problems: [
      { code: "duplicate-id", at: "citations/sample-claim.json:3:9" },
      { code: "duplicate-id", at: "claims/sample-claim.json:3:9" },
    ],
  },
  {
    name: "claims: a reviewed claim without its text is the schema's to report",
    edits: {
      "claims/sample-claim.json": (r) => {
        const { text, ...rest } = r;
        return rest;
      },
    },
    problems: [{ code: "schema-missing-field", at: "claims/sample-claim.json:1:1" }],
  },
  {
    name: "claims: a reviewed claim whose text is null is the schema's to report",
    edits: { "claims/sample-claim.json": (r) => ({ ...r, text: null }) },
    problems: [{ code: "schema-type", at: "claims/sample-claim.json:4:11" }],
  },
  ...(
    [
      ["a start that is not a number", { start: "75" }, "6:14"],
      ["an end that is not a number", { end: "93" }, "7:12"],
    ] as const
  ).map(
    ([what, change, at]): Scenario => ({
      name: `claims: a claim whose text has ${what} is compared with no other`,
      from: "claim-verdicts-conflict",
      edits: {
        "claims/sample-claim-2.json": (r) => ({
          ...r,
          text: { ...(r.text as JsonObject), ...change },
        }),
      },
      problems: [{ code: "schema-type", at: `claims/sample-claim-2.json:${at}` }],
    }),
  ),
  {
    name: "claims: claims whose texts name a source that is not a string are compared with no other",
    from: "claim-verdicts-conflict",
    edits: Object.fromEntries(
      ["claims/sample-claim.json", "claims/sample-claim-2.json"].map((path) => [
        path,
        (r: JsonObject) => ({ ...r, text: { ...(r.text as JsonObject), source: 5 } }),
      ]),
    ),
    problems: [
      { code: "schema-type", at: "claims/sample-claim-2.json:5:15" },
      { code: "schema-type", at: "claims/sample-claim.json:5:15" },
    ],
  },
  {
    name: "claims: a claim over words before another's, sorting after it by id, does not overlap it",
    from: "claim-verdicts-conflict",
    edits: {
      "claims/sample-claim-2.json": (r) => ({
        ...r,
        text: { source: "sample-article", start: 58, end: 62, exact: "Ruiz" },
      }),
    },
    problems: [],
  },
  {
    name: "claims: verdicts on the same side do not conflict",
    from: "claim-verdicts-conflict",
    edits: { "reviews/review-sample-claim-2.json": (r) => ({ ...r, verdict: "accurate" }) },
    problems: [],
  },
  {
    name: "source text: a byte-order mark added after the last line is not one it starts with",
    texts: { "sources/sample-article.txt": (t) => `${t}\uFEFF` },
    problems: [
      {
        code: "source-hash",
        at: "sources/sample-article.txt:1:1",
        message:
          "this text hashes to d8099b2f04be1f81049e9836cd45f48e968f09cd59e580ea037deccac5966af8, but the sha256 in sources/sample-article.json is 7602813d87fd0d4c495c6668fda1c09da9d44daa00df83bc51227bc665bdf32f; every span still reads the text right, so no span shows where it differs",
      },
    ],
  },
  {
    // The other source's text goes on past this one's, with a span there: a changed text is
    // compared with its own spans only.
    name: "source text: a changed text is compared with its own spans, not another source's",
    copies: {
      "sources/other-article.json": "sources/sample-article.json",
      "sources/other-article.txt": "sources/sample-article.txt",
    },
    texts: {
      "sources/other-article.txt": (t) => `${t} Extra words.`,
      "sources/sample-article.txt": (t) => `${t} Xxtra words.`,
    },
    edits: {
      "sources/other-article.json": (r) => ({
        ...r,
        id: "other-article",
        title: { source: "other-article", start: 120, end: 125, exact: "Extra" },
        sha256: "8f7a2dc5f165e8ef2682895a8461c1def8f969982b9d22cb0b8482de4e8737c4",
      }),
    },
    problems: [
      {
        code: "source-hash",
        at: "sources/sample-article.txt:1:1",
        message:
          "this text hashes to 6b499a4a5d65e1974364237c27e0a1214c5f2844d10a958ec864d22da22837a1, but the sha256 in sources/sample-article.json is 7602813d87fd0d4c495c6668fda1c09da9d44daa00df83bc51227bc665bdf32f; every span still reads the text right, so no span shows where it differs",
      },
    ],
  },
  {
    name: "spans: an exact of 60 characters is shown whole",
    edits: {
      "claims/sample-claim.json": (r) => ({
        ...r,
        cue: { ...(r.cue as JsonObject), exact: "x".repeat(60) },
      }),
    },
    problems: [
      {
        code: "span-mismatch",
        at: "claims/sample-claim.json:17:14",
        message: `exact is "${"x".repeat(60)}" but the text at [63, 67) is "told"`,
      },
    ],
  },
  // The text with an apostrophe and a dash appended (and its hash updated): an exact typed with
  // the straight forms is told where the text has the curly apostrophe or the dash.
  ...(
    [
      ["a straight apostrophe", "It's", "It’s", 120],
      ["a hyphen for a dash", "2-3", "2–3", 125],
    ] as const
  ).map(
    ([what, typed, text, at]): Scenario => ({
      name: `spans: an exact typed with ${what} is told where the text has it`,
      texts: { "sources/sample-article.txt": (t) => `${t} It’s 2–3.` },
      edits: {
        "sources/sample-article.json": (r) => ({
          ...r,
          sha256: "e54fae67758ef37bcc07af0ae74aa92f80353f98621afa54d92bb2a39dc8d4be",
        }),
        "claims/sample-claim.json": (r) => ({
          ...r,
          cue: { ...(r.cue as JsonObject), exact: typed },
        }),
      },
      problems: [
        {
          code: "span-mismatch",
          at: "claims/sample-claim.json:17:14",
          fix: `the text has "${text}" at [${at}, ${at + typed.length}): copy its quotes, spaces and dashes exactly`,
        },
      ],
    }),
  ),
  {
    // Two files of one claim id share its reviews: the duplicate id and the second review are
    // the mistakes, each reported once, and the claim does not conflict with its copy.
    name: "claims: two files of one claim id, with reviews on opposite sides, do not conflict",
    from: "claim-verdicts-conflict",
    copies: { "claims/sample-claim-copy.json": "claims/sample-claim.json" },
    edits: { "reviews/review-sample-claim-2.json": (r) => ({ ...r, claim: "sample-claim" }) },
    problems: [
      { code: "claim-unreviewed", at: "claims/sample-claim-2.json:11:11", severity: "warning" },
      { code: "duplicate-id", at: "claims/sample-claim-copy.json:3:9" },
      { code: "review-duplicate", at: "reviews/review-sample-claim-2.json:4:12" },
    ],
  },
  // The schema check's edges: which errors it leaves to other checks, which it folds into one,
  // and what it tells of a web address that is not one.
  {
    name: "schema: a date that is no date, eleventh in a list, is the dates check's alone",
    edits: {
      "reviews/review-sample-claim.json": (r) => {
        const correction = (r.corrections as JsonObject[])[0] as JsonObject;
        return {
          ...r,
          corrections: [
            ...Array.from({ length: 10 }, () => correction),
            { ...correction, date: "2026-02-30" },
          ],
        };
      },
    },
    problems: [{ code: "date-invalid", at: "reviews/review-sample-claim.json:79:15" }],
  },
  {
    name: "schema: an unknown field near a field missing from another object is not a renaming",
    edits: {
      "people/bo-chen.json": ({ name, ...r }) => ({
        ...r,
        name_provenance: { ...(r.name_provenance as JsonObject), nam: name ?? null },
      }),
    },
    problems: [
      {
        code: "schema-missing-field",
        at: "people/bo-chen.json:1:1",
        message: "missing required field `name` in Person",
      },
      {
        code: "schema-unknown-field",
        at: "people/bo-chen.json:12:5",
        message: "unknown field `nam` in /name_provenance",
      },
    ],
  },
  ...(
    [
      ["a name with no dot", "sample-press", "not a valid uri"],
      ["a path with no scheme or host", "/report.pdf", "not a valid uri"],
      ["a host alone", "example.org", "an address without its scheme"],
      ["a one-letter top-level name and a path", "x.y/report", "an address without its scheme"],
    ] as const
  ).map(
    ([what, url, said]): Scenario => ({
      name: `schema: a url that is ${what} is told it is ${said}`,
      edits: { "citations/sample-citation.json": (r) => ({ ...r, url }) },
      problems: [
        {
          code: "schema-format",
          at: "citations/sample-citation.json:10:10",
          message:
            said === "not a valid uri"
              ? `/url is ${JSON.stringify(url)}, not a valid uri`
              : `/url is ${JSON.stringify(url)}, an address without its scheme: a URI starts with one, such as https://`,
        },
      ],
    }),
  ),
  {
    name: "schema: a misspelled field needed with another is one problem, the renaming",
    texts: {
      "events/sample-meeting.json": (t) =>
        t.replace('"location_provenance":', '"location_provenanc":'),
    },
    problems: [
      {
        code: "schema-unknown-field",
        at: "events/sample-meeting.json:33:3",
        message: "unknown field `location_provenanc` in Event",
        fix: "rename it: did you mean `location_provenance`?",
      },
    ],
  },
  {
    name: "an id that differs from its file name is fixed either way where both are free",
    from: "id-filename",
    problems: [
      {
        code: "id-filename",
        at: "people/bo-chen.json:3:9",
        message: "id `bo-chan` differs from the file name `bo-chen.json`",
        fix: "rename the file to bo-chan.json, or set the id to `bo-chen`",
      },
    ],
  },
  {
    name: "an id that is the name of another file in its collection is fixed by setting the id",
    from: "id-filename",
    copies: { "people/bo-chan.json": "people/ana-ruiz.json" },
    edits: { "people/bo-chan.json": (r) => ({ ...r, id: "ana-ruiz-2" }) },
    problems: [
      {
        code: "id-filename",
        at: "people/bo-chan.json:3:9",
        fix: "rename the file to ana-ruiz-2.json",
      },
      { code: "id-filename", at: "people/bo-chen.json:3:9", fix: "set the id to `bo-chen`" },
    ],
  },
  {
    name: "an id that is the name of an unreadable file is fixed by setting the id",
    from: "id-filename",
    copies: { "people/bo-chan.json": "people/ana-ruiz.json" },
    texts: { "people/bo-chan.json": () => "{" },
    problems: [
      { code: "json-syntax", at: "people/bo-chan.json:1:1" },
      { code: "id-filename", at: "people/bo-chen.json:3:9", fix: "set the id to `bo-chen`" },
    ],
  },
  {
    name: "an id that names a file in another collection may still be the file's new name",
    from: "id-filename",
    copies: { "organizations/bo-chan.json": "organizations/sample-council.json" },
    edits: { "organizations/bo-chan.json": (r) => ({ ...r, id: "sample-council-2" }) },
    problems: [
      {
        code: "id-filename",
        at: "organizations/bo-chan.json:3:9",
        fix: "rename the file to sample-council-2.json",
      },
      {
        code: "id-filename",
        at: "people/bo-chen.json:3:9",
        fix: "rename the file to bo-chan.json, or set the id to `bo-chen`",
      },
    ],
  },
  {
    name: "a file name that another record holds as its id is fixed by renaming the file",
    from: "id-filename",
    copies: { "people/zed.json": "people/ana-ruiz.json" },
    edits: { "people/zed.json": (r) => ({ ...r, id: "bo-chen" }) },
    problems: [
      {
        code: "id-filename",
        at: "people/bo-chen.json:3:9",
        fix: "rename the file to bo-chan.json",
      },
      { code: "id-filename", at: "people/zed.json:3:9", fix: "set the id to `zed`" },
    ],
  },
  {
    name: "where neither way is free, a fresh id and file name are offered together",
    from: "id-filename",
    copies: {
      "people/bo-chan.json": "people/ana-ruiz.json",
      "people/zed.json": "people/ana-ruiz.json",
    },
    edits: {
      "people/bo-chan.json": (r) => ({ ...r, id: "ana-ruiz-2" }),
      "people/zed.json": (r) => ({ ...r, id: "bo-chen" }),
    },
    problems: [
      {
        code: "id-filename",
        at: "people/bo-chan.json:3:9",
        fix: "rename the file to ana-ruiz-2.json",
      },
      {
        code: "id-filename",
        at: "people/bo-chen.json:3:9",
        fix: "rename the file to bo-chen-2.json and set the id to `bo-chen-2`",
      },
      { code: "id-filename", at: "people/zed.json:3:9", fix: "set the id to `zed`" },
    ],
  },
  {
    name: "a reference to a record whose file name is no valid id, but whose id is, is unknown by that name",
    copies: { "people/Bo_Chen.json": "people/bo-chen.json" },
    removes: ["people/bo-chen.json"],
    edits: { "people/Bo_Chen.json": (r) => ({ ...r, id: "chen-bo" }) },
    problems: [
      { code: "unknown-reference", at: "claims/sample-claim.json:23:5" },
      { code: "unknown-reference", at: "events/sample-meeting.json:58:16" },
      {
        code: "id-filename",
        at: "people/Bo_Chen.json:3:9",
        fix: "rename the file to chen-bo.json",
      },
      {
        code: "unknown-reference",
        at: "quotes/sample-quote.json:25:16",
        message: "`bo-chen` is not the id of any record in people or organizations",
      },
    ],
  },
  {
    name: 'a short name is found in the explanation whatever its words, "Stryker was here!" too',
    edits: {
      "citations/sample-citation.json": (r) => ({ ...r, short_names: ["Stryker was here!"] }),
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "Stryker was here! reports the agreement, but on tariffs only.",
      }),
    },
    problems: [],
  },
  {
    name: "short names written as one string name that string, for the schema to report the type",
    edits: {
      "citations/sample-citation.json": (r) => ({ ...r, short_names: "Sample Press" }),
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "The report has the agreement, but on tariffs only.",
      }),
    },
    problems: [
      { code: "schema-type", at: "citations/sample-citation.json:6:18" },
      {
        code: "review-source-unused",
        at: "reviews/review-sample-claim.json:9:19",
        message:
          "`sample-citation` is cited, but the explanation never names it (as `Sample Press`)",
      },
    ],
  },
  {
    name: "a cited id that is also a place's is the citation's, and its names are looked for",
    from: "duplicate-id-across-collections",
    edits: {
      "reviews/review-sample-claim.json": (r) => ({
        ...r,
        explanation: "The report has the agreement, but on tariffs only.",
        evidence: (r.evidence as JsonObject[]).map((e) => ({ ...e, citation: "lima" })),
      }),
    },
    problems: [
      { code: "duplicate-id", at: "citations/lima.json:3:9" },
      { code: "duplicate-id", at: "places/lima.json:3:9" },
      {
        code: "review-source-unused",
        at: "reviews/review-sample-claim.json:9:19",
        message: "`lima` is cited, but the explanation never names it (as `Sample Press`)",
      },
    ],
  },
  {
    name: "an unknown field is reported as such when no missing field is near it",
    edits: { "people/ana-ruiz.json": (r) => ({ ...r, undefine: 1 }) },
    problems: [
      {
        code: "schema-unknown-field",
        at: "people/ana-ruiz.json:77:3",
        message: "unknown field `undefine` in Person",
        fix: "remove it; allowed here: $schema, id, name, name_provenance, other_names, identifiers, summary, roles, mentions",
      },
    ],
  },
  {
    name: "an empty publisher is reported as empty, beside the choice of a text or null it breaks",
    edits: { "sources/sample-article.json": (r) => ({ ...r, publisher: "" }) },
    problems: [
      {
        code: "schema-other",
        at: "sources/sample-article.json:13:16",
        message: "/publisher must match exactly one schema in oneOf",
      },
      {
        code: "schema-range",
        at: "sources/sample-article.json:13:16",
        message: "/publisher is empty",
        fix: "write it: an empty string is not allowed here",
      },
    ],
  },
  {
    name: "a span's exact words may cross a line break of the source, in a field with more roles than one",
    edits: {
      "sources/sample-article.json": (r) => ({
        ...r,
        title: { source: "sample-article", start: 0, end: 20, exact: "Talks in Lima 😀\n\nAna" },
      }),
    },
    problems: [],
  },
  {
    name: "a control character written as itself, not escaped, is reported",
    from: "control-character",
    texts: { "people/bo-chen.json": (text) => text.replace("\\u0007", "\u007f") },
    problems: [
      {
        code: "control-character",
        at: "people/bo-chen.json:16:14",
        message: "string has the control character U+007F at position 18",
      },
    ],
  },
];

const schemas = loadSchemas(SCHEMA_DIR);

describe("the checks, at the edges of their rules", () => {
  it.each(SCENARIOS)("$name", (scenario) => {
    const { from, copies = {}, edits = {}, texts = {}, removes = [], problems } = scenario;
    const dir = from ? dataCopy(undefined, join(INVALID, from)) : dataCopy();
    for (const [path, original] of Object.entries(copies))
      copyFileSync(join(dir, original), join(dir, path));
    for (const path of removes) rmSync(join(dir, path));
    for (const [path, edit] of Object.entries(texts))
      writeFileSync(join(dir, path), edit(readFileSync(join(dir, path), "utf8")));
    for (const [path, edit] of Object.entries(edits)) {
      const file = join(dir, path);
      const collection = schemas.collection(path.split("/")[0] ?? "");
      if (!collection) throw new Error(`no collection for ${path}`);
      const record = JSON.parse(readFileSync(file, "utf8")) as JsonObject;
      writeFileSync(file, canonicalText(edit(record), collection));
    }
    const found = validate(dir).problems.map((p) => ({
      code: p.code,
      at: `${relative(dir, resolve(p.file))}:${p.line}:${p.column}`,
      message: p.message.replaceAll(`${dir}/`, ""),
      fix: p.fix?.replaceAll(`${dir}/`, ""),
      severity: p.severity,
    }));
    expect(found.map(({ code, at }) => ({ code, at }))).toEqual(
      problems.map(({ code, at }) => ({ code, at })),
    );
    for (const [i, { message, fix }] of problems.entries()) {
      if (message !== undefined) expect(found[i]?.message).toBe(message);
      if (fix !== undefined) expect(found[i]?.fix).toBe(fix);
      expect(found[i]?.severity, problems[i]?.code).toBe(problems[i]?.severity ?? "error");
    }
  });
});
