import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { isValidId } from "../scripts/lib/ids.ts";
import { byCodeUnits } from "../scripts/lib/order.ts";
import { ALL_CODES, validate } from "../scripts/pipeline/validate.ts";
import { caseCopy, INVALID } from "./cases.ts";

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
    const caseDir = join(INVALID, name);
    const expected: Expected = JSON.parse(readFileSync(join(caseDir, "expected.json"), "utf8"));
    const { dir, schemas } = caseCopy(name);
    const before = snapshot(dir);
    const validation = validate(dir, schemas ? { schemas } : {});
    const { problems } = validation;
    expect(snapshot(dir), "validation never modifies anything").toEqual(before);
    const found = problems.map((p) => ({
      code: p.code,
      file: relative(dir, resolve(p.file)),
      line: p.line,
      column: p.column,
    }));
    expect(found.sort(byPosition)).toEqual(expected.problems.sort(byPosition));
    // One mistake, one message, on the file that made it: a problem on a file the case did not
    // touch must name a file it did.
    const touched = touchedFiles(caseDir);
    for (const problem of problems) {
      const file = relative(dir, resolve(problem.file));
      // A folder's problem is on the folder the case added a file to.
      if (touched.some((t) => t === file || t.startsWith(`${file}/`))) continue;
      expect(
        touched.some((t) => problem.message.includes(t.replace(/^\.\.\//, ""))),
        `${problem.code} on untouched ${file} names no touched file: ${problem.message}`,
      ).toBe(true);
    }
    // A fix that suggests a file name or an id suggests a valid one that overwrites nothing.
    for (const problem of problems) {
      const file = relative(dir, resolve(problem.file));
      const folder = file.split("/")[0] ?? "";
      const collection = validation.dataset.schemas.collection(folder);
      const fix = problem.fix ?? "";
      const names = [...fix.matchAll(/rename the file to (\S+?)\.json/g)].map((m) => m[1] ?? "");
      const ids = [...fix.matchAll(/(?:set the id to|such as) `([^`]+)`/g)].map((m) => m[1] ?? "");
      for (const id of [...names, ...ids]) {
        expect(collection && isValidId(collection, id), `${problem.code} suggests \`${id}\``).toBe(
          true,
        );
        const others = validation.dataset.records.filter((r) => r.display !== problem.file);
        expect(
          others.some((r) => r.id === id || (r.collection === collection && r.name === id)),
          `${problem.code} suggests \`${id}\`, which is taken`,
        ).toBe(false);
      }
    }
    for (const problem of problems) {
      expect(problem.message.length).toBeGreaterThan(10);
      expect(problem.fix, `${problem.code} says what to do`).toBeTruthy();
      expect(problem.message, "no regular expression in a message").not.toMatch(/\^\(|\\d\{/);
    }
  });
});

/** The files a case adds or replaces, relative to the data folder (`../schema/…` for schemas). */
function touchedFiles(caseDir: string): string[] {
  return readdirSync(caseDir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(caseDir, join(entry.parentPath, entry.name)))
    .filter((file) => file !== "expected.json" && file !== "README.md")
    .map((file) => (file.startsWith("schema/") ? `../${file}` : file));
}
