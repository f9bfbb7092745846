import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { ValidateFunction } from "ajv";
import { writeFileAtomic } from "./atomic.mjs";
import { requireCached } from "./code-cache.mjs";
import { ajvFor, createAjv, type Schemas } from "./schemas/index.ts";

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
        module = requireCached(path) as Record<string, ValidateFunction>;
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
        module = requireCached(path) as Record<string, ValidateFunction>;
      }
      get = (file) => module[file] as ValidateFunction;
    } catch {
      // A folder that cannot be written: compile in memory, as for any other schemas.
    }
  }
  found.set(schemas, get);
  return get;
}
