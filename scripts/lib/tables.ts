import { isObject, type JsonObject, type JsonValue } from "./json.ts";
import type { Model } from "./model.ts";
import type { Collection, Field, Schemas } from "./schemas.ts";

/**
 * Flat tables derived from the schemas, for CSV and the Data Package. No cell ever holds JSON or
 * a joined list:
 * - `<collection>`: one row per record, primary key `id`. Its columns are the scalar fields
 *   reachable without crossing an array; nested objects are flattened with `_`
 *   (`name_provenance.basis` → `name_provenance_basis`).
 * - `<collection>__<array>`: one row per item of an array field, the array's path joined with
 *   `_` (`people__other_names`, `claims__about`); an array inside array items adds a level after
 *   another `__` (`events__participants__provenance_citations`). Its primary key is
 *   `<record>_id` (`person_id`, from the collection's title), one `<level>_position` per
 *   enclosing array, then `position` (0-based): the parent row's key plus the item's place.
 *   An array of scalars has one value column named after the array (`about`, `citations`).
 * - `records`: every record id with its collection, the target of references that may point
 *   into several collections.
 * An empty cell means absent, or `null` for a nullable field whose object is present.
 */

export type ColumnType = "string" | "integer" | "number" | "boolean" | "date";
export type Scalar = string | number | boolean;
export type Cell = Scalar | null;
export type Row = Record<string, Cell>;

export interface Column {
  name: string;
  /** Path from the table's row (record or array item) to the value; absent for the key columns a link table adds. */
  path?: string[];
  /** Where the value sits in a record, as `participants[].provenance.basis`. */
  title: string;
  type: ColumnType;
  format?: "uri";
  description?: string;
  /** Never empty: the key columns, or a non-nullable field required all the way from the row. */
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
  /** For a link table: the table holding the array, and the array's path from that table's row. */
  parent?: string;
  at: string[];
  /** The array is required where it sits, so a present parent with no rows here has `[]`. */
  requiredArray: boolean;
  primaryKey: string[];
  columns: Column[];
  foreignKeys: ForeignKey[];
}

export const RECORDS_TABLE = "records";

/** Every table, in a stable order: `records`, then each collection's main table and link tables in schema order. */
export function tablesOf(schemas: Schemas): Table[] {
  const records: Table = {
    name: RECORDS_TABLE,
    description:
      "Every record id and the collection it belongs to; ids are unique across collections.",
    at: [],
    requiredArray: false,
    primaryKey: ["id"],
    columns: [
      {
        name: "id",
        title: "id",
        type: "string",
        required: true,
        nullable: false,
        description: "A record id.",
      },
      {
        name: "collection",
        title: "collection",
        type: "string",
        required: true,
        nullable: false,
        description: "The collection the record belongs to.",
        enum: schemas.collections.map((c) => c.name),
      },
    ],
    foreignKeys: [],
  };
  const tables = [records, ...schemas.collections.flatMap((c) => collectionTables(c, schemas))];
  assertUnique(
    tables.map((t) => t.name),
    "table name",
  );
  return tables;
}

/** The rows of every table, sorted by primary key. */
export function rowsOf(tables: Table[], collections: Model["collections"]): Map<string, Row[]> {
  const rows = new Map<string, Row[]>(tables.map((t) => [t.name, []]));
  // The value each row stands for, so that a link table can find its array in its parent's rows.
  const items = new Map<string, { row: Row; value: JsonValue }[]>();
  for (const { collection, records } of collections) {
    for (const record of records) {
      rows.get(RECORDS_TABLE)?.push({ id: record.id ?? null, collection: collection.name });
    }
    for (const table of tables.filter((t) => t.collection === collection.name)) {
      const parents = table.parent
        ? (items.get(table.parent) ?? [])
        : records.map((record) => ({ row: {}, value: record as JsonValue }));
      const made: { row: Row; value: JsonValue }[] = [];
      for (const parent of parents) {
        const array = table.parent ? valueAt(parent.value, table.at) : [parent.value];
        if (!Array.isArray(array)) continue;
        for (const [position, value] of array.entries()) {
          const keys = table.parent ? keyCells(table, parent.row, position) : {};
          const row: Row = { ...keys };
          for (const column of table.columns) {
            if (column.path) row[column.name] = cellOf(valueAt(value, column.path));
          }
          made.push({ row, value });
        }
      }
      items.set(table.name, made);
      rows.set(
        table.name,
        made.map((m) => m.row),
      );
    }
  }
  for (const table of tables)
    rows.get(table.name)?.sort((a, b) => compareKeys(table.primaryKey, a, b));
  return rows;
}

