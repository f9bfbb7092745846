import { availableParallelism } from "node:os";
import { extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Check, Report } from "../checks/check.ts";
import { CHECKS } from "../checks/index.ts";
import {
  type Dataset,
  listDataset,
  loadDataset,
  type RecordEntry,
  readRecords,
  readSourceTexts,
} from "../lib/dataset.ts";
import { locate, parseWithPositions } from "../lib/locate.ts";
import { bySeverityThenPosition, type Problem } from "../lib/problem.ts";
import { LOAD } from "../lib/read-record.ts";
import { RecordFile } from "../lib/record.ts";
import {
  type Collection,
  loadPackageSchemas,
  SCHEMA_CODES,
  type SchemaIssue,
  type Schemas,
} from "../lib/schemas.ts";
import { deriveTables } from "../lib/tables.ts";

export interface Validation {
  dataset: Dataset;
  problems: Problem[];
  /** Checks that threw: a fault in the tooling, not in the data. */
  crashed: string[];
}

export const CRASH_CODE = "check-crashed";

/** Every code any stage reports, with one line each: the table in CONTRIBUTING.md comes from here. */
export const ALL_CODES: Record<string, string> = Object.assign(
  {},
  SCHEMA_CODES,
  LOAD.codes,
  ...CHECKS.map((check) => check.codes),
  { [CRASH_CODE]: "A check failed with an internal error; please report it." },
);

/** The validation pipeline: the schemas, then load, run every check, sort the problems. */
export function validate(
  dataDir: string,
  options: { schemas?: Schemas; checks?: readonly Check[] } = {},
): Validation {
  const schemas = options.schemas ?? loadPackageSchemas();
  const refused = refuseBrokenSchemas(dataDir, schemas);
  if (refused) return refused;
  const { dataset, problems } = loadDataset(dataDir, schemas);
  const run = new CheckRun(problems);
  for (const check of options.checks ?? CHECKS) {
    if (check.scope === "record") run.recordCheck(check, dataset.records, dataset);
    else run.datasetCheck(check, dataset);
  }
  return run.finish(dataset);
}

/**
 * Records each worker thread is worth. Threads share the two cores with V8's own collector
 * and each compiles the validators again, so a second thread pays off only on large data:
 * measured here, 10% faster at 64,000 records, and slower at 6,400.
 */
const RECORDS_PER_JOB = 10_000;

/**
 * The same validation, with the reading and the record checks spread over `jobs` threads (by
 * default one per core, when the data is large enough to be worth it): the records are split
 * into runs in file order, this thread takes the first, and a worker each of the others. The
 * checks across records then run here, on every record. The problems, sorted, are those of
 * `validate`: the order of work does not show in the output.
 */
export async function validateInParallel(
  dataDir: string,
  options: { jobs?: number } = {},
): Promise<Validation> {
  const schemas = loadPackageSchemas();
  const refused = refuseBrokenSchemas(dataDir, schemas);
  if (refused) return refused;
  const listed = listDataset(dataDir, schemas);
  // An explicit count is taken as asked (one run per record at most); else one per core, when
  // each has enough records to be worth its start.
  const wanted =
    options.jobs ??
    Math.min(availableParallelism(), Math.floor(listed.entries.length / RECORDS_PER_JOB));
  const shards = dealOut(listed.entries, Math.max(1, Math.min(wanted, listed.entries.length)));
  const workers = shards.slice(1).map((entries) =>
    runWorker({
      dataDir,
      entries: entries.map(({ path, name, collection }) => [path, name, collection.name]),
    }),
  );
  const own = checkRecords(dataDir, schemas, shards[0] ?? []);
  // Wait for every worker, even when one fails, so that none is left running.
  const settled = await Promise.allSettled(workers);
  const results: ShardResult[] = [own];
  for (const outcome of settled) {
    if (outcome.status === "rejected") throw outcome.reason;
    results.push(outcome.value);
  }
  const problems = [...listed.problems];
  const crashed: string[] = [];
  const unreadable = new Set(listed.unreadable);
  // Each record goes back to its place in file order.
  const place = new Map(listed.entries.map((entry, index) => [entry.path, index]));
  const inOrder: (RecordFile | undefined)[] = new Array(listed.entries.length);
  for (const [index, result] of results.entries()) {
    problems.push(...result.problems);
    crashed.push(...result.crashed);
    for (const name of result.unreadable) unreadable.add(name);
    // This thread's records are already parsed; a worker's come back as text.
    const files = index === 0 ? own.files : result.records.map((r) => recordFrom(r, schemas));
    for (const file of files) inOrder[place.get(file.display) ?? -1] = file;
  }
  const dataset: Dataset = {
    dataDir,
    schemas,
    records: inOrder.filter((file) => file !== undefined),
    unreadable,
    sourceTexts: new Map(),
  };
  readSourceTexts(dataset, problems);
  const run = new CheckRun(problems, crashed);
  for (const check of CHECKS) if (check.scope === "dataset") run.datasetCheck(check, dataset);
  return run.finish(dataset);
}

