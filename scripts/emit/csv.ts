import { stringify } from "csv-stringify/sync";
import { rowsOf } from "../lib/rows.ts";
import { type Table, tablesOf } from "../lib/tables.ts";
import type { Emitter } from "./emitter.ts";

/** Where a table's CSV goes in `dist/`. */
export const csvPathOf = (table: Table) => `csv/${table.name}.csv`;

/**
 * `csv/<table>.csv` for every table of lib/tables.ts: UTF-8 without BOM, a header row, RFC 4180
 * quoting (only where needed), LF line ends (declared in the Data Package's dialect), rows sorted
 * by primary key. Booleans are `true`/`false`; null and absent are both an empty cell.
 */
export const csvEmitter: Emitter = {
  name: "csv",
  emit(model, out) {
    const tables = tablesOf(model.schemas);
    const rows = rowsOf(tables, model.collections);
    for (const table of tables) {
      const csv = stringify(rows.get(table.name) ?? [], {
        header: true,
        columns: table.columns.map((column) => column.name),
        record_delimiter: "unix",
        // csv-stringify's default writes true as "1" and false as "".
        cast: { boolean: (value) => String(value) },
      });
      out.set(csvPathOf(table), csv);
      // Each table's rows can go once written: at corpus scale they are as large as the data.
      rows.delete(table.name);
    }
  },
};
