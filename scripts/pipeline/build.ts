import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Emitter, MemoryOutput, type Output } from "../emit/emitter.ts";
import { EMITTERS } from "../emit/index.ts";
import { buildModel, type Model } from "../emit/model.ts";
import { writeFileAtomic } from "../lib/atomic.ts";
import { renderDocuments } from "./docs.ts";
import { exitCodeOf, type Validation, validateInParallel } from "./validate.ts";

export interface BuildResult {
  validation: Validation;
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

/** Output written straight to a folder, so a large build never holds every file in memory. */
class FolderOutput implements Output {
  private readonly paths = new Set<string>();

  constructor(private readonly dir: string) {}

  set(path: string, content: string | Uint8Array): void {
    const target = join(this.dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    this.paths.add(path);
  }

  get(path: string): Uint8Array | undefined {
    return this.paths.has(path) ? readFileSync(join(this.dir, path)) : undefined;
  }

  keys(): IterableIterator<string> {
    return this.paths.keys();
  }
}

/**
 * Validates, renders, and replaces `outDir` as a whole: everything is written to a temporary
 * sibling folder first, so a failed or interrupted build leaves the old output untouched.
 */
export async function build(
  dataDir: string,
  outDir: string,
  options: { emitters?: readonly Emitter[]; docsRoot?: string } = {},
): Promise<BuildResult> {
  const validation = await validateInParallel(dataDir);
  if (exitCodeOf(validation) !== 0) return { validation, files: [], documents: [] };
  const staging = `${outDir}.tmp-${process.pid}`;
  const previous = `${outDir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const model = buildModel(validation.dataset);
  const output = new FolderOutput(staging);
  try {
    for (const emitter of options.emitters ?? EMITTERS) await emitter.emit(model, output);
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
  return { validation, files: [...output.keys()].sort(), documents };
}
