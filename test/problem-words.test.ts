import { relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { validateCase } from "./cases.ts";

/**
 * What some invalid-contribution cases are told, word for word: the problem (its code, and
 * where: file:line:column), its message and its fix, with paths relative to the data folder.
 * invalid-fixtures.test.ts checks every case's problems by place; these pin what they say.
 */
const WORDS: { case: string; code: string; at: string; message: string; fix: string }[] = [
  {
    case: "date-bounds",
    code: "date-bounds",
    at: "events/sample-meeting.json:12:15",
    message: "latest (2020-01-06) is before earliest (2020-01-07)",
    fix: "swap them, or correct the one that is wrong",
  },
  {
    case: "date-impossible-day",
    code: "date-invalid",
    at: "reviews/review-sample-claim.json:16:11",
    message: "2013-02 has no day 30 (it has 28)",
    fix: "write a day that exists, as YYYY-MM-DD",
  },
  {
    case: "date-in-words",
    code: "date-invalid",
    at: "citations/sample-citation.json:9:11",
    message: "`February 5, 2003` is not an EDTF date",
    fix: 'write it as "2003-02-05"',
  },
  {
    case: "date-invalid",
    code: "date-invalid",
    at: "events/sample-meeting.json:9:14",
    message: "2020-02 has no day 30 (it has 29)",
    fix: "write a date that exists, in EDTF (YYYY, YYYY-MM, YYYY-MM-DD, or A/B)",
  },
  {
    case: "date-order",
    code: "date-order",
    at: "events/sample-meeting.json:20:15",
    message: "it ends (2020-01-05 at the latest) before it starts (2020-01-07 at the earliest)",
    fix: "correct start_date or end_date",
  },
  {
    case: "date-precision",
    code: "date-precision",
    at: "events/sample-meeting.json:10:18",
    message: 'precision is "month" but `2020-01-07` is of day precision',
    fix: 'set precision to "day"',
  },
  {
    case: "empty-list",
    code: "schema-range",
    at: "claims/sample-claim.json:21:12",
    message: "/about must NOT have fewer than 1 items",
    fix: "change the value to fit the limit",
  },
  {
    case: "enum",
    code: "schema-enum",
    at: "places/lima.json:15:11",
    message: '/kind is "citty", not one of the allowed values',
    fix: "did you mean `city`?",
  },
  {
    case: "explanation-missing",
    code: "schema-missing-field",
    at: "reviews/review-sample-claim.json:1:1",
    message: "missing required field `explanation` in Review",
    fix: "add `explanation` (see its description in schema/)",
  },
  {
    case: "id-not-kebab",
    code: "schema-pattern",
    at: "people/bo-chen.json:3:9",
    message: '/id is "Bo Chen", which does not match ^[a-z0-9]+(-[a-z0-9]+)*$',
    fix: "write it in kebab-case, such as `bo-chen` if no other record has that id, and name the file bo-chen.json",
  },
  {
    case: "kind-unknown",
    code: "schema-enum",
    at: "claims/sample-claim.json:11:11",
    message: '/kind is "fact", not one of the allowed values',
    fix: "use one of: factual, opinion, prediction, recommendation",
  },
  {
    case: "misspelled-field",
    code: "schema-unknown-field",
    at: "claims/sample-claim.json:20:3",
    message: "unknown field `hegdes` in Claim",
    fix: "rename it: did you mean `hedges`?",
  },
  {
    case: "nullable-type",
    code: "schema-other",
    at: "quotes/sample-quote.json:27:17",
    message: "/translated must match exactly one schema in oneOf",
    fix: "compare the value with the schema's description of this field",
  },
  {
    case: "pattern",
    code: "schema-pattern",
    at: "places/lima.json:16:17",
    message: '/located_in is "Peru_Country", which does not match ^[a-z0-9]+(-[a-z0-9]+)*$',
    fix: "rewrite it to match: A record id: kebab-case, unique across all collections, equal to the record's file name without `.json`.",
  },
  {
    case: "source-name-empty",
    code: "schema-range",
    at: "citations/sample-citation.json:8:5",
    message: "/short_names/1 is empty",
    fix: "write it: an empty string is not allowed here",
  },
  {
    case: "stated-without-span",
    code: "schema-missing-field",
    at: "people/bo-chen.json:5:22",
    message: "missing required field `span` in /name_provenance",
    fix: "add `span` (see its description in schema/)",
  },
  {
    case: "type",
    code: "schema-type",
    at: "quotes/sample-quote.json:21:14",
    message: "/cue/start must be integer",
    fix: "write a value of type integer",
  },
  {
    case: "unknown-field",
    code: "schema-unknown-field",
    at: "people/bo-chen.json:4:3",
    message: "unknown field `nmae` in Person",
    fix: "rename it: did you mean `name`?",
  },
  {
    case: "uri-format",
    code: "schema-format",
    at: "citations/sample-citation.json:10:10",
    message: '/url is "not a url", not a valid uri',
    fix: "write a valid uri",
  },
  {
    case: "uri-scheme",
    code: "schema-format",
    at: "citations/sample-citation.json:10:10",
    message:
      '/url is "example.org/report", an address without its scheme: a URI starts with one, such as https://',
    fix: 'add the scheme in front: "https://example.org/report" (or http://, if that is how the page you saw is addressed)',
  },
  {
    case: "schema-ref-missing",
    code: "schema-ref",
    at: "people/bo-chen.json:1:1",
    message: "`$schema` is missing",
    fix: "run `npm run fix`, which adds it",
  },
  {
    case: "wrong-folder",
    code: "wrong-folder",
    at: "places/wu-fang.json:2:14",
    message: "this record is a Person (its $schema is person.schema.json) but sits in places/",
    fix: "move it to people/wu-fang.json",
  },
  {
    case: "duplicate-key",
    code: "format",
    at: "people/bo-chen.json:4:1",
    message: 'line 4 is "  \\"name\\": \\"Bo Chen\\",", expected "  \\"name\\": \\"Bob Chen\\","',
    fix: "run `npm run fix`",
  },
  {
    case: "duplicate-key",
    code: "duplicate-key",
    at: "people/bo-chen.json:5:3",
    message:
      "key `name` appears again (first on line 4); JSON.parse would keep only this one and drop the other",
    fix: "merge the two values under one key, or rename one",
  },
  {
    case: "duplicate-key-in-list",
    code: "duplicate-key",
    at: "reviews/review-sample-claim.json:14:7",
    message:
      "key `quoted` appears again (first on line 13); JSON.parse would keep only this one and drop the other",
    fix: "merge the two values under one key, or rename one",
  },
  {
    case: "not-canonical",
    code: "format",
    at: "places/lima.json:2:1",
    message:
      'line 2 is "    \\"$schema\\": \\"../../schema/place.schema.json\\",", expected "  \\"$schema\\": \\"../../schema/place.schema.json\\","',
    fix: "run `npm run fix`",
  },
  {
    case: "span-context",
    code: "span-context",
    at: "people/ana-ruiz.json:73:19",
    message: 'prefix is "x. " but the text before the span is "y. "',
    fix: 'set prefix to "y. ", or remove it',
  },
  {
    case: "span-mismatch",
    code: "span-mismatch",
    at: "quotes/sample-quote.json:9:14",
    message: 'exact is "We agree on trade." but the text at [75, 93) is "We agree on trade."',
    fix: 'the text has "We agree on trade." at [75, 93): copy its quotes, spaces and dashes exactly',
  },
  {
    case: "span-range",
    code: "span-range",
    at: "quotes/sample-quote.json:22:12",
    message: "span [63, 500) does not fit the text of `sample-article` (119 code points)",
    fix: "the text occurs at [63, 67): set start and end to those",
  },
  {
    case: "span-end-past-text",
    code: "span-range",
    at: "quotes/sample-quote.json:22:12",
    message: "span [118, 120) does not fit the text of `sample-article` (119 code points)",
    fix: "the text occurs 3 times, at [56, 57), [92, 93), [118, 119): pick one, and add a prefix or suffix",
  },
  {
    case: "source-hash",
    code: "source-hash",
    at: "sources/sample-article.txt:1:1",
    message:
      "this text hashes to 7602813d87fd0d4c495c6668fda1c09da9d44daa00df83bc51227bc665bdf32f, but the sha256 in sources/sample-article.json is 0000000000000000000000000000000000000000000000000000000000000000; every span still reads the text right, so no span shows where it differs",
    fix: "restore the article byte for byte (`git checkout main -- sources/sample-article.txt`): its own mistakes, a misspelt name say, stay as written and are noted in the records about them; only if the text is exactly the article and sha256 was mistyped, set sha256 to 7602813d87fd0d4c495c6668fda1c09da9d44daa00df83bc51227bc665bdf32f",
  },
  {
    case: "source-text-crlf",
    code: "source-hash",
    at: "sources/sample-article.txt:1:16",
    message:
      "this is not the text the sha256 in sources/sample-article.json was taken of: its lines end in CR LF where the article's end in LF (Git converts them on checkout when `core.autocrlf` is set)",
    fix: "save it with LF line endings again (set `git config core.autocrlf false` and check the file out again, or switch the editor's line endings to LF)",
  },
  {
    case: "source-text-edited",
    code: "source-hash",
    at: "sources/sample-article.txt:3:21",
    message:
      'this text was changed after its spans were made: they read " met Bo Chen in Lima on " here, the text now has " met Bo Cheng in Lima on"; it hashes to e5e72cf372359c91163c8d9c176b554071913e67bb268d6fbd3035fff766c7c7, not to the sha256 in sources/sample-article.json',
    fix: "restore the article byte for byte (`git checkout main -- sources/sample-article.txt`): its own mistakes, a misspelt name say, stay as written and are noted in the records about them; the spans are checked again once it is",
  },
  {
    case: "claim-verdicts-conflict",
    code: "claim-verdicts-conflict",
    at: "claims/sample-claim-2.json:4:11",
    message:
      "claims/sample-claim-2.json and claims/sample-claim.json claim overlapping words [75, 93) but their reviews contradict each other: `inaccurate` here, `mostly-accurate` there",
    fix: "re-derive both verdicts from the sources so they agree, or, where the narrower claim deliberately checks part of the other, set its `part_of` to the other's id",
  },
  {
    case: "review-source-not-cited",
    code: "review-source-not-cited",
    at: "reviews/review-sample-claim.json:6:18",
    message:
      "the explanation names `Other Wire`, but the evidence cites no source of that name (`other-citation`)",
    fix: "add an evidence item for the `Other Wire` source the explanation relies on, or reword the explanation",
  },
  {
    case: "review-source-unused",
    code: "review-source-unused",
    at: "reviews/review-sample-claim.json:9:19",
    message: "`sample-citation` is cited, but the explanation never names it (as `Sample Press`)",
    fix: "say in the explanation what this source shows, naming it, or drop its evidence item",
  },
  {
    case: "review-of-opinion",
    code: "review-uncheckable",
    at: "reviews/review-sample-claim.json:4:12",
    message:
      "`sample-claim` (claims/sample-claim.json) is a claim of kind `opinion`, which no source can confirm or refute",
    fix: "review a claim of a checkable kind (factual, prediction) instead; if the claim does state a fact, change its kind",
  },
  {
    case: "unreviewed-claim",
    code: "claim-unreviewed",
    at: "claims/sample-claim-2.json:11:11",
    message: "factual claim `sample-claim-2` has no review yet",
    fix: 'add a record to reviews/ whose claim is "sample-claim-2", with a verdict and the evidence it rests on',
  },
  {
    case: "review-duplicate",
    code: "review-duplicate",
    at: "reviews/review-sample-claim-2.json:4:12",
    message:
      "`sample-claim` already has a review, reviews/review-sample-claim.json: a claim has one review",
    fix: "put what this review adds into reviews/review-sample-claim.json (a change of verdict goes into its `corrections`, with when and why), and delete this file",
  },
  {
    case: "review-duplicate-sorts-first",
    code: "review-duplicate",
    at: "reviews/review-again-sample-claim.json:4:12",
    message:
      "`sample-claim` already has a review, reviews/review-sample-claim.json: a claim has one review",
    fix: "put what this review adds into reviews/review-sample-claim.json (a change of verdict goes into its `corrections`, with when and why), and delete this file",
  },
];

describe("the words of a problem", () => {
  it.each(WORDS)("$case: $code at $at", ({ case: name, code, at, message, fix }) => {
    const { dir, validation } = validateCase(name);
    const words = (text: string | undefined) => text?.replaceAll(`${dir}/`, "");
    const problem = validation.problems.find(
      (p) => p.code === code && `${relative(dir, resolve(p.file))}:${p.line}:${p.column}` === at,
    );
    expect(problem, `${code} at ${at}`).toBeDefined();
    expect(words(problem?.message)).toBe(message);
    expect(words(problem?.fix)).toBe(fix);
  });
});
