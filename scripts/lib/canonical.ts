import { isObject, type JsonValue } from "./json.ts";
import type { Collection } from "./schemas.ts";

/** Property order for each object in a collection's records, keyed by path (`*` for array items). */
const orders = new WeakMap<Collection, Map<string, string[]>>();

function keyOrder(collection: Collection): Map<string, string[]> {
  let order = orders.get(collection);
  if (order) return order;
  order = new Map([["", ["$schema"]]]);
  for (const field of collection.fields) {
    const last = field.path.at(-1);
    if (last === undefined || last === "*") continue;
    const parent = field.path.slice(0, -1).join("/");
    const keys = order.get(parent) ?? [];
    keys.push(last);
    order.set(parent, keys);
  }
  orders.set(collection, order);
  return order;
}

/** The value with object keys in schema order; keys the schema does not know keep their order, last. */
export function orderKeys(value: JsonValue, collection: Collection, path = ""): JsonValue {
  if (Array.isArray(value)) {
    const itemPath = path === "" ? "*" : `${path}/*`;
    return value.map((item) => orderKeys(item, collection, itemPath));
  }
  if (!isObject(value)) return value;
  const known = keyOrder(collection).get(path) ?? [];
  const keys = [
    ...known.filter((k) => Object.hasOwn(value, k)),
    ...Object.keys(value).filter((k) => !known.includes(k)),
  ];
  const ordered: Record<string, JsonValue> = {};
  for (const key of keys) {
    const child = path === "" ? key : `${path}/${key}`;
    // defineProperty, not assignment: a key named __proto__ must stay data, not become a prototype.
    Object.defineProperty(ordered, key, {
      value: orderKeys(value[key] as JsonValue, collection, child),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return ordered;
}

/** The one canonical text of a record: keys in schema order, 2-space indent, LF, final newline. */
export const canonicalText = (value: JsonValue, collection: Collection): string =>
  `${JSON.stringify(orderKeys(value, collection), null, 2)}\n`;
