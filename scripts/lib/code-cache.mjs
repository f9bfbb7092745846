// Plain JavaScript, so that scripts/run.mjs can use it before any TypeScript is compiled.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";
import { writeFileAtomic } from "./atomic.mjs";

/**
 * Runs a CommonJS file with V8's code cache kept beside it, and returns its exports: parsing
 * and compiling a few hundred kilobytes of code is much of a short command's start. The cache
 * is written as the process exits, so that it holds the functions compiled on first call, not
 * only the top level. V8 checks a cache against its own version and the code's length only:
 * the cache is named by the V8 version and a hash of the code, so that it is never used for
 * other code, and the file's older caches are removed.
 * @param {string} path
 * @returns {Record<string, unknown>}
 */
export function requireCached(path) {
  const code = readFileSync(path, "utf8");
  const prefix = `${basename(path)}.`;
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const cachePath = join(dirname(path), `${prefix}${process.versions.v8}.${hash}.cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    // Not made yet.
  }
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${code}\n})`,
    { filename: path, ...(cachedData ? { cachedData } : {}) },
  );
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(path), module, path, dirname(path));
  if (!cachedData || script.cachedDataRejected)
    process.once("exit", () => {
      try {
        writeFileAtomic(cachePath, script.createCachedData());
        for (const file of readdirSync(dirname(path)))
          if (file.startsWith(prefix) && file.endsWith(".cache") && file !== basename(cachePath))
            rmSync(join(dirname(path), file), { force: true });
      } catch {
        // A folder that cannot be written: the next start compiles again.
      }
    });
  return module.exports;
}
