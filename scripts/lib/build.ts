import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { EMITTERS } from "../emit/index.ts";
import { buildModel, type Emitter, type Output } from "./model.ts";
import { exitCodeOf, type Validation, validate } from "./validate.ts";

export interface BuildResult {
  validation: Validation;
  /** The files written, relative to the output folder; empty when validation refused the data. */
  files: string[];
}

/** Runs every emitter over validated data and returns the files, without writing anything. */
export async function render(
  validation: Validation,
  emitters: readonly Emitter[] = EMITTERS,
): Promise<Output> {
  const model = buildModel(validation.dataset);
  const out: Output = new Map();
  for (const emitter of emitters) await emitter.emit(model, out);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Validates, renders, and replaces `outDir` as a whole: everything is written to a temporary
 * sibling folder first, so a failed or interrupted build leaves the old output untouched.
 */
export async function build(
  dataDir: string,
  outDir: string,
  emitters?: readonly Emitter[],
): Promise<BuildResult> {
  const validation = validate(dataDir);
  if (exitCodeOf(validation) !== 0) return { validation, files: [] };
  const output = await render(validation, emitters);
  const staging = `${outDir}.tmp-${process.pid}`;
  const previous = `${outDir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [path, content] of output) {
      const target = join(staging, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(previous, { recursive: true, force: true });
  }
  return { validation, files: [...output.keys()] };
}
