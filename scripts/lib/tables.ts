import type {
  Collection,
  Field,
  Scalar,
  ScalarType,
  SchemaIssue,
  Schemas,
} from "./schemas/index.ts";

/*
 * Flat tables derived from the schemas, for the CSVs and the Data Package. No cell ever holds
 * JSON or a joined list:
 * - `<collection>`: one row per record, primary key `id`. Its columns are the scalar fields
 *   reachable without crossing an array, nested objects flattened with `_`
 *   (`name_provenance.basis` → `name_provenance_basis`).
 * - `<collection>__<array>`: one row per item of an array field, named by the array's path joined
 *   with `_` (`people__other_names`, `claims__about`). An array inside array items adds a level
 *   after another `__` (`events__participants__provenance_citations`). Its primary key is the
 *   parent row's key, renamed (`id` → `<record>_id` such as `event_id`, from the collection's
 *   title; the parent's `position` → `<parent level>_position`), then `position` (0-based).
 *   An array of scalars has one value column, named after the array (`about`, `citations`).
 * - `records`: every record id and its collection, the target of references that may point into
 *   several collections.
 * An empty cell means absent, or `null` for a nullable field whose object is present. Schema
 * shapes where a CSV could not tell these apart are refused with an error, not exported lossily.
 */

export type ColumnType = ScalarType;
export type { Scalar };
export type Cell = Scalar | null;
export type Row = Record<string, Cell>;

export interface Column {
  name: string;
  /** Path from the table's row (a record or an array item) to the value; absent for a link table's key columns. */
  path?: string[];
  /** Where the value sits in a record, such as `participants[].provenance.basis`. */
  title: string;
  type: ColumnType;
  format?: "uri";
  description?: string;
  /** Never empty: a key column, or a non-nullable field required all the way from the row. */
  required: boolean;
  /** An empty cell means `null` whenever the object holding the field is present. */
  nullable: boolean;
  enum?: Scalar[];
  /** Collections the id points into (`x-references`). */
  references?: string[];
}

export interface ForeignKey {
  fields: string[];
  reference: { table: string; fields: string[] };
}

export interface Table {
  name: string;
  /** The collection whose records fill it; absent for `records`. */
  collection?: string;
  description: string;
  /** For a link table: where its rows come from. */
  parent?: {
    table: string;
    /** This table's columns that hold the parent row's primary key, in the same order. */
    key: string[];
    /** The array's path from the parent row. */
    at: string[];
    /** The array is required where it sits: a present parent with no rows here has `[]`. */
    requiredArray: boolean;
  };
  primaryKey: string[];
  columns: Column[];
  foreignKeys: ForeignKey[];
}

export const RECORDS_TABLE = "records";

const derived = new WeakMap<Schemas, { tables: Table[]; issues: SchemaIssue[] }>();

/**
 * Every table in a stable order (`records`, then each collection's main and link tables in
 * schema order), and the schema shapes no table can hold without loss, as issues on the schema.
 */
export function deriveTables(schemas: Schemas): { tables: Table[]; issues: SchemaIssue[] } {
  const known = derived.get(schemas);
  if (known) return known;
  const issues: SchemaIssue[] = [];
  const records: Table = {
    name: RECORDS_TABLE,
    description:
      "Every record id with its collection and its label; ids are unique across collections, so any id in any table is named by one join on this table.",
    primaryKey: ["id"],
    columns: [
      { ...KEY, name: "id", title: "id", description: "A record id." },
      {
        ...KEY,
        name: "collection",
        title: "collection",
        description: "The collection the record belongs to.",
        enum: schemas.collections.map((c) => c.name),
      },
      {
        ...KEY,
        name: "label",
        title: "label",
        description:
          "What names or shows the record: its field with the `label` role in the schema (a name, a title, or the exact text of a span), or its id where it has none.",
      },
    ],
    foreignKeys: [],
  };
  const tables = [
    records,
    ...schemas.collections.flatMap((c) => collectionTables(c, schemas, issues)),
  ];
  const clash = firstRepeated(tables.map((t) => t.name));
  if (clash !== undefined)
    issues.push({
      file: schemas.collections[0]?.schemaFile ?? "",
      pointer: "",
      code: "schema-table",
      message: `two tables would be named "${clash}"`,
      fix: "rename a collection or an array field",
    });
  const result = { tables, issues };
  derived.set(schemas, result);
  return result;
}

