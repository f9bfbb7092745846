// Runs one of the package's commands (`node scripts/run.mjs validate …`) from a bundle of its
// TypeScript, compiled by esbuild the first time and again whenever a script is newer than
// the bundle. Starting from the bundle costs plain Node's start; compiling on every start, as
// a TypeScript loader does, costs several times that. The bundle is CommonJS, run with V8's
// code cache kept beside it, so that its code is not parsed and compiled again on each start.
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "./lib/atomic.mjs";
import { requireCached } from "./lib/code-cache.mjs";

const SCRIPTS = dirname(fileURLToPath(import.meta.url));
// Two levels below the root, as scripts/lib/ is: paths relative to a module resolve alike.
const CACHE = join(SCRIPTS, "..", "node_modules", ".kerry-moscow-2013");
const COMMANDS = [
  "validate",
  "build",
  "fix",
  "span",
  "diff",
  "diff-summary",
  "bench",
  "bench-phase",
  "screenshot",
  "generated",
];
const ENTRIES = {
  bench: "bench/run.ts",
  "bench-phase": "bench/phase.ts",
  "diff-summary": "ci/diff-summary.ts",
  generated: "ci/generated.ts",
};

const [name, ...argv] = process.argv.slice(2);
if (!COMMANDS.includes(name ?? "")) {
  process.stderr.write(`usage: node scripts/run.mjs ${COMMANDS.join("|")} [arguments]\n`);
  process.exit(2);
}

/** The newest modification time of any script (TypeScript, or the JavaScript modules beside it), in milliseconds. */
function newestScript(dir = SCRIPTS) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestScript(path));
    else if (/\.(?:ts|mjs)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
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
    writeFileAtomic(outfile, outputFiles[0].contents);
  };
  // Worker threads start from ES module bundles of their own, beside the command's
  // (lib/worker.ts): one for every `*-worker.ts` module.
  const workers = readdirSync(SCRIPTS, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith("-worker.ts"));
  for (const worker of workers)
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

const { command, execute, processIo } = requireCached(bundle);
process.exitCode = await execute(command, argv, processIo);
