import { escapePointer, isObject, type JsonObject } from "../json.ts";
import { DEFS_ID } from "./folder.ts";
import type {
  Field,
  Scalar,
  ScalarType,
  SchemaIssue,
  SchemaPlace,
  Schemas,
  Shape,
} from "./model.ts";
import type { Role } from "./roles.ts";

/* The field walk: every field of a schema, with its `$ref` followed and its shape worked out. */

/** A `$ref` that points nowhere: reported as a schema issue where the field is walked. */
export class UnresolvedRef extends Error {
  constructor(
    readonly ref: string,
    readonly base: string,
  ) {
    super(`${base}: cannot resolve $ref ${ref}`);
  }
}

/** Lists every field of a schema, depth first in property order, following `$ref`. */
export function walkFields(
  root: JsonObject,
  rootId: string,
  resolve: Schemas["resolve"],
  issues: SchemaIssue[],
  onNode: (node: JsonObject, at: SchemaPlace) => void,
): Field[] {
  const fields: Field[] = [];
  const visit = (
    node: JsonObject,
    at: SchemaPlace,
    path: string[],
    required: boolean,
    depth: number,
  ) => {
    if (depth > 32) {
      issues.push({
        ...at,
        code: "schema-meta",
        message: `the schema nests deeper than 32 levels at ${path.join(".")}`,
        fix: "a $ref may not lead back into itself",
      });
      return;
    }
    let resolved = node;
    let base = at.file;
    try {
      while (typeof resolved.$ref === "string") {
        ({ node: resolved, base } = resolve(resolved.$ref, base));
      }
    } catch (error) {
      if (!(error instanceof UnresolvedRef)) throw error;
      issues.push({
        ...at,
        pointer: `${at.pointer}/$ref`,
        code: "schema-unresolved-ref",
        message: `$ref ${JSON.stringify(error.ref)} points to nothing`,
        fix: `name a definition that exists, such as "${DEFS_ID}#/$defs/span"`,
      });
      return;
    }
    const { shape, nullable } = shapeOf(resolved, base, resolve);
    const refs = node["x-references"] ?? resolved["x-references"];
    const roles = [node["x-role"], resolved === node ? undefined : resolved["x-role"]]
      .flat()
      .filter((role): role is Role => typeof role === "string");
    const description = node.description ?? resolved.description;
    const checkable = node["x-checkable"] ?? resolved["x-checkable"];
    fields.push({
      path,
      node,
      resolved,
      at,
      shape,
      required,
      nullable,
      ...(Array.isArray(refs) ? { references: refs.map(String) } : {}),
      roles,
      ...(typeof description === "string" ? { description } : {}),
      ...(Array.isArray(checkable) ? { checkable: checkable.map(String) } : {}),
    });
    // Where the resolved node is written: its own file, or the one a $ref led to.
    const here: SchemaPlace =
      resolved === node ? at : { file: base, pointer: pointerIn(resolve, base, resolved) };
    onNode(node, at);
    if (resolved !== node) onNode(resolved, here);
    const requiredKeys = Array.isArray(resolved.required) ? resolved.required.map(String) : [];
    if (isObject(resolved.properties)) {
      for (const [key, child] of Object.entries(resolved.properties)) {
        if (key === "$schema" || !isObject(child)) continue;
        visit(
          child,
          { file: base, pointer: `${here.pointer}/properties/${escapePointer(key)}` },
          [...path, key],
          requiredKeys.includes(key),
          depth + 1,
        );
      }
    }
    if (isObject(resolved.items))
      visit(
        resolved.items,
        { file: base, pointer: `${here.pointer}/items` },
        [...path, "*"],
        true,
        depth + 1,
      );
  };
  visit(root, { file: rootId, pointer: "" }, [], true, 0);
  return fields;
}

/** The pointer of every node of a schema, by identity: made once per schema, as fields refer to it. */
const pointersBySchema = new WeakMap<JsonObject, Map<unknown, string>>();

/** The pointer of a node inside the schema `file`, found by identity. */
function pointerIn(resolve: Schemas["resolve"], file: string, target: JsonObject): string {
  const root = resolve("#", file).node;
  let pointers = pointersBySchema.get(root);
  if (!pointers) {
    const found = new Map<unknown, string>();
    const index = (node: unknown, pointer: string): void => {
      if (typeof node !== "object" || node === null) return;
      if (!found.has(node)) found.set(node, pointer);
      if (Array.isArray(node))
        for (const [i, item] of node.entries()) index(item, `${pointer}/${i}`);
      else if (isObject(node))
        for (const [key, child] of Object.entries(node))
          index(child, `${pointer}/${escapePointer(key)}`);
    };
    index(root, "");
    pointers = found;
    pointersBySchema.set(root, pointers);
  }
  return pointers.get(target) ?? "";
}

const PRIMITIVES: Record<string, ScalarType> = {
  string: "string",
  integer: "integer",
  number: "number",
  boolean: "boolean",
};

/** What a node holds: an object, an array, or one scalar type (nullable when a `oneOf`/`anyOf` allows null). */
function shapeOf(
  resolved: JsonObject,
  base: string,
  resolve: Schemas["resolve"],
): { shape: Shape; nullable: boolean } {
  if (resolved.type === "array" || isObject(resolved.items))
    return {
      shape: {
        kind: "array",
        minItems: typeof resolved.minItems === "number" ? resolved.minItems : 0,
      },
      nullable: false,
    };
  if (resolved.type === "object" || isObject(resolved.properties))
    return { shape: { kind: "object" }, nullable: false };
  const union = resolved.oneOf ?? resolved.anyOf;
  const variants = (Array.isArray(union) ? union.filter(isObject) : [resolved]).map((member) => {
    let current = member;
    let at = base;
    try {
      while (typeof current.$ref === "string")
        ({ node: current, base: at } = resolve(current.$ref, at));
    } catch {
      // Reported where the field itself is walked.
    }
    return current;
  });
  const types = new Set(
    variants.flatMap((v) => (Array.isArray(v.type) ? v.type : [v.type]).map(String)),
  );
  const nullable = types.delete("null");
  const [only, ...others] = types;
  const type = only === undefined || others.length > 0 ? undefined : PRIMITIVES[only];
  if (!type) return { shape: { kind: "mixed" }, nullable };
  const value = variants.find((v) => v.type !== "null") ?? resolved;
  const allowed = Array.isArray(value.enum)
    ? value.enum.filter((v): v is Scalar => typeof v !== "object")
    : undefined;
  return {
    shape: {
      kind: "scalar",
      type: type === "string" && value.format === "date" ? "date" : type,
      ...(type === "string" && value.format === "uri" ? { format: "uri" as const } : {}),
      ...(allowed ? { enum: allowed } : {}),
    },
    nullable,
  };
}
