import { isObject, type JsonValue } from "./json.ts";
import type { RecordFile } from "./record.ts";
import { type Collection, childKey, type Field, withRole } from "./schemas/index.ts";
import type { SpanObject } from "./span-object.mjs";
import { perCollection, valuesAt } from "./walk.ts";

/* Reading spans out of records, by the roles of their parts. */

/** A span field, with the keys of its parts as the schema names them. */
export interface SpanField {
  field: Field;
  keys: Record<"source" | "start" | "end" | "exact" | "prefix" | "suffix", string | undefined>;
}

export const spanFields = perCollection((collection: Collection): SpanField[] =>
  withRole(collection, "span").map((field) => ({
    field,
    keys: {
      source: childKey(collection, field, "span-source"),
      start: childKey(collection, field, "span-start"),
      end: childKey(collection, field, "span-end"),
      exact: childKey(collection, field, "span-exact"),
      prefix: childKey(collection, field, "span-prefix"),
      suffix: childKey(collection, field, "span-suffix"),
    },
  })),
);

/** A span's parts, as `npm run span` and the page script make them too. */
export type Span = SpanObject;

/** A span found in a record: where it is, and the keys its parts have there. */
export interface FoundSpan {
  pointer: string;
  keys: SpanField["keys"];
  span: Span;
}

/** Every span of a record that has the types a span needs (else the schema check reports it). */
export function spansOf(file: RecordFile): FoundSpan[] {
  const found: FoundSpan[] = [];
  for (const { field, keys } of spanFields(file.collection))
    for (const { pointer, value } of valuesAt(file.value, field)) {
      const span = spanOf(value, keys);
      if (span) found.push({ pointer, keys, span });
    }
  return found;
}

/** The span's parts, when they have the types a span needs. */
function spanOf(value: JsonValue, keys: SpanField["keys"]): Span | undefined {
  if (!isObject(value)) return undefined;
  const part = (key: string | undefined) => (key === undefined ? undefined : value[key]);
  const [source, start, end, exact, prefix, suffix] = [
    part(keys.source),
    part(keys.start),
    part(keys.end),
    part(keys.exact),
    part(keys.prefix),
    part(keys.suffix),
  ];
  if (typeof source !== "string" || typeof exact !== "string") return undefined;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return undefined;
  // A start before the text, or an end at its very start, marks no characters of any text:
  // the schema's minimums report it, once, and the span is not compared with the text too.
  if ((start as number) < 0 || (end as number) < 1) return undefined;
  return {
    source,
    start: start as number,
    end: end as number,
    exact,
    ...(typeof prefix === "string" ? { prefix } : {}),
    ...(typeof suffix === "string" ? { suffix } : {}),
  };
}
