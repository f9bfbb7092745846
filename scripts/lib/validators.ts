import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";
import type { ValidateFunction } from "ajv";
import { writeFileAtomic } from "./atomic.ts";
import { ajvFor, createAjv, type Schemas } from "./schemas.ts";

const require = createRequire(import.meta.url);
const found = new WeakMap<Schemas, (schemaFile: string) => ValidateFunction>();

/**
 * The validator of each collection's schema. Compiling the schemas costs more than checking
 * every record of data/, so where the schemas say where to keep them (the package's own do),
 * the validators are written out once as code (ajv's standalone code) and loaded from there.
 */
export function validatorsFor(schemas: Schemas): (schemaFile: string) => ValidateFunction {
  const known = found.get(schemas);
  if (known) return known;
  let get = (file: string) => ajvFor(schemas).getSchema(file) as ValidateFunction;
  const path = schemas.validatorCode;
  if (path) {
    try {
      let module: Record<string, ValidateFunction>;
      try {
        module = loadCompiled(path);
      } catch {
        const ajv = createAjv(schemas, { source: true });
        mkdirSync(dirname(path), { recursive: true });
        const exports = Object.fromEntries(
          schemas.collections.map((c) => [c.schemaFile, c.schemaFile]),
        );
        const standalone = require("ajv/dist/standalone/index.js") as {
          default: (ajv: unknown, refs: Record<string, string>) => string;
        };
        writeFileAtomic(path, standalone.default(ajv, exports));
        module = loadCompiled(path);
      }
      get = (file) => module[file] as ValidateFunction;
    } catch {
      // A folder that cannot be written: compile in memory, as for any other schemas.
    }
  }
  found.set(schemas, get);
  return get;
}

/**
 * Loads validators' code as CommonJS, with V8's code cache kept beside it: parsing and
 * compiling a few hundred kilobytes of validators is most of what they cost on a small data
 * folder. The cache is written as the process exits, once the validators have run, so that it
 * holds the functions compiled on first use too.
 */
function loadCompiled(path: string): Record<string, ValidateFunction> {
  const code = readFileSync(path, "utf8");
  // V8 checks a cache against its own version and the code's length only: the cache is named
  // by both and by a hash of the code, so that it is never used for other code.
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const cachePath = `${path}.${process.versions.v8}.${hash}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    // Not made yet.
  }
  const script = new Script(`(function (exports, require, module) {${code}\n})`, {
    filename: path,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as Record<string, ValidateFunction> };
  script.runInThisContext()(module.exports, createRequire(path), module);
  if (!cachedData || script.cachedDataRejected)
    process.once("exit", () => {
      try {
        writeFileAtomic(cachePath, script.createCachedData());
        // The caches of these validators' earlier code are of no more use.
        const prefix = `${basename(path)}.`;
        for (const file of readdirSync(dirname(path)))
          if (file.startsWith(prefix) && file.endsWith(".cache") && file !== basename(cachePath))
            rmSync(join(dirname(path), file), { force: true });
      } catch {
        // A folder that cannot be written: the next run compiles again.
      }
    });
  return module.exports;
}