/** What a worker is given: its run of record files, as plain data. */
export interface ShardInput {
  dataDir: string;
  /** Path, name and collection of each record file. */
  entries: [string, string, string][];
}

/** What a worker returns: the problems it found, and each record it read, as text. */
export interface ShardResult {
  problems: Problem[];
  crashed: string[];
  unreadable: string[];
  /** Display path, name, collection and text of each record that loaded. */
  records: [string, string, string, string][];
}

/** A worker's job: read its records and run every record check on them. */
export function checkShard({ dataDir, entries }: ShardInput): ShardResult {
  const schemas = loadPackageSchemas();
  const { files: _files, ...result } = checkRecords(
    dataDir,
    schemas,
    entries.map(([path, name, collection]) => ({
      path,
      name,
      collection: collectionNamed(schemas, collection),
    })),
  );
  return result;
}

function checkRecords(
  dataDir: string,
  schemas: Schemas,
  entries: readonly RecordEntry[],
): ShardResult & { files: RecordFile[] } {
  const read = readRecords(entries);
  const dataset: Dataset = {
    dataDir,
    schemas,
    records: read.records,
    unreadable: new Set(read.unreadable),
    sourceTexts: new Map(),
  };
  const run = new CheckRun(read.problems);
  for (const check of CHECKS)
    if (check.scope === "record") run.recordCheck(check, read.records, dataset);
  return {
    problems: run.problems,
    crashed: run.crashed,
    unreadable: read.unreadable,
    records: read.records.map((r) => [r.display, r.name, r.collection.name, r.text]),
    files: read.records,
  };
}

const recordFrom = (
  [display, name, collection, text]: ShardResult["records"][number],
  schemas: Schemas,
) => new RecordFile(display, collectionNamed(schemas, collection), name, text, JSON.parse(text));

function collectionNamed(schemas: Schemas, name: string): Collection {
  const collection = schemas.collection(name);
  if (!collection) throw new Error(`no collection named ${name}`);
  return collection;
}

/** Entries are dealt out in blocks, so that each thread gets some of every collection. */
const BLOCK = 64;

/** Deals the entries out to `parts` shares of nearly equal size, block by block, in turn. */
function dealOut<T>(items: readonly T[], parts: number): T[][] {
  const shares: T[][] = Array.from({ length: parts }, () => []);
  for (let start = 0, turn = 0; start < items.length; start += BLOCK, turn++)
    shares[turn % parts]?.push(...items.slice(start, start + BLOCK));
  return shares;
}

// Beside this module: `validate-shard.ts` in the sources, `validate-shard.mjs` beside a bundle.
const SHARD_MODULE = new URL(
  `./validate-shard${extname(fileURLToPath(import.meta.url))}`,
  import.meta.url,
);

function startShard(workerData: ShardInput): Worker {
  if (SHARD_MODULE.pathname.endsWith(".mjs")) return new Worker(SHARD_MODULE, { workerData });
  // From the sources, under tsx: a worker does not inherit tsx's loader, so it registers it
  // before it loads the module.
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(SHARD_MODULE.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

function runWorker(input: ShardInput): Promise<ShardResult> {
  return new Promise((resolve, reject) => {
    const worker = startShard(input);
    let result: ShardResult | undefined;
    worker.once("message", (message: ShardResult) => {
      result = message;
    });
    worker.once("error", reject);
    worker.once("exit", (code) =>
      result && code === 0
        ? resolve(result)
        : reject(new Error(`a validation worker exited with code ${code}`)),
    );
  });
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
      file: file.display,
      line: at.line,
      column: at.column,
      severity: finding.severity ?? "error",
      code: finding.code,
      message: finding.message,
      ...(finding.fix ? { fix: finding.fix } : {}),
    });
  };

  recordCheck(check: Check, records: readonly RecordFile[], dataset: Dataset): void {
    if (check.scope !== "record") return;
    this.current = check.name;
    const skips = check.skipsRecordsFailing ?? [];
    for (const file of records) {
      if (skips.some((name) => this.failing.get(name)?.has(file))) continue;
      try {
        check.check(file, this.report, dataset);
      } catch (error) {
        this.crash(check, file.display, error);
      }
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
    return { dataset, problems: this.problems, crashed: this.crashed };
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
export const exitCodeOf = ({ problems, crashed }: Validation): 0 | 1 | 2 =>
  crashed.length > 0 ? 2 : problems.some((p) => p.severity === "error") ? 1 : 0;
