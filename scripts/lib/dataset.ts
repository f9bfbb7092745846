import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import {
  closeSync,
  type Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
} from "node:fs";
import { extname, join } from "node:path";
import type { DocumentNode } from "@humanwhocodes/momoa";
import { canonicalText } from "./canonical.ts";
import { CodePointText } from "./codepoints.ts";
import { isObject, type JsonObject } from "./json.ts";
import {
  locate,
  type Part,
  type Position,
  parseWithPositions,
  positionOfOffset,
} from "./locate.ts";
import type { Problem } from "./problem.ts";
import { type Collection, loadPackageSchemas, type Schemas } from "./schemas.ts";

/** Files larger than this are refused before they are read into memory. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Objects and arrays nested deeper than this are refused (no record needs more than about 8). */
export const MAX_DEPTH = 32;

/** A parsed record file. */
export class RecordFile {
  private doc: DocumentNode | undefined;
  private canonical: boolean | undefined;

  constructor(
    /** Path as shown to users. */
    readonly display: string,
    readonly collection: Collection,
    /** The file name without `.json`: the id the record must have. */
    readonly name: string,
    readonly text: string,
    readonly value: JsonObject,
  ) {}

  get id(): string {
    return typeof this.value.id === "string" ? this.value.id : this.name;
  }

  /** The syntax tree with positions, parsed on first use: clean files never need it. */
  get syntaxTree(): DocumentNode {
    this.doc ??= parseWithPositions(this.text);
    return this.doc;
  }

  /** Whether the text is exactly the canonical serialization of its value. */
  get isCanonical(): boolean {
    this.canonical ??= this.text === canonicalText(this.value, this.collection);
    return this.canonical;
  }

  /** The collection the record's `$schema` names, if it names one. */
  declaredCollection(schemas: Schemas): Collection | undefined {
    const named = this.value.$schema;
    if (typeof named !== "string") return undefined;
    return schemas.collections.find(
      (c) => named === c.schemaFile || named.endsWith(`/${c.schemaFile}`),
    );
  }

  /** Whether the record names another collection's schema: it sits in the wrong folder. */
  isMisplaced(schemas: Schemas): boolean {
    const declared = this.declaredCollection(schemas);
    return declared !== undefined && declared !== this.collection;
  }

  locate(pointer: string, part: Part = "value"): Position {
    return locate(this.syntaxTree, pointer, part);
  }
}

/** A source text stored beside its record, as `<id>` plus the collection's text extension. */
export interface SourceText {
  record: RecordFile;
  display: string;
  bytes: Buffer;
  text: CodePointText;
  sha256: string;
}

export interface Dataset {
  dataDir: string;
  schemas: Schemas;
  records: RecordFile[];
  /** Names of record files that exist but could not be read: references to them are not reported as dangling. */
  unreadable: Set<string>;
  sourceTexts: Map<string, SourceText>;
}

export interface Loaded {
  dataset: Dataset;
  /** Problems that kept a file from loading. */
  problems: Problem[];
}

/** Codes of the problems the load stage itself reports. */
export const LOAD_CODES = {
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
} as const;

