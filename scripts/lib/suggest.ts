import { createRequire } from "node:module";
import { byCodeUnits } from "./order.ts";

// Loaded when a suggestion is first needed: clean data needs none.
let levenshtein: typeof import("fastest-levenshtein") | undefined;
const distance = (a: string, b: string) => {
  levenshtein ??= createRequire(import.meta.url)(
    "fastest-levenshtein",
  ) as typeof import("fastest-levenshtein");
  return levenshtein.distance(a, b);
};

/**
 * The candidates nearest to a mistyped value, for "did you mean". Only close ones count: at
 * most a third of the value's length in edits, so unrelated names are never suggested.
 */
export function suggest(value: string, candidates: Iterable<string>, limit = 3): string[] {
  const threshold = Math.max(2, Math.floor(value.length / 3));
  return [...candidates]
    .map((candidate) => ({ candidate, cost: distance(value, candidate) }))
    .filter(({ cost }) => cost <= threshold)
    .sort((a, b) => a.cost - b.cost || byCodeUnits(a.candidate, b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** " (did you mean `a` or `b`?)", or "" when nothing is close. */
export function didYouMean(value: string, candidates: Iterable<string>): string {
  const near = suggest(value, candidates);
  if (near.length === 0) return "";
  return `did you mean ${near.map((n) => `\`${n}\``).join(" or ")}?`;
}
