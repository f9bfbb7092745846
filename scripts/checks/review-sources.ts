import type { Dataset } from "../lib/dataset.ts";
import type { JsonValue } from "../lib/json.ts";
import type { RecordFile } from "../lib/record.ts";
import type { Field, Role } from "../lib/schemas/index.ts";
import { perCollection, valuesAt } from "../lib/walk.ts";
import { defineCheck, type Report } from "./check.ts";

// The roles this check reads from the schemas (`x-role`); it names no collection or field.
const EXPLANATION: Role = "explanation";
const SOURCE_NAME: Role = "source-name";

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isLetterOrDigit = (codePoint: number | undefined) =>
  codePoint !== undefined && LETTER_OR_DIGIT.test(String.fromCodePoint(codePoint));

/** The code point that ends just before `at`: the pair, when it is an astral character's. */
function codePointBefore(text: string, at: number): number | undefined {
  if (at === 0) return undefined;
  const low = text.charCodeAt(at - 1);
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0;
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff
    ? text.codePointAt(at - 2)
    : low;
}

/** Whether a text names a name as a whole word: not inside a longer word (letters and digits on either side). */
function namesWord(text: string, name: string): boolean {
  // An empty name (which the schema refuses) is in every text and names nothing.
  if (name === "") return false;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1))
    if (
      !isLetterOrDigit(codePointBefore(text, at)) &&
      !isLetterOrDigit(text.codePointAt(at + name.length))
    )
      return true;
  return false;
}

const sourceNameFields = perCollection((c) =>
  c.fields.filter((f) => f.roles.includes(SOURCE_NAME)),
);
const explanationField = perCollection((c) => c.fields.find((f) => f.roles.includes(EXPLANATION)));

// A name that is not a string, or of no characters, names nothing: the schema reports it, and
// a source left without a name is not then reported as never named.
const isName = (value: JsonValue): value is string => typeof value === "string" && value !== "";
const strings = (value: JsonValue): string[] =>
  Array.isArray(value) ? value.filter(isName) : isName(value) ? [value] : [];

/** The names each source record goes by, from its `source-name` fields. */
function sourceNames(dataset: Dataset): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const file of dataset.records) {
    const fields = sourceNameFields(file.collection);
    if (fields.length === 0) continue;
    names.set(
      file.id,
      fields.flatMap((field) => valuesAt(file.value, field).flatMap((v) => strings(v.value))),
    );
  }
  return names;
}

export const reviewSources = defineCheck({
  name: "review-sources",
  description:
    "A review's explanation names exactly the sources it cites: every source named (by a citation's short names) is cited, and every cited source is named.",
  scope: "dataset",
  codes: {
    "review-source-not-cited":
      "A review's explanation names a source (a citation's short name) that its evidence does not cite.",
    "review-source-unused":
      "A review cites a source that its explanation never names, so the reader cannot tell what it was used for.",
  },
  check(dataset, report) {
    const names = sourceNames(dataset);
    if (names.size === 0) return;
    const sourceCollections = new Set(
      dataset.schemas.collections
        .filter((c) => c.fields.some((f) => f.roles.includes(SOURCE_NAME)))
        .map((c) => c.name),
    );
    // Every name, with the sources that go by it (several reports may share `Reuters`).
    const byName = new Map<string, Set<string>>();
    for (const [id, list] of names)
      for (const name of list) byName.set(name, (byName.get(name) ?? new Set()).add(id));
    const all = [...byName.keys()];
    const citingFields = perCollection((c) =>
      c.fields.filter((f: Field) => f.references?.some((name) => sourceCollections.has(name))),
    );
    for (const file of dataset.records) {
      const explanation = explanationField(file.collection);
      if (!explanation) continue;
      const citing = citingFields(file.collection);
      const [text] = valuesAt(file.value, explanation);
      const words = text?.value;
      // An explanation that is missing or empty is the schema check's to report: that it names
      // none of the sources cited is the same mistake, not another.
      if (!text || typeof words !== "string" || words === "") continue;
      const named = all.filter((name) => namesWord(words, name));
      checkOne(file, text.pointer, citing, names, byName, named, report);
    }
  },
});

function checkOne(
  file: RecordFile,
  textPointer: string,
  citing: Field[],
  names: Map<string, string[]>,
  byName: Map<string, Set<string>>,
  named: string[],
  report: Report<keyof (typeof reviewSources)["codes"]>,
) {
  const cited = citing.flatMap((field) =>
    valuesAt(file.value, field).filter(
      (v): v is { pointer: string; value: string } => typeof v.value === "string",
    ),
  );
  const citedIds = new Set(cited.map((c) => c.value));
  // A name inside a longer named one (`Times` in `Irish Times`) is not a name of its own here.
  const own = named.filter(
    (name) => !named.some((other) => other !== name && other.includes(name)),
  );
  for (const name of own) {
    const holders = byName.get(name) ?? new Set<string>();
    // Many sources may share a name: the few cited ids are looked up among its holders.
    if ([...citedIds].some((id) => holders.has(id))) continue;
    report(file, {
      pointer: textPointer,
      code: "review-source-not-cited",
      message: `the explanation names ${quote(name)}, but the evidence cites no source of that name (${[...holders].map(quote).join(", ")})`,
      fix: `add an evidence item for the ${quote(name)} source the explanation relies on, or reword the explanation`,
    });
  }
  const reported = new Set<string>();
  for (const { pointer, value } of cited) {
    const list = names.get(value);
    if (!list || list.length === 0 || reported.has(value)) continue;
    if (list.some((name) => own.includes(name) || named.includes(name))) continue;
    reported.add(value);
    report(file, {
      pointer,
      code: "review-source-unused",
      message: `${quote(value)} is cited, but the explanation never names it (as ${list.map(quote).join(" or ")})`,
      fix: "say in the explanation what this source shows, naming it, or drop its evidence item",
    });
  }
}

const quote = (text: string) => `\`${text}\``;
