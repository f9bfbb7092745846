/**
 * `npm run bench`: validation and build at corpus scale, against the floor (reading and parsing
 * the same files) and against ajv-cli (schema checks only) on the same files.
 *
 * For each size it generates a synthetic corpus (corpus.ts) in a temporary folder, then runs each
 * phase in a fresh process (phase.ts), `--repeat` times, and keeps the median: so that peak
 * memory is the phase's own and every run starts cold. It prints a Markdown table and the
 * targets, and writes the same figures as JSON.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { siteEmitter } from "../emit/site/index.ts";
import { sqliteEmitter } from "../emit/sqlite.ts";
import { type Command, parseFlags, runIfMain, UsageError } from "../lib/cli.ts";
import { PACKAGE_ROOT } from "../lib/root.ts";
import { loadPackageSchemas } from "../lib/schemas/index.ts";
import { BUNDLE_LIMIT, bundleTable, measureBundles } from "./bundles.ts";
import { generateCorpus } from "./corpus.ts";
import type { PhaseResult } from "./phase.ts";

const ROOT = PACKAGE_ROOT;
// What `npm run validate` runs, without npm's own start.
const RUN = join(ROOT, "scripts", "run.mjs");
// A bare Node process doing the floor's work on a data folder: read every file, parse the records.
const BARE_FLOOR = `const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const dir = process.argv[1];
for (const folder of readdirSync(dir))
  for (const file of readdirSync(join(dir, folder))) {
    const text = readFileSync(join(dir, folder, file), "utf8");
    if (file.endsWith(".json")) JSON.parse(text);
  }`;
// Emitters whose share of the build the table shows.
const SHOWN_EMITTERS = [sqliteEmitter.name, siteEmitter.name];
const AJV_CLI = join(ROOT, "node_modules", "ajv-cli", "dist", "index.js");
const SCHEMA_DIR = join(ROOT, "schema");
const DEFAULT_JSON = join(tmpdir(), "kerry-moscow-2013-bench.json");
// The page that shows the figures.
const PERFORMANCE_PAGE = join(ROOT, "docs", "performance.md");
// Preloaded into ajv-cli's processes: reports their peak memory on fd 3 as they exit.
const PROBE = `data:text/javascript,${encodeURIComponent(
  'import { writeSync } from "node:fs"; process.on("exit", () => writeSync(3, String(process.resourceUsage().maxRSS)));',
)}`;

const USAGE = `usage: npm run bench -- [--sizes 1,10,100,1000] [--repeat 3] [--seed 1] [--json FILE] [--keep] [--only bundles] [--docs]
  Generates a corpus of each size (sources of about 64 records each) in a temporary folder and
  measures, each phase in its own process: the floor (read + JSON.parse every file), the full
  validation, the full build, the validate CLI and ajv-cli (schema checks only). Prints a table
  and writes the figures as JSON (default ${DEFAULT_JSON}). --keep keeps the corpora.
  --sizes 1000,10000 adds the tenfold corpus (640,000 records; some minutes a phase, so not
  in the default run): its peak memory, and its cost beside 1,000 sources.
  Then bundles, with esbuild, a program importing one collection's lookup, for each collection
  of the built dist/, and sets its size beside the collection's JSON; --only bundles does just that.
  --docs also writes what it prints into ${PERFORMANCE_PAGE}, in place of the figures there.`;

/** Replaces the text between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` in a page. */
function writeSection(page: string, name: string, body: string): void {
  const text = readFileSync(page, "utf8");
  const pattern = new RegExp(`(<!-- bench:${name} -->\n)[\\s\\S]*?(<!-- /bench:${name} -->)`);
  if (!pattern.test(text)) throw new Error(`${page} has no bench:${name} section`);
  writeFileSync(
    page,
    text.replace(pattern, (_, open: string, close: string) => `${open}${body}\n${close}`),
  );
}

interface Measure {
  /** The phase's own time, without process start and module loading (median). */
  ms?: number;
  /** From spawning the process(es) to their exit (median). */
  wallMs: number;
  /** Peak resident memory of the process (the largest of the processes), in MiB. */
  maxRssMiB?: number;
  /** For the build: each emitter's own time (median), in milliseconds, by name. */
  emitterMs?: Record<string, number>;
  /** For the build: the annotated source pages it wrote. */
  pages?: number;
  runs: number;
}

