import { createHash } from "node:crypto";
import { type Dirent, lstatSync, readdirSync, readFileSync } from "node:fs";
import { extname, join, sep } from "node:path";
import { CodePointText } from "./codepoints.ts";
import type { Position } from "./locate.ts";
import type { Problem } from "./problem.ts";
import { type LoadCode, MAX_FILE_BYTES, readLimited, readRecord } from "./read-record.ts";
import type { RecordFile } from "./record.ts";
import { type Collection, loadPackageSchemas, type Schemas, topField } from "./schemas/index.ts";

/*
 * Loading a data folder: which folders and files may be there (the file-system policy), each
 * record read by read-record.ts, and each source's text beside its record.
 */

/** A source text stored beside its record, as `<id>` plus the collection's text extension. */
export interface SourceText {
  record: RecordFile;
  display: string;
  text: CodePointText;
  sha256: string;
}

/** A source text as read, before it is tied to its record: plain data, which a thread can send. */
export interface ReadText {
  display: string;
  text: string;
  sha256: string;
}

/** The source text of a record, read beside it: the parts that depend on the text alone. */
export const sourceTextOf = (record: RecordFile, read: ReadText): SourceText => ({
  record,
  display: read.display,
  text: new CodePointText(read.text),
  sha256: read.sha256,
});

/** The SHA-256 a source's record gives for its text, when it gives one. */
export function storedHash(source: SourceText): { key: string; value: string } | undefined {
  const key = topField(source.record.collection, "text-sha256")?.path[0];
  const value = key === undefined ? undefined : source.record.value[key];
  return key !== undefined && typeof value === "string" ? { key, value } : undefined;
}

const matches = new WeakMap<SourceText, boolean>();

/**
 * Whether a source's text is the one its record's hash was taken of (true when none is given):
 * asked once per span, so worked out once per source.
 */
export function hashMatches(source: SourceText): boolean {
  let match = matches.get(source);
  if (match === undefined) {
    match = (storedHash(source)?.value ?? source.sha256) === source.sha256;
    matches.set(source, match);
  }
  return match;
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

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A record file found in a collection folder, not yet read. */
export interface RecordEntry {
  path: string;
  /** The file name without `.json`. */
  name: string;
  collection: Collection;
}

/** Reports a file that could not be loaded. */
type Reporter = (path: string, code: LoadCode, message: string, fix: string, at?: Position) => void;

/** Collects load problems in a list. */
function reporterInto(problems: Problem[]): Reporter {
  // Paths are built with join(dataDir, …), so they read as the user named the folder.
  return (path, code, message, fix, at) =>
    problems.push({
      file: path,
      line: at?.line ?? 1,
      column: at?.column ?? 1,
      severity: "error",
      code,
      message,
      fix,
    });
}

/** Reads a data folder: every collection folder, every record, every source text. */
export function loadDataset(dataDir: string, schemas: Schemas = loadPackageSchemas()): Loaded {
  const listed = listDataset(dataDir, schemas);
  const read = readRecords(listed.entries);
  const dataset: Dataset = {
    dataDir,
    schemas,
    records: read.records,
    unreadable: new Set([...listed.unreadable, ...read.unreadable]),
    sourceTexts: new Map(),
  };
  const problems = [...listed.problems, ...read.problems];
  readSourceTexts(dataset, problems);
  return { dataset, problems };
}

/**
 * The file-system policy: which folders and files may be in a data folder. Lists the record
 * files, in folder and file order, and reports everything else; reads no record.
 */
export function listDataset(
  dataDir: string,
  schemas: Schemas,
): { entries: RecordEntry[]; unreadable: string[]; problems: Problem[] } {
  const entries: RecordEntry[] = [];
  const unreadable: string[] = [];
  const problems: Problem[] = [];
  const problem = reporterInto(problems);
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
    return { entries, unreadable, problems };
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
    for (const entry of readdirSync(folderPath, { withFileTypes: true }).sort(byName)) {
      const file = entry.name;
      if (file.startsWith(".")) continue;
      // A name read from the folder has no separator: no join (which normalizes) is needed.
      const path = `${folderPath}${sep}${file}`;
      const ext = extname(file);
      const name = file.slice(0, file.length - ext.length);
      if (entry.isSymbolicLink()) {
        problem(
          path,
          "symlink",
          "a symbolic link in a collection folder",
          "replace the link with the file itself",
        );
      } else if (!entry.isFile()) {
        problem(
          path,
          "unexpected-file",
          "a folder inside a collection folder",
          `move its records up into ${folder}/`,
        );
      } else if (ext === ".json") {
        entries.push({ path, name, collection });
      } else if (lstatSync(path).size > MAX_FILE_BYTES) {
        unreadable.push(name);
        problem(path, ...tooLarge(lstatSync(path).size));
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
  return { entries, unreadable, problems };
}

const tooLarge = (size: number) =>
  [
    "file-too-large",
    `the file has ${size} bytes, over the limit of ${MAX_FILE_BYTES}`,
    "split it, or shorten its text fields",
  ] as const;

/** Reads and parses record files, in the order given; the names of those that fail to load. */
export function readRecords(entries: readonly RecordEntry[]): {
  records: RecordFile[];
  unreadable: string[];
  problems: Problem[];
} {
  const records: RecordFile[] = [];
  const unreadable: string[] = [];
  const problems: Problem[] = [];
  for (const entry of entries) {
    const record = readEntry(entry, problems);
    if (record) records.push(record);
    else unreadable.push(entry.name);
  }
  return { records, unreadable, problems };
}

/** Reads and parses one record file; what keeps it from loading goes into `problems`. */
export function readEntry(
  { path, name, collection }: RecordEntry,
  problems: Problem[],
): RecordFile | undefined {
  const problem = reporterInto(problems);
  const bytes = readLimited(path);
  if (typeof bytes !== "number") return readRecord(bytes, path, name, collection, problem);
  problem(path, ...tooLarge(bytes));
  return undefined;
}

/** Reads the text stored beside each record of a collection that has texts. */
export function readSourceTexts(dataset: Dataset, problems: Problem[]): void {
  for (const record of dataset.records) {
    const read = readSourceText(record, dataset.dataDir, problems);
    if (read) dataset.sourceTexts.set(record.name, sourceTextOf(record, read));
  }
}

/**
 * Reads the text stored beside a record, when its collection has texts: the text and its
 * SHA-256, or a problem when it is missing or not UTF-8.
 */
export function readSourceText(
  record: RecordFile,
  dataDir: string,
  problems: Problem[],
): ReadText | undefined {
  const extension = record.collection.textExtension;
  if (extension === undefined) return undefined;
  const problem = reporterInto(problems);
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
    return undefined;
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    problem(path, "invalid-utf8", "the source text is not valid UTF-8", "save it as UTF-8");
    return undefined;
  }
  return { display: path, text, sha256: createHash("sha256").update(bytes).digest("hex") };
}

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
