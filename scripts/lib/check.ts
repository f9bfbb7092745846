import type { Dataset, RecordFile } from "./dataset.ts";
import type { Part, Position } from "./locate.ts";
import type { Severity } from "./problem.ts";

export interface Finding {
  /** JSON Pointer to the offending value (or key, with `part: "key"`). */
  pointer: string;
  code: string;
  message: string;
  fix?: string;
  severity?: Severity;
  part?: Part;
  /** A position to report instead of the pointer's (for findings about lines, not values). */
  at?: Position;
}

/** Reports a finding about one record file. */
export type Report = (file: RecordFile, finding: Finding) => void;

/**
 * One check: a pure function of the loaded data that reports what it finds. `record` checks
 * see one record at a time; `dataset` checks see everything (ids, references, spans).
 */
export type Check = {
  name: string;
  description: string;
  /** Every code the check reports, with one line on what it means. */
  codes: Record<string, string>;
} & (
  | { scope: "record"; check(file: RecordFile, report: Report, dataset: Dataset): void }
  | { scope: "dataset"; check(dataset: Dataset, report: Report): void }
);
