// Runs one of the package's commands (`node scripts/run.mjs validate …`) from a bundle of its
// TypeScript, compiled by esbuild the first time and again whenever a script is newer than
// the bundle. Starting from the bundle costs plain Node's start; compiling on every start, as
// a TypeScript loader does, costs several times that.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SCRIPTS = dirname(fileURLToPath(import.meta.url));
// Two levels below the root, as scripts/lib/ is: paths relative to a module resolve alike.
const CACHE = join(SCRIPTS, "..", "node_modules", ".kerry-moscow-2013");
const COMMANDS = ["validate", "build", "fix", "span", "bench", "bench-phase", "screenshot"];
const ENTRIES = { bench: "bench/run.ts", "bench-phase": "bench/phase.ts" };
const WORKERS = ["pipeline/validate-shard.ts", "emit/interfaces-worker.ts"];

const [name, ...argv] = process.argv.slice(2);
if (!COMMANDS.includes(name ?? "")) {
  process.stderr.write(`usage: node scripts/run.mjs ${COMMANDS.join("|")} [arguments]\n`);
  process.exit(2);
}

/** The newest modification time of any script, in milliseconds. */
function newestScript(dir = SCRIPTS) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestScript(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const bundle = join(CACHE, `${name}.mjs`);
let built = 0;
try {
  built = statSync(bundle).mtimeMs;
} catch {
  // Not built yet.
}
if (built <= newestScript()) {
  const { build } = await import("esbuild");
  mkdirSync(CACHE, { recursive: true });
  const entry = join(SCRIPTS, ENTRIES[name] ?? `${name}.ts`);
  // Written whole under a temporary name and renamed, so that a command started beside this
  // one never loads half a bundle.
  const bundleTo = async (outfile, options) => {
    const { outputFiles } = await build({
      ...options,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      outfile,
      write: false,
      logLevel: "error",
    });
    const staged = `${outfile}.${process.pid}.tmp`;
    writeFileSync(staged, outputFiles[0].contents);
    renameSync(staged, outfile);
  };
  // Worker threads start from bundles of their own, beside the command's (lib/worker.ts).
  for (const worker of WORKERS)
    await bundleTo(join(CACHE, `${basename(worker, ".ts")}.mjs`), {
      entryPoints: [join(SCRIPTS, worker)],
    });
  await bundleTo(bundle, {
    stdin: {
      contents: `export { command } from ${JSON.stringify(entry)};\nexport { execute, processIo } from ${JSON.stringify(join(SCRIPTS, "lib", "cli.ts"))};\n`,
      resolveDir: SCRIPTS,
      loader: "ts",
    },
  });
}
const { command, execute, processIo } = await import(pathToFileURL(bundle).href);
process.exitCode = await execute(command, argv, processIo);
