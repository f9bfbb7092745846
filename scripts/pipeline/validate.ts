import { join, relative } from "node:path";
import type { Check, Report } from "../checks/check.ts";
import { CHECKS } from "../checks/index.ts";
import { type Dataset, loadDataset } from "../lib/dataset.ts";
import { locate, parseWithPositions } from "../lib/locate.ts";
import { bySeverityThenPosition, type Problem } from "../lib/problem.ts";
import { LOAD } from "../lib/read-record.ts";
import type { RecordFile } from "../lib/record.ts";
import {
  loadPackageSchemas,
  SCHEMA_CODES,
  type SchemaIssue,
  type Schemas,
} from "../lib/schemas.ts";
import { deriveTables } from "../lib/tables.ts";

export interface Validation {
  dataset: Dataset;
  problems: Problem[];
  /** Checks that threw: a fault in the tooling, not in the data. */
  crashed: string[];
}

export const CRASH_CODE = "check-crashed";

/** Every code any stage reports, with one line each: the table in CONTRIBUTING.md comes from here. */
export const ALL_CODES: Record<string, string> = Object.assign(
  {},
  SCHEMA_CODES,
  LOAD.codes,
  ...CHECKS.map((check) => check.codes),
  { [CRASH_CODE]: "A check failed with an internal error; please report it." },
);

/** The validation pipeline: the schemas, then load, run every check, sort the problems. */
export function validate(
  dataDir: string,
  options: { schemas?: Schemas; checks?: readonly Check[] } = {},
): Validation {
  const schemas = options.schemas ?? loadPackageSchemas();
  // Data checked against a broken schema would only repeat the schema's mistake on every record.
  const issues = schemas.issues.length > 0 ? schemas.issues : deriveTables(schemas).issues;
  if (issues.length > 0) {
    const dataset = {
      dataDir,
      schemas,
      records: [],
      unreadable: new Set<string>(),
      sourceTexts: new Map(),
    };
    return {
      dataset,
      problems: issues.map((i) => problemOf(i, schemas)).sort(bySeverityThenPosition),
      crashed: [],
    };
  }
  const { dataset, problems } = loadDataset(dataDir, schemas);
  const crashed: string[] = [];
  // The records each check found errors in, for the checks that skip those records.
  const failing = new Map<string, Set<RecordFile>>();
  let current = "";
  const report: Report = (file, finding) => {
    const at = finding.at ?? file.locate(finding.pointer, finding.part);
    if ((finding.severity ?? "error") === "error")
      failing.set(current, (failing.get(current) ?? new Set()).add(file));
    problems.push({
      file: file.display,
      line: at.line,
      column: at.column,
      severity: finding.severity ?? "error",
      code: finding.code,
      message: finding.message,
      ...(finding.fix ? { fix: finding.fix } : {}),
    });
  };
  const crash = (check: Check, file: string, error: unknown) => {
    crashed.push(check.name);
    problems.push({
      file,
      line: 1,
      column: 1,
      severity: "error",
      code: CRASH_CODE,
      message: `check \`${check.name}\` failed: ${error instanceof Error ? error.message : String(error)}`,
      fix: "this is a fault in the checks, not in the data: please report it with this file",
    });
  };
  for (const check of options.checks ?? CHECKS) {
    current = check.name;
    const skipped = (file: RecordFile) =>
      (check.skipsRecordsFailing ?? []).some((name) => failing.get(name)?.has(file));
    if (check.scope === "record") {
      for (const file of dataset.records) {
        if (skipped(file)) continue;
        try {
          check.check(file, report, dataset);
        } catch (error) {
          crash(check, file.display, error);
        }
      }
    } else {
      try {
        check.check(dataset, report);
      } catch (error) {
        crash(check, dataDir, error);
      }
    }
  }
  problems.sort(bySeverityThenPosition);
  return { dataset, problems, crashed };
}

/** A schema issue as a problem on its schema file, at the line and column of its pointer. */
function problemOf(issue: SchemaIssue, schemas: Schemas): Problem {
  const text = schemas.texts.get(issue.file);
  let at = issue.position ?? { line: 1, column: 1 };
  try {
    if (text !== undefined && !issue.position)
      at = locate(parseWithPositions(text), issue.pointer, issue.part);
  } catch {
    // A file that does not parse is reported at its start.
  }
  return {
    file: relative(process.cwd(), join(schemas.dir, issue.file)),
    ...at,
    severity: "error",
    code: issue.code,
    message: issue.message,
    fix: issue.fix,
  };
}

/** 0 clean (warnings allowed), 1 invalid data, 2 a fault in the tooling. */
export const exitCodeOf = ({ problems, crashed }: Validation): 0 | 1 | 2 =>
  crashed.length > 0 ? 2 : problems.some((p) => p.severity === "error") ? 1 : 0;
