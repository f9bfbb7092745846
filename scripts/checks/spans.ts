import { type CodePointText, codePointLength } from "../lib/codepoints.ts";
import { hashMatches } from "../lib/dataset.ts";
import { spansOf } from "../lib/spans.ts";
import { defineCheck } from "./check.ts";

const show = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** Folds the characters people type differently (curly quotes, no-break spaces, dashes). */
const loose = (text: string) =>
  text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u00a0/g, " ")
    .replace(/[\u2013\u2014]/g, "-");

export const spans = defineCheck({
  name: "spans",
  description:
    "Every span's `exact` is the source text at [start, end) in code points, and its prefix and suffix match.",
  scope: "dataset",
  codes: {
    "span-range": "Offsets outside the text, or an end not after the start.",
    "span-mismatch": "`exact` differs from the text at [start, end).",
    "span-context": "`prefix` or `suffix` differs from the text around the span.",
  },
  check(dataset, report) {
    for (const file of dataset.records) {
      for (const { pointer, keys, span: value } of spansOf(file)) {
        const source = dataset.sourceTexts.get(value.source);
        if (!source) continue; // a missing source is the references check's to report
        // A text that is no longer the one hashed is one problem, the source-hash check's: its
        // spans, made on the text before it changed, are not each reported again.
        if (!hashMatches(source)) continue;
        const { start, end, exact } = value;
        const text = source.text;
        if (end <= start || end > text.length) {
          report(file, {
            pointer: `${pointer}/${keys.end}`,
            code: "span-range",
            message: `span [${start}, ${end}) does not fit the text of \`${value.source}\` (${text.length} code points)`,
            fix: `${where(text, exact)}`,
          });
          continue;
        }
        const actual = text.slice(start, end);
        if (actual !== exact) {
          report(file, {
            pointer: `${pointer}/${keys.exact}`,
            code: "span-mismatch",
            message: `exact is ${show(exact)} but the text at [${start}, ${end}) is ${show(actual)}`,
            fix: where(text, exact),
          });
          continue;
        }
        for (const side of ["prefix", "suffix"] as const) {
          const context = value[side];
          const key = keys[side];
          if (typeof context !== "string") continue;
          const [from, to] =
            side === "prefix"
              ? [start - codePointLength(context), start]
              : [end, end + codePointLength(context)];
          // A context reaching past either end of the text is cut there, so it differs.
          const found = text.slice(from, to);
          if (found !== context) {
            report(file, {
              pointer: `${pointer}/${key}`,
              code: "span-context",
              message: `${key} is ${show(context)} but the text ${side === "prefix" ? "before" : "after"} the span is ${show(found)}`,
              fix: `set ${key} to ${JSON.stringify(found)}, or remove it`,
            });
          }
        }
      }
    }
  },
});

/** Says where `exact` does occur, so the fix is one edit away. */
function where(text: CodePointText, exact: string): string {
  const at = text.occurrences(exact);
  const length = codePointLength(exact);
  if (at.length === 1)
    return `the text occurs at [${at[0]}, ${(at[0] ?? 0) + length}): set start and end to those`;
  if (at.length > 1)
    return `the text occurs ${at.length} times, at ${at.map((s) => `[${s}, ${s + length})`).join(", ")}: pick one, and add a prefix or suffix`;
  const folded = loose(text.text).indexOf(loose(exact));
  if (folded !== -1) {
    const s = text.toCodePoint(folded);
    return `the text has ${show(text.slice(s, s + length))} at [${s}, ${s + length}): copy its quotes, spaces and dashes exactly`;
  }
  return `copy the characters from the source text; \`npm run span -- "<text>"\` prints the span`;
}
