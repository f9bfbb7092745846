import { cpSync, existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadSchemas, SCHEMA_DIR, type Schemas } from "../scripts/lib/schemas/index.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { dataCopy, FIXTURES } from "./helpers.ts";

export const INVALID = join(FIXTURES, "invalid");

/**
 * An invalid-contribution case validated: its data files overlaid on a copy of the base
 * fixture, and its schema files (in its own schema/ folder) on a copy of the package's schemas.
 */
export function validateCase(name: string) {
  const dir = dataCopy(undefined, join(INVALID, name));
  const schemaOverlay = join(dir, "schema");
  let schemas: Schemas | undefined;
  if (existsSync(schemaOverlay)) {
    const schemaDir = join(dirname(dir), "schema");
    cpSync(SCHEMA_DIR, schemaDir, { recursive: true });
    cpSync(schemaOverlay, schemaDir, { recursive: true });
    rmSync(schemaOverlay, { recursive: true });
    schemas = loadSchemas(schemaDir);
  }
  return { dir, validation: validate(dir, schemas ? { schemas } : {}) };
}
