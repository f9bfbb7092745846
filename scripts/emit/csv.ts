import { stringify } from "csv-stringify/sync";
import { tableRows } from "../lib/rows.ts";
import { type Row, type Table, tablesOf } from "../lib/tables.ts";
import type { Emitter } from "./emitter.ts";

/** Where a table's CSV goes in `dist/`. */
export const csvPathOf = (table: Table) => `csv/${table.name}.csv`;

/**
 * Rows are made into CSV this many at a time: each piece a few kilobytes, small enough that
 * no large string is made, and no stream between csv-stringify and the file (a stream costs
 * more per row than the CSV itself).
 */
const ROWS_PER_PIECE = 64;

/**
 * `csv/<table>.csv` for every table of lib/tables.ts: UTF-8 without BOM, a header row, RFC 4180
 * quoting (only where needed), LF line ends (declared in the Data Package's dialect), rows sorted
 * by primary key. Booleans are `true`/`false`; null and absent are both an empty cell. Each file
 * is written as csv-stringify makes it, a few rows at a time.
 */
export const csvEmitter: Emitter = {
  name: "csv",
  async emit(model, out) {
    for (const { table, rows } of tableRows(tablesOf(model.schemas), model.collections))
      await out.write(csvPathOf(table), csvPieces(table, rows));
  },
};

/** A table's CSV in pieces: the header row with the first rows (alone, for a table without rows), then the rest. */
function* csvPieces(table: Table, rows: readonly Row[]): Generator<string> {
  const options = {
    columns: table.columns.map((column) => column.name),
    record_delimiter: "unix",
    // csv-stringify's default writes true as "1" and false as "".
    cast: { boolean: (value: boolean) => String(value) },
  } as const;
  for (let from = 0; from === 0 || from < rows.length; from += ROWS_PER_PIECE)
    yield stringify(rows.slice(from, from + ROWS_PER_PIECE), { ...options, header: from === 0 });
}
