import { interfaceName } from "../emit/model.ts";
import { isObject, type JsonValue, pointerOf } from "../lib/json.ts";
import { byCodeUnits } from "../lib/order.ts";
import type { Collection, Field, Schemas, Shape } from "../lib/schemas/index.ts";
import { equal } from "./equal.ts";

/*
 * What changed in schema/ between two sides, read through the schema model: collections and
 * fields added or removed, and each field's type, allowed values, presence and references,
 * each with the semver class a consumer of the package sees. Changes that touch no field
 * (a description, a pattern, an annotation) are listed by file and place.
 */

export type Level = "major" | "minor" | "patch";

export interface SchemaChange {
  level: Level;
  /** The collection, for a change to a collection or one of its fields. */
  collection?: string;
  /** The field, as a path with `[]` for list items: `evidence[].finding`. */
  field?: string;
  /** The schema file, for a change no field shows. */
  file?: string;
  /** What changed, in a few words. */
  what: string;
  /** The exported type the change shows in: an interface, or a collection's id union. */
  type?: string;
}

export function compareSchemas(from: Schemas, to: Schemas): SchemaChange[] {
  const changes: SchemaChange[] = [];
  // Places in the files that a change to a field already tells of: `file#pointer`.
  const explained = new Set<string>();
  const names = [...new Set([...from.collections, ...to.collections].map((c) => c.name))].sort(
    byCodeUnits,
  );
  for (const name of names) {
    const before = from.collection(name);
    const after = to.collection(name);
    if (!before && after)
      changes.push({
        level: "minor",
        collection: name,
        what: "collection added",
        type: interfaceName(after.title),
      });
    else if (before && !after)
      changes.push({
        level: "major",
        collection: name,
        what: "collection removed",
        type: interfaceName(before.title),
      });
    else if (before && after) changes.push(...fieldChanges(before, after, explained));
  }
  // Whatever else changed in the files: shown by place, a patch unless a field says otherwise.
  const files = [...new Set([...from.byId.keys(), ...to.byId.keys()])].sort(byCodeUnits);
  for (const file of files) {
    const before = from.byId.get(file);
    const after = to.byId.get(file);
    if (!before || !after) {
      if (!changes.some((c) => c.collection && collectionFile(from, to, c.collection) === file))
        changes.push({ level: "patch", file, what: before ? "file removed" : "file added" });
      continue;
    }
    const places = changedPlaces(before, after, []).filter(
      (place) => ![...explained].some((at) => `${file}#${place}/`.startsWith(`${at}/`)),
    );
    if (places.length > 0)
      changes.push({
        level: "patch",
        file,
        what: `changed at ${places
          .slice(0, 8)
          .map((p) => `\`${p}\``)
          .join(", ")}${places.length > 8 ? ` and ${places.length - 8} more places` : ""}`,
      });
  }
  return changes;
}

const collectionFile = (from: Schemas, to: Schemas, name: string) =>
  (to.collection(name) ?? from.collection(name))?.schemaFile;

/** `evidence/*‍/finding` → `evidence[].finding`. */
const fieldName = (field: Field) => field.path.join(".").replaceAll(".*", "[]");

/** The interface a field is a property of: the nearest titled object above it. */
function ownerOf(collection: Collection, field: Field): string {
  let owner = collection.title;
  for (const other of collection.fields) {
    const depth = other.path.length;
    if (depth >= field.path.length) continue;
    if (!other.path.every((step, i) => step === field.path[i])) continue;
    const title = other.resolved.title;
    if (typeof title === "string" && other.shape.kind === "object" && depth > 0) owner = title;
  }
  return interfaceName(owner);
}

function fieldChanges(
  before: Collection,
  after: Collection,
  explained: Set<string>,
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const old = new Map(before.fields.map((f) => [f.path.join("/"), f]));
  const now = new Map(after.fields.map((f) => [f.path.join("/"), f]));
  const at = (field: Field, level: Level, what: string, collection: Collection) => {
    explained.add(`${field.at.file}#${field.at.pointer}`);
    // Its object's list of required keys changes with it.
    const parent = field.at.pointer.replace(/\/properties\/[^/]*$/, "");
    if (parent !== field.at.pointer) explained.add(`${field.at.file}#${parent}/required`);
    changes.push({
      level,
      collection: collection.name,
      field: fieldName(field),
      what,
      type: ownerOf(collection, field),
    });
  };
  for (const field of before.fields) {
    if (field.path.length === 0 || now.has(field.path.join("/"))) continue;
    // A field under one removed already goes with it.
    if (!old.has(field.path.slice(0, -1).join("/")) || now.has(field.path.slice(0, -1).join("/")))
      at(field, "major", "field removed", before);
  }
  for (const field of after.fields) {
    if (field.path.length === 0) continue;
    const key = field.path.join("/");
    const earlier = old.get(key);
    if (!earlier) {
      if (old.has(field.path.slice(0, -1).join("/")) || field.path.length === 1)
        at(field, "minor", `field added (${field.required ? "required" : "optional"})`, after);
      continue;
    }
    for (const [level, what] of shapeChanges(earlier, field)) at(field, level, what, after);
  }
  return changes;
}

/** How one field's type changed, each change with its class for a reader of the data. */
function shapeChanges(before: Field, after: Field): [Level, string][] {
  const found: [Level, string][] = [];
  if (typeName(before.shape) !== typeName(after.shape))
    found.push(["major", `type ${typeName(before.shape)} → ${typeName(after.shape)}`]);
  else if (before.shape.kind === "scalar" && after.shape.kind === "scalar") {
    const was = before.shape.enum;
    const is = after.shape.enum;
    if (was && is) {
      const lost = was.filter((v) => !is.includes(v));
      const gained = is.filter((v) => !was.includes(v));
      if (lost.length) found.push(["major", `loses the value${plural(lost)} ${values(lost)}`]);
      if (gained.length)
        found.push(["minor", `gains the value${plural(gained)} ${values(gained)}`]);
    } else if (is) found.push(["major", `limited to ${values(is)}`]);
    else if (was) found.push(["minor", "no longer limited to a list of values"]);
  }
  if (before.required && !after.required) found.push(["major", "becomes optional"]);
  if (!before.required && after.required) found.push(["minor", "becomes required"]);
  if (!before.nullable && after.nullable) found.push(["major", "may be null"]);
  if (before.nullable && !after.nullable) found.push(["minor", "is never null"]);
  const refsBefore = before.references ?? [];
  const refsAfter = after.references ?? [];
  if (!equal(refsBefore, refsAfter))
    found.push([
      "major",
      `refers to ${refsAfter.length ? refsAfter.map((r) => `\`${r}\``).join(", ") : "no collection"} (was ${refsBefore.length ? refsBefore.map((r) => `\`${r}\``).join(", ") : "none"})`,
    ]);
  return found;
}

const typeName = (shape: Shape) => (shape.kind === "scalar" ? shape.type : shape.kind);
const plural = (list: unknown[]) => (list.length > 1 ? "s" : "");
const values = (list: unknown[]) => list.map((v) => `\`${JSON.stringify(v)}\``).join(", ");

/** The JSON Pointers of the places two values differ, deepest first found, in key order. */
function changedPlaces(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  tokens: string[],
): string[] {
  if (equal(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(byCodeUnits);
    return keys.flatMap((key) => changedPlaces(before[key], after[key], [...tokens, key]));
  }
  return [pointerOf(tokens) || "/"];
}
