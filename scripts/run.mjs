// Runs one of the package's commands (`node scripts/run.mjs validate …`) from a bundle of its
// TypeScript, compiled by esbuild the first time and again whenever a script is newer than
// the bundle. Starting from the bundle costs plain Node's start; compiling on every start, as
// a TypeScript loader does, costs several times that. The bundle is CommonJS, run with V8's
// code cache kept beside it, so that its code is not parsed and compiled again on each start.
import { createHash } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

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

const bundle = join(CACHE, `${name}.cjs`);
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
      target: "node20",
      packages: "external",
      outfile,
      write: false,
      logLevel: "error",
    });
    writeWhole(outfile, outputFiles[0].contents);
  };
  // Worker threads start from ES module bundles of their own, beside the command's
  // (lib/worker.ts).
  for (const worker of WORKERS)
    await bundleTo(join(CACHE, `${basename(worker, ".ts")}.mjs`), {
      entryPoints: [join(SCRIPTS, worker)],
      format: "esm",
    });
  await bundleTo(bundle, {
    stdin: {
      contents: `export { command } from ${JSON.stringify(entry)};\nexport { execute, processIo } from ${JSON.stringify(join(SCRIPTS, "lib", "cli.ts"))};\n`,
      resolveDir: SCRIPTS,
      loader: "ts",
    },
    format: "cjs",
    // The modules find their files from their own URL: in the bundle, the bundle's.
    define: { "import.meta.url": "__bundleUrl" },
    banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
}

/** Writes a file whole under a temporary name, then renames it into place. */
function writeWhole(path, contents) {
  const staged = `${path}.${process.pid}.tmp`;
  writeFileSync(staged, contents);
  renameSync(staged, path);
}

// V8 checks a cache against its own version and the code's length only: the cache is named by
// the V8 version and a hash of the code, so that it is never used for other code.
const code = readFileSync(bundle, "utf8");
const cachePrefix = `${basename(bundle)}.`;
const codeCache = join(
  CACHE,
  `${cachePrefix}${process.versions.v8}.${createHash("sha256").update(code).digest("hex").slice(0, 16)}.cache`,
);
let cachedData;
try {
  cachedData = readFileSync(codeCache);
} catch {
  // Not made yet.
}
const script = new Script(
  `(function (exports, require, module, __filename, __dirname) {${code}\n})`,
  { filename: bundle, ...(cachedData ? { cachedData } : {}) },
);
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, CACHE);
const { command, execute, processIo } = module.exports;
process.exitCode = await execute(command, argv, processIo);
// Made after the command has run, so that it holds the functions compiled as they were first
// called, not only the top level.
if (!cachedData || script.cachedDataRejected) {
  try {
    writeWhole(codeCache, script.createCachedData());
    // The caches of this command's earlier bundles are of no more use.
    for (const file of readdirSync(CACHE))
      if (
        file.startsWith(cachePrefix) &&
        file.endsWith(".cache") &&
        join(CACHE, file) !== codeCache
      )
        rmSync(join(CACHE, file), { force: true });
  } catch {
    // A folder that cannot be written: the next start compiles again.
  }
}
