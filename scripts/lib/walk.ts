import { isObject, type JsonValue, pointerOf } from "./json.ts";
import type { Field } from "./schemas.ts";

export interface Located {
  pointer: string;
  value: JsonValue;
}

/** Every value in a record at a field's path, with its JSON Pointer (`*` matches each array item). */
export function valuesAt(record: JsonValue, field: Field): Located[] {
  let level: { tokens: (string | number)[]; value: JsonValue }[] = [{ tokens: [], value: record }];
  for (const step of field.path) {
    const next: typeof level = [];
    for (const { tokens, value } of level) {
      if (step === "*") {
        if (Array.isArray(value)) {
          for (const [i, item] of value.entries())
            next.push({ tokens: [...tokens, i], value: item });
        }
      } else if (isObject(value) && Object.hasOwn(value, step)) {
        next.push({ tokens: [...tokens, step], value: value[step] as JsonValue });
      }
    }
    level = next;
  }
  return level.map(({ tokens, value }) => ({ pointer: pointerOf(tokens), value }));
}
