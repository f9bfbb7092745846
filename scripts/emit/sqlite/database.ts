import {
  type Collection,
  type Field,
  type Schemas,
  sourceCollection,
} from "../../lib/schemas/index.ts";
import {
  type Column,
  type ColumnType,
  firstRepeated,
  snake,
  type Table,
  tablesOf,
  titleOf,
} from "../../lib/tables.ts";
import { ident } from "./sql.ts";

/*
 * The SQLite database described from the table model, before any data goes in: the tables are
 * exactly the CSV tables of lib/tables.ts; the views and full-text indexes follow from the
 * references in the schema, the `label` role and two annotations (`x-search`, `x-shown-in-target`).
 * Nothing here names a collection or a field of this dataset.
 */

export interface ViewColumn {
  name: string;
  type: ColumnType;
  description: string;
}

export interface View {
  name: string;
  description: string;
  columns: ViewColumn[];
  /** The view's SELECT statement. */
  select: string;
}

/** An FTS5 index over text columns of one table, whose rows it points to by rowid. */
export interface SearchIndex {
  name: string;
  table: string;
  columns: string[];
  description: string;
}

export interface Database {
  tables: Table[];
  views: View[];
  search: SearchIndex[];
}

/** The view of every record's label. */
export const LABELS_VIEW = "record_labels";

/** Tables that describe the database itself. */
export const META_TABLES = {
  about: "_about",
  tables: "_tables",
  columns: "_columns",
} as const;

const annotation = (field: Field, keyword: string) =>
  field.node[keyword] ?? field.resolved[keyword];
const samePath = (a: readonly string[] | undefined, b: readonly string[]) =>
  a !== undefined && a.length === b.length && a.every((step, i) => step === b[i]);
const startsWith = (path: readonly string[], prefix: readonly string[]) =>
  prefix.every((step, i) => path[i] === step);

/**
 * The column of a collection's own table that shows the value at `path` in a record: the
 * column itself for a scalar, or, for an object, the column of its sub-field with the `label` role.
 */
function shownBy(collection: Collection, table: Table, path: string[]): Column {
  let at = path;
  for (;;) {
    const column = table.columns.find((c) => samePath(c.path, at));
    if (column) return column;
    const below = collection.fields.find(
      (f) => f.path.length === at.length + 1 && startsWith(f.path, at) && f.roles.includes("label"),
    );
    if (!below)
      throw new Error(
        `${collection.schemaFile}: ${titleOf(at)} is an object with no field whose role is label to show it by`,
      );
    at = below.path;
  }
}

/** Everything the SQLite emitter creates, from the schemas alone. */
export function databaseOf(schemas: Schemas): Database {
  const tables = tablesOf(schemas);
  const mainOf = new Map(
    schemas.collections.map((c) => [c.name, tables.find((t) => t.name === c.name && !t.parent)]),
  );
  const main = (collection: Collection): Table => {
    const table = mainOf.get(collection.name);
    if (!table) throw new Error(`no table for collection ${collection.name}`);
    return table;
  };
  // Each collection's label column, from the record-level field with the `label` role.
  const labels = new Map<string, Column>();
  for (const collection of schemas.collections) {
    const field = collection.fields.find((f) => f.path.length === 1 && f.roles.includes("label"));
    if (field) labels.set(collection.name, shownBy(collection, main(collection), field.path));
  }

  const views: View[] = [labelsView(schemas, labels)];
  const referenced = (column: Column) => labelJoin(column, labels);
  for (const collection of schemas.collections) {
    const view = collectionView(collection, main(collection), schemas, referenced, mainOf);
    if (view) views.push(view);
  }
  for (const table of tables) {
    const view = listView(table, schemas, labels, referenced);
    if (view) views.push(view);
  }
  views.push(...unionViews(tables, schemas, labels, referenced));

  const search: SearchIndex[] = [];
  for (const collection of schemas.collections) {
    const table = main(collection);
    const columns = collection.fields
      .filter((f) => annotation(f, "x-search") === true && !f.path.includes("*"))
      .map((f) => shownBy(collection, table, f.path).name);
    if (columns.length === 0) continue;
    search.push({
      name: `${table.name}_fts`,
      table: table.name,
      columns,
      description: `Full-text index (FTS5) over ${columns.map((c) => `\`${table.name}.${c}\``).join(", ")}: \`SELECT * FROM ${table.name} WHERE rowid IN (SELECT rowid FROM ${table.name}_fts WHERE ${table.name}_fts MATCH 'words')\`.`,
    });
  }

  const names = [
    ...tables.map((t) => t.name),
    ...views.map((v) => v.name),
    ...search.map((s) => s.name),
    ...Object.values(META_TABLES),
  ];
  const clash = firstRepeated(names);
  if (clash !== undefined)
    throw new Error(`two tables or views of the SQLite database would be called ${clash}`);
  // SQLite would rename the second (`name:1`) and leave the column descriptions wrong.
  for (const view of views) {
    const column = firstRepeated(view.columns.map((c) => c.name));
    if (column !== undefined)
      throw new Error(`two columns of the SQLite view ${view.name} would be called ${column}`);
  }
  return { tables, views, search };
}

