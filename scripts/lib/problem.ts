import { byCodeUnits } from "./order.ts";
/** One problem found in the data: where it is, which check found it, and what to do. */
export interface Problem {
  /** Path of the file, relative to the data folder's parent as the user named it. */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** Stable check code, such as `span-mismatch`. */
  code: string;
  /** What is wrong: what was found and what was expected. */
  message: string;
  /** The action to take. */
  fix?: string;
}

export type Severity = "error" | "warning";

export const bySeverityThenPosition = (a: Problem, b: Problem): number =>
  byCodeUnits(a.file, b.file) ||
  a.line - b.line ||
  a.column - b.column ||
  byCodeUnits(a.code, b.code) ||
  byCodeUnits(a.message, b.message);

/** A stage of validation and the codes it reports, each with one line on what it means. */
export interface Codes<C extends string = string> {
  name: string;
  description: string;
  codes: Readonly<Record<C, string>>;
}
