import type { Problem } from "../lib/problem.ts";
import type { Diff } from "./compare.ts";

/*
 * A verdict is never changed silently: every change of verdict comes with a new entry in the
 * review's corrections log whose previous verdict is the verdict it replaced.
 */

export const UNCORRECTED_VERDICT = "verdict-uncorrected";

/** One problem on the verdict of each record whose verdict changed with no correction recording it. */
export function uncorrectedVerdicts(diff: Diff): Problem[] {
  return diff.records.flatMap(({ verdict, file, id }) => {
    if (!verdict || verdict.correction) return [];
    const from = JSON.stringify(verdict.from);
    const log = verdict.logField ? `\`${verdict.logField}\`` : "the corrections log";
    const previous = verdict.previousField ? `\`${verdict.previousField}\`` : "previous verdict";
    return [
      {
        file,
        line: verdict.line,
        column: verdict.column,
        severity: "error",
        code: UNCORRECTED_VERDICT,
        message: `the verdict of \`${id}\` changed from ${from} to ${JSON.stringify(verdict.to)} with no correction that records it`,
        fix: `add an entry to ${log} with ${previous} ${from}, the date, what changed and why`,
      },
    ];
  });
}
