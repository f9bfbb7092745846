import { writeFileAtomic } from "./atomic.mjs";
import { canonicalText } from "./canonical.ts";
import { listDataset } from "./dataset.ts";
import type { JsonObject } from "./json.ts";
import { readLimited } from "./read-record.ts";
import type { RecordFile } from "./record.ts";
import type { Schemas } from "./schemas/index.ts";

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The record files that start with a UTF-8 byte-order mark, with the mark taken off when
 * `write`: the three bytes are the only ones removed, so that the file then loads as a record
 * and nothing of it is lost. Source texts are never touched: their bytes are hashed.
 */
export function dropByteOrderMarks(dataDir: string, schemas: Schemas, write: boolean): string[] {
  const marked: string[] = [];
  for (const { path } of listDataset(dataDir, schemas).entries) {
    const bytes = readLimited(path);
    if (typeof bytes === "number" || !bytes.subarray(0, 3).equals(BYTE_ORDER_MARK)) continue;
    if (write) writeFileAtomic(path, bytes.subarray(3));
    marked.push(path);
  }
  return marked;
}

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
