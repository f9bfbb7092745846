import type { Problem } from "../lib/problem.ts";

/**
 * Codes whose problem explains problems on other files: a source text that changed moves every
 * span in it, and a record that does not parse leaves every reference to it unknown.
 */
const CAUSES: ReadonlySet<string> = new Set(["source-hash", "json-syntax"]);

/**
 * The problems in the order a reviewer of a change should read them: the causes of a cascade
 * first, then the problems on the files the change touched, then the rest, each group in the
 * order given. GitHub shows only the first few annotations of a step, so these come first.
 */
export function changedFirst(
  problems: readonly Problem[],
  changed: ReadonlySet<string>,
): Problem[] {
  const rank = (p: Problem) => (CAUSES.has(p.code) ? 0 : 2) + (changed.has(p.file) ? 0 : 1);
  return problems
    .map((problem, index) => ({ problem, index, rank: rank(problem) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ problem }) => problem);
}
