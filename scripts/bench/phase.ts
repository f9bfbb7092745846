/**
 * One measured phase of the benchmark, run by run.ts in a process of its own so that its peak
 * memory is its own, from the same bundle as the commands:
 * `node scripts/run.mjs bench-phase floor|floor-write|validate|build DATA_DIR [OUT_DIR]`.
 * Prints one line of JSON: the phase's own time (after the modules are loaded), the records
 * it handled, and the process's peak resident memory.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { type Command, type Io, runIfMain, UsageError } from "../lib/cli.ts";

export interface PhaseResult {
  phase: string;
  /** Time of the work alone, in milliseconds. */
  ms: number;
  records: number;
  problems: number;
  /** For the build: the annotated source pages written (`site/<source>.html`). */
  pages?: number;
  /** Peak resident set size of the whole process, in KiB. */
  maxRssKiB: number;
  /** For the build: each emitter's own time, in milliseconds, by name. */
  emitters?: Record<string, number>;
}

/** The floor: read every file of the data folder and JSON.parse the records, nothing else. */
function floor(dataDir: string): number {
  let records = 0;
  for (const folder of readdirSync(dataDir)) {
    const folderPath = join(dataDir, folder);
    for (const file of readdirSync(folderPath)) {
      const text = readFileSync(join(folderPath, file), "utf8");
      if (!file.endsWith(".json")) continue;
      JSON.parse(text);
      records++;
    }
  }
  return records;
}

/**
 * The floor of a build: the floor's reading and parsing, then writing as many files of the
 * same sizes as the build wrote into OUT_DIR (bytes of no meaning: only the writing counts).
 */
function floorWrite(dataDir: string, builtDir: string, mirrorDir: string): number {
  const records = floor(dataDir);
  rmSync(mirrorDir, { recursive: true, force: true });
  for (const entry of readdirSync(builtDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const from = join(entry.parentPath, entry.name);
    const to = join(mirrorDir, relative(builtDir, from));
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, Buffer.alloc(statSync(from).size, 0x61));
  }
  return records;
}

const USAGE =
  "usage: node scripts/run.mjs bench-phase floor|floor-write|validate|build DATA_DIR [OUT_DIR]";

export const command: Command = { usage: USAGE, main };

async function main(argv: string[], io: Io): Promise<number> {
  const [phase, dataDir, outDir] = argv;
  if (!phase || !dataDir) throw new UsageError("name a phase and a data folder");
  let records: number;
  let problems = 0;
  let pages: number | undefined;
  let start: number;
  let emitters: Record<string, number> | undefined;
  if (phase === "floor") {
    start = performance.now();
    records = floor(dataDir);
  } else if (phase === "floor-write") {
    if (!outDir) throw new UsageError("floor-write needs the OUT_DIR a build wrote");
    start = performance.now();
    records = floorWrite(dataDir, outDir, `${outDir}-floor`);
  } else if (phase === "validate") {
    const { validateInParallel } = await import("../pipeline/validate.ts");
    start = performance.now();
    const result = await validateInParallel(dataDir);
    records = result.dataset.records.length;
    problems = result.problems.length;
  } else if (phase === "build") {
    if (!outDir) throw new UsageError("build needs OUT_DIR");
    const { build } = await import("../pipeline/build.ts");
    const { EMITTERS } = await import("../emit/index.ts");
    const timings: Record<string, number> = {};
    // Each emitter timed on its own, so that one's share of the build shows.
    const timed = EMITTERS.map((emitter) => ({
      name: emitter.name,
      ...(emitter.prepare ? { prepare: emitter.prepare } : {}),
      async emit(...args: Parameters<typeof emitter.emit>) {
        const began = performance.now();
        await emitter.emit(...args);
        timings[emitter.name] = performance.now() - began;
      },
    }));
    rmSync(outDir, { recursive: true, force: true });
    start = performance.now();
    const result = await build(dataDir, outDir, { emitters: timed });
    emitters = timings;
    records = result.records;
    problems = result.problems.length;
    if (result.files.length === 0) problems = Math.max(problems, 1);
    pages = result.files.filter(
      (f) => /^site\/.+\.html$/.test(f) && f !== "site/index.html",
    ).length;
  } else {
    throw new UsageError(`unknown phase ${phase}`);
  }
  const ms = performance.now() - start;
  const result: PhaseResult = {
    phase,
    ms,
    records,
    problems,
    ...(pages === undefined ? {} : { pages }),
    maxRssKiB: process.resourceUsage().maxRSS,
    ...(emitters ? { emitters } : {}),
  };
  io.stdout(`${JSON.stringify(result)}\n`);
  return 0;
}

runIfMain(import.meta.url, command);
