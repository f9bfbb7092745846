import type { Column, ColumnType, Scalar, Table } from "../../lib/tables.ts";

/** A quoted SQL identifier: `"name"`, with any `"` doubled. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A SQL literal for a scalar: strings quoted, booleans as 1 and 0. */
export const literal = (value: Scalar): string =>
  typeof value === "string"
    ? `'${value.replaceAll("'", "''")}'`
    : typeof value === "boolean"
      ? value
        ? "1"
        : "0"
      : String(value);

/** The storage type of each column type in a STRICT table. */
export const SQL_TYPES: Record<ColumnType, "TEXT" | "INTEGER" | "REAL"> = {
  string: "TEXT",
  integer: "INTEGER",
  number: "REAL",
  // 0 or 1, held to that by a CHECK.
  boolean: "INTEGER",
  // ISO 8601 `YYYY-MM-DD`, held to a real calendar date by a CHECK.
  date: "TEXT",
};

/** The CHECK constraints a column's type and allowed values need beyond its storage type. */
export function checksOf(column: Column): string[] {
  const name = ident(column.name);
  const checks: string[] = [];
  if (column.type === "boolean") checks.push(`${name} IN (0, 1)`);
  // date() normalises what it can parse (2013-02-30 becomes 2013-03-02) and is NULL otherwise.
  if (column.type === "date") checks.push(`date(${name}) IS ${name}`);
  if (column.enum) checks.push(`${name} IN (${column.enum.map(literal).join(", ")})`);
  return checks;
}

/** A `--` comment on one line. */
const comment = (text: string | undefined) =>
  text ? ` -- ${text.replace(/\s*\n\s*/g, " ").trim()}` : "";

/**
 * `CREATE TABLE` for a table of the table model: a STRICT table (each value must have its
 * column's storage type), NOT NULL for required columns, CHECKs for booleans, dates and enums,
 * the primary key and every foreign key. Each column carries its description as a comment,
 * which SQLite keeps in the stored schema.
 */
export function createTable(table: Table): string {
  const lines = table.columns.map((column) => {
    const parts = [ident(column.name), SQL_TYPES[column.type]];
    if (column.required) parts.push("NOT NULL");
    for (const check of checksOf(column)) parts.push(`CHECK (${check})`);
    return { sql: parts.join(" "), note: comment(column.description) };
  });
  lines.push({ sql: `PRIMARY KEY (${table.primaryKey.map(ident).join(", ")})`, note: "" });
  for (const { fields, reference } of table.foreignKeys)
    lines.push({
      sql: `FOREIGN KEY (${fields.map(ident).join(", ")}) REFERENCES ${ident(reference.table)} (${reference.fields.map(ident).join(", ")})`,
      note: "",
    });
  const body = lines
    .map(({ sql, note }, i) => `  ${sql}${i < lines.length - 1 ? "," : ""}${note}`)
    .join("\n");
  return `CREATE TABLE ${ident(table.name)} (\n${body}\n) STRICT`;
}
