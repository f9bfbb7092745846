import type { Dataset } from "../lib/dataset.ts";
import type { Part, Position } from "../lib/locate.ts";
import type { Codes, Severity } from "../lib/problem.ts";
import type { RecordFile } from "../lib/record.ts";

export interface Finding<C extends string = string> {
  /** JSON Pointer to the offending value (or key, with `part: "key"`). */
  pointer: string;
  code: C;
  message: string;
  fix?: string;
  severity?: Severity;
  part?: Part;
  /** A position to report instead of the pointer's (for findings about lines, not values). */
  at?: Position;
  /** The file to report on instead of the record, with `at`: a file beside it (a source's text). */
  path?: string;
}

/** Reports a finding about one record file. */
export type Report<C extends string = string> = (file: RecordFile, finding: Finding<C>) => void;

/**
 * One check: a pure function of the loaded data that reports what it finds. `record` checks
 * see one record at a time; `dataset` checks see everything (ids, references, spans). Its
 * `codes` list every code it reports, with one line on what each means.
 */
export type Check<C extends string = string> = Codes<C> & {
  /**
   * Checks whose errors on a record make this check's verdict on it meaningless (the key
   * order of a record with a misspelled field, say): the record is skipped, so one mistake
   * gives one message. Record checks only.
   */
  skipsRecordsFailing?: readonly string[];
} & (
    | { scope: "record"; check(file: RecordFile, report: Report<C>, dataset: Dataset): void }
    | { scope: "dataset"; check(dataset: Dataset, report: Report<C>): void }
  );

/** Declares a check. The codes it may report are the keys of its `codes`: another is a compile error. */
export const defineCheck = <C extends string>(check: Check<C>): Check<C> => check;
