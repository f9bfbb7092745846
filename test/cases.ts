import { cpSync, existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadSchemas, SCHEMA_DIR, type Schemas } from "../scripts/lib/schemas/index.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { dataCopy, FIXTURES } from "./helpers.ts";

export const INVALID = join(FIXTURES, "invalid");

/**
 * An invalid-contribution case ready to validate: its data files overlaid on a copy of the base
 * fixture, and its schema files (in its own schema/ folder), if any, on a copy of the package's
 * schemas, compiled.
 */
export function caseCopy(name: string): { dir: string; schemas?: Schemas } {
  const dir = dataCopy(undefined, join(INVALID, name));
  const schemaOverlay = join(dir, "schema");
  if (!existsSync(schemaOverlay)) return { dir };
  const schemaDir = join(dirname(dir), "schema");
  cpSync(SCHEMA_DIR, schemaDir, { recursive: true });
  cpSync(schemaOverlay, schemaDir, { recursive: true });
  rmSync(schemaOverlay, { recursive: true });
  return { dir, schemas: loadSchemas(schemaDir) };
}

/** An invalid-contribution case validated. */
export function validateCase(name: string) {
  const { dir, schemas } = caseCopy(name);
  return { dir, validation: validate(dir, schemas ? { schemas } : {}) };
}
