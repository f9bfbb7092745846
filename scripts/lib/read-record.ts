import { isUtf8 } from "node:buffer";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { codePointName } from "./codepoints.ts";
import { isObject } from "./json.ts";
import { type Position, parseWithPositions, positionOfOffset } from "./locate.ts";
import type { Codes } from "./problem.ts";
import { RecordFile } from "./record.ts";
import { type Collection, topField } from "./schemas/index.ts";

/*
 * Reading one record file, byte by byte: what must hold of the bytes before they are a record
 * (size, encoding, JSON, depth, an object). Each refusal is one problem with a load code.
 */

/** Files larger than this are refused before they are read into memory. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Objects and arrays nested deeper than this are refused (no record needs more than about 8). */
export const MAX_DEPTH = 32;

/** The load stage: the problems that keep a file from loading, with their codes. */
export const LOAD = {
  name: "load",
  description:
    "Every folder and file is where the schemas expect it, and every record is readable JSON.",
  codes: {
    "data-folder": "The data folder does not exist or cannot be read.",
    "unknown-collection": "A folder under the data folder that no schema declares as a collection.",
    "unexpected-file":
      "A file that is not a `.json` record (or a source's text) in a collection folder.",
    symlink: "A symbolic link: records must be plain files inside the data folder.",
    "file-too-large": "A file over 1 MiB.",
    "empty-file": "An empty file.",
    bom: "A byte-order mark at the start of a file.",
    "invalid-utf8": "Bytes that are not valid UTF-8.",
    "json-syntax": "Text that is not valid JSON.",
    "too-deep": "Objects or arrays nested deeper than 32 levels.",
    "not-an-object": "A record file whose top-level value is not an object.",
    "source-text-missing": "A source record without its text file beside it.",
  },
} as const satisfies Codes;

export type LoadCode = keyof typeof LOAD.codes;

/** Reports a file that could not be loaded. */
export type LoadProblem = (
  path: string,
  code: LoadCode,
  message: string,
  fix: string,
  at?: Position,
) => void;

/** The bytes of a file, or its size when over MAX_FILE_BYTES, so that it is never read whole. */
export function readLimited(path: string): Buffer | number {
  const fd = openSync(path, "r");
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_FILE_BYTES) return size;
    const bytes = Buffer.allocUnsafe(size);
    let length = 0;
    while (length < size) {
      const read = readSync(fd, bytes, length, size - length, null);
      if (read === 0) break;
      length += read;
    }
    return bytes.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a file holds only whitespace. One that starts with a visible ASCII character (as a
 * record starts with `{`) cannot: only the others are decoded to find out.
 */
const isBlank = (bytes: Buffer) =>
  bytes.length === 0 ||
  (!((bytes[0] ?? 0) > 0x20 && (bytes[0] ?? 0) < 0x7f) && bytes.toString("utf8").trim() === "");