/** How a view shows the record a reference column points to. */
interface LabelJoin {
  /** The table to join: the target collection's, or the labels view for several. */
  table: string;
  /** The joined table's column that holds the label. */
  label: string;
  /** Whether the reference may point into several collections (the view then says which). */
  several: boolean;
  /** Where the label comes from, for the column's description. */
  from: string;
}

function labelJoin(column: Column, labels: Map<string, Column>): LabelJoin | undefined {
  const targets = column.references ?? [];
  const shown = targets.filter((t) => labels.has(t));
  if (shown.length === 0) return undefined;
  const from = targets
    .map((t) => {
      const label = labels.get(t);
      return label ? `\`${t}.${label.name}\`` : `the id (\`${t}\`)`;
    })
    .join(", ");
  const [only] = targets;
  const label = only !== undefined ? labels.get(only) : undefined;
  if (targets.length === 1 && only !== undefined && label)
    return { table: only, label: label.name, several: false, from };
  return { table: LABELS_VIEW, label: "label", several: true, from };
}

/** `record_labels`: every record's id, collection and label, the target of references into several collections. */
function labelsView(schemas: Schemas, labels: Map<string, Column>): View {
  const branches = schemas.collections.map((collection) => {
    const label = labels.get(collection.name);
    return `SELECT "id", '${collection.name}' AS "collection", ${ident(label?.name ?? "id")} AS "label" FROM ${ident(collection.name)}`;
  });
  const labelled = schemas.collections
    .map((c) => {
      const label = labels.get(c.name);
      return label ? `\`${c.name}.${label.name}\`` : `the id in \`${c.name}\``;
    })
    .join(", ");
  return {
    name: LABELS_VIEW,
    description:
      "Every record with its collection and its label: the field that names or shows it (its `label` role in the schema), or its id where it has none.",
    columns: [
      { name: "id", type: "string", description: "A record id." },
      { name: "collection", type: "string", description: "The collection the record is in." },
      { name: "label", type: "string", description: `The record's label: ${labelled}.` },
    ],
    select: `${branches.join("\nUNION ALL\n")}\nORDER BY "id"`,
  };
}

/**
 * The columns and joins that show, after each reference column of `table` (aliased `alias`),
 * the label of the record it points to (`<column>_label`) and, where it may point into several
 * collections, which one (`<column>_collection`).
 */
function labelled(
  table: Table,
  alias: string,
  referenced: (column: Column) => LabelJoin | undefined,
  keep: (column: Column) => boolean = () => true,
) {
  const columns: { sql: string; column: ViewColumn }[] = [];
  const joins: string[] = [];
  for (const column of table.columns.filter(keep)) {
    columns.push({
      sql: `${alias}.${ident(column.name)}`,
      column: {
        name: column.name,
        type: column.type,
        description: column.description ?? `\`${table.name}.${column.name}\`.`,
      },
    });
    const join = referenced(column);
    if (!join) continue;
    const target = `${alias}_${joins.length + 1}`;
    joins.push(
      `LEFT JOIN ${ident(join.table)} AS ${target} ON ${target}."id" = ${alias}.${ident(column.name)}`,
    );
    columns.push({
      sql: `${target}.${ident(join.label)} AS ${ident(`${column.name}_label`)}`,
      column: {
        name: `${column.name}_label`,
        type: "string",
        description: `The label of the record \`${column.name}\` points to: ${join.from}.`,
      },
    });
    if (join.several)
      columns.push({
        sql: `${target}."collection" AS ${ident(`${column.name}_collection`)}`,
        column: {
          name: `${column.name}_collection`,
          type: "string",
          description: `The collection of the record \`${column.name}\` points to.`,
        },
      });
  }
  return { columns, joins };
}

