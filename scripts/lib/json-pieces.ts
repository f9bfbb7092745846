import type { JsonValue } from "./json.ts";

/*
 * JSON text in pieces, for files too large to hold as one string: the pieces join to exactly
 * what JSON.stringify gives for the same value.
 */

/** A value to write: JSON, where an array may also be any iterable, taken one item at a time. */
export type Pieceable = JsonValue | Iterable<Pieceable> | { [key: string]: Pieceable };

const isIterable = (value: object): value is Iterable<Pieceable> => Symbol.iterator in value;
/** Whether JSON.stringify writes the value as it is: all but an iterable that is not an array. */
const isJsonLike = (value: Pieceable) =>
  typeof value !== "object" || value === null || Array.isArray(value) || !isIterable(value);

/**
 * `JSON.stringify(value, null, 2)` in pieces: arrays and objects down to `depth` levels are
 * written item by item, and each item below that whole, so that the largest piece is one item.
 */
export function* prettyPieces(value: Pieceable, depth: number, indent = ""): Generator<string> {
  if (depth === 0 || typeof value !== "object" || value === null) {
    const plain = isJsonLike(value) ? value : [...(value as Iterable<Pieceable>)];
    yield indented(plain, indent.length / 2);
    return;
  }
  const inner = `${indent}  `;
  const list = isIterable(value);
  // JSON.stringify leaves out an object's undefined members, as here.
  const items: Iterable<[string | undefined, Pieceable]> = list
    ? mapIterable(value, (item) => [undefined, item])
    : Object.entries(value).filter(([, item]) => item !== undefined);
  let first = true;
  for (const [key, item] of items) {
    yield `${first ? (list ? "[\n" : "{\n") : ",\n"}${inner}${key === undefined ? "" : `${JSON.stringify(key)}: `}`;
    yield* prettyPieces(item, depth - 1, inner);
    first = false;
  }
  yield first ? (list ? "[]" : "{}") : `\n${indent}${list ? "]" : "}"}`;
}

/**
 * A value's pretty text as it reads `levels` deep: JSON.stringify indents it there itself when
 * it is wrapped in as many one-item lists, whose brackets are then cut off, which is faster
 * than indenting each line after.
 */
function indented(value: unknown, levels: number): string {
  let wrapped = value;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2) ?? "null";
  // `[\n  [\n    ` before the value and `\n  ]\n]` after it, for two levels.
  const before = levels * 2 + levels * (levels + 1);
  const after = levels + levels * (levels - 1) + levels;
  return text.slice(before, text.length - after);
}

/** `JSON.stringify(items)` of a list, in pieces: one item at a time. */
export function* compactPieces(items: Iterable<Pieceable>): Generator<string> {
  let first = true;
  for (const item of items) {
    const plain = isJsonLike(item) ? item : [...(item as Iterable<Pieceable>)];
    yield `${first ? "[" : ","}${JSON.stringify(plain) ?? "null"}`;
    first = false;
  }
  yield first ? "[]" : "]";
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/** A file of pretty JSON (`prettyPieces`), with a final newline. */
export function* prettyFile(value: Pieceable, depth: number): Generator<string> {
  yield* prettyPieces(value, depth);
  yield "\n";
}
