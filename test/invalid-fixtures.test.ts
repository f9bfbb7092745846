import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { byCodeUnits } from "../scripts/lib/order.ts";
import { ALL_CODES, validate } from "../scripts/lib/validate.ts";
import { dataCopy, FIXTURES } from "./helpers.ts";

interface Expected {
  description: string;
  problems: { code: string; file: string; line: number; column: number }[];
}

type Located = Expected["problems"][number];
const byPosition = (a: Located, b: Located) =>
  byCodeUnits(a.file, b.file) ||
  a.line - b.line ||
  a.column - b.column ||
  byCodeUnits(a.code, b.code);

const INVALID = join(FIXTURES, "invalid");

/** Every entry under a folder with its bytes (or link target), to prove nothing was touched. */
const snapshot = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const content = entry.isSymbolicLink()
        ? `-> ${readlinkSync(path)}`
        : entry.isFile()
          ? readFileSync(path).toString("base64")
          : "dir";
      return `${path} ${content}`;
    })
    .sort();
const cases = readdirSync(INVALID).sort();

describe("invalid contributions", () => {
  it("cover at least 30 distinct problems", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it("give every check code a failing case (the rest are tested in validate.test.ts)", () => {
    const covered = new Set(
      cases.flatMap((name) =>
        (
          JSON.parse(readFileSync(join(INVALID, name, "expected.json"), "utf8")) as Expected
        ).problems.map((p) => p.code),
      ),
    );
    const testedElsewhere = ["data-folder", "file-too-large", "check-crashed"];
    expect(
      Object.keys(ALL_CODES)
        .filter((code) => !covered.has(code))
        .sort(),
    ).toEqual(testedElsewhere.sort());
  });

  it.each(cases)("%s: reported with its code, file, line and column", (name) => {
    const expected: Expected = JSON.parse(
      readFileSync(join(INVALID, name, "expected.json"), "utf8"),
    );
    const dir = dataCopy(undefined, join(INVALID, name));
    const before = snapshot(dir);
    const { problems } = validate(dir);
    expect(snapshot(dir), "validation never modifies anything").toEqual(before);
    const found = problems.map((p) => ({
      code: p.code,
      file: p.file.slice(dir.length + 1),
      line: p.line,
      column: p.column,
    }));
    expect(found.sort(byPosition)).toEqual(expected.problems.sort(byPosition));
    for (const problem of problems) {
      expect(problem.message.length).toBeGreaterThan(10);
      expect(problem.fix, `${problem.code} says what to do`).toBeTruthy();
    }
  });
});