/** The tables of schemas that validation has accepted. */
export function tablesOf(schemas: Schemas): Table[] {
  const { tables, issues } = deriveTables(schemas);
  if (issues[0]) throw new Error(`${issues[0].file}: ${issues[0].message}`);
  return tables;
}

const KEY = { type: "string", required: true, nullable: false } as const;

/** Where a row of a table comes from: `[]` for a record, an array's path plus `*` for its items. */
interface RowSource {
  table: Table;
  path: string[];
  /** The table's last level (`participants`), naming its `position` in tables below it. */
  level: string;
}

function collectionTables(
  collection: Collection,
  schemas: Schemas,
  issues: SchemaIssue[],
): Table[] {
  const byPath = new Map(collection.fields.map((f) => [f.path.join("/"), f]));
  const parentOf = (field: Field) => byPath.get(field.path.slice(0, -1).join("/"));
  const requiredInParent = (field: Field) => field.required;
  // The field and every object between it and `from` are required.
  const requiredFrom = (from: string[], field: Field) => {
    for (let end = field.path.length; end > from.length; end--) {
      const step = byPath.get(field.path.slice(0, end).join("/"));
      if (!step || !requiredInParent(step)) return false;
    }
    return true;
  };
  const fail = (field: Field, why: string, fix: string) => {
    issues.push({
      ...field.at,
      code: "schema-table",
      message: `${titleOf(field.path)} in ${collection.schemaFile} ${why}`,
      fix,
    });
  };
  // An object is present exactly when it holds something that is always there: a required,
  // non-null scalar or a required non-empty array. Without one, `{}` and absent look alike.
  const hasWitness = (object: Field) =>
    collection.fields.some((field) => {
      const below = field.path.slice(object.path.length);
      if (below.length === 0 || below.includes("*")) return false;
      if (field.path.slice(0, object.path.length).join("/") !== object.path.join("/")) return false;
      const found = field.shape;
      const alwaysThere =
        (found.kind === "scalar" && !field.nullable) ||
        (found.kind === "array" && found.minItems > 0);
      return alwaysThere && requiredFrom(object.path, field);
    });

  const main: Table = {
    name: collection.name,
    collection: collection.name,
    description: `${String(collection.schema.description ?? collection.title)} One row per record.`,
    primaryKey: ["id"],
    columns: [],
    foreignKeys: [],
  };
  const tables = [main];
  const rowSources = new Map<string, RowSource>([["", { table: main, path: [], level: "" }]]);
  // A field under one the tables refused has no table to go to: it was reported once, above it.
  const sourceOf = (path: string[]) =>
    rowSources.get(path.slice(0, path.lastIndexOf("*") + 1).join("/"));
  const refused = new Set<string>();
  const underRefused = (field: Field) =>
    field.path.some((_, i) => refused.has(field.path.slice(0, i).join("/")));

  for (const field of collection.fields) {
    if (field.path.length === 0 || underRefused(field)) continue;
    const found = field.shape;
    const source = sourceOf(field.path);
    if (!source) continue;
    const relative = field.path.slice(source.path.length);
    const isItem = field.path.at(-1) === "*";
    const refuse = (why: string, fix: string) => {
      fail(field, why, fix);
      refused.add(field.path.join("/"));
    };
    if (found.kind === "mixed") {
      refuse(
        "has no single type a table cell can hold",
        "give it one scalar type (and null, if it may be unknown)",
      );
    } else if (found.kind === "array") {
      if (isItem) {
        refuse("is an array of arrays, which has no flat table", "make its items objects");
        continue;
      }
      if (!requiredInParent(field) && found.minItems < 1) {
        refuse(
          "is optional and may be empty: a CSV cannot tell [] from absent",
          "add it to `required`, or set `minItems` to 1",
        );
        continue;
      }
      const table = linkTable(collection, source, field, relative, requiredInParent(field));
      tables.push(table);
      rowSources.set([...field.path, "*"].join("/"), {
        table,
        path: [...field.path, "*"],
        level: relative.join("_"),
      });
    } else if (found.kind === "object") {
      if (!isItem && !hasWitness(field))
        refuse(
          "is an object with nothing always present: a CSV cannot tell {} from absent",
          "make one of its scalar fields required (and not nullable)",
        );
    } else {
      const { kind: _, ...scalar } = found;
      if (field.nullable && !requiredInParent(field)) {
        refuse(
          "is optional and nullable: a CSV cannot tell null from absent",
          "add it to `required`, or do not allow null",
        );
        continue;
      }
      const name = isItem ? (field.path.at(-2) ?? "value") : relative.join("_");
      const description = describe(field, isItem ? parentOf(field) : undefined);
      source.table.columns.push({
        name,
        // The row is the deepest array item above the field: no `*` is left below it.
        path: relative,
        title: titleOf(field.path),
        ...scalar,
        nullable: field.nullable,
        ...(description ? { description } : {}),
        required: !field.nullable && requiredFrom(source.path, field),
        ...(field.references ? { references: field.references } : {}),
      });
      if (field.references)
        source.table.foreignKeys.push(referenceKey(name, field.references, schemas));
    }
  }
  for (const table of tables) {
    const clash = firstRepeated(table.columns.map((c) => c.name));
    if (clash !== undefined)
      issues.push({
        file: collection.schemaFile,
        pointer: "",
        code: "schema-table",
        message: `two columns of table ${table.name} would be named "${clash}"`,
        fix: "rename one of the fields whose names, joined with _, give that column name",
      });
  }
  return tables;
}

