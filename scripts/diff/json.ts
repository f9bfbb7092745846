import type { JsonObject, JsonValue } from "../lib/json.ts";
import type { Classification } from "./classify.ts";
import type { Diff, FieldChange, RecordChange } from "./compare.ts";

/*
 * The form for tools: one JSON object, in the same order as the other forms. Values are given
 * as they are in the records (a span as its object); the words shown to people are left to them.
 */

const defined = (entries: [string, JsonValue | undefined][]): JsonObject =>
  Object.fromEntries(
    entries.filter((entry): entry is [string, JsonValue] => entry[1] !== undefined),
  );

const fieldOf = (field: FieldChange): JsonObject =>
  defined([
    ["path", field.path],
    ["pointer", field.pointer],
    ["change", field.change],
    ["from", field.from],
    ["to", field.to],
  ]);

const recordOf = (record: RecordChange): JsonObject =>
  defined([
    ["change", record.change],
    ["collection", record.collection],
    ["id", record.id],
    ["previous_id", record.previousId],
    ["label", record.label],
    ["file", record.file],
    [
      "verdict",
      record.verdict &&
        defined([
          ["from", record.verdict.from],
          ["to", record.verdict.to],
          ["correction", record.verdict.correction?.entry ?? null],
        ]),
    ],
    ["fields", record.fields.map(fieldOf)],
  ]);

export function jsonReport(diff: Diff, meaning: Classification): string {
  const report = {
    from: diff.from,
    to: diff.to,
    semver: meaning.semver,
    reasons: meaning.reasons,
    types: meaning.types,
    records: diff.records.map(recordOf),
    schema: diff.schema,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
