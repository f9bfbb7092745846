import { canonicalText } from "../lib/canonical.ts";
import { codePointLength } from "../lib/codepoints.ts";
import { defineCheck } from "./check.ts";

export const format = defineCheck({
  name: "format",
  description:
    "Each file is in the one canonical form (2-space indent, keys in schema order, LF, final newline), so diffs show only real changes.",
  scope: "record",
  skipsRecordsFailing: ["schema", "strings"],
  codes: { format: "The file differs from its canonical form; `npm run fix` rewrites it." },
  check(file, report, dataset) {
    // Key order comes from the folder's schema; wrong-folder reports a misplaced record.
    if (file.isCanonical || file.isMisplaced(dataset.schemas)) return;
    const expected = canonicalText(file.value, file.collection).split("\n");
    const actual = file.text.split("\n");
    let line = 0;
    while (line < actual.length && actual[line] === expected[line]) line++;
    const found = actual[line];
    const last = expected.length - 1;
    // Every line matched and the canonical text has one more: the final line break; or the
    // record's last line matched and what differs comes after it; or a line differs.
    const { at, message, fix } =
      found === undefined
        ? {
            at: { line, column: codePointLength(actual[line - 1] ?? "") + 1 },
            message: "the file does not end with a line break",
            fix: "run `npm run fix`, or end the last line with a line break",
          }
        : line >= last
          ? {
              at: { line: last + 1, column: 1 },
              message: `the record ends on line ${last}, but the file goes on: line ${last + 1} is ${actual[last] === "" ? "blank" : JSON.stringify(actual[last])}`,
              fix: "run `npm run fix`, or delete what follows the record's closing brace",
            }
          : {
              at: { line: line + 1, column: 1 },
              message: `line ${line + 1} is ${JSON.stringify(found)}, expected ${JSON.stringify(expected[line])}`,
              fix: "run `npm run fix`",
            };
    report(file, { pointer: "", at, code: "format", message, fix });
  },
});
