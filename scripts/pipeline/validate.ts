import { availableParallelism } from "node:os";
import { join, relative } from "node:path";
import type { Check, Report } from "../checks/check.ts";
import { CHECKS } from "../checks/index.ts";
import { BlockQueue } from "../lib/block-queue.ts";
import {
  type Dataset,
  listDataset,
  type ReadText,
  type RecordEntry,
  readEntry,
  readSourceText,
  type SourceText,
  sourceTextOf,
} from "../lib/dataset.ts";
import type { JsonObject } from "../lib/json.ts";
import { locate, parseWithPositions } from "../lib/locate.ts";
import { bySeverityThenPosition, codeTable, type Problem } from "../lib/problem.ts";
import { LOAD } from "../lib/read-record.ts";
import { RecordFile } from "../lib/record.ts";
import {
  type Collection,
  loadPackageSchemas,
  SCHEMA_CODES,
  type SchemaIssue,
  type Schemas,
} from "../lib/schemas/index.ts";
import { deriveTables } from "../lib/tables.ts";
import { runWorker } from "../lib/worker.ts";

export interface Validation {
  dataset: Dataset;
  problems: Problem[];
  /** Checks that threw: a fault in the tooling, not in the data. */
  crashed: string[];
}

export const CRASH_CODE = "check-crashed";

/** Every code any stage reports, with one line each: the table in CONTRIBUTING.md comes from here. */
export const ALL_CODES: Record<string, string> = codeTable([
  { name: "schemas", description: "The schemas load and compile.", codes: SCHEMA_CODES },
  LOAD,
  ...CHECKS,
  {
    name: "validation",
    description: "The checks run.",
    codes: { [CRASH_CODE]: "A check failed with an internal error; please report it." },
  },
]);

/**
 * The validation pipeline: the schemas; then each record, read and checked on its own, in file
 * order; then the source texts and the checks across records; the problems sorted.
 */
export function validate(
  dataDir: string,
  options: { schemas?: Schemas; checks?: readonly Check[] } = {},
): Validation {
  const schemas = options.schemas ?? loadPackageSchemas();
  const refused = refuseBrokenSchemas(dataDir, schemas);
  if (refused) return refused;
  const checks = options.checks ?? CHECKS;
  const listed = listDataset(dataDir, schemas);
  const own = checkRecords(dataDir, schemas, listed.entries, checks);
  return acrossRecords(dataDir, schemas, listed, own, [], checks);
}

/**
 * Records each thread is worth. Threads share the two cores with V8's own collector and each
 * loads the checks and the validators and warms its code again, so a second thread pays off
 * only on large data: at 6,400 records (`bench-phase validate`, four alternating runs each)
 * one thread took 0.84-0.97 s and two 1.11-1.15 s, even with the worker taking only the blocks
 * left when it is ready.
 */
const RECORDS_PER_JOB = 10_000;

/** Record files a thread takes at a time: small enough that the threads end close together. */
const BLOCK = 16;

/** How long an explicit thread count waits for its workers to start before taking blocks. */
const START_LIMIT_MS = 10_000;

/**
 * The same validation, with the reading and the record checks spread over `jobs` threads (by
 * default one per core, when the data is large enough to be worth it): the records are cut
 * into blocks, and this thread and each worker take the next block not yet taken until none
 * is left. The checks across records then run here, on every record. The problems, sorted,
 * are those of `validate`: the order of work does not show in the output.
 */
export async function validateInParallel(
  dataDir: string,
  options: { jobs?: number } = {},
): Promise<Validation> {
  const schemas = loadPackageSchemas();
  const refused = refuseBrokenSchemas(dataDir, schemas);
  if (refused) return refused;
  const listed = listDataset(dataDir, schemas);
  const queue = new BlockQueue(Math.ceil(listed.entries.length / BLOCK));
  // An explicit count is taken as asked, up to one thread per block; else one per core, when
  // each has enough records to be worth its start.
  const threads = Math.max(
    1,
    Math.min(
      options.jobs ??
        Math.min(availableParallelism(), Math.floor(listed.entries.length / RECORDS_PER_JOB)),
      queue.blocks,
    ),
  );
  const entries = listed.entries.map(
    ({ path, name, collection }): ShardInput["entries"][number] => [path, name, collection.name],
  );
  const workers = Array.from({ length: threads - 1 }, () =>
    runWorker<ShardResult>(import.meta.url, "validate-worker", {
      dataDir,
      entries,
      queue: queue.memory,
    } satisfies ShardInput),
  );
  // Asked for threads, every thread takes part (as the tests of the thread count need); by
  // default this thread starts at once, and the workers join as they are ready.
  if (options.jobs !== undefined) queue.waitForReady(threads - 1, START_LIMIT_MS);
  const own = checkRecords(dataDir, schemas, taken(queue, listed.entries), CHECKS);
  // Wait for every worker, even when one fails, so that none is left running.
  const settled = await Promise.allSettled(workers);
  const results: ShardResult[] = [];
  for (const outcome of settled) {
    if (outcome.status === "rejected") throw outcome.reason;
    results.push(outcome.value);
  }
  return acrossRecords(dataDir, schemas, listed, own, results, CHECKS);
}