/** Orders rows by their key cells: numbers by value, strings by code unit (no locale). */
export function compareKeys(keys: string[], a: Row, b: Row): number {
  for (const key of keys) {
    const [x, y] = [a[key] ?? "", b[key] ?? ""];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** A link row's key: the parent row's key cells under this table's names, then `position`. */
function keyCells(table: Table, parentRow: Row, position: number): Row {
  const parentKey = table.foreignKeys[0];
  const row: Row = { position };
  parentKey?.fields.forEach((field, i) => {
    row[field] = parentRow[parentKey.reference.fields[i] ?? ""] ?? null;
  });
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

interface Shape {
  kind: "object" | "array" | "scalar";
  type?: ColumnType;
  format?: "uri";
  nullable: boolean;
  enum?: Scalar[];
}

function collectionTables(collection: Collection, schemas: Schemas): Table[] {
  const home = homesOf(schemas);
  const byPath = new Map(collection.fields.map((f) => [f.path.join("/"), f]));
  const parentOf = (field: Field) => byPath.get(field.path.slice(0, -1).join("/"));
  // Required where it sits: the object holding it lists it in `required` (an array item always is).
  const requiredInParent = (field: Field) => {
    const parent = parentOf(field);
    const last = field.path.at(-1) ?? "";
    return (
      last === "*" ||
      (Array.isArray(parent?.resolved.required) && parent.resolved.required.includes(last))
    );
  };
  const shapeOf = (field: Field) => shape(field, collection, home, schemas);
  const recordKey = `${snake(collection.title)}_id`;

  const main: Table = {
    name: collection.name,
    collection: collection.name,
    description: String(collection.schema.description ?? collection.title),
    at: [],
    requiredArray: false,
    primaryKey: ["id"],
    columns: [],
    foreignKeys: [],
  };
  const tables: Table[] = [main];
  // Each table by the path of its rows: `[]` for records, an array's path plus `*` for its items.
  const byRowPath = new Map<string, { table: Table; path: string[]; level: string }>([
    ["", { table: main, path: [], level: "" }],
  ]);
  const tableHolding = (path: string[]) => {
    const rowPath = path.slice(0, path.lastIndexOf("*") + 1);
    const entry = byRowPath.get(rowPath.join("/"));
    if (!entry) throw new Error(`${collection.schemaFile}: no table for ${path.join(".")}`);
    return entry;
  };
  const fail = (field: Field, why: string): never => {
    throw new Error(`${collection.schemaFile}: field ${titleOf(field.path)} ${why}`);
  };

  for (const field of collection.fields) {
    if (field.path.length === 0) continue;
    const { kind, ...scalar } = shapeOf(field);
    const holder = tableHolding(field.path);
    const relative = field.path.slice(holder.path.length);
    const isItem = field.path.at(-1) === "*";
    if (kind === "array") {
      if (isItem) fail(field, "is an array of arrays, which has no flat table");
      const minItems = typeof field.resolved.minItems === "number" ? field.resolved.minItems : 0;
      // A missing row cannot tell an absent array from an empty one.
      if (!requiredInParent(field) && minItems < 1)
        fail(
          field,
          "is optional and may be empty: CSV cannot tell [] from absent; require it or set minItems",
        );
      const level = relative.join("_");
      const table = linkTable(
        collection,
        holder,
        level,
        relative,
        recordKey,
        requiredInParent(field),
      );
      table.description = [describe(field), `One row per item of \`${titleOf(field.path)}\`.`]
        .filter(Boolean)
        .join(" ");
      tables.push(table);
      byRowPath.set([...field.path, "*"].join("/"), { table, path: [...field.path, "*"], level });
    } else if (kind === "object") {
      if (!isItem && !hasWitness(field, collection.fields, requiredInParent, shapeOf))
        fail(field, "is an object with no required scalar: CSV cannot tell {} from absent");
    } else {
      if (scalar.nullable && !requiredInParent(field))
        fail(
          field,
          "is optional and nullable: CSV cannot tell null from absent; require it or drop null",
        );
      const item = isItem ? parentOf(field) : undefined;
      const name = isItem ? (field.path.at(-2) ?? "value") : relative.join("_");
      holder.table.columns.push({
        name,
        path: relative.filter((step) => step !== "*"),
        title: titleOf(field.path),
        ...scalar,
        ...(describe(field, item) ? { description: describe(field, item) } : {}),
        required: !scalar.nullable && requiredFrom(holder.path, field, byPath, requiredInParent),
        ...(field.references ? { references: field.references } : {}),
      } as Column);
      if (field.references)
        holder.table.foreignKeys.push(referenceKey(name, field.references, schemas));
    }
  }
  if (!main.columns.some((c) => c.name === "id"))
    throw new Error(`${collection.schemaFile}: no id field`);
  for (const table of tables)
    assertUnique(
      table.columns.map((c) => c.name),
      `column name in table ${table.name}`,
    );
  return tables;
}

/** A link table under `holder`, keyed by the holder's key (renamed) plus `position`. */
function linkTable(
  collection: Collection,
  holder: { table: Table; level: string },
  level: string,
  at: string[],
  recordKey: string,
  requiredArray: boolean,
): Table {
  const parent = holder.table;
  // The holder's key under this table's names: the record id as `<record>_id`, its `position` as `<level>_position`.
  const renamed = parent.primaryKey.map((key) =>
    parent.parent ? (key === "position" ? `${holder.level}_position` : key) : recordKey,
  );
  const keyColumns: Column[] = [...renamed, "position"].map((name) => ({
    name,
    title: name,
    type: name === recordKey ? "string" : "integer",
    required: true,
    nullable: false,
    description:
      name === recordKey
        ? `Id of the ${collection.title.toLowerCase()} record (\`${collection.name}.id\`).`
        : name === "position"
          ? `0-based place of the item in \`${at.join(".")}\`.`
          : `0-based place of the enclosing item in the \`${parent.name}\` table.`,
  }));
  return {
    name: `${parent.name}__${level}`,
    collection: collection.name,
    description: "",
    parent: parent.name,
    at,
    requiredArray,
    primaryKey: [...renamed, "position"],
    columns: keyColumns,
    foreignKeys: [
      { fields: renamed, reference: { table: parent.name, fields: parent.primaryKey } },
    ],
  };
}

/** A reference into one collection points at its table; into several, at `records`. */
function referenceKey(column: string, references: string[], schemas: Schemas): ForeignKey {
  const [only] = references;
  const table = references.length === 1 && only && schemas.collection(only) ? only : RECORDS_TABLE;
  return { fields: [column], reference: { table, fields: ["id"] } };
}

/** Required all the way from the table's row: the field and every object between them. */
function requiredFrom(
  rowPath: string[],
  field: Field,
  byPath: Map<string, Field>,
  requiredInParent: (f: Field) => boolean,
): boolean {
  for (let end = field.path.length; end > rowPath.length; end--) {
    const step = byPath.get(field.path.slice(0, end).join("/"));
    if (!step || !requiredInParent(step)) return false;
  }
  return true;
}

/** An object is known to be present when it holds a required, non-null scalar, or a required non-empty array. */
function hasWitness(
  object: Field,
  fields: Field[],
  requiredInParent: (f: Field) => boolean,
  shapeOf: (f: Field) => Shape,
): boolean {
  const depth = object.path.length;
  return fields.some((field) => {
    const below = field.path.slice(depth);
    if (field.path.length <= depth || below.includes("*")) return false;
    if (field.path.slice(0, depth).join("/") !== object.path.join("/")) return false;
    const byPath = new Map(fields.map((f) => [f.path.join("/"), f]));
    if (!requiredFrom(object.path, field, byPath, requiredInParent)) return false;
    const { kind, nullable } = shapeOf(field);
    const minItems = typeof field.resolved.minItems === "number" ? field.resolved.minItems : 0;
    return (kind === "scalar" && !nullable) || (kind === "array" && minItems > 0);
  });
}

/** What a field holds: an object, an array, or one scalar type (maybe nullable, from `oneOf`/`anyOf` with null). */
function shape(
  field: Field,
  collection: Collection,
  home: Map<JsonObject, string>,
  schemas: Schemas,
): Shape {
  const { resolved } = field;
  if (resolved.type === "array" || isObject(resolved.items))
    return { kind: "array", nullable: false };
  if (resolved.type === "object" || isObject(resolved.properties))
    return { kind: "object", nullable: false };
  const union = resolved.oneOf ?? resolved.anyOf;
  const members = Array.isArray(union) ? union.filter(isObject) : [resolved];
  const variants = members.map((member) =>
    follow(member, home.get(resolved) ?? collection.schemaFile, schemas),
  );
  const types = new Set(
    variants.flatMap((v) => (Array.isArray(v.type) ? v.type : [v.type]).map(String)),
  );
  const nullable = types.delete("null");
  const [type, ...others] = types;
  const main = variants.find((v) => v.type !== "null") ?? resolved;
  const primitive: Record<string, ColumnType> = {
    string: "string",
    integer: "integer",
    number: "number",
    boolean: "boolean",
  };
  const columnType = type === undefined ? undefined : primitive[type];
  if (!columnType || others.length > 0)
    throw new Error(
      `${collection.schemaFile}: field ${titleOf(field.path)} has no single scalar type for a table cell`,
    );
  const enumValues = Array.isArray(main.enum)
    ? main.enum.filter((v): v is Scalar => v !== null && typeof v !== "object")
    : undefined;
  return {
    kind: "scalar",
    type: columnType === "string" && main.format === "date" ? "date" : columnType,
    ...(columnType === "string" && main.format === "uri" ? { format: "uri" as const } : {}),
    nullable,
    ...(enumValues ? { enum: enumValues } : {}),
  };
}

/** Follows `$ref`s from a node whose schema document is `base`. */
function follow(node: JsonObject, base: string, schemas: Schemas): JsonObject {
  let current = node;
  let at = base;
  while (typeof current.$ref === "string")
    ({ node: current, base: at } = schemas.resolve(current.$ref, at));
  return current;
}

/** The schema document each node sits in, so that a relative `$ref` inside a `oneOf` resolves against it. */
const homes = new WeakMap<Schemas, Map<JsonObject, string>>();
function homesOf(schemas: Schemas): Map<JsonObject, string> {
  let found = homes.get(schemas);
  if (found) return found;
  const map = new Map<JsonObject, string>();
  found = map;
  const visit = (value: unknown, file: string) => {
    if (Array.isArray(value)) for (const item of value) visit(item, file);
    else if (isObject(value)) {
      map.set(value, file);
      for (const child of Object.values(value)) visit(child, file);
    }
  };
  for (const [file, schema] of schemas.byId) visit(schema, file);
  homes.set(schemas, found);
  return found;
}

/** The field's description; an array item without its own falls back to the array's. */
function describe(field: Field, array?: Field): string | undefined {
  const text = field.node.description ?? array?.node.description ?? field.resolved.description;
  return typeof text === "string" ? text : undefined;
}

/** `["participants", "*", "provenance"]` → `participants[].provenance`. */
export const titleOf = (path: string[]) =>
  path.join(".").replaceAll(".*", "[]").replace(/^\*/, "[]");

/** `Person` → `person`, `ClaimReview` or `Claim review` → `claim_review`. */
const snake = (title: string) =>
  title
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

function assertUnique(names: string[], what: string) {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      throw new Error(`two tables would share the ${what} "${name}": rename a field`);
    seen.add(name);
  }
}
