import type { JsonObject } from "../json.ts";
import type { Position } from "../locate.ts";
import type { Role } from "./roles.ts";

/*
 * The schema model's shapes: the schemas in schema/, compiled into collections and fields,
 * each field with its `$ref` resolved, its shape (object, array or one scalar type), whether
 * it is required and nullable, what it references and the role the schema declares for it.
 * The schema model is the only code that understands JSON Schema; checks, tables and
 * emitters read these shapes. Mistakes in the schemas are issues on the schema file.
 */

export type ScalarType = "string" | "integer" | "number" | "boolean" | "date";
export type Scalar = string | number | boolean;

/** What a field holds. `mixed` is a union of types no table cell can hold. */
export type Shape =
  | { kind: "object" }
  | { kind: "array"; minItems: number }
  | { kind: "scalar"; type: ScalarType; format?: "uri"; enum?: Scalar[] }
  | { kind: "mixed" };

/** A place in a schema file: the file and a JSON Pointer into it. */
export interface SchemaPlace {
  file: string;
  pointer: string;
}

/** A place in a record, as a path of property names with `*` for any array item. */
export interface Field {
  path: string[];
  /** The schema node at the path, before following `$ref` (annotations such as `x-references` live here). */
  node: JsonObject;
  /** The node after following `$ref`. */
  resolved: JsonObject;
  /** Where `node` is written, for issues about it. */
  at: SchemaPlace;
  shape: Shape;
  /** Listed in its object's `required` (an array item always is). */
  required: boolean;
  /** The value may be `null`. */
  nullable: boolean;
  /** Collections an id in this field may point to (`x-references`). */
  references?: string[];
  /** What the field is for: the roles written on it and on the definition it refers to. */
  roles: Role[];
  /** Its own description, else the description of the definition it refers to. */
  description?: string;
  /** Values a review may check, for a field with role `claim-kind` (`x-checkable`). */
  checkable?: string[];
}

/** A collection: a folder of records, declared by a schema with `x-collection`. */
export interface Collection {
  /** Folder name under `data/`, such as `people`. */
  name: string;
  /** The schema's title, used as the type name, such as `Person`. */
  title: string;
  /** The schema file name, such as `person.schema.json`. */
  schemaFile: string;
  schema: JsonObject;
  /** Every field reachable from the record's root, in schema order; the root itself first. */
  fields: Field[];
  /** For a collection of source texts (`x-source-text`): the extension of the text beside each record. */
  textExtension?: string;
}

/** A mistake in a schema, found while compiling the model. */
export interface SchemaIssue extends SchemaPlace {
  code: SchemaCode;
  message: string;
  fix: string;
  part?: "key" | "value";
  /** Where in the file, when the pointer cannot say (a file that is not JSON). */
  position?: Position;
}

export const SCHEMA_CODES = {
  "schema-file": "A schema file that cannot be read as JSON, or does not hold an object.",
  "schema-unresolved-ref": "A `$ref` in a schema that points nowhere.",
  "schema-meta": "A schema that is not valid JSON Schema, or an annotation of the wrong form.",
  "schema-references":
    "An `x-references` entry that names no collection (so every reference would fail).",
  "schema-role": "An `x-role` that is not one of the known roles.",
  "schema-table":
    "A schema shape that a CSV table cannot hold without loss (an optional nullable field, an optional empty list, an object with nothing always present).",
} as const;
export type SchemaCode = keyof typeof SCHEMA_CODES;

export interface Schemas {
  dir: string;
  byId: Map<string, JsonObject>;
  /** Each schema file's text, for positions in issues. */
  texts: Map<string, string>;
  defs: JsonObject;
  collections: Collection[];
  collection(name: string): Collection | undefined;
  /** The schema node a `$ref` points at, relative to the schema with id `base`. */
  resolve(ref: string, base: string): { node: JsonObject; base: string };
  /** Mistakes found in the schemas: when there are any, data is not checked against them. */
  issues: SchemaIssue[];
  /** Where the validators compiled from these schemas are kept as code, when they are. */
  validatorCode?: string;
  /** The folder where what is made from these schemas alone is kept between runs, when it is. */
  cacheDir?: string;
}