interface SizeResult {
  sources: number;
  records: number;
  files: number;
  bytes: number;
  generateMs: number;
  floor: Measure;
  /** The floor, then writing as many bytes, in as many files, as the build writes. */
  floorWrite: Measure;
  validate: Measure;
  build: Measure;
  /**
   * `tsx scripts/validate.ts --data DIR`: what `npm run validate` runs, end to end; and ajv-cli
   * over every collection, one process per schema. Not above COMPARED_UP_TO sources.
   */
  validateCli?: Measure;
  ajvCli?: Measure & { processes: number };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

function spawn(command: string, args: string[], fd3 = false) {
  const start = performance.now();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe", ...(fd3 ? ["pipe" as const] : [])],
    env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "" },
  });
  const wallMs = performance.now() - start;
  if (result.error) throw result.error;
  return { ...result, wallMs };
}

/** One phase of phase.ts in a fresh process. */
function runPhase(
  phase: string,
  dataDir: string,
  outDir: string,
): PhaseResult & { wallMs: number } {
  const run = spawn(process.execPath, [RUN, "bench-phase", phase, dataDir, outDir]);
  if (run.status !== 0) throw new Error(`phase ${phase} failed: ${run.stderr.trim()}`);
  const result = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "") as PhaseResult;
  if (result.problems > 0) throw new Error(`phase ${phase}: the generated corpus has problems`);
  return { ...result, wallMs: run.wallMs };
}

function measurePhase(phase: string, dataDir: string, outDir: string, repeat: number): Measure {
  const runs = Array.from({ length: repeat }, () => runPhase(phase, dataDir, outDir));
  const names = Object.keys(runs[0]?.emitters ?? {});
  const pages = runs[0]?.pages;
  return {
    ms: median(runs.map((r) => r.ms)),
    wallMs: median(runs.map((r) => r.wallMs)),
    maxRssMiB: Math.max(...runs.map((r) => r.maxRssKiB)) / 1024,
    ...(names.length > 0
      ? {
          emitterMs: Object.fromEntries(
            names.map((name) => [name, median(runs.map((r) => r.emitters?.[name] ?? 0))]),
          ),
        }
      : {}),
    ...(pages === undefined ? {} : { pages }),
    runs: repeat,
  };
}

/** Each collection's schema file with the folder of its records, where the folder has any. */
function collectionsIn(dataDir: string) {
  const schemas = loadPackageSchemas();
  return schemas.collections.filter((c) => {
    try {
      return readdirSync(join(dataDir, c.name)).some((f) => f.endsWith(".json"));
    } catch {
      return false;
    }
  });
}

/**
 * ajv-cli as a contributor's CI would run it: one process per collection schema, with the shared
 * definitions (and the other schemas) added by `-r`, formats from ajv-formats, and
 * `--strict=false` so that it ignores this package's annotation keywords (x-collection, …).
 */
function runAjvCli(dataDir: string): {
  wallMs: number;
  maxRssMiB: number;
  processes: number;
  ok: boolean;
} {
  const collections = collectionsIn(dataDir);
  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".schema.json"));
  let wallMs = 0;
  let maxRssKiB = 0;
  let ok = true;
  for (const c of collections) {
    const others = files
      .filter((f) => f !== c.schemaFile)
      .flatMap((f) => ["-r", join(SCHEMA_DIR, f)]);
    const args = [
      "--import",
      PROBE,
      AJV_CLI,
      "validate",
      "--spec=draft2020",
      "--strict=false",
      "-c",
      "ajv-formats",
      "-s",
      join(SCHEMA_DIR, c.schemaFile),
      ...others,
      "-d",
      join(dataDir, c.name, "*.json"),
    ];
    const run = spawn(process.execPath, args, true);
    wallMs += run.wallMs;
    maxRssKiB = Math.max(maxRssKiB, Number(String(run.output[3] ?? "0").trim()) || 0);
    if (run.status !== 0) {
      ok = false;
      process.stderr.write(
        `ajv-cli on ${c.name}: exit ${run.status}\n${run.stderr.slice(0, 2000)}\n`,
      );
    }
  }
  return { wallMs, maxRssMiB: maxRssKiB / 1024, processes: collections.length, ok };
}

function measureAjvCli(dataDir: string, repeat: number): SizeResult["ajvCli"] {
  const runs = Array.from({ length: repeat }, () => runAjvCli(dataDir));
  if (runs.some((r) => !r.ok)) throw new Error("ajv-cli found the generated corpus invalid");
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)),
    runs: repeat,
    processes: runs[0]?.processes ?? 0,
  };
}

