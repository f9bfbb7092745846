import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { isObject, type JsonObject } from "./json.ts";
import { byCodeUnits } from "./order.ts";
import { isRole, ROLES, type Role } from "./roles.ts";

/** The package's schema folder. Data folders named with `--data` are checked against it too. */
export const SCHEMA_DIR = fileURLToPath(new URL("../../schema/", import.meta.url));
export const DEFS_ID = "defs.schema.json";

/** A collection: a folder of records, declared by a schema with `x-collection`. */
export interface Collection {
  /** Folder name under `data/`, such as `people`. */
  name: string;
  /** The schema's title, used as the type name, such as `Person`. */
  title: string;
  /** The schema file name, such as `person.schema.json`. */
  schemaFile: string;
  schema: JsonObject;
  /** Every field reachable from the record's root, in schema order. */
  fields: Field[];
}

/** A place in a record, as a path of property names with `*` for any array item. */
export interface Field {
  path: string[];
  /** The schema node at the path, before following `$ref` (annotations such as `x-references` live here). */
  node: JsonObject;
  /** The node after following `$ref`. */
  resolved: JsonObject;
  /** Collections an id in this field may point to (`x-references`). */
  references?: string[];
  /** The shared definition the field is, such as `span` or `date` (from `defs.schema.json#/$defs/…`). */
  def?: string;
  /** What the field is for (`x-role`, see roles.ts), on the field or on its definition. */
  role?: Role;
  required: boolean;
}

export interface Schemas {
  byId: Map<string, JsonObject>;
  defs: JsonObject;
  collections: Collection[];
  collection(name: string): Collection | undefined;
  /** The schema node a `$ref` points at, relative to the schema with id `base`. */
  resolve(ref: string, base: string): { node: JsonObject; base: string };
}

const readJson = (path: string): JsonObject => {
  const value: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (!isObject(value)) throw new Error(`${path}: a schema must be an object`);
  return value;
};

export function loadSchemas(dir: string = SCHEMA_DIR): Schemas {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith(".schema.json"))
    .sort();
  const byId = new Map<string, JsonObject>();
  for (const file of files) byId.set(file, readJson(join(dir, file)));

  const resolve = (ref: string, base: string) => {
    const [file, fragment = ""] = ref.split("#");
    const target = file ? file : base;
    let node: unknown = byId.get(target);
    for (const token of fragment.split("/").filter(Boolean)) {
      node = isObject(node) ? node[token] : undefined;
    }
    if (!isObject(node)) throw new Error(`${base}: cannot resolve $ref ${ref}`);
    return { node, base: target };
  };

  const defs = byId.get(DEFS_ID);
  if (!defs) throw new Error(`${dir}: ${DEFS_ID} is missing`);
  const defNames = new Map<JsonObject, string>();
  for (const [name, node] of Object.entries(isObject(defs.$defs) ? defs.$defs : {})) {
    if (isObject(node)) defNames.set(node, name);
  }

  const collections: Collection[] = [];
  for (const [file, schema] of byId) {
    const name = schema["x-collection"];
    if (typeof name !== "string") continue;
    const title = typeof schema.title === "string" ? schema.title : name;
    collections.push({
      name,
      title,
      schemaFile: file,
      schema,
      fields: walkFields(schema, file, resolve, defNames),
    });
  }
  collections.sort((a, b) => byCodeUnits(a.name, b.name));
  const byName = new Map(collections.map((c) => [c.name, c]));
  return { byId, defs, collections, collection: (name) => byName.get(name), resolve };
}

/** Lists every field of a schema, depth first in property order, following `$ref`. */
function walkFields(
  root: JsonObject,
  rootId: string,
  resolve: Schemas["resolve"],
  defNames: Map<JsonObject, string>,
): Field[] {
  const fields: Field[] = [];
  const visit = (
    node: JsonObject,
    base: string,
    path: string[],
    required: boolean,
    depth: number,
  ) => {
    if (depth > 32)
      throw new Error(`${rootId}: schema nests deeper than 32 levels at ${path.join(".")}`);
    let resolved = node;
    let resolvedBase = base;
    while (typeof resolved.$ref === "string") {
      ({ node: resolved, base: resolvedBase } = resolve(resolved.$ref, resolvedBase));
    }
    const refs = node["x-references"] ?? resolved["x-references"];
    const def = defNames.get(resolved);
    const role = node["x-role"] ?? resolved["x-role"];
    fields.push({
      path,
      node,
      resolved,
      ...(Array.isArray(refs) ? { references: refs.map(String) } : {}),
      ...(def ? { def } : {}),
      ...(isRole(role) ? { role } : {}),
      required,
    });
    const requiredKeys = Array.isArray(resolved.required) ? resolved.required.map(String) : [];
    if (isObject(resolved.properties)) {
      for (const [key, child] of Object.entries(resolved.properties)) {
        if (key === "$schema" || !isObject(child)) continue;
        visit(
          child,
          resolvedBase,
          [...path, key],
          required && requiredKeys.includes(key),
          depth + 1,
        );
      }
    }
    if (isObject(resolved.items))
      visit(resolved.items, resolvedBase, [...path, "*"], false, depth + 1);
  };
  visit(root, rootId, [], true, 0);
  return fields;
}

const stringList = { type: "array", items: { type: "string" }, minItems: 1 };

/**
 * This package's schema keywords. They annotate; they do not validate.
 * - `x-collection` (schema root): the folder of records the schema describes.
 * - `x-references`: the collections an id in this field may point to.
 * - `x-jsonld-*`: how a record maps to schema.org in the JSON-LD export: the root's type, the
 *   stored text's term and constant properties; a property's term, the sub-field of its items
 *   to use (`pick`) and which items (`where`), the term for a span's source, a rating scale
 *   for an enum, and fields copied from the record a reference points to.
 * - `x-role`: what a field is for, where its definition does not say (roles.ts lists them).
 */
export const ANNOTATIONS: Record<string, object> = {
  "x-collection": { type: "string" },
  "x-references": stringList,
  "x-jsonld-type": { type: "string" },
  "x-jsonld-text": { type: "string" },
  "x-jsonld-constant": { type: "object" },
  "x-jsonld": { type: "string" },
  "x-jsonld-pick": { type: "string" },
  "x-jsonld-where": { type: "object" },
  "x-jsonld-source": { type: "string" },
  "x-jsonld-rating": { type: "object", required: ["worst", "best"] },
  "x-jsonld-copy": { type: "object", additionalProperties: { type: "string" } },
  "x-role": { type: "string", enum: Object.keys(ROLES) },
};

/** An ajv instance for draft 2020-12 that knows every schema and this package's keywords. */
export function createAjv(schemas: Schemas): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    // Keeps the offending value on each error, for messages that quote it.
    verbose: true,
    strict: true,
    // `required` inside if/then names properties declared beside it, which is sound.
    strictRequired: false,
    allowUnionTypes: true,
  });
  addFormats.default(ajv);
  // Annotations read by the checks and the emitters; ajv itself has nothing to assert for them.
  for (const [keyword, metaSchema] of Object.entries(ANNOTATIONS))
    ajv.addKeyword({ keyword, metaSchema });
  for (const [id, schema] of schemas.byId) ajv.addSchema(schema, id);
  return ajv;
}
