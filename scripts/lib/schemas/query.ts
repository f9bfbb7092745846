import { isObject, type JsonObject } from "../json.ts";
import type { Collection, Field, Schemas } from "./model.ts";
import type { Role } from "./roles.ts";

/* Finding fields by role: how checks and emitters read the model. */

/** The fields of a collection with a role. */
export const withRole = (collection: Collection, role: Role): Field[] =>
  collection.fields.filter((field) => field.roles.includes(role));

/** The one collection whose records are source texts, if the schemas declare one. */
export const sourceCollection = (schemas: Schemas): Collection | undefined =>
  schemas.collections.find((c) => c.textExtension !== undefined);

/** The key, below an object field, of its child with a role (`span` → its `span-exact` key). */
export function childKey(collection: Collection, parent: Field, role: Role): string | undefined {
  const depth = parent.path.length;
  const child = collection.fields.find(
    (f) =>
      f.roles.includes(role) &&
      f.path.length === depth + 1 &&
      f.path.slice(0, depth).every((step, i) => step === parent.path[i]),
  );
  return child?.path[depth];
}

/** A record's top-level field with a role, if the collection has one. */
export const topField = (collection: Collection, role: Role): Field | undefined =>
  collection.fields.find((field) => field.path.length === 1 && field.roles.includes(role));

/** The text of a record's top-level field with a role: a string as it is, a span as its exact text. */
export function textOf(record: JsonObject, collection: Collection, role: Role): string | undefined {
  const field = topField(collection, role);
  if (!field) return undefined;
  const value = record[field.path[0] as string];
  if (typeof value === "string") return value;
  if (!isObject(value) || !field.roles.includes("span")) return undefined;
  const exact = childKey(collection, field, "span-exact");
  const text = exact === undefined ? undefined : value[exact];
  return typeof text === "string" ? text : undefined;
}