function measureValidateCli(dataDir: string, repeat: number): Measure {
  const walls: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const run = spawn(process.execPath, [RUN, "validate", "--data", dataDir]);
    if (run.status !== 0) throw new Error(`the validate CLI failed: ${run.stdout}${run.stderr}`);
    walls.push(run.wallMs);
  }
  return { wallMs: median(walls), runs: repeat };
}

/** The largest corpus the CLI and ajv-cli are run on: beyond it they only repeat the phases. */
const COMPARED_UP_TO = 1000;

function measureSize(workDir: string, sources: number, seed: number, repeat: number): SizeResult {
  const dataDir = join(workDir, `${sources}`, "data");
  const outDir = join(workDir, `${sources}`, "dist");
  mkdirSync(dataDir, { recursive: true });
  const start = performance.now();
  const corpus = generateCorpus(dataDir, sources, seed);
  const generateMs = performance.now() - start;
  const log = (what: string, m?: Measure) =>
    process.stderr.write(
      `  ${sources} sources: ${what}${m?.ms === undefined ? "" : `, ${seconds(m.ms)} s`}${m?.maxRssMiB === undefined ? "" : `, peak ${mib(m.maxRssMiB)} MiB`}\n`,
    );
  log(`generated ${corpus.records} records in ${(generateMs / 1000).toFixed(1)} s`);
  const floor = measurePhase("floor", dataDir, outDir, repeat);
  log("floor", floor);
  const validate = measurePhase("validate", dataDir, outDir, repeat);
  log("validate", validate);
  const build = measurePhase("build", dataDir, outDir, repeat);
  log("build", build);
  // After a build, so that there is an output to match in files and bytes.
  const floorWrite = measurePhase("floor-write", dataDir, outDir, repeat);
  log("floor with writing", floorWrite);
  const measured = { ...corpus, generateMs, floor, floorWrite, validate, build };
  if (sources > COMPARED_UP_TO) return measured;
  const validateCli = measureValidateCli(dataDir, repeat);
  log("validate CLI");
  const ajvCli = measureAjvCli(dataDir, repeat);
  log("ajv-cli");
  return { ...measured, validateCli, ajvCli };
}

/** Runs of the command and of a bare node, alternating, for the cold-start ratio. */
const COLD_RUNS = 15;

/** `npm run validate` on the package's own data, and ajv-cli on the same files, each from a cold start. */
function measureColdStart(repeat: number) {
  const dataDir = join(ROOT, "data");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const walls: number[] = [];
  const commandWalls: number[] = [];
  const bareWalls: number[] = [];
  let exitCode: number | null = null;
  // The first run may compile the bundle: it is not counted.
  spawn(process.execPath, [RUN, "validate"]);
  for (let i = 0; i < repeat; i++) {
    const run = spawn(npm, ["run", "validate", "--silent"]);
    walls.push(run.wallMs);
    exitCode = run.status;
  }
  // A start takes a few tenths of a second, and a busy host shifts single runs by as much:
  // the command and the bare node alternate, COLD_RUNS times each.
  for (let i = 0; i < Math.max(repeat, COLD_RUNS); i++) {
    commandWalls.push(spawn(process.execPath, [RUN, "validate"]).wallMs);
    bareWalls.push(spawn(process.execPath, ["-e", BARE_FLOOR, dataDir]).wallMs);
  }
  const ajv = Array.from({ length: repeat }, () => runAjvCli(dataDir));
  return {
    records: collectionsIn(dataDir).reduce(
      (n, c) => n + readdirSync(join(dataDir, c.name)).filter((f) => f.endsWith(".json")).length,
      0,
    ),
    npmRunValidate: { wallMs: median(walls), exitCode, runs: repeat },
    /** `node scripts/run.mjs validate`: the process npm starts, without npm. */
    command: { wallMs: median(commandWalls), runs: commandWalls.length },
    /** A bare `node` reading and parsing the same files. */
    bareNode: { wallMs: median(bareWalls), runs: bareWalls.length },
    ajvCli: {
      wallMs: median(ajv.map((r) => r.wallMs)),
      maxRssMiB: Math.max(...ajv.map((r) => r.maxRssMiB)),
      processes: ajv[0]?.processes ?? 0,
      valid: ajv.every((r) => r.ok),
      runs: repeat,
    },
  };
}

const seconds = (ms: number | undefined) => (ms === undefined ? "—" : (ms / 1000).toFixed(3));
const count = (n: number) => Math.round(n).toLocaleString("en-US");
const mib = (n: number | undefined) => (n === undefined ? "—" : count(n));
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

