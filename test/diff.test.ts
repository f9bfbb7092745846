import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { command as diffSummary } from "../scripts/ci/diff-summary.ts";
import { command as diffCommand } from "../scripts/diff.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import { SCHEMA_DIR } from "../scripts/lib/schemas/index.ts";
import { BASE, call, runAsNpm, tempDir } from "./helpers.ts";

/*
 * The semantic diff, one case per kind of change: the base fixture is the old version, a copy
 * changed by the case the new one. Every expected report is written out by hand.
 */

type Change = (tree: string) => void;

const makeFolder = (path: string) => mkdirSync(path, { recursive: true });

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as JsonObject;
const writeJson = (path: string, value: JsonObject) =>
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
const record = (tree: string, collection: string, id: string) =>
  join(tree, "data", collection, `${id}.json`);
const edit = (tree: string, collection: string, id: string, change: (r: JsonObject) => void) => {
  const path = record(tree, collection, id);
  const value = readJson(path);
  change(value);
  writeJson(path, value);
};

/** A tree holding the base fixture as data/ and the package's schemas as schema/. */
function baseTree(): string {
  const tree = tempDir("kerry-diff-test-");
  cpSync(BASE, join(tree, "data"), { recursive: true });
  cpSync(SCHEMA_DIR, join(tree, "schema"), { recursive: true });
  return tree;
}

