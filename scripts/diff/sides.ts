import { existsSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { listDataset, readRecords } from "../lib/dataset.ts";
import type { Problem } from "../lib/problem.ts";
import type { RecordFile } from "../lib/record.ts";
import { loadPackageSchemas, loadSchemas, SCHEMA_DIR, type Schemas } from "../lib/schemas/index.ts";

/*
 * One side of a comparison: the records and schemas of one version of the package, read from a
 * folder with the project's own reader (lib/dataset.ts) and schema model, as validation reads
 * them. Nothing is validated: a side is read as it is.
 */

export interface Side {
  /** How the report names the side: a folder as given, or a revision. */
  label: string;
  /** The folder that holds `data/` (and `schema/`): record files are named relative to it. */
  root: string;
  schemas: Schemas;
  /** Each collection's records by id, collections by name. */
  records: Map<string, Map<string, RecordFile>>;
  /** What kept a file from being read. */
  problems: Problem[];
}

/**
 * Reads a side from a folder: either a tree that holds `data/` (and its own `schema/`, else the
 * package's schemas are used), such as a checkout or an unpacked release, or a data folder itself.
 */
export function readSide(dir: string, label: string = dir): Side {
  const isTree = isFolder(join(dir, "data"));
  const dataDir = isTree ? join(dir, "data") : dir;
  const root = isTree ? dir : join(dir, "..");
  const ownSchemas = join(root, "schema");
  const schemas =
    isTree && isFolder(ownSchemas) && !sameFolder(ownSchemas, SCHEMA_DIR)
      ? loadSchemas(ownSchemas, { metaCheck: false })
      : loadPackageSchemas();
  const problems: Problem[] = schemas.issues
    // Another version's schemas may use annotations this one does not know: only a schema that
    // cannot be read at all keeps its records from being read.
    .filter((issue) => issue.code === "schema-file")
    .map((issue) => ({
      file: join(root, "schema", issue.file),
      line: issue.position?.line ?? 1,
      column: issue.position?.column ?? 1,
      severity: "error",
      code: issue.code,
      message: issue.message,
      fix: issue.fix,
    }));
  const records = new Map<string, Map<string, RecordFile>>();
  if (problems.length > 0) return { label, root, schemas, records, problems };
  const listed = listDataset(dataDir, schemas);
  const read = readRecords(listed.entries);
  // What validation reports of the folders (a stray file, a folder no schema declares) is no
  // obstacle to comparing; a record file that cannot be read is.
  const ignored = new Set(["unexpected-file", "unknown-collection"]);
  problems.push(...listed.problems.filter((p) => !ignored.has(p.code)), ...read.problems);
  for (const record of read.records) {
    const name = record.collection.name;
    let byId = records.get(name);
    if (!byId) {
      byId = new Map();
      records.set(name, byId);
    }
    byId.set(record.id, record);
  }
  return { label, root, schemas, records, problems };
}

/** A record file's path relative to its side's root, with `/` on every system: `data/people/x.json`. */
export const fileOf = (side: Side, record: RecordFile): string =>
  relative(side.root, record.display).split(sep).join("/");

const isFolder = (path: string) => existsSync(path) && statSync(path).isDirectory();

const sameFolder = (a: string, b: string) => relative(a, b) === "";
