import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { tableRows } from "../lib/rows.ts";
import { type Table, tablesOf } from "../lib/tables.ts";
import type { Emitter } from "./emitter.ts";

/** Where a table's CSV goes in `dist/`. */
export const csvPathOf = (table: Table) => `csv/${table.name}.csv`;

/**
 * `csv/<table>.csv` for every table of lib/tables.ts: UTF-8 without BOM, a header row, RFC 4180
 * quoting (only where needed), LF line ends (declared in the Data Package's dialect), rows sorted
 * by primary key. Booleans are `true`/`false`; null and absent are both an empty cell. Each file
 * is written as csv-stringify makes it, a collection's rows at a time.
 */
export const csvEmitter: Emitter = {
  name: "csv",
  async emit(model, out) {
    for (const { table, rows } of tableRows(tablesOf(model.schemas), model.collections)) {
      const csv = stringify({
        header: true,
        columns: table.columns.map((column) => column.name),
        record_delimiter: "unix",
        // csv-stringify's default writes true as "1" and false as "".
        cast: { boolean: (value) => String(value) },
      });
      await Promise.all([pipeline(Readable.from(rows), csv), out.write(csvPathOf(table), csv)]);
    }
  },
};
