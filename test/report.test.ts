import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Problem } from "../scripts/lib/problem.ts";
import { formatGithub, SHOWN_PER_STEP } from "../scripts/report/github.ts";
import { changedFirst } from "../scripts/report/order.ts";
import { formatText } from "../scripts/report/text.ts";
import { command as validateCommand } from "../scripts/validate.ts";
import { BASE, call, dataCopy, FIXTURES, tempDir } from "./helpers.ts";

const problem: Problem = {
  file: "data/people/a,b.json",
  line: 3,
  column: 7,
  severity: "error",
  code: "schema-enum",
  message: '/kind is "citty": 100% wrong',
  fix: "did you mean `city`?",
};

describe("report formats", () => {
  it("text: grouped by file, one line per problem with its fix, no colour unless asked", () => {
    expect(
      formatText(
        [problem, { ...problem, line: 9, severity: "warning", code: "x", fix: undefined }],
        { checked: 4 },
      ),
    ).toBe(
      [
        "data/people/a,b.json",
        '  data/people/a,b.json:3:7  error  schema-enum  /kind is "citty": 100% wrong',
        "      fix: did you mean `city`?",
        '  data/people/a,b.json:9:7  warning  x  /kind is "citty": 100% wrong',
        "",
        "✗ 1 error, 1 warning in 4 records",
        "",
      ].join("\n"),
    );
    expect(formatText([problem], { color: true, checked: 1 })).toContain(
      "\u001b[31merror\u001b[0m",
    );
  });

  it("github: one annotation per problem, with properties and data escaped", () => {
    expect(formatGithub([problem])).toBe(
      '::error file=data/people/a%2Cb.json,line=3,col=7,title=schema-enum::/kind is "citty": 100%25 wrong. Fix: did you mean `city`?\n',
    );
  });

  const broken = () => dataCopy(undefined, join(FIXTURES, "invalid", "enum"));

  it("json: an array of {file, line, column, severity, code, message, fix}", async () => {
    const { status, stdout } = await call(validateCommand, [
      "--data",
      broken(),
      "--format",
      "json",
    ]);
    expect(status).toBe(1);
    const [only, ...rest] = JSON.parse(stdout) as Problem[];
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      line: 15,
      column: 11,
      severity: "error",
      code: "schema-enum",
      fix: "did you mean `city`?",
    });
    expect(only?.file).toMatch(/places\/lima\.json$/);
  });

  it("github is chosen automatically on GitHub Actions", async () => {
    const { stdout } = await call(validateCommand, ["--data", broken()], {
      env: { GITHUB_ACTIONS: "true" },
    });
    expect(stdout).toMatch(/^::error file=.*places\/lima\.json,line=15,col=11,title=schema-enum::/);
  });
});

describe("annotations on a pull request", () => {
  const at = (file: string, code: string, line = 1): Problem => ({
    file,
    line,
    column: 1,
    severity: "error",
    code,
    message: `${code} on ${file}`,
  });

  it("put the cause of a cascade first, then the files the change touched, else keep the order", () => {
    const problems = [
      at("data/claims/a.json", "span-mismatch"),
      at("data/people/b.json", "schema-type"),
      at("data/people/b.json", "span-mismatch", 9),
      at("data/quotes/c.json", "json-syntax"),
      at("data/sources/s.json", "source-hash"),
      at("data/sources/s.txt", "source-hash"),
    ];
    const changed = new Set(["data/people/b.json", "data/sources/s.txt"]);
    expect(changedFirst(problems, changed).map((p) => `${p.file}:${p.line} ${p.code}`)).toEqual([
      "data/sources/s.txt:1 source-hash",
      "data/quotes/c.json:1 json-syntax",
      "data/sources/s.json:1 source-hash",
      "data/people/b.json:1 schema-type",
      "data/people/b.json:9 span-mismatch",
      "data/claims/a.json:1 span-mismatch",
    ]);
  });

  it("stop where GitHub stops showing them, say how many more, and list those in the log", () => {
    const problems = Array.from({ length: SHOWN_PER_STEP + 3 }, (_, i) =>
      at(`data/people/p${String(i).padStart(2, "0")}.json`, "schema-type"),
    );
    const lines = formatGithub(problems).trimEnd().split("\n");
    expect(lines.filter((line) => line.startsWith("::error "))).toHaveLength(SHOWN_PER_STEP);
    expect(lines[SHOWN_PER_STEP - 2]).toMatch(/^::error file=data\/people\/p08\.json,/);
    expect(lines[SHOWN_PER_STEP - 1]).toBe(
      "::error title=4 more errors::4 more errors are listed in this step's log; `npm run validate` shows them all",
    );
    expect(lines.slice(SHOWN_PER_STEP)).toEqual(
      [9, 10, 11, 12].map(
        (i) =>
          `data/people/p${i.toString().padStart(2, "0")}.json:1:1  error  schema-type  schema-type on data/people/p${i.toString().padStart(2, "0")}.json`,
      ),
    );
    expect(formatGithub(problems.slice(0, SHOWN_PER_STEP)).split("\n")).toHaveLength(
      SHOWN_PER_STEP + 1,
    );
  });

  it("show a changed source text first, then the touched files (validate --changed-first)", async () => {
    const data = dataCopy(BASE, join(FIXTURES, "invalid", "enum"));
    const text = join(data, "sources", "sample-article.txt");
    writeFileSync(text, readFileSync(text, "utf8").replace("Ana Ruiz met", "Ana Ruiz meets"));
    // A mistake in a file the change did not touch, which sorts before the others by path.
    const event = join(data, "events", "sample-meeting.json");
    writeFileSync(
      event,
      readFileSync(event, "utf8").replace('"kind": "meeting"', '"kind": "meetin"'),
    );
    const list = join(tempDir(), "changed.txt");
    writeFileSync(list, `${join(data, "places", "lima.json")}\n`);
    const annotations = async (...args: string[]) =>
      (await call(validateCommand, ["--data", data, "--format", "github", ...args])).stdout
        .split("\n")
        .filter((line) => line.startsWith("::error file="));
    const ordered = await annotations("--changed-first", list);
    expect(ordered).toHaveLength(3);
    expect(ordered[0]).toMatch(/sample-article\.txt,.*title=source-hash::/);
    expect(ordered[1]).toMatch(/places\/lima\.json,/);
    expect(ordered[2]).toMatch(/events\/sample-meeting\.json,/);
    const unordered = await annotations();
    expect(unordered[0]).toMatch(/events\/sample-meeting\.json,/);
    expect(unordered[2]).toMatch(/title=source-hash::/);
  });
});
