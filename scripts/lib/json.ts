/** A value as `JSON.parse` returns it. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Escapes one JSON Pointer token (RFC 6901). */
export const escapePointer = (token: string | number): string =>
  String(token).replaceAll("~", "~0").replaceAll("/", "~1");

export const pointerOf = (tokens: readonly (string | number)[]): string =>
  tokens.map((token) => `/${escapePointer(token)}`).join("");

export const parsePointer = (pointer: string): string[] =>
  pointer === ""
    ? []
    : pointer
        .slice(1)
        .split("/")
        .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));

/** Keys that can rewrite an object's prototype in JavaScript consumers: no record may have them. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);