export function readRecord(
  bytes: Buffer,
  path: string,
  name: string,
  collection: Collection,
  problem: LoadProblem,
): RecordFile | undefined {
  if (isBlank(bytes)) {
    problem(
      path,
      "empty-file",
      "the file is empty",
      "write the record as a JSON object, or delete the file",
    );
    return undefined;
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    problem(
      path,
      "bom",
      "the file starts with a byte-order mark",
      "run `npm run fix`, which removes the mark and nothing else, or save the file as UTF-8 without BOM",
    );
    return undefined;
  }
  // isUtf8 validates without decoding (and faster than a fatal TextDecoder): the bytes are then
  // decoded once, leniently, which for valid UTF-8 gives the same text.
  if (!isUtf8(bytes)) {
    const valid = validUtf8Prefix(bytes);
    problem(
      path,
      "invalid-utf8",
      "the file is not valid UTF-8",
      "save it as UTF-8",
      positionOfOffset(valid, valid.length),
    );
    return undefined;
  }
  const text = bytes.toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse says little about where; the positional parser says exactly.
    try {
      parseWithPositions(text);
      // The positional parser takes control characters inside strings, which JSON.parse does
      // not: a tab typed into a quote, say. That is the one such text known.
      const control = controlCharacterInString(text);
      if (control)
        problem(
          path,
          "json-syntax",
          `a control character (${codePointName(control.character)}) inside a string: JSON strings cannot hold one as it is`,
          // JSON.stringify writes it as JSON wants it: \t, \n, \u0001…
          `write it as \`${JSON.stringify(control.character).slice(1, -1)}\``,
          positionOfOffset(text, control.offset),
        );
      else problem(path, "json-syntax", "the file is not valid JSON", "fix the JSON syntax");
    } catch (error) {
      // Where the parser stopped: a line and column to report, and the offset in code units.
      const {
        line = 1,
        column = 1,
        offset = 0,
        message,
      } = error as {
        line?: number;
        column?: number;
        offset?: number;
        message: string;
      };
      const comma = trailingComma(text, offset);
      const comment = text.slice(offset).match(/^\/[/*]/)?.[0];
      if (comment) {
        const note = topField(collection, "note")?.path[0];
        problem(
          path,
          "json-syntax",
          `JSON has no comments: \`${comment}\` starts one in JavaScript, not in JSON`,
          note
            ? `remove the comment; a remark on the record goes in its \`${note}\` field, as a string`
            : "remove the comment: records of this collection have no field for remarks",
          { line, column },
        );
      } else if (comma)
        problem(
          path,
          "json-syntax",
          "a comma after the last item: JSON allows none before a closing bracket or brace",
          "remove this comma",
          comma,
        );
      else
        problem(
          path,
          "json-syntax",
          `invalid JSON: ${message.replace(/ \(\d+:\d+\)$/, "")}`,
          "fix the JSON syntax at this position (a missing comma, quote or bracket?)",
          { line, column },
        );
    }
    return undefined;
  }
  const depth = nestingDepth(value);
  if (depth > MAX_DEPTH) {
    problem(
      path,
      "too-deep",
      `values nest ${depth} levels deep, over the limit of ${MAX_DEPTH}`,
      "flatten the record: no field of the schema nests this deep",
    );
    return undefined;
  }
  if (!isObject(value)) {
    problem(
      path,
      "not-an-object",
      "the file does not hold a JSON object",
      'write the record as one object: { "id": … }',
    );
    return undefined;
  }
  return new RecordFile(path, collection, name, text, value);
}

/** How deep objects and arrays nest, counted no further than one level past MAX_DEPTH. */
function nestingDepth(value: unknown, depth = 0): number {
  if (typeof value !== "object" || value === null) return depth;
  // Recursion is bounded: it stops one level past the limit.
  let deepest = depth + 1;
  if (deepest > MAX_DEPTH) return deepest;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    deepest = Math.max(deepest, nestingDepth(child, depth + 1));
    if (deepest > MAX_DEPTH) return deepest;
  }
  return deepest;
}

/** The longest prefix of `bytes` that decodes as UTF-8, to say where decoding fails. */
function validUtf8Prefix(bytes: Buffer): string {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return bytes.subarray(0, low).toString("utf8");
}

/** The first character under U+0020 inside a string, where JSON wants it escaped. */
function controlCharacterInString(text: string): { character: string; offset: number } | undefined {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const character = text[i] as string;
    if (!inString) inString = character === '"';
    else if (character === "\\") i++;
    else if (character === '"') inString = false;
    else if (character < " ") return { character, offset: i };
  }
  return undefined;
}

/**
 * Where a trailing comma is, when the parser stopped at a closing bracket or brace that follows
 * one: the parser blames the bracket, but the comma is the mistake.
 */
function trailingComma(text: string, offset: number): Position | undefined {
  if (text[offset] !== "}" && text[offset] !== "]") return undefined;
  let before = offset - 1;
  while (before >= 0 && /\s/.test(text[before] ?? "")) before--;
  return text[before] === "," ? positionOfOffset(text, before) : undefined;
}
