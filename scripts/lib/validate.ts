import { CHECKS } from "../checks/index.ts";
import type { Check, Report } from "./check.ts";
import { type Dataset, LOAD_CODES, loadDataset } from "./dataset.ts";
import { bySeverityThenPosition, type Problem } from "./problem.ts";
import type { Schemas } from "./schemas.ts";

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
  LOAD_CODES,
  ...CHECKS.map((check) => check.codes),
  { [CRASH_CODE]: "A check failed with an internal error; please report it." },
);

/** The validation pipeline: load, run every check, sort the problems. */
export function validate(
  dataDir: string,
  options: { schemas?: Schemas; checks?: readonly Check[] } = {},
): Validation {
  const { dataset, problems } = loadDataset(dataDir, options.schemas);
  const crashed: string[] = [];
  const report: Report = (file, finding) => {
    const at = finding.at ?? file.locate(finding.pointer, finding.part);
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
    if (check.scope === "record") {
      for (const file of dataset.records) {
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

/** 0 clean (warnings allowed), 1 invalid data, 2 a fault in the tooling. */
export const exitCodeOf = ({ problems, crashed }: Validation): 0 | 1 | 2 =>
  crashed.length > 0 ? 2 : problems.some((p) => p.severity === "error") ? 1 : 0;
