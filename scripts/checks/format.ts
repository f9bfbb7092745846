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
    if (found === undefined) {
      // Every line matched and the canonical text has one more: the final line break.
      const end = actual[line - 1] ?? "";
      report(file, {
        pointer: "",
        at: { line, column: codePointLength(end) + 1 },
        code: "format",
        message: "the file does not end with a line break",
        fix: "run `npm run fix`, or end the last line with a line break",
      });
      return;
    }
    if (line >= last) {
      // The record's last line matched: what differs comes after it.
      const after = actual[last] ?? "";
      report(file, {
        pointer: "",
        at: { line: last + 1, column: 1 },
        code: "format",
        message: `the record ends on line ${last}, but the file goes on: line ${last + 1} is ${after === "" ? "blank" : JSON.stringify(after)}`,
        fix: "run `npm run fix`, or delete what follows the record's closing brace",
      });
      return;
    }
    report(file, {
      pointer: "",
      at: { line: line + 1, column: 1 },
      code: "format",
      message: `line ${line + 1} is ${JSON.stringify(found)}, expected ${JSON.stringify(expected[line])}`,
      fix: "run `npm run fix`",
    });
  },
});
