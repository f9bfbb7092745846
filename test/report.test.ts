import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Problem } from "../scripts/lib/problem.ts";
import { formatGithub } from "../scripts/report/github.ts";
import { formatText } from "../scripts/report/text.ts";
import { command as validateCommand } from "../scripts/validate.ts";
import { call, dataCopy, FIXTURES } from "./helpers.ts";

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
