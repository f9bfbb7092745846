import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { type Emitter, MemoryOutput } from "../emit/emitter.ts";
import { FolderOutput } from "../emit/folder-output.ts";
import { EMITTERS } from "../emit/index.ts";
import { buildModel, type Model } from "../emit/model.ts";
import { writeFileAtomic } from "../lib/atomic.mjs";
import { loadPackageSchemas } from "../lib/schemas/index.ts";
import { renderDocuments } from "./docs.ts";
import { exitCodeOf, type Validation, validateInParallel } from "./validate.ts";

/** Heap grown by less than this since the last collection is not collected between emitters. */
const GARBAGE_WORTH_COLLECTING = 32 * 1024 * 1024;

/** What a build did: what validation found (not the records: only the model is kept), and wrote. */
export interface BuildResult extends Pick<Validation, "problems" | "crashed"> {
  /** The records validated. */
  records: number;
  /** The files written, relative to the output folder; empty when validation refused the data. */
  files: string[];
  /** The documents whose generated sections changed. */
  documents: string[];
}

/** Runs every emitter over validated data and keeps the files in memory, writing nothing. */
export async function render(
  validation: Validation,
  emitters: readonly Emitter[] = EMITTERS,
): Promise<{ model: Model; output: MemoryOutput }> {
  const model = buildModel(validation.dataset);
  const output = new MemoryOutput();
  for (const emitter of emitters) await emitter.emit(model, output);
  return { model, output };
}

/**
 * Validates, renders, and replaces `outDir` as a whole: everything is written to a temporary
 * sibling folder first, so a failed or interrupted build leaves the old output untouched.
 */
export async function build(
  dataDir: string,
  outDir: string,
  options: { emitters?: readonly Emitter[]; docsRoot?: string; jobs?: number } = {},
): Promise<BuildResult> {
  const emitters = options.emitters ?? EMITTERS;
  for (const emitter of emitters) emitter.prepare?.(loadPackageSchemas());
  const { model, ...found } = await validated(dataDir, options.jobs);
  if (!model) return { ...found, files: [], documents: [] };
  const staging = `${outDir}.tmp-${process.pid}`;
  const previous = `${outDir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  // Made now, not with the first file, so that a build that writes no file still has a folder
  // to put in place.
  mkdirSync(staging, { recursive: true });
  const output = new FolderOutput(staging);
  try {
    for (const [i, emitter] of emitters.entries()) {
      await emitter.emit(model, output);
      // After the last, nothing is left whose peak a collection would lower.
      if (i < emitters.length - 1) collectGarbage();
    }
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(previous, { recursive: true, force: true });
  }
  // Generated sections of the documents are refreshed only after dist/ is in place.
  const documents: string[] = [];
  if (options.docsRoot) {
    for (const [doc, text] of renderDocuments(options.docsRoot, model, output)) {
      const path = join(options.docsRoot, doc);
      if (readFileSync(path, "utf8") === text) continue;
      writeFileAtomic(path, text);
      documents.push(doc);
    }
  }
  return { ...found, files: [...output.keys()].sort(), documents };
}

/**
 * A full collection of garbage. Between emitters it keeps one emitter's garbage from adding to
 * the next one's peak: V8 otherwise lets the heap grow to several times what is alive (at
 * 1,000 sources, 83 MiB live after each emitter, and a peak of 457-541 MiB without, 370-385
 * MiB with). The collector is reached as jest-leak-detector reaches it, through a context made
 * while the flag is set; the flag is then cleared, since V8 refuses code caches made under
 * other flags. Where that is refused, there is no collection, only a higher peak. An emitter
 * that left less than `GARBAGE_WORTH_COLLECTING` behind is not followed by one: a collection
 * costs about as much whatever there is to collect (0.1-0.2 s at 1,000 sources).
 */
export function garbageCollector(): () => void {
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    if (typeof gc !== "function") return () => {};
    let live = 0;
    return () => {
      if (getHeapStatistics().used_heap_size - live < GARBAGE_WORTH_COLLECTING) return;
      gc();
      live = getHeapStatistics().used_heap_size;
    };
  } catch {
    return () => {};
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}
const collectGarbage = garbageCollector();

/**
 * Validates, and makes the model of valid data. The records as read (their texts, kept to
 * place problems) are not returned: at corpus scale they are a third of the memory a build
 * holds, and the emitters need only the values.
 */
async function validated(dataDir: string, jobs?: number) {
  const validation = await validateInParallel(dataDir, jobs === undefined ? {} : { jobs });
  const { problems, crashed } = validation;
  const records = validation.dataset.records.length;
  const model = exitCodeOf(validation) === 0 ? buildModel(validation.dataset) : undefined;
  return { problems, crashed, records, model };
}
