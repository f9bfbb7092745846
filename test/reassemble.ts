import { expect } from "vitest";
import { isObject, type JsonObject, type JsonValue } from "../scripts/lib/json.ts";
import type { Column, Table } from "../scripts/lib/tables.ts";

/** A row as a reader gives it: CSV cells are strings, SQLite's are typed. */
export type ReadRow = Record<string, unknown>;

/** Whether the object that would hold `path`'s last step exists. */
function holds(value: JsonObject, path: string[]): boolean {
  let current: JsonValue | undefined = value;
  for (const step of path.slice(0, -1)) current = isObject(current) ? current[step] : undefined;
  return isObject(current);
}

function setAt(value: JsonObject, path: string[], leaf: JsonValue) {
  let current = value;
  for (const step of path.slice(0, -1)) {
    const next = current[step];
    if (isObject(next)) current = next;
    else {
      const made: JsonObject = {};
      current[step] = made;
      current = made;
    }
  }
  current[path.at(-1) as string] = leaf;
}

/**
 * Rebuilds a collection's records from its tables as read back (from CSV files or a database),
 * using only the table model: the proof that an export loses nothing. `decode` turns a cell into
 * its JSON value, or undefined for an empty one.
 */
export function reassemble(
  tables: Table[],
  rows: Map<string, ReadRow[]>,
  collection: string,
  decode: (column: Column, cell: unknown, where: string) => JsonValue | undefined,
): JsonValue[] {
  const own = tables.filter((t) => t.collection === collection);
  const rowOf = (table: Table, row: ReadRow): JsonValue => {
    const item: JsonObject = {};
    const empties: string[][] = [];
    for (const column of table.columns) {
      if (!column.path) continue;
      const value = decode(column, row[column.name], `${table.name}.${column.name}`);
      // A row of a list of scalars is the scalar itself.
      if (column.path.length === 0) return value ?? null;
      if (value !== undefined) setAt(item, column.path, value);
      else if (column.nullable) empties.push(column.path);
    }
    for (const child of own.filter((t) => t.parent?.table === table.name)) {
      const { key, at, requiredArray } = child.parent ?? { key: [], at: [], requiredArray: false };
      const items = (rows.get(child.name) ?? [])
        .filter((r) => key.every((k, i) => r[k] === row[table.primaryKey[i] ?? ""]))
        .sort((a, b) => Number(a.position) - Number(b.position));
      expect(
        items.map((r) => Number(r.position)),
        `${child.name}: positions count from 0`,
      ).toEqual(items.map((_, i) => i));
      const values = items.map((r) => rowOf(child, r));
      if (values.length > 0 || (requiredArray && holds(item, at))) setAt(item, at, values);
    }
    for (const path of empties) if (holds(item, path)) setAt(item, path, null);
    return item;
  };
  const main = own.find((t) => !t.parent);
  if (!main) throw new Error(`no main table for ${collection}`);
  return (rows.get(main.name) ?? []).map((row) => rowOf(main, row));
}
