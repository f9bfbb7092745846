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

/**
 * Every stage's codes in one table, in stage order. A code two stages declare would lose one
 * meaning in a merged table: it is refused when the table is made, naming both stages.
 */
export function codeTable(stages: readonly Codes[]): Record<string, string> {
  const table: Record<string, string> = {};
  const declaredBy = new Map<string, string>();
  for (const { name, codes } of stages) {
    for (const [code, meaning] of Object.entries<string>(codes)) {
      const first = declaredBy.get(code);
      if (first !== undefined)
        throw new Error(`the code \`${code}\` is declared by both ${first} and ${name}`);
      declaredBy.set(code, name);
      table[code] = meaning;
    }
  }
  return table;
}