/**
 * `<collection>_view`: the collection's table with the label of every record it points to, and
 * the fields that other records show beside it (`x-shown-in-target`); ordered by its date
 * columns (unknown last), then id. None where it would only repeat the table.
 */
function collectionView(
  collection: Collection,
  table: Table,
  schemas: Schemas,
  referenced: (column: Column) => LabelJoin | undefined,
  mainOf: Map<string, Table | undefined>,
): View | undefined {
  const { columns, joins } = labelled(table, "t", referenced);
  const labelColumns = columns.length - table.columns.length;
  const alongside: string[] = [];
  // Records of other collections that show fields of theirs beside the record they point to.
  for (const other of schemas.collections) {
    const otherTable = mainOf.get(other.name);
    if (!otherTable) continue;
    for (const field of other.fields) {
      const shown = annotation(field, "x-shown-in-target");
      if (!Array.isArray(shown)) continue;
      if (!samePath(field.references, [collection.name])) continue;
      // A field in a list, or an object, has no column of the record's own to join on.
      const key = otherTable.columns.find((c) => samePath(c.path, field.path));
      if (!key) continue;
      const alias = `s_${joins.length + 1}`;
      const prefix = snake(other.title);
      joins.push(
        `LEFT JOIN ${ident(otherTable.name)} AS ${alias} ON ${alias}.${ident(key.name)} = t."id"`,
      );
      const showing = [
        ["id"],
        ...shown.map((name) => [...field.path.slice(0, -1), String(name)]),
      ].flatMap((path) => {
        const found = otherTable.columns.filter((c) => c.path && startsWith(c.path, path));
        if (found.length === 0)
          throw new Error(
            `${other.schemaFile}: x-shown-in-target names ${titleOf(path)}, which has no column`,
          );
        return found;
      });
      alongside.push(
        `the ${shown.map((name) => `\`${String(name)}\``).join(", ")} of each record in \`${other.name}\` whose \`${titleOf(field.path)}\` points to it (as \`${prefix}_…\`)`,
      );
      for (const column of showing)
        columns.push({
          sql: `${alias}.${ident(column.name)} AS ${ident(`${prefix}_${column.name}`)}`,
          column: {
            name: `${prefix}_${column.name}`,
            type: column.type,
            description:
              `\`${column.name}\` of a record in \`${other.name}\` whose \`${titleOf(field.path)}\` points here (one row for each such record; empty when there is none): ${column.description ?? ""}`.trim(),
          },
        });
    }
  }
  const dates = table.columns.filter((c) => c.type === "date");
  const order = [...dates.map((c) => `t.${ident(c.name)} NULLS LAST`), `t."id"`];
  const extra = columns.length - table.columns.length;
  if (extra === 0 && dates.length === 0) return undefined;
  return {
    name: `${table.name}_view`,
    description: `\`${table.name}\`${labelColumns > 0 ? ", with the label of each record it points to" : ""}${alongside.map((text) => `, ${text}`).join("")}${dates.length > 0 ? `, ordered by ${dates.map((c) => `\`${c.name}\``).join(", ")} (unknown last), then id` : ""}.`,
    columns: columns.map((c) => c.column),
    select: [
      `SELECT ${columns.map((c) => c.sql).join(",\n  ")}`,
      `FROM ${ident(table.name)} AS t`,
      ...joins,
      `ORDER BY ${order.join(", ")}`,
    ].join("\n"),
  };
}

/**
 * For a list in a record whose items point to records (`claims.about`, a review's evidence):
 * `<table>_view`, each item with the labels of the records at both ends.
 */
