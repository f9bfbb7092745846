import { escapePointer, isObject, type JsonValue } from "./json.ts";
import type { Collection, Field } from "./schemas/index.ts";

export interface Located {
  pointer: string;
  value: JsonValue;
}

/** Each field's path as pointer fragments (`/name`, escaped once; an array step's is not used). */
const fragmentsOf = new WeakMap<Field, string[]>();

/** Every value in a record at a field's path, with its JSON Pointer (`*` matches each array item). */
export function valuesAt(record: JsonValue, field: Field): Located[] {
  let fragments = fragmentsOf.get(field);
  if (!fragments) {
    fragments = field.path.map((step) => `/${escapePointer(step)}`);
    fragmentsOf.set(field, fragments);
  }
  const found: Located[] = [];
  collect(record, field.path, fragments, 0, "", found);
  return found;
}

// Runs for every field of every record: the pointer grows one fragment per step, without
// per-level arrays, and no closure is made per call.
function collect(
  value: JsonValue,
  path: string[],
  fragments: string[],
  depth: number,
  pointer: string,
  found: Located[],
): void {
  if (depth === path.length) {
    found.push({ pointer, value });
    return;
  }
  const step = path[depth] as string;
  if (step === "*") {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++)
      collect(value[i] as JsonValue, path, fragments, depth + 1, `${pointer}/${i}`, found);
  } else if (isObject(value) && Object.hasOwn(value, step)) {
    const next = pointer + (fragments[depth] as string);
    collect(value[step] as JsonValue, path, fragments, depth + 1, next, found);
  }
}

/**
 * A function of a collection, computed once per collection: the checks run over every record,
 * and pick the same fields (the spans, the references) for each record of a collection.
 */
export function perCollection<T>(compute: (collection: Collection) => T): (c: Collection) => T {
  const cache = new WeakMap<Collection, T>();
  return (collection) => {
    let value = cache.get(collection);
    if (value === undefined) {
      value = compute(collection);
      cache.set(collection, value);
    }
    return value;
  };
}