/** The link table for the array `field`, whose rows hang off the rows of `source`. */
function linkTable(
  collection: Collection,
  source: RowSource,
  field: Field,
  at: string[],
  requiredArray: boolean,
): Table {
  const parent = source.table;
  const recordKey = `${snake(collection.title)}_id`;
  const key = parent.parent
    ? parent.primaryKey.map((name) => (name === "position" ? `${source.level}_position` : name))
    : [recordKey];
  const describeKey = (name: string) =>
    name === recordKey
      ? `Id of the record in \`${collection.name}\`.`
      : name === "position"
        ? `0-based place of the item in \`${titleOf(field.path)}\`.`
        : `0-based place of an enclosing item (part of the key of \`${parent.name}\`).`;
  const arrayText = describe(field);
  return {
    name: `${parent.name}__${at.join("_")}`,
    collection: collection.name,
    description: `${arrayText ? `${arrayText} ` : ""}One row per item of \`${titleOf(field.path)}\`.`,
    parent: { table: parent.name, key, at, requiredArray },
    primaryKey: [...key, "position"],
    columns: [...key, "position"].map((name) => ({
      ...KEY,
      name,
      title: name,
      type: name === recordKey ? "string" : "integer",
      description: describeKey(name),
    })),
    // The parent key comes first: keyCells reads it.
    foreignKeys: [{ fields: key, reference: { table: parent.name, fields: parent.primaryKey } }],
  };
}

/** A reference into one collection points at its table; into several, at `records`. */
function referenceKey(column: string, references: string[], schemas: Schemas): ForeignKey {
  const [only] = references;
  const table = references.length === 1 && only && schemas.collection(only) ? only : RECORDS_TABLE;
  return { fields: [column], reference: { table, fields: ["id"] } };
}

/** The field's description; an array item without its own takes the array's. */
function describe(field: Field, array?: Field): string | undefined {
  return field.node.description !== undefined
    ? field.description
    : (array?.description ?? field.description);
}

/** `["participants", "*", "provenance"]` → `participants[].provenance`. */
export const titleOf = (path: string[]) => path.join(".").replaceAll(".*", "[]");

/** `Person` → `person`; `ClaimReview` or `Claim review` → `claim_review`. */
export const snake = (title: string) =>
  title
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

/** The first name that occurs twice, if any. */
export function firstRepeated(names: string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