/** The reports of a change to the base fixture, in every format, with the folders named FROM and TO. */
async function reportsOf(change: Change) {
  const from = baseTree();
  const to = baseTree();
  change(to);
  const reports: Record<string, string> = {};
  for (const format of ["markdown", "text", "json"]) {
    const result = await call(diffCommand, ["--from", from, "--to", to, "--format", format]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    reports[format] = result.stdout.replaceAll(from, "FROM").replaceAll(to, "TO");
  }
  return reports as { markdown: string; text: string; json: string };
}

const CORRECTION = {
  date: "2026-12-01",
  previous_verdict: "mostly-accurate",
  what: "The verdict, from mostly-accurate to accurate.",
  why: "A second report confirms the agreement on all of trade.",
};

interface Case {
  name: string;
  change: Change;
  markdown: string;
  json: JsonObject;
}

const CASES: Case[] = [
  {
    name: "a record added",
    change: (tree) =>
      writeJson(record(tree, "citations", "second-citation"), {
        $schema: "../../schema/citation.schema.json",
        id: "second-citation",
        title: "A second report",
        publisher: "Other Press",
        short_names: ["Other Press"],
        date: "2020-01-08",
        url: "https://example.org/second",
      }),
    markdown: `## Changes from FROM to TO

**Semver: minor.** Minor: 1 record added.

### Exported types

- \`CitationId\`: gains \`"second-citation"\`
- \`RecordId\`: gains \`"second-citation"\`

### Other records

- added \`second-citation\` (citations) “A second report”
`,
    json: {
      from: "FROM",
      to: "TO",
      semver: "minor",
      reasons: [{ level: "minor", what: "1 record added" }],
      types: [
        {
          type: "CitationId",
          gains: ["second-citation"],
          loses: [],
          changes: [],
          breaking: false,
        },
        { type: "RecordId", gains: ["second-citation"], loses: [], changes: [], breaking: false },
      ],
      records: [
        {
          change: "added",
          collection: "citations",
          id: "second-citation",
          label: "A second report",
          file: "data/citations/second-citation.json",
          fields: [],
        },
      ],
      schema: [],
    },
  },
  {
    name: "a record removed",
    change: (tree) => rmSync(record(tree, "people", "bo-chen")),
    markdown: `## Changes from FROM to TO

**Semver: major.** Breaking: 1 record removed.

### Exported types

- \`PersonId\`: loses \`"bo-chen"\`: code that uses what it loses no longer compiles
- \`RecordId\`: loses \`"bo-chen"\`: code that uses what it loses no longer compiles

### Other records

- removed \`bo-chen\` (people) “Bo Chen”
`,
    json: {
      from: "FROM",
      to: "TO",
      semver: "major",
      reasons: [{ level: "major", what: "1 record removed" }],
      types: [
        { type: "PersonId", gains: [], loses: ["bo-chen"], changes: [], breaking: true },
        { type: "RecordId", gains: [], loses: ["bo-chen"], changes: [], breaking: true },
      ],
      records: [
        {
          change: "removed",
          collection: "people",
          id: "bo-chen",
          label: "Bo Chen",
          file: "data/people/bo-chen.json",
          fields: [],
        },
      ],
      schema: [],
    },
  },
  {
    name: "a record renamed",
    change: (tree) => {
      renameSync(record(tree, "places", "lima"), record(tree, "places", "lima-peru"));
      edit(tree, "places", "lima-peru", (r) => {
        r.id = "lima-peru";
      });
    },
    markdown: `## Changes from FROM to TO

**Semver: major.** Breaking: 1 record renamed.

### Exported types

- \`PlaceId\`: loses \`"lima"\`; gains \`"lima-peru"\`: code that uses what it loses no longer compiles
- \`RecordId\`: loses \`"lima"\`; gains \`"lima-peru"\`: code that uses what it loses no longer compiles

### Other records

- renamed \`lima\` → \`lima-peru\` (places) “Lima”
`,
    json: {
      from: "FROM",
      to: "TO",
      semver: "major",
      reasons: [{ level: "major", what: "1 record renamed" }],
      types: [
        { type: "PlaceId", gains: ["lima-peru"], loses: ["lima"], changes: [], breaking: true },
        { type: "RecordId", gains: ["lima-peru"], loses: ["lima"], changes: [], breaking: true },
      ],
      records: [
        {
          change: "renamed",
          collection: "places",
          id: "lima-peru",
          previous_id: "lima",
          label: "Lima",
          file: "data/places/lima-peru.json",
          fields: [],
        },
      ],
      schema: [],
    },
  },
  {
    name: "fields changed, a long text as a word diff",
    change: (tree) => {
      edit(tree, "citations", "sample-citation", (r) => {
        r.title = "A sample report, revised";
      });
      edit(tree, "reviews", "review-sample-claim", (r) => {
        r.explanation =
          "Sample Press reports the agreement, but on tariffs only, and says nothing of services or of any date for the rest.";
        const [evidence] = r.evidence as JsonObject[];
        (evidence as JsonObject).finding = "The envoys agreed on tariffs only.";
      });
    },
    markdown: `## Changes from FROM to TO

**Semver: patch.** Patch: 2 records changed.

### Other records

- changed \`sample-citation\` (citations) “A sample report, revised”
  - \`title\`: A sample report → A sample report, revised
- changed \`review-sample-claim\` (reviews)
  - \`explanation\`: … but on tariffs only**, and says nothing of services or of any date for the rest**.
  - \`evidence[0].finding\`: The envoys agreed on tariffs and left the rest of trade open. → The envoys agreed on tariffs only.
`,
    json: {
      from: "FROM",
      to: "TO",
      semver: "patch",
      reasons: [{ level: "patch", what: "2 records changed" }],
      types: [],
      records: [
        {
          change: "changed",
          collection: "citations",
          id: "sample-citation",
          label: "A sample report, revised",
          file: "data/citations/sample-citation.json",
          fields: [
            {
              path: "title",
              pointer: "/title",
              change: "changed",
              from: "A sample report",
              to: "A sample report, revised",
            },
          ],
        },
        {
          change: "changed",
          collection: "reviews",
          id: "review-sample-claim",
          file: "data/reviews/review-sample-claim.json",
          fields: [
            {
              path: "explanation",
              pointer: "/explanation",
              change: "changed",
              from: "Sample Press reports the agreement, but on tariffs only.",
              to: "Sample Press reports the agreement, but on tariffs only, and says nothing of services or of any date for the rest.",
            },
            {
              path: "evidence[0].finding",
              pointer: "/evidence/0/finding",
              change: "changed",
              from: "The envoys agreed on tariffs and left the rest of trade open.",
              to: "The envoys agreed on tariffs only.",
            },
          ],
        },
      ],
      schema: [],
    },
  },
  {
    name: "a span changed, shown as the words it covers",
    change: (tree) =>
      edit(tree, "claims", "sample-claim", (r) => {
        r.text = { source: "sample-article", start: 75, end: 83, exact: "We agree" };
      }),
    markdown: `## Changes from FROM to TO

**Semver: patch.** Patch: 1 record changed.

### Claims

- changed \`sample-claim\` (claims) “We agree”
  - \`text\`: “We agree on\u00a0trade.” → “We agree”
`,
    json: {
      from: "FROM",
      to: "TO",
      semver: "patch",
      reasons: [{ level: "patch", what: "1 record changed" }],
      types: [],
      records: [
        {
          change: "changed",
          collection: "claims",
          id: "sample-claim",
          label: "We agree",
          file: "data/claims/sample-claim.json",
          fields: [
            {
              path: "text",
              pointer: "/text",
              change: "changed",
              from: {
                source: "sample-article",
                start: 75,
                end: 93,
                exact: "We agree on\u00a0trade.",
              },
              to: { source: "sample-article", start: 75, end: 83, exact: "We agree" },
            },
          ],
        },
      ],
      schema: [],
    },
  },
  {
    name: "a verdict changed with a correction",
    change: (tree) =>
      edit(tree, "reviews", "review-sample-claim", (r) => {
        r.verdict = "accurate";
        r.corrections = [...(r.corrections as JsonObject[]), CORRECTION];
      }),
    markdown: `## Changes from FROM to TO

**Semver: patch.** Patch: 1 record changed.

### Verdicts

- changed \`review-sample-claim\` (reviews): verdict **mostly-accurate → accurate**, corrected 2026-12-01: was mostly-accurate
  - \`verdict\`: mostly-accurate → accurate
  - \`corrections[1]\` added: {"date":"2026-12-01","previous\\_verdict":"mostly-accurate","what":"The verdict, from mostly-accurate to accurate.","why":"A second report confirms the agreement on all of trade."}
`,
    json: {
      from: "FROM",
      to: "TO",
      semver: "patch",
      reasons: [{ level: "patch", what: "1 record changed" }],
      types: [],
      records: [
        {
          change: "changed",
          collection: "reviews",
          id: "review-sample-claim",
          file: "data/reviews/review-sample-claim.json",
          verdict: { from: "mostly-accurate", to: "accurate", correction: CORRECTION },
          fields: [
            {
              path: "verdict",
              pointer: "/verdict",
              change: "changed",
              from: "mostly-accurate",
              to: "accurate",
            },
            {
              path: "corrections[1]",
              pointer: "/corrections/1",
              change: "added",
              to: CORRECTION,
            },
          ],
        },
      ],
      schema: [],
    },
  },
  {
    name: "a verdict changed without a correction",
    change: (tree) =>
      edit(tree, "reviews", "review-sample-claim", (r) => {
        r.verdict = "inaccurate";
      }),
    markdown: `## Changes from FROM to TO

**Semver: patch.** Patch: 1 record changed.

### Verdicts

- changed \`review-sample-claim\` (reviews): verdict **mostly-accurate → inaccurate**, **no correction records the change**
  - \`verdict\`: mostly-accurate → inaccurate
`,
    json: {
      from: "FROM",
      to: "TO",
      semver: "patch",
      reasons: [{ level: "patch", what: "1 record changed" }],
      types: [],
      records: [
        {
          change: "changed",
          collection: "reviews",
          id: "review-sample-claim",
          file: "data/reviews/review-sample-claim.json",
          verdict: { from: "mostly-accurate", to: "inaccurate", correction: null },
          fields: [
            {
              path: "verdict",
              pointer: "/verdict",
              change: "changed",
              from: "mostly-accurate",
              to: "inaccurate",
            },
          ],
        },
      ],
      schema: [],
    },
  },
  {
    name: "a new collection, read with no change to the code",
    change: (tree) => {
      writeJson(join(tree, "schema", "note.schema.json"), {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $id: "note.schema.json",
        title: "Note",
        description: "A note on the article.",
        "x-collection": "notes",
        type: "object",
        additionalProperties: false,
        required: ["id", "text"],
        properties: {
          $schema: { $ref: "defs.schema.json#/$defs/schemaPath" },
          id: { $ref: "defs.schema.json#/$defs/id" },
          text: { "x-role": "label", $ref: "defs.schema.json#/$defs/text" },
        },
      });
      makeFolder(join(tree, "data", "notes"));
      writeJson(record(tree, "notes", "first-note"), {
        $schema: "../../schema/note.schema.json",
        id: "first-note",
        text: "A first note",
      });
    },
    markdown: `## Changes from FROM to TO

**Semver: minor.** Minor: 1 record added and 1 schema change.

### Exported types

- \`Note\`: collection added
- \`NoteId\`: gains \`"first-note"\`
- \`RecordId\`: gains \`"first-note"\`

### Other records

- added \`first-note\` (notes) “A first note”

### Schema

- minor: \`notes\` collection added (\`Note\`)
`,
    json: {
      from: "FROM",
      to: "TO",
      semver: "minor",
      reasons: [
        { level: "minor", what: "1 record added" },
        { level: "minor", what: "1 schema change" },
      ],
      types: [
        { type: "Note", gains: [], loses: [], changes: ["collection added"], breaking: false },
        { type: "NoteId", gains: ["first-note"], loses: [], changes: [], breaking: false },
        { type: "RecordId", gains: ["first-note"], loses: [], changes: [], breaking: false },
      ],
      records: [
        {
          change: "added",
          collection: "notes",
          id: "first-note",
          label: "A first note",
          file: "data/notes/first-note.json",
          fields: [],
        },
      ],
      schema: [{ level: "minor", collection: "notes", what: "collection added", type: "Note" }],
    },
  },
  {
    name: "schema/ changed: a field added, a field removed, an enum narrowed",
    change: (tree) => {
      const file = join(tree, "schema", "person.schema.json");
      const schema = readJson(file);
      const properties = schema.properties as JsonObject;
      properties.nickname = { description: "What friends call the person.", type: "string" };
      delete properties.identifiers;
      schema.required = (schema.required as string[]).filter((key) => key !== "identifiers");
      writeJson(file, schema);
      const claim = join(tree, "schema", "claim.schema.json");
      const claimSchema = readJson(claim);
      const kind = (claimSchema.properties as JsonObject).kind as JsonObject;
      kind.enum = (kind.enum as string[]).filter((value) => value !== "prediction");
      writeJson(claim, claimSchema);
      for (const id of ["ana-ruiz", "bo-chen"])
        edit(tree, "people", id, (r) => {
          delete r.identifiers;
        });
    },
    markdown: `## Changes from FROM to TO

**Semver: major.** Breaking: 2 schema changes. Minor: 1 schema change. Patch: 2 records changed.

### Exported types

- \`Claim\`: \`kind\` loses the value \`"prediction"\`: code that uses what it loses no longer compiles
- \`Person\`: \`identifiers\` field removed; \`nickname\` field added (optional): code that uses what it loses no longer compiles

### Other records

- changed \`ana-ruiz\` (people) “Ana Ruiz”
  - \`identifiers\` removed (was \\[\\])
- changed \`bo-chen\` (people) “Bo Chen”
  - \`identifiers\` removed (was \\[\\])

### Schema

- major: \`claims\`: \`kind\` loses the value \`"prediction"\` (\`Claim\`)
- major: \`people\`: \`identifiers\` field removed (\`Person\`)
- minor: \`people\`: \`nickname\` field added (optional) (\`Person\`)
`,
    json: {
      from: "FROM",
      to: "TO",
      semver: "major",
      reasons: [
        { level: "major", what: "2 schema changes" },
        { level: "minor", what: "1 schema change" },
        { level: "patch", what: "2 records changed" },
      ],
      types: [
        {
          type: "Claim",
          gains: [],
          loses: [],
          changes: ['`kind` loses the value `"prediction"`'],
          breaking: true,
        },
        {
          type: "Person",
          gains: [],
          loses: [],
          changes: ["`identifiers` field removed", "`nickname` field added (optional)"],
          breaking: true,
        },
      ],
      records: [
        {
          change: "changed",
          collection: "people",
          id: "ana-ruiz",
          label: "Ana Ruiz",
          file: "data/people/ana-ruiz.json",
          fields: [{ path: "identifiers", pointer: "/identifiers", change: "removed", from: [] }],
        },
        {
          change: "changed",
          collection: "people",
          id: "bo-chen",
          label: "Bo Chen",
          file: "data/people/bo-chen.json",
          fields: [{ path: "identifiers", pointer: "/identifiers", change: "removed", from: [] }],
        },
      ],
      schema: [
        {
          level: "major",
          collection: "claims",
          field: "kind",
          what: 'loses the value `"prediction"`',
          type: "Claim",
        },
        {
          level: "major",
          collection: "people",
          field: "identifiers",
          what: "field removed",
          type: "Person",
        },
        {
          level: "minor",
          collection: "people",
          field: "nickname",
          what: "field added (optional)",
          type: "Person",
        },
      ],
    },
  },
];

describe("npm run diff, one case per kind of change", () => {
  it.each(CASES)("$name", async ({ change, markdown, json }) => {
    const reports = await reportsOf(change);
    expect(reports.markdown).toBe(markdown);
    expect(JSON.parse(reports.json)).toEqual(json);
  });

  it("reports nothing for a change of form only: key order, indentation, line ends", async () => {
    const reports = await reportsOf((tree) => {
      for (const [collection, id] of [
        ["people", "ana-ruiz"],
        ["reviews", "review-sample-claim"],
      ] as const) {
        const path = record(tree, collection, id);
        const value = readJson(path);
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        writeFileSync(path, JSON.stringify(reversed, null, "\t").replaceAll("\n", "\r\n"));
      }
      const schema = join(tree, "schema", "person.schema.json");
      writeFileSync(schema, JSON.stringify(readJson(schema)));
    });
    expect(reports.markdown).toBe(
      "## Changes from FROM to TO\n\n**Semver: none.** No change to the records or the schemas.\n",
    );
    expect(JSON.parse(reports.json)).toEqual({
      from: "FROM",
      to: "TO",
      semver: "none",
      reasons: [],
      types: [],
      records: [],
      schema: [],
    });
  });

  it("writes the text form for a terminal, with word changes marked as git marks them", async () => {
    const { text } = await reportsOf((tree) =>
      edit(tree, "reviews", "review-sample-claim", (r) => {
        r.verdict = "inaccurate";
        r.explanation =
          "Sample Press reports the agreement, but on tariffs only, and says nothing of services or of any date for the rest.";
      }),
    );
    expect(text).toBe(`Changes from FROM to TO

Semver: patch. Patch: 1 record changed.

Verdicts:

  changed review-sample-claim (reviews): verdict mostly-accurate → inaccurate, no correction records the change
    - verdict: mostly-accurate → inaccurate
    - explanation: … but on tariffs only{+, and says nothing of services or of any date for the rest+}.
`);
  });

  it("refuses two old versions, and an unknown format, with exit 2", async () => {
    const both = await call(diffCommand, ["--from", BASE, "--base", "main", "--to", BASE]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("give the old version once");
    const format = await call(diffCommand, ["--from", BASE, "--to", BASE, "--format", "html"]);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain("unknown format `html`");
  });

  it("runs as npm runs it, from the commands' bundle, and so does the CI summary", () => {
    const same = runAsNpm("diff", ["--from", BASE, "--to", BASE, "--format", "json"]);
    expect(same.stderr).toBe("");
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ semver: "none", records: [], schema: [] });
    const help = runAsNpm("diff-summary", ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: node scripts\/run.mjs diff-summary/);
  });

  it("exits 1 naming the file when a record cannot be read", async () => {
    const to = baseTree();
    writeFileSync(record(to, "people", "bo-chen"), "{ not json");
    const result = await call(diffCommand, ["--from", baseTree(), "--to", to]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("bo-chen.json:1:3  error  json-syntax");
  });
});

describe("npm run diff --base, reading the old version with git", () => {
  const git = (repo: string, ...args: string[]) => {
    const result = spawnSync("git", ["-C", repo, ...args], {
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Test",
        GIT_AUTHOR_EMAIL: "test@example.org",
        GIT_COMMITTER_NAME: "Test",
        GIT_COMMITTER_EMAIL: "test@example.org",
      },
    });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout.trim();
  };

  /**
   * A repository: version 0.1.0 of the base fixture on main, then on a branch a verdict changed
   * without a correction, a claim added and a person removed, left uncommitted in the work tree.
   */
  function repository(): string {
    const repo = baseTree();
    writeFileSync(join(repo, "package.json"), '{ "version": "0.1.0" }\n');
    git(repo, "init", "--quiet", "--initial-branch=main");
    git(repo, "add", ".");
    git(repo, "commit", "--quiet", "-m", "0.1.0");
    git(repo, "checkout", "--quiet", "-b", "change");
    writeFileSync(join(repo, "package.json"), '{ "version": "0.2.0" }\n');
    git(repo, "commit", "--quiet", "-am", "0.2.0");
    edit(repo, "reviews", "review-sample-claim", (r) => {
      r.verdict = "accurate";
    });
    const claim = readJson(record(repo, "claims", "sample-claim"));
    writeJson(record(repo, "claims", "claim-council-welcomed"), {
      ...claim,
      id: "claim-council-welcomed",
      text: {
        source: "sample-article",
        start: 95,
        end: 119,
        exact: "The\u00a0council welcomed it.",
      },
    });
    rmSync(record(repo, "people", "bo-chen"));
    return repo;
  }

  it("compares the work tree with the merge base with main, in all three formats", async () => {
    const repo = repository();
    const base = git(repo, "rev-parse", "main").slice(0, 7);
    const from = `the merge base with main (${base})`;
    const markdown = await call(diffCommand, ["--repo", repo, "--format", "markdown"]);
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toBe(`## Changes from ${from} to the working tree

**Semver: major.** Breaking: 1 record removed. Minor: 1 record added. Patch: 1 record changed.

### Exported types

- \`ClaimId\`: gains \`"claim-council-welcomed"\`
- \`PersonId\`: loses \`"bo-chen"\`: code that uses what it loses no longer compiles
- \`RecordId\`: loses \`"bo-chen"\`; gains \`"claim-council-welcomed"\`: code that uses what it loses no longer compiles

### Verdicts

- changed \`review-sample-claim\` (reviews): verdict **mostly-accurate → accurate**, **no correction records the change**
  - \`verdict\`: mostly-accurate → accurate

### Claims

- added \`claim-council-welcomed\` (claims) “The\u00a0council welcomed it.”

### Other records

- removed \`bo-chen\` (people) “Bo Chen”
`);
    const text = await call(diffCommand, ["--repo", repo]);
    expect(text.stdout).toBe(`Changes from ${from} to the working tree

Semver: major. Breaking: 1 record removed. Minor: 1 record added. Patch: 1 record changed.

Exported types:

  ClaimId: gains "claim-council-welcomed"
  PersonId: loses "bo-chen": code that uses what it loses no longer compiles
  RecordId: loses "bo-chen"; gains "claim-council-welcomed": code that uses what it loses no longer compiles

Verdicts:

  changed review-sample-claim (reviews): verdict mostly-accurate → accurate, no correction records the change
    - verdict: mostly-accurate → accurate

Claims:

  added claim-council-welcomed (claims) “The\u00a0council welcomed it.”

Other records:

  removed bo-chen (people) “Bo Chen”
`);
    const json = await call(diffCommand, ["--repo", repo, "--format", "json"]);
    const report = JSON.parse(json.stdout) as JsonObject;
    expect(report.semver).toBe("major");
    expect(report.records).toEqual([
      {
        change: "changed",
        collection: "reviews",
        id: "review-sample-claim",
        file: "data/reviews/review-sample-claim.json",
        verdict: { from: "mostly-accurate", to: "accurate", correction: null },
        fields: [
          {
            path: "verdict",
            pointer: "/verdict",
            change: "changed",
            from: "mostly-accurate",
            to: "accurate",
          },
        ],
      },
      {
        change: "added",
        collection: "claims",
        id: "claim-council-welcomed",
        label: "The\u00a0council welcomed it.",
        file: "data/claims/claim-council-welcomed.json",
        fields: [],
      },
      {
        change: "removed",
        collection: "people",
        id: "bo-chen",
        label: "Bo Chen",
        file: "data/people/bo-chen.json",
        fields: [],
      },
    ]);
    // The old version was read from git: the work tree is as it was left.
    expect(
      git(repo, "status", "--porcelain")
        .split("\n")
        .map((line) => line.trim()),
    ).toEqual([
      "D data/people/bo-chen.json",
      "M data/reviews/review-sample-claim.json",
      "?? data/claims/claim-council-welcomed.json",
    ]);
  });

  it("reads a release tag that is missing as the commit where package.json took its version", async () => {
    const repo = repository();
    const release = git(repo, "rev-parse", "HEAD").slice(0, 7);
    const result = await call(diffCommand, [
      "--repo",
      repo,
      "--base",
      "v0.2.0",
      "--format",
      "json",
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      `note: there is no tag v0.2.0: comparing with ${release}, the first commit whose package.json has version 0.2.0\n`,
    );
    expect((JSON.parse(result.stdout) as JsonObject).from).toBe(`v0.2.0 (${release})`);
    git(repo, "tag", "v0.1.0", "main");
    const tagged = await call(diffCommand, [
      "--repo",
      repo,
      "--base",
      "v0.1.0",
      "--format",
      "json",
    ]);
    expect(tagged.stderr).toBe("");
    expect((JSON.parse(tagged.stdout) as JsonObject).from).toBe(
      `v0.1.0 (${git(repo, "rev-parse", "main").slice(0, 7)})`,
    );
    const unknown = await call(diffCommand, ["--repo", repo, "--base", "v9.9.9"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("`v9.9.9` names no commit");
  });

  it("in CI, writes the Markdown to the job summary and fails on the review whose verdict has no correction", async () => {
    const repo = repository();
    const summary = join(tempDir(), "summary.md");
    const env = { GITHUB_STEP_SUMMARY: summary, GITHUB_BASE_REF: "main" };
    const failed = await call(diffSummary, ["--repo", repo], { env });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toBe(
      '::error file=data/reviews/review-sample-claim.json,line=5,col=14,title=verdict-uncorrected::the verdict of `review-sample-claim` changed from "mostly-accurate" to "accurate" with no correction that records it. Fix: add an entry to `corrections` with `previous_verdict` "mostly-accurate", the date, what changed and why\n',
    );
    expect(readFileSync(summary, "utf8")).toContain(
      "- changed `review-sample-claim` (reviews): verdict **mostly-accurate → accurate**, **no correction records the change**\n",
    );
    edit(repo, "reviews", "review-sample-claim", (r) => {
      r.corrections = [...(r.corrections as JsonObject[]), CORRECTION];
    });
    const passed = await call(diffSummary, ["--repo", repo], { env });
    expect(passed.stdout).toBe("");
    expect(passed.status).toBe(0);
    // A correction that names another previous verdict does not record this change.
    edit(repo, "reviews", "review-sample-claim", (r) => {
      r.corrections = [
        ...(r.corrections as JsonObject[]).slice(0, -1),
        { ...CORRECTION, previous_verdict: "inaccurate" },
      ];
    });
    expect((await call(diffSummary, ["--repo", repo], { env })).status).toBe(1);
  });
});
