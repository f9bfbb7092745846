import { createHash } from "node:crypto";
import { type Dirent, lstatSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { CodePointText } from "./codepoints.ts";
import type { Position } from "./locate.ts";
import type { Problem } from "./problem.ts";
import { type LoadCode, MAX_FILE_BYTES, readLimited, readRecord } from "./read-record.ts";
import type { RecordFile } from "./record.ts";
import { loadPackageSchemas, type Schemas } from "./schemas.ts";

/*
 * Loading a data folder: which folders and files may be there (the file-system policy), each
 * record read by read-record.ts, and each source's text beside its record.
 */

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
