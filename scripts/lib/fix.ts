import { canonicalText } from "./canonical.ts";
import type { RecordFile } from "./dataset.ts";
import type { JsonObject } from "./json.ts";

/** The relative path from a record file to its collection's schema, as `$schema` names it. */
export const schemaPathFor = (file: RecordFile): string =>
  `../../schema/${file.collection.schemaFile}`;

/**
 * The canonical text of a record file, with `$schema` added when missing. It never drops or
 * changes a value: only key order, whitespace and the `$schema` pointer can differ.
 */
export function fixedText(file: RecordFile): string {
  const value: JsonObject = Object.hasOwn(file.value, "$schema")
    ? file.value
    : { $schema: schemaPathFor(file), ...file.value };
  return canonicalText(value, file.collection);
}