/** The entries of each block this thread takes from the queue, until none is left. */
function* taken<T>(queue: BlockQueue, entries: readonly T[]): Generator<T> {
  for (let block = queue.take(); block !== undefined; block = queue.take())
    yield* entries.slice(block * BLOCK, (block + 1) * BLOCK);
}

/** What a worker is given: every record file, as plain data, and the queue of blocks. */
export interface ShardInput {
  dataDir: string;
  /** Path, name and collection of each record file. */
  entries: [string, string, string][];
  /** The memory of the block queue the threads share. */
  queue: SharedArrayBuffer;
}

/**
 * What a worker returns: the problems it found, and each record it read, as its value (copied
 * across by the structured clone, not parsed again here), with its text only where the text is
 * not the canonical one made again from the value.
 */
export interface ShardResult {
  problems: Problem[];
  crashed: string[];
  unreadable: string[];
  /** Display path, name, collection, value and, for a file not canonical, text, of each record that loaded. */
  records: [string, string, string, JsonObject, string | undefined][];
  /** The source texts read beside those records, by the record's display path. */
  texts: [string, ReadText][];
}

/** A worker's job: take blocks of records from the queue, read them, and run every record check on them. */
export function checkShard({ dataDir, entries, queue: memory }: ShardInput): ShardResult {
  const schemas = loadPackageSchemas();
  const queue = new BlockQueue(Math.ceil(entries.length / BLOCK), memory);
  queue.ready();
  const { files, ...found } = checkRecords(
    dataDir,
    schemas,
    map(taken(queue, entries), ([path, name, collection]) => ({
      path,
      name,
      collection: collectionNamed(schemas, collection),
    })),
    CHECKS,
  );
  return {
    ...found,
    records: files.map((r) => [
      r.display,
      r.name,
      r.collection.name,
      r.value,
      r.isCanonical ? undefined : r.text,
    ]),
  };
}

function* map<T, U>(items: Iterable<T>, change: (item: T) => U): Generator<U> {
  for (const item of items) yield change(item);
}

interface Checked {
  problems: Problem[];
  crashed: string[];
  unreadable: string[];
  files: RecordFile[];
  /** The source texts read beside records, by the record's display path. */
  texts: [string, ReadText][];
}

/**
 * Reads each record and runs every record check on it before the next is read, so that only
 * the values stay: a canonical record's text is let go once checked. A source's text is read
 * with its record, so that the threads share that reading too.
 */
function checkRecords(
  dataDir: string,
  schemas: Schemas,
  entries: Iterable<RecordEntry>,
  checks: readonly Check[],
): Checked {
  const problems: Problem[] = [];
  const unreadable: string[] = [];
  const files: RecordFile[] = [];
  const texts: [string, ReadText][] = [];
  // Record checks read only the schemas of the dataset.
  const dataset: Dataset = {
    dataDir,
    schemas,
    records: files,
    unreadable: new Set(),
    sourceTexts: new Map(),
  };
  const run = new CheckRun(problems);
  const recordChecks = checks.filter((check) => check.scope === "record");
  for (const entry of entries) {
    const file = readEntry(entry, problems);
    if (!file) {
      unreadable.push(entry.name);
      continue;
    }
    for (const check of recordChecks) run.recordCheck(check, file, dataset);
    file.releaseText();
    files.push(file);
    const text = readSourceText(file, dataDir, problems);
    if (text) texts.push([file.display, text]);
  }
  return { problems, crashed: run.crashed, unreadable, files, texts };
}

/**
 * Puts the records of every share back in file order, and each source text with its record,
 * and runs the checks across records.
 */
function acrossRecords(
  dataDir: string,
  schemas: Schemas,
  listed: ReturnType<typeof listDataset>,
  own: Checked,
  results: readonly ShardResult[],
  checks: readonly Check[],
): Validation {
  const problems = [...listed.problems, ...own.problems];
  const crashed = [...own.crashed];
  const unreadable = new Set([...listed.unreadable, ...own.unreadable]);
  const place = new Map(listed.entries.map((entry, index) => [entry.path, index]));
  const inOrder: (RecordFile | undefined)[] = new Array(listed.entries.length);
  const putBack = (file: RecordFile) => {
    inOrder[place.get(file.display) ?? -1] = file;
  };
  own.files.forEach(putBack);
  const texts = new Map(own.texts);
  for (const result of results) {
    problems.push(...result.problems);
    crashed.push(...result.crashed);
    for (const name of result.unreadable) unreadable.add(name);
    for (const record of result.records) putBack(recordFrom(record, schemas));
    for (const [display, text] of result.texts) texts.set(display, text);
  }
  const records = inOrder.filter((file) => file !== undefined);
  // In file order, as the checks across records and the build list the sources.
  const sourceTexts = new Map<string, SourceText>();
  for (const record of records) {
    const text = texts.get(record.display);
    if (text) sourceTexts.set(record.name, sourceTextOf(record, text));
  }
  const dataset: Dataset = { dataDir, schemas, records, unreadable, sourceTexts };
  const run = new CheckRun(problems, crashed);
  for (const check of checks) if (check.scope === "dataset") run.datasetCheck(check, dataset);
  return run.finish(dataset);
}

