import { canonicalText } from "../lib/canonical.ts";
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
    report(file, {
      pointer: "",
      at: { line: line + 1, column: 1 },
      code: "format",
      message: `line ${line + 1} is ${found === undefined ? "missing" : JSON.stringify(found)}, expected ${JSON.stringify(expected[line] ?? "")}`,
      fix: "run `npm run fix`",
    });
  },
});
