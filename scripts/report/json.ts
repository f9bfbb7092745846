import type { Problem } from "../lib/problem.ts";

/** Machine-readable report: an array of `{file, line, column, severity, code, message, fix?}`. */
export const formatJson = (problems: readonly Problem[]): string =>
  `${JSON.stringify(problems, null, 2)}\n`;
