import { isObject, type JsonObject, type JsonValue } from "./json.ts";
import { type Collection, textOf } from "./schemas/index.ts";
import { type Cell, RECORDS_TABLE, type Row, type Table } from "./tables.ts";

/*
 * The rows of the tables the table model describes, taken from validated records: what the CSV
 * and SQLite emitters write.
 */

/**
 * The rows of every table, sorted by primary key, one table at a time: a collection's tables
 * come from its records alone, so only one collection's rows are ever held; the table of every
 * record comes last.
 */
export function* tableRows(
  tables: readonly Table[],
  collections: readonly { collection: Collection; records: JsonObject[] }[],
): Generator<{ table: Table; rows: Row[] }> {
  const everyRecord: Row[] = [];
  for (const { collection, records } of collections) {
    for (const record of records) {
      const id = cellOf(record.id);
      const label = textOf(record, collection, "label") ?? id;
      everyRecord.push({ id, collection: collection.name, label });
    }
    // The value behind each row, so that a link table finds its array in its parent's rows.
    const items = new Map<string, { row: Row; value: JsonValue }[]>();
    for (const table of tables.filter((t) => t.collection === collection.name)) {
      const { parent } = table;
      const made: { row: Row; value: JsonValue }[] = parent
        ? (items.get(parent.table) ?? []).flatMap((item) => {
            const array = valueAt(item.value, parent.at);
            if (!Array.isArray(array)) return [];
            return array.map((value, position) => ({
              row: keyCells(table, item.row, position),
              value,
            }));
          })
        : records.map((record) => ({ row: {}, value: record as JsonValue }));
      for (const { row, value } of made) {
        for (const column of table.columns) {
          if (column.path) row[column.name] = cellOf(valueAt(value, column.path));
        }
      }
      items.set(table.name, made);
      yield { table, rows: made.map((item) => item.row).sort(byKey(table)) };
    }
  }
  const recordsTable = tables.find((t) => t.name === RECORDS_TABLE);
  if (recordsTable) yield { table: recordsTable, rows: everyRecord.sort(byKey(recordsTable)) };
}

const byKey = (table: Table) => (a: Row, b: Row) => compareKeys(table.primaryKey, a, b);

/** Orders rows by their key cells: numbers by value, strings by code unit (no locale). */
function compareKeys(keys: string[], a: Row, b: Row): number {
  for (const key of keys) {
    const [x, y] = [a[key] ?? "", b[key] ?? ""];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** A link row's key cells: its parent row's key, then its own position. */
function keyCells(table: Table, parentRow: Row, position: number): Row {
  const row: Row = {};
  const parentKey = table.foreignKeys[0]?.reference.fields ?? [];
  table.parent?.key.forEach((column, i) => {
    row[column] = parentRow[parentKey[i] ?? ""] ?? null;
  });
  row.position = position;
  return row;
}

function valueAt(value: JsonValue | undefined, path: string[]): JsonValue | undefined {
  let current = value;
  for (const step of path) current = isObject(current) ? current[step] : undefined;
  return current;
}

function cellOf(value: JsonValue | undefined): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === "object")
    throw new Error(`a table cell cannot hold ${JSON.stringify(value)}`);
  return value;
}
