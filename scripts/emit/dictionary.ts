import { BANNER } from "../lib/banner.ts";
import { markdownTable } from "../lib/markdown.ts";
import type { Schemas } from "../lib/schemas/index.ts";
import { type Column, RECORDS_TABLE, type Table, tablesOf } from "../lib/tables.ts";
import { AVERITEC_FILE, averitecLabelTable, reviewsWithMapping } from "./averitec.ts";
import { csvPathOf } from "./csv.ts";
import type { Emitter } from "./emitter.ts";
import { databaseOf, type View } from "./sqlite/database.ts";
import { SQL_TYPES } from "./sqlite/sql.ts";
import { sqlitePathOf } from "./sqlite.ts";

/** The opening: how the tables are named and keyed, with examples from this dataset's tables. */
function intro(tables: Table[]): string {
  const nested = tables
    .flatMap((t) => (t.parent ? [] : t.columns))
    .find((c) => c.title.includes(".") && !c.title.includes("[]"));
  const links = tables.filter((t) => t.parent);
  const oneLevel = links.find((t) => t.name.split("__").length === 2);
  const twoLevels = links.find((t) => t.name.split("__").length === 3);
  const recordKey = oneLevel?.primaryKey[0];
  return `Every CSV in \`csv/\` is one table. No cell holds JSON or a list:

- \`<collection>\` has one row per record, keyed by \`id\`. Nested objects are flattened with \`_\`${nested ? `:\n  ${code(nested.title)} is the column ${code(nested.name)}` : ""}.
- \`<collection>__<array>\` has one row per item of a list in a record, named by the list's path
  joined with \`_\`${oneLevel ? ` (${code(oneLevel.name)})` : ""}; a list inside a list's items adds a level after
  another \`__\`${twoLevels ? ` (${code(twoLevels.name)})` : ""}. Its key is the parent row's key
  (\`<record>_id\`${recordKey ? `, such as ${code(recordKey)}` : ""}, then \`<level>_position\` for each enclosing list)
  followed by \`position\`, the item's 0-based place in its list. A list of ids or words has one
  value column named after the list.
- \`${RECORDS_TABLE}\` lists every record id with its collection: a reference that may point into
  several collections is a foreign key to \`${RECORDS_TABLE}.id\`.

Files are UTF-8 without a byte order mark, with a header row, RFC 4180 quoting and LF line ends.
An empty cell means the field is absent, or \`null\` where the column says so. Booleans are
\`true\` and \`false\`. \`datapackage.json\` describes the same tables as a Frictionless Data
Package.`;
}

/** `data-dictionary.md`: every table and column, generated from the schemas. */
export const dictionaryEmitter: Emitter = {
  name: "dictionary",
  emit(model, out) {
    const tables = tablesOf(model.schemas);
    const sections = [
      `> ${BANNER}`,
      `# Data dictionary: ${model.name} ${model.version}`,
      intro(tables),
      ...tables.filter((t) => !t.collection).map(tableSection),
      ...model.collections.flatMap(({ collection }) => [
        `## ${collection.title} (\`${collection.name}\`)`,
        ...tables.filter((t) => t.collection === collection.name).map(tableSection),
      ]),
      ...sqliteSections(model.schemas, sqlitePathOf(model)),
      averitecSection(model.schemas),
    ];
    out.set("data-dictionary.md", `${sections.filter(Boolean).join("\n\n")}\n`);
  },
};

function tableSection(table: Table): string {
  const level = table.collection ? "###" : "##";
  const keys = table.primaryKey.map(code).join(", ");
  const header = [
    "Column",
    "Field",
    "Type",
    "Required",
    "Description",
    "Allowed values",
    "References",
  ];
  const rows = table.columns.map((column) => [
    code(column.name),
    column.path ? code(column.title) : "",
    column.format ? `${column.type} (${column.format})` : column.type,
    column.required ? "yes" : column.nullable ? "no; empty means null" : "no",
    column.description ?? "",
    (column.enum ?? []).map((value) => code(String(value))).join(", "),
    referencesOf(table, column),
  ]);
  return [
    `${level} \`${table.name}\``,
    `${table.description}\n\nFile: \`${csvPathOf(table)}\`. Primary key: ${keys}.`,
    markdownTable(header, rows),
  ].join("\n\n");
}

/** The SQLite database: how its tables differ from the CSVs, then every view and full-text index. */
function sqliteSections(schemas: Parameters<typeof databaseOf>[0], file: string): string[] {
  const database = databaseOf(schemas);
  const types = Object.entries(SQL_TYPES)
    .map(([type, sql]) => `${code(type)} as ${code(sql)}`)
    .join(", ");
  return [
    "## SQLite database",
    `\`${file}\` holds every table above under the same name, with the same columns, rows, primary keys and foreign keys, as STRICT tables: ${types}. Booleans are 0 and 1 and dates \`YYYY-MM-DD\` text, each held to that by a CHECK, as are allowed values; required columns are NOT NULL, and an absent or \`null\` value is NULL. \`_tables\` and \`_columns\` describe every table, view and column, \`_about\` the database. The views below join each reference to the label of the record it points to (\`<column>_label\`), from the field whose role in the schema is \`label\`.`,
    ...database.views.map(viewSection),
    ...database.search.map(
      (index) =>
        `### \`${index.name}\`\n\n${index.description} Columns: ${index.columns.map(code).join(", ")}.`,
    ),
  ];
}

/** The AVeriTeC export: which verdict becomes which label, and why, as the schema declares it. */
function averitecSection(schemas: Schemas): string {
  const found = reviewsWithMapping(schemas);
  if (!found) return "";
  const field = code(`${found.collection.name}.${found.verdict.path.join(".")}`);
  return [
    "## AVeriTeC export",
    `\`${AVERITEC_FILE}\` holds every reviewed claim in the JSON format of the AVeriTeC shared task (FEVER 2024): the claim, its speaker and date, a label, the justification, and the evidence as questions, each answered from a source. The label is read from ${field} by this mapping; a verdict with no label has no faithful one, and the claims it was given are left out of the file.`,
    averitecLabelTable(schemas),
  ].join("\n\n");
}

function viewSection(view: View): string {
  const rows = view.columns.map((column) => [code(column.name), column.type, column.description]);
  return [
    `### \`${view.name}\` (view)`,
    view.description,
    markdownTable(["Column", "Type", "Description"], rows),
  ].join("\n\n");
}

/** The foreign keys a column is part of, as `table.column`, with the collections behind `records`. */
function referencesOf(table: Table, column: Column): string {
  return table.foreignKeys
    .flatMap(({ fields, reference }) => {
      const i = fields.indexOf(column.name);
      if (i < 0) return [];
      const target = code(`${reference.table}.${reference.fields[i] ?? ""}`);
      const via = reference.table === RECORDS_TABLE && column.references;
      return [via ? `${target} (${via.map(code).join(", ")})` : target];
    })
    .join(", ");
}

const code = (text: string) => `\`${text}\``;
