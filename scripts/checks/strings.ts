import { codePointName } from "../lib/codepoints.ts";
import { FORBIDDEN_KEYS, isObject, type JsonValue, pointerOf } from "../lib/json.ts";
import { VERBATIM_ROLES } from "../lib/schemas/index.ts";
import { perCollection } from "../lib/walk.ts";
import { defineCheck, type Finding } from "./check.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// Zero-width characters and bidirectional controls: invisible in an editor and a review, yet
// they change what a reader sees (Trojan Source, CVE-2021-42574).
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff]/u;
// A cell starting with one of these is a formula to a spreadsheet (CSV injection).
const FORMULA = /^[=+\-@\t\r]/;
// Span text must equal the source verbatim: its normalization, line breaks and leading
// characters are the source's, checked by the spans check, not rules of style. Which fields
// are verbatim is the schema's to say, by role; here they are paths with `*` for array items.
const verbatimPaths = perCollection(
  (collection) =>
    new Set(
      collection.fields
        .filter((field) => field.roles.some((role) => VERBATIM_ROLES.has(role)))
        .map((field) => field.path.join("/")),
    ),
);
const LINE_BREAK = "\n";
// Every string of every record passes here, and nearly all are clean: one test of each rules
// most out before the exact checks in `inspect`. A string without a control or invisible
// character (ANY_CONTROL_OR_INVISIBLE), without a formula prefix and without a character from
// U+0300 up (below it every character is NFC and composes with none) has nothing to report.
const ANY_CONTROL_OR_INVISIBLE = new RegExp(`${CONTROL.source}|${INVISIBLE.source}`, "u");
const FROM_U0300 = /[\u0300-\uffff]/;

// The same tests on a record's whole text. Without a backslash every string and key is
// written out as itself between quotes, which start no formula, join no character and break no
// normalization: a text clean as a whole has no string or key to inspect. (Tab, line feed and
// carriage return can only be whitespace between tokens there: inside a string JSON escapes them.)
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const TEXT_FORMULA_OR_FORBIDDEN = /"(?:[=+\-@]|(?:__proto__|constructor|prototype)")/;
const isCleanText = (text: string) =>
  !text.includes("\\") &&
  !TEXT_CONTROL.test(text) &&
  !INVISIBLE.test(text) &&
  !TEXT_FORMULA_OR_FORBIDDEN.test(text) &&
  (!FROM_U0300.test(text) || text.normalize("NFC") === text);

const isClean = (text: string, verbatim: boolean, what: "string" | "key") =>
  !ANY_CONTROL_OR_INVISIBLE.test(text) &&
  (verbatim ||
    ((what === "key" || !FORMULA.test(text)) &&
      (!FROM_U0300.test(text) || text.normalize("NFC") === text)));

export const strings = defineCheck({
  name: "strings",
  description:
    "No string or key hides characters a reviewer cannot see, turns into a spreadsheet formula, or breaks objects in JavaScript.",
  scope: "record",
  codes: {
    "control-character": "A control character (U+0000–U+001F, U+007F–U+009F) in a string or key.",
    "invisible-character":
      "A zero-width or bidirectional-control character (Trojan Source) in a string or key.",
    "formula-prefix":
      "A string that starts with =, +, -, @, tab or carriage return: a formula when the CSV is opened in a spreadsheet.",
    "not-nfc": "A string that is not in Unicode Normalization Form C.",
    "forbidden-key": "A key named __proto__, constructor or prototype.",
  },
  check(file, report) {
    if (isCleanText(file.text)) return;
    const verbatimAt = verbatimPaths(file.collection);
    // The path to the current value, turned into a pointer only for a finding.
    const tokens: (string | number)[] = [];
    const visit = (value: JsonValue) => {
      if (typeof value === "string") {
        // Nearly every string is clean by the strict rules; only the rest need to know whether
        // they are verbatim, which costs a path.
        if (isClean(value, false, "string")) return;
        const verbatim =
          verbatimAt.size > 0 &&
          verbatimAt.has(tokens.map((t) => (typeof t === "number" ? "*" : t)).join("/"));
        if (isClean(value, verbatim, "string")) return;
        for (const finding of inspect(value, tokens, verbatim)) report(file, finding);
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          tokens.push(i);
          visit(value[i] as JsonValue);
          tokens.pop();
        }
      } else if (isObject(value)) {
        for (const key of Object.keys(value)) {
          tokens.push(key);
          if (FORBIDDEN_KEYS.has(key)) {
            report(file, {
              pointer: pointerOf(tokens),
              part: "key",
              code: "forbidden-key",
              message: `key \`${key}\` can rewrite an object's prototype in JavaScript consumers`,
              fix: "remove it; no schema defines it",
            });
          }
          if (!isClean(key, false, "key")) {
            for (const finding of inspect(key, tokens, false, "key"))
              report(file, { ...finding, part: "key" });
          }
          visit(value[key] as JsonValue);
          tokens.pop();
        }
      }
    };
    visit(file.value);
  },
});

type StringCode = keyof (typeof strings)["codes"];

function* inspect(
  text: string,
  tokens: (string | number)[],
  verbatim: boolean,
  what: "string" | "key" = "string",
): Generator<Finding<StringCode>> {
  const pointer = pointerOf(tokens);
  const control = CONTROL.exec(verbatim ? text.replaceAll(LINE_BREAK, " ") : text);
  if (control) {
    yield {
      pointer,
      code: "control-character",
      message: `${what} has the control character ${codePointName(control[0])} at position ${control.index}`,
      fix: "remove it (a line break inside a field is not allowed either)",
    };
  }
  const invisible = INVISIBLE.exec(text);
  if (invisible) {
    yield {
      pointer,
      code: "invisible-character",
      message: `${what} has the invisible character ${codePointName(invisible[0])} at position ${invisible.index}`,
      fix: "remove it: it changes how the text displays without being seen",
    };
  }
  if (what === "string" && !verbatim && FORMULA.test(text)) {
    yield {
      pointer,
      code: "formula-prefix",
      message: `${JSON.stringify(text.slice(0, 20))} starts with ${JSON.stringify(text[0])}, which a spreadsheet runs as a formula`,
      fix: "reword it so that it does not start with =, +, -, @, tab or carriage return",
    };
  }
  if (!verbatim && text.normalize("NFC") !== text) {
    yield {
      pointer,
      code: "not-nfc",
      message: `${what} is not in Unicode NFC (it has decomposed characters)`,
      fix: "normalize it to NFC (`npm run fix` does not change values: retype the accented letters)",
    };
  }
}
