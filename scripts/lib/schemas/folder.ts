import { join } from "node:path";
import { PACKAGE_ROOT } from "../root.ts";

/** The package's schema folder. Data folders named with `--data` are checked against it too. */
export const SCHEMA_DIR = join(PACKAGE_ROOT, "schema");
export const DEFS_ID = "defs.schema.json";
