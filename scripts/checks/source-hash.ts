import { createHash } from "node:crypto";
import { hashMatches, storedHash } from "../lib/dataset.ts";
import { positionOfOffset } from "../lib/locate.ts";
import { type Span, spansOf } from "../lib/spans.ts";
import { firstDeparture, knownCharacters } from "../lib/text-change.ts";
import { defineCheck } from "./check.ts";

/** What an editor or Git may do to a whole text, undone: if undoing it gives the hash, that was it. */
const UNDONE = [
  {
    undo: (text: string) => text.replaceAll("\r\n", "\n"),
    what: "its lines end in CR LF where the article's end in LF (Git converts them on checkout when `core.autocrlf` is set)",
    fix: "save it with LF line endings again (set `git config core.autocrlf false` and check the file out again, or switch the editor's line endings to LF)",
    at: (text: string) => text.indexOf("\r\n"),
  },
  {
    undo: (text: string) => text.replace(/^\uFEFF/, ""),
    what: "it starts with a byte-order mark the article does not have",
    fix: "save it as UTF-8 without a byte-order mark",
    at: () => 0,
  },
];

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export const sourceHash = defineCheck({
  name: "source-hash",
  description:
    "A source's stored sha256 matches its text, so offsets are known to point into the same snapshot.",
  scope: "dataset",
  codes: {
    "source-hash":
      "A source text that is not the one its record's SHA-256 was taken of (reported on the text, where it first differs; its spans are then not checked one by one).",
  },
  check(dataset, report) {
    // Read only when a text has changed: a clean run never needs them.
    let spans: Span[] | undefined;
    for (const file of dataset.records) {
      const source = dataset.sourceTexts.get(file.name);
      const stored = source && storedHash(source);
      if (!source || !stored || source.record !== file || hashMatches(source)) continue;
      const text = source.text.text;
      const record = `the ${stored.key} in ${file.display}`;
      const restore = `restore the article byte for byte (\`git checkout main -- ${source.display}\`): its own mistakes, a misspelt name say, stay as written and are noted in the records about them`;
      const undone = UNDONE.find(
        ({ undo }) => undo(text) !== text && sha256(undo(text)) === stored.value,
      );
      if (undone) {
        report(file, {
          pointer: "",
          path: source.display,
          at: positionOfOffset(text, undone.at(text)),
          code: "source-hash",
          message: `this is not the text ${record} was taken of: ${undone.what}`,
          fix: undone.fix,
        });
        continue;
      }
      spans ??= dataset.records.flatMap((record) => spansOf(record).map(({ span }) => span));
      const own = spans.filter((span) => span.source === file.name);
      const departure = firstDeparture(source.text, knownCharacters(own));
      const crlf = text.includes("\r\n")
        ? " (its lines end in CR LF, as Git may have made them)"
        : "";
      if (departure) {
        const at = source.text.slice(0, departure.at).length;
        report(file, {
          pointer: "",
          path: source.display,
          at: positionOfOffset(text, at),
          code: "source-hash",
          message: `this text was changed after its spans were made${crlf}: they read ${JSON.stringify(departure.had)} here, the text now has ${JSON.stringify(departure.has)}; it hashes to ${source.sha256}, not to ${record}`,
          fix: `${restore}; the spans are checked again once it is`,
        });
        continue;
      }
      report(file, {
        pointer: "",
        path: source.display,
        at: { line: 1, column: 1 },
        code: "source-hash",
        message: `this text hashes to ${source.sha256}, but ${record} is ${stored.value}${crlf}; every span still reads the text right, so no span shows where it differs`,
        fix: `${restore}; only if the text is exactly the article and ${stored.key} was mistyped, set ${stored.key} to ${source.sha256}`,
      });
    }
  },
});