/** A record a worker read, as it sends it, made a record file again on this thread. */
export function recordFrom(
  [display, name, collection, value, text]: ShardResult["records"][number],
  schemas: Schemas,
): RecordFile {
  const file = new RecordFile(
    display,
    collectionNamed(schemas, collection),
    name,
    text ?? "",
    value,
    text === undefined,
  );
  file.releaseText();
  return file;
}

function collectionNamed(schemas: Schemas, name: string): Collection {
  const collection = schemas.collection(name);
  if (!collection) throw new Error(`no collection named ${name}`);
  return collection;
}

/** Data checked against a broken schema would only repeat the schema's mistake on every record. */
function refuseBrokenSchemas(dataDir: string, schemas: Schemas): Validation | undefined {
  const issues = schemas.issues.length > 0 ? schemas.issues : deriveTables(schemas).issues;
  if (issues.length === 0) return undefined;
  const dataset = {
    dataDir,
    schemas,
    records: [],
    unreadable: new Set<string>(),
    sourceTexts: new Map(),
  };
  return {
    dataset,
    problems: issues.map((i) => problemOf(i, schemas)).sort(bySeverityThenPosition),
    crashed: [],
  };
}

/** Runs checks, turning their findings into problems, and keeps a check's crash from ending the run. */
class CheckRun {
  // The records each check found errors in, for the checks that skip those records.
  private readonly failing = new Map<string, Set<RecordFile>>();
  private current = "";

  constructor(
    readonly problems: Problem[],
    readonly crashed: string[] = [],
  ) {}

  private readonly report: Report = (file, finding) => {
    const at = finding.at ?? file.locate(finding.pointer, finding.part);
    if ((finding.severity ?? "error") === "error")
      this.failing.set(this.current, (this.failing.get(this.current) ?? new Set()).add(file));
    this.problems.push({
      file: finding.path ?? file.display,
      line: at.line,
      column: at.column,
      severity: finding.severity ?? "error",
      code: finding.code,
      message: finding.message,
      ...(finding.fix ? { fix: finding.fix } : {}),
    });
  };

  recordCheck(check: Check, file: RecordFile, dataset: Dataset): void {
    if (check.scope !== "record") return;
    this.current = check.name;
    if (check.skipsRecordsFailing?.some((name) => this.failing.get(name)?.has(file))) return;
    try {
      check.check(file, this.report, dataset);
    } catch (error) {
      this.crash(check, file.display, error);
    }
  }

  datasetCheck(check: Check, dataset: Dataset): void {
    if (check.scope !== "dataset") return;
    this.current = check.name;
    try {
      check.check(dataset, this.report);
    } catch (error) {
      this.crash(check, dataset.dataDir, error);
    }
  }

  private crash(check: Check, file: string, error: unknown): void {
    this.crashed.push(check.name);
    this.problems.push({
      file,
      line: 1,
      column: 1,
      severity: "error",
      code: CRASH_CODE,
      message: `check \`${check.name}\` failed: ${error instanceof Error ? error.message : String(error)}`,
      fix: "this is a fault in the checks, not in the data: please report it with this file",
    });
  }

  finish(dataset: Dataset): Validation {
    this.problems.sort(bySeverityThenPosition);
    // The check of each crash, in an order that does not depend on which thread ran it.
    return { dataset, problems: this.problems, crashed: this.crashed.sort() };
  }
}

/** A schema issue as a problem on its schema file, at the line and column of its pointer. */
function problemOf(issue: SchemaIssue, schemas: Schemas): Problem {
  const text = schemas.texts.get(issue.file);
  let at = issue.position ?? { line: 1, column: 1 };
  try {
    if (text !== undefined && !issue.position)
      at = locate(parseWithPositions(text), issue.pointer, issue.part);
  } catch {
    // A file that does not parse is reported at its start.
  }
  return {
    file: relative(process.cwd(), join(schemas.dir, issue.file)),
    ...at,
    severity: "error",
    code: issue.code,
    message: issue.message,
    fix: issue.fix,
  };
}

/** 0 clean (warnings allowed), 1 invalid data, 2 a fault in the tooling. */
export const exitCodeOf = ({
  problems,
  crashed,
}: Pick<Validation, "problems" | "crashed">): 0 | 1 | 2 =>
  crashed.length > 0 ? 2 : problems.some((p) => p.severity === "error") ? 1 : 0;