function table(results: SizeResult[]): string {
  const lines = [
    "| sources | records | phase | time (s) | records/s | × floor | process (s) | peak RSS (MiB) |",
    "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of results) {
    const floorMs = r.floor.ms ?? 1;
    const row = (phase: string, m: Measure, first = false) => {
      const time = m.ms ?? m.wallMs;
      lines.push(
        `| ${first ? count(r.sources) : ""} | ${first ? count(r.records) : ""} | ${phase} | ${seconds(m.ms)} | ${count((r.records / time) * 1000)} | ${m.ms === undefined ? "—" : ratio(m.ms, floorMs)} | ${m.runs === 0 ? "—" : seconds(m.wallMs)} | ${mib(m.maxRssMiB)} |`,
      );
    };
    row("floor: read + JSON.parse", r.floor, true);
    row("validate: every check", r.validate);
    row("floor + writing the build's bytes", r.floorWrite);
    row("build: validate + every emitter (site pages too), written", r.build);
    // The newest emitters' shares of the build, each on its own row.
    for (const name of SHOWN_EMITTERS) {
      const ms = r.build.emitterMs?.[name];
      if (ms !== undefined) row(`  of which the ${name} emitter`, { ms, wallMs: ms, runs: 0 });
    }
    if (r.validateCli) row("validate CLI, end to end", r.validateCli);
    if (r.ajvCli) row(`ajv-cli, schemas only (${r.ajvCli.processes} processes)`, r.ajvCli);
  }
  return lines.join("\n");
}

/** Peak memory allowed each phase, in MiB, by corpus size (in sources). */
const PEAK_LIMITS_MIB = [
  [1000, { validate: 1024, build: 512 }],
  [10000, { validate: 1024, build: 1024 }],
] as const;

interface Target {
  target: string;
  measured: string;
  met: boolean;
}

function targets(results: SizeResult[], cold: ReturnType<typeof measureColdStart>): Target[] {
  const found: Target[] = [];
  const at = (n: number) => results.find((r) => r.sources === n);
  for (const n of [100, 1000]) {
    const r = at(n);
    if (!r?.validate.ms || !r.floor.ms) continue;
    const x = r.validate.ms / r.floor.ms;
    found.push({
      target: `validate within 2× the floor at ${count(n)} sources`,
      measured: `${x.toFixed(2)}×`,
      met: x <= 2,
    });
  }
  for (const [n, limit] of [
    [100, 6],
    [1000, 4],
  ] as const) {
    const r = at(n);
    if (!r?.build.ms || !r.floorWrite.ms) continue;
    const x = r.build.ms / r.floorWrite.ms;
    found.push({
      target: `build within ${limit}× the floor with writing at ${count(n)} sources`,
      measured: `${x.toFixed(2)}×`,
      met: x <= limit,
    });
  }
  for (const phase of ["validate", "build"] as const) {
    for (const r of results) {
      const bigger = at(r.sources * 10);
      const [a, b] = [r[phase].ms, bigger?.[phase].ms];
      if (!bigger || !a || !b) continue;
      found.push({
        target: `${phase}: ${count(r.sources)} → ${count(bigger.sources)} sources costs at most 11× the time`,
        measured: `${(b / a).toFixed(2)}×`,
        met: b / a <= 11,
      });
    }
  }
  for (const r of results) {
    if (!r.validateCli || !r.ajvCli) continue;
    found.push({
      target: `validate CLI no slower than ajv-cli at ${count(r.sources)} source${r.sources === 1 ? "" : "s"}`,
      measured: `${seconds(r.validateCli.wallMs)} s vs ${seconds(r.ajvCli.wallMs)} s`,
      met: r.validateCli.wallMs <= r.ajvCli.wallMs,
    });
  }
  for (const r of results) {
    found.push({
      target: `build writes one annotated page per source at ${count(r.sources)} source${r.sources === 1 ? "" : "s"}`,
      measured: `${count(r.build.pages ?? 0)} pages`,
      met: r.build.pages === r.sources,
    });
  }
  // The largest peak of any run, not the median; the tenfold corpus (opt-in) within 1 GiB.
  for (const [sources, limits] of PEAK_LIMITS_MIB) {
    const r = at(sources);
    if (!r) continue;
    for (const phase of ["validate", "build"] as const) {
      const limit = limits[phase];
      const peak = r[phase].maxRssMiB ?? 0;
      found.push({
        target: `${phase}: peak memory at ${count(sources)} sources under ${limit === 1024 ? "1 GiB" : `${limit} MiB`} in every run`,
        measured: `${count(peak)} MiB`,
        met: peak < limit,
      });
    }
  }
  found.push({
    target: `npm run validate on data/ (${cold.records} records) from a cold start, beside ajv-cli (${cold.ajvCli.processes} processes)`,
    measured: `${seconds(cold.npmRunValidate.wallMs)} s (exit ${cold.npmRunValidate.exitCode}) vs ${seconds(cold.ajvCli.wallMs)} s (${cold.ajvCli.valid ? "valid" : "invalid"})`,
    met: cold.npmRunValidate.wallMs <= cold.ajvCli.wallMs,
  });
  found.push({
    target: `cold start: the validate command (without npm) within 2× of a bare node reading and parsing the same ${cold.records} records`,
    measured: `${seconds(cold.command.wallMs)} s vs ${seconds(cold.bareNode.wallMs)} s (${ratio(cold.command.wallMs, cold.bareNode.wallMs)}, medians of ${cold.command.runs} alternating runs)`,
    met: cold.command.wallMs <= 2 * cold.bareNode.wallMs,
  });
  return found;
}