type LoadCode = keyof typeof LOAD_CODES;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Reads a data folder: every collection folder, every record, every source text. */
export function loadDataset(dataDir: string, schemas: Schemas = loadPackageSchemas()): Loaded {
  const problems: Problem[] = [];
  const dataset: Dataset = {
    dataDir,
    schemas,
    records: [],
    unreadable: new Set(),
    sourceTexts: new Map(),
  };
  // Paths are built with join(dataDir, …), so they read as the user named the folder.
  const problem = (path: string, code: LoadCode, message: string, fix: string, at?: Position) =>
    problems.push({
      file: path,
      line: at?.line ?? 1,
      column: at?.column ?? 1,
      severity: "error",
      code,
      message,
      fix,
    });

  let folders: string[];
  try {
    folders = readdirSync(dataDir).sort();
  } catch {
    problem(
      dataDir,
      "data-folder",
      `cannot read the data folder ${dataDir}`,
      "name an existing folder with --data DIR",
    );
    return { dataset, problems };
  }

  const known = schemas.collections.map((c) => c.name).join(", ");
  for (const folder of folders) {
    const folderPath = join(dataDir, folder);
    const stat = lstatSync(folderPath);
    if (folder.startsWith(".")) continue;
    if (stat.isSymbolicLink()) {
      problem(
        folderPath,
        "symlink",
        "a symbolic link in the data folder",
        "replace the link with the folder itself",
      );
      continue;
    }
    const collection = schemas.collection(folder);
    if (!stat.isDirectory() || !collection) {
      problem(
        folderPath,
        "unknown-collection",
        `\`${folder}\` is not a collection`,
        `put records in one of the collection folders (${known}), or declare a new collection with a schema in schema/`,
      );
      continue;
    }
    // The entries' types spare an lstat per file; a record's size is read when it is opened.
    const entries = readdirSync(folderPath, { withFileTypes: true }).sort(byName);
    for (const entry of entries) {
      const file = entry.name;
      if (file.startsWith(".")) continue;
      const path = join(folderPath, file);
      const ext = extname(file);
      const name = file.slice(0, file.length - ext.length);
      if (entry.isSymbolicLink()) {
        problem(
          path,
          "symlink",
          "a symbolic link in a collection folder",
          "replace the link with the file itself",
        );
        continue;
      }
      if (!entry.isFile()) {
        problem(
          path,
          "unexpected-file",
          "a folder inside a collection folder",
          `move its records up into ${folder}/`,
        );
        continue;
      }
      // A record is sized as it is opened; any other file by an lstat.
      const bytes = ext === ".json" ? readLimited(path) : lstatSync(path).size;
      const size = typeof bytes === "number" ? bytes : bytes.length;
      if (size > MAX_FILE_BYTES) {
        dataset.unreadable.add(name);
        problem(
          path,
          "file-too-large",
          `the file has ${size} bytes, over the limit of ${MAX_FILE_BYTES}`,
          "split it, or shorten its text fields",
        );
      } else if (typeof bytes !== "number") {
        const record = readRecord(bytes, path, name, collection, problem);
        if (record) dataset.records.push(record);
        else dataset.unreadable.add(name);
      } else if (ext !== collection.textExtension) {
        problem(
          path,
          "unexpected-file",
          `\`${file}\` is not a .json record`,
          `remove it, or rename it to ${name}.json if it is a record`,
        );
      }
    }
  }

  for (const record of dataset.records) {
    const extension = record.collection.textExtension;
    if (extension === undefined) continue;
    const folder = record.collection.name;
    const path = join(dataDir, folder, `${record.name}${extension}`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      problem(
        record.display,
        "source-text-missing",
        `the text of \`${record.name}\` is missing`,
        `store the text, byte for byte, as ${folder}/${record.name}${extension}`,
      );
      continue;
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      problem(path, "invalid-utf8", "the source text is not valid UTF-8", "save it as UTF-8");
      continue;
    }
    dataset.sourceTexts.set(record.name, {
      record,
      display: path,
      bytes,
      text: new CodePointText(text),
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  }
  return { dataset, problems };
}

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The bytes of a file, or its size when over MAX_FILE_BYTES, so that it is never read whole. */
function readLimited(path: string): Buffer | number {
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

function readRecord(
  bytes: Buffer,
  path: string,
  name: string,
  collection: Collection,
  problem: (path: string, code: LoadCode, message: string, fix: string, at?: Position) => void,
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
      "save it as UTF-8 without BOM (npm run fix does it)",
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
      problem(path, "json-syntax", "the file is not valid JSON", "fix the JSON syntax");
    } catch (error) {
      const { line, column, message } = error as {
        line?: number;
        column?: number;
        message: string;
      };
      problem(
        path,
        "json-syntax",
        `invalid JSON: ${message.replace(/ \(\d+:\d+\)$/, "")}`,
        "fix the JSON syntax at this position (a missing comma or quote, a trailing comma?)",
        { line: line ?? 1, column: column ?? 1 },
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
