import { canonicalText } from "./canonical.ts";
import type { JsonObject } from "./json.ts";
import type { RecordFile } from "./record.ts";

/**
 * The canonical text of a record file, with `$schema` added when missing. It never drops or
 * changes a value: only key order, whitespace and the `$schema` pointer can differ.
 */
export function fixedText(file: RecordFile): string {
  const value: JsonObject = Object.hasOwn(file.value, "$schema")
    ? file.value
    : { $schema: file.schemaPath, ...file.value };
  return canonicalText(value, file.collection);
}
