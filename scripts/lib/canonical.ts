import { isObject, type JsonValue } from "./json.ts";
import type { Collection } from "./schemas/index.ts";

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

/** The key order as a tree, one node per path, so a walk looks up keys instead of joined paths. */
interface OrderNode {
  known: string[];
  children: Map<string, OrderNode>;
}

const EMPTY: OrderNode = { known: [], children: new Map() };
const orderTrees = new WeakMap<Collection, OrderNode>();

function orderTree(collection: Collection): OrderNode {
  let root = orderTrees.get(collection);
  if (root) return root;
  root = { known: [], children: new Map() };
  for (const [path, known] of keyOrder(collection)) {
    let node = root;
    for (const token of path === "" ? [] : path.split("/")) {
      let child = node.children.get(token);
      if (!child) {
        child = { known: [], children: new Map() };
        node.children.set(token, child);
      }
      node = child;
    }
    node.known = known;
  }
  orderTrees.set(collection, root);
  return root;
}

/**
 * Whether every object in the value already has its keys in the order `orderKeys` gives, so
 * that serializing the value itself gives the same text. It copies nothing. (False when
 * unsure: the caller then reorders.)
 */
function inKeyOrder(value: JsonValue, node: OrderNode): boolean {
  if (Array.isArray(value)) {
    const items = node.children.get("*") ?? EMPTY;
    for (const item of value) if (!inKeyOrder(item, items)) return false;
    return true;
  }
  if (!isObject(value)) return true;
  const { known } = node;
  // orderKeys lists the known keys first, in schema order, then the unknown ones in their
  // own order: so each known key must come after the previous one, and before any unknown.
  let previous = -1;
  let unknownSeen = false;
  for (const key of Object.keys(value)) {
    const index = known.indexOf(key);
    if (index === -1) unknownSeen = true;
    else if (unknownSeen || index < previous) return false;
    else previous = index;
    const child = value[key] as JsonValue;
    if (typeof child !== "object" || child === null) continue;
    // orderKeys joins keys into paths with "/": an empty key or one with a "/" is left to it.
    if (key === "" || key.includes("/")) return false;
    if (!inKeyOrder(child, node.children.get(key) ?? EMPTY)) return false;
  }
  return true;
}

/**
 * The value with keys in schema order: the value itself when they already are (records almost
 * always are: it is what `format` enforces), so that no copy of every object is made; else a
 * reordered copy.
 */
export const inSchemaOrder = (value: JsonValue, collection: Collection): JsonValue =>
  inKeyOrder(value, orderTree(collection)) ? value : orderKeys(value, collection);

/** The one canonical text of a record: keys in schema order, 2-space indent, LF, final newline. */
export const canonicalText = (value: JsonValue, collection: Collection): string =>
  `${JSON.stringify(inSchemaOrder(value, collection), null, 2)}\n`;