export const command: Command = {
  usage: USAGE,
  async main(argv, io) {
    const { values } = parseFlags(argv, {
      options: {
        sizes: { type: "string", default: "1,10,100,1000" },
        repeat: { type: "string", default: "3" },
        seed: { type: "string", default: "1" },
        json: { type: "string", default: DEFAULT_JSON },
        keep: { type: "boolean", default: false },
        only: { type: "string" },
        docs: { type: "boolean", default: false },
      },
    });
    if (values.only !== undefined && values.only !== "bundles")
      throw new UsageError("--only takes `bundles`");
    const bundles = async () => {
      const rows = await measureBundles();
      const met = rows.every((r) => Math.max(r.fromModule, r.fromEntry) <= BUNDLE_LIMIT * r.json);
      const shown = `${bundleTable(rows)}\n\n- ${met ? "met" : "NOT met"}: every bundle at most ${BUNDLE_LIMIT}× its collection's minified JSON`;
      io.stdout(
        `\nBundle size: esbuild, minified, a program importing one collection's lookup by id:\n\n${shown}\n`,
      );
      if (values.docs) writeSection(PERFORMANCE_PAGE, "bundles", shown);
      return rows;
    };
    if (values.only === "bundles") {
      await bundles();
      return 0;
    }
    const sizes = values.sizes.split(",").map(Number);
    const repeat = Number(values.repeat);
    const seed = Number(values.seed);
    if (sizes.some((n) => !Number.isInteger(n) || n < 1))
      throw new UsageError("--sizes takes positive integers, such as 1,10,100");
    if (!Number.isInteger(repeat) || repeat < 1)
      throw new UsageError("--repeat takes a positive integer");
    if (!Number.isInteger(seed)) throw new UsageError("--seed takes an integer");

    const machine = {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    };
    const workDir = mkdtempSync(join(tmpdir(), "kerry-bench-"));
    io.stderr(`bench: corpora in ${workDir}\n`);
    const results: SizeResult[] = [];
    try {
      for (const sources of sizes) {
        results.push(measureSize(workDir, sources, seed, repeat));
        if (!values.keep) rmSync(join(workDir, `${sources}`), { recursive: true, force: true });
      }
    } finally {
      if (!values.keep) rmSync(workDir, { recursive: true, force: true });
    }
    io.stderr("  cold start on data/\n");
    const cold = measureColdStart(repeat);
    const met = targets(results, cold);

    const summary = [
      `Machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node} (${machine.platform}); median of ${repeat} run(s), each phase in a fresh process.`,
      "",
      table(results),
      "",
      "time: the phase's own work, after its modules are loaded; process: spawn to exit, with Node's start and module loading; records/s: from time (from process time for the CLI rows).",
      "",
      ...met.map((t) => `- ${t.met ? "met" : "NOT met"}: ${t.target}: ${t.measured}`),
    ].join("\n");
    io.stdout(`${summary}\n`);
    if (values.docs) writeSection(PERFORMANCE_PAGE, "corpus", summary);
    const bundleSizes = await bundles();
    writeFileSync(
      values.json,
      `${JSON.stringify({ machine, settings: { sizes, repeat, seed }, sizes: results, coldStart: cold, targets: met, bundles: bundleSizes }, null, 2)}\n`,
    );
    io.stderr(`bench: figures written to ${values.json}\n`);
    return 0;
  },
};

runIfMain(import.meta.url, command);