function listView(
  table: Table,
  schemas: Schemas,
  labels: Map<string, Column>,
  referenced: (column: Column) => LabelJoin | undefined,
): View | undefined {
  const { parent } = table;
  if (!parent || !table.collection || parent.table !== table.collection || parent.at.length !== 1)
    return undefined;
  // A list of ids, or of objects that point to records (a review's evidence and its citations);
  // not one whose only references are the source texts its spans point into.
  const texts = sourceCollection(schemas)?.name;
  const pointsToRecords = table.columns.some(
    (c) =>
      c.references &&
      referenced(c) &&
      (c.path?.length ?? 0) <= 1 &&
      !c.references.every((r) => r === texts),
  );
  if (!pointsToRecords) return undefined;
  const collection = schemas.collection(table.collection);
  const [key] = parent.key;
  if (!collection || !key) return undefined;
  const { columns, joins } = labelled(table, "k", referenced);
  const own = labels.get(collection.name);
  if (own) {
    const short = `${key.replace(/_id$/, "")}_label`;
    // An item may point to a record of the same kind (an event's related event): keep both.
    const name = columns.some((c) => c.column.name === short) ? `${key}_label` : short;
    columns.splice(1, 0, {
      sql: `p.${ident(own.name)} AS ${ident(name)}`,
      column: {
        name,
        type: "string",
        description: `The label of the record in \`${collection.name}\`: \`${collection.name}.${own.name}\`.`,
      },
    });
    joins.unshift(`JOIN ${ident(collection.name)} AS p ON p."id" = k.${ident(key)}`);
  }
  return {
    name: `${table.name}_view`,
    description: `\`${table.name}\` with the label of every record its items point to, in list order.`,
    columns: columns.map((c) => c.column),
    select: [
      `SELECT ${columns.map((c) => c.sql).join(",\n  ")}`,
      `FROM ${ident(table.name)} AS k`,
      ...joins,
      `ORDER BY ${table.primaryKey.map((c) => `k.${ident(c)}`).join(", ")}`,
    ].join("\n"),
  };
}

/**
 * `all_<list>` for a list that records of several collections have under the same name with the
 * same columns (`mentions`): every item of every such list, with the record it belongs to.
 */
function unionViews(
  tables: Table[],
  schemas: Schemas,
  labels: Map<string, Column>,
  referenced: (column: Column) => LabelJoin | undefined,
): View[] {
  const groups = new Map<string, Table[]>();
  for (const table of tables) {
    const { parent } = table;
    if (!parent || parent.table !== table.collection || parent.at.length !== 1) continue;
    const list = parent.at.join("_");
    groups.set(list, [...(groups.get(list) ?? []), table]);
  }
  const views: View[] = [];
  for (const [list, members] of groups) {
    if (members.length < 2) continue;
    const shape = (t: Table) =>
      t.columns
        .slice(1)
        .map((c) => `${c.name}:${c.type}`)
        .join(",");
    if (new Set(members.map(shape)).size > 1) continue;
    let described: ViewColumn[] = [];
    const branches = members.map((table) => {
      const collection = schemas.collection(table.collection ?? "");
      const [key] = table.parent?.key ?? [];
      if (!collection || !key) throw new Error(`no collection for table ${table.name}`);
      const { columns, joins } = labelled(table, "k", referenced, (c) => c.name !== key);
      const own = labels.get(collection.name);
      const head = [
        `'${collection.name}' AS "collection"`,
        `k.${ident(key)} AS "record_id"`,
        `${own ? `p.${ident(own.name)}` : `k.${ident(key)}`} AS "record_label"`,
      ];
      described = [
        { name: "collection", type: "string", description: "The collection of the record." },
        { name: "record_id", type: "string", description: "The id of the record." },
        {
          name: "record_label",
          type: "string",
          description: "The record's label (see `record_labels`).",
        },
        ...columns.map((c) => c.column),
      ];
      return [
        `SELECT ${[...head, ...columns.map((c) => c.sql)].join(",\n  ")}`,
        `FROM ${ident(table.name)} AS k`,
        `JOIN ${ident(collection.name)} AS p ON p."id" = k.${ident(key)}`,
        ...joins,
      ].join("\n");
    });
    views.push({
      name: `all_${list}`,
      description: `Every item of \`${list}\` in ${members.map((t) => `\`${t.collection}\``).join(", ")} (the tables ${members.map((t) => `\`${t.name}\``).join(", ")}), with the record it belongs to.`,
      columns: described,
      select: `${branches.join("\nUNION ALL\n")}\nORDER BY "record_id", "position"`,
    });
  }
  return views;
}
