import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { isObject, type JsonObject } from "../json.ts";
import { parseWithPositions } from "../locate.ts";
import { byCodeUnits } from "../order.ts";
import { PACKAGE_ROOT } from "../root.ts";
import { checkMetaSchema } from "./ajv.ts";
import { annotationIssues } from "./annotations.ts";
import { DEFS_ID, SCHEMA_DIR } from "./folder.ts";
import type { Collection, SchemaIssue, Schemas } from "./model.ts";
import { UnresolvedRef, walkFields } from "./walk.ts";

/* Reading a folder of schemas into the model, once per process for the package's own. */

const require = createRequire(import.meta.url);
const AJV_VERSION = String((require("ajv/package.json") as { version: string }).version);

let packageSchemas: Schemas | undefined;

/** The package's own schemas, read once per process: they do not change while it runs. */
export const loadPackageSchemas = (): Schemas => {
  packageSchemas ??= loadSchemas(SCHEMA_DIR, { cacheDir: CACHE_DIR });
  return packageSchemas;
};

/** The schemas in a folder: the package's own, read once, or another folder's. */
export const schemasAt = (dir: string): Schemas =>
  dir === SCHEMA_DIR ? loadPackageSchemas() : loadSchemas(dir);

/** Where compiled validators of the package's schemas are kept between runs. */
const CACHE_DIR = join(PACKAGE_ROOT, "node_modules", ".kerry-moscow-2013");

/**
 * Reads and compiles the schemas in a folder. With `cacheDir`, the validators compiled from
 * them are kept there as code, named by a hash of every schema file and of ajv's version, so
 * that later runs load them instead of compiling (see validators.ts). With `metaCheck: false`,
 * the schemas are not checked against JSON Schema itself: for reading records that are not
 * validated (another version's, to compare), where the check would cost more than the reading.
 */
export function loadSchemas(
  dir: string,
  options: { cacheDir?: string; metaCheck?: boolean } = {},
): Schemas {
  const issues: SchemaIssue[] = [];
  const byId = new Map<string, JsonObject>();
  const texts = new Map<string, string>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort(byCodeUnits)) {
    const text = readFileSync(join(dir, file), "utf8");
    texts.set(file, text);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const { line = 1, column = 1 } = syntaxErrorOf(text);
      issues.push({
        file,
        pointer: "",
        position: { line, column },
        code: "schema-file",
        message: `${file} is not valid JSON`,
        fix: "fix the JSON syntax at this position",
      });
      continue;
    }
    if (isObject(value)) byId.set(file, value);
    else
      issues.push({
        file,
        pointer: "",
        code: "schema-file",
        message: `${file} does not hold a JSON object`,
        fix: "a schema is one JSON object",
      });
  }

  const resolve = (ref: string, base: string) => {
    const [file, fragment = ""] = ref.split("#");
    const target = file ? file : base;
    let node: unknown = byId.get(target);
    for (const token of fragment.split("/").filter(Boolean)) {
      node = isObject(node) ? node[token.replaceAll("~1", "/").replaceAll("~0", "~")] : undefined;
    }
    if (!isObject(node)) throw new UnresolvedRef(ref, base);
    return { node, base: target };
  };

  // Without every schema, references to its collection would all look wrong: stop here.
  if (issues.length > 0) return brokenSchemas(dir, byId, texts, issues);
  const defs = byId.get(DEFS_ID) ?? {};
  if (!byId.has(DEFS_ID))
    issues.push({
      file: DEFS_ID,
      pointer: "",
      code: "schema-file",
      message: `${dir} has no ${DEFS_ID}`,
      fix: "restore the shared definitions",
    });

  const names = [...byId.values()]
    .map((schema) => schema["x-collection"])
    .filter((name): name is string => typeof name === "string");
  const checked = new Set<string>();
  const collections: Collection[] = [];
  for (const [file, schema] of byId) {
    const name = schema["x-collection"];
    if (typeof name !== "string") continue;
    const title = typeof schema.title === "string" ? schema.title : name;
    const extension = schema["x-source-text"];
    collections.push({
      name,
      title,
      schemaFile: file,
      schema,
      fields: walkFields(schema, file, resolve, issues, (node, at) => {
        // A definition used in many places is checked once, where it is written.
        const key = `${at.file}#${at.pointer}`;
        if (checked.has(key)) return;
        checked.add(key);
        issues.push(...annotationIssues(node, at, names));
      }),
      ...(typeof extension === "string" ? { textExtension: extension } : {}),
    });
  }
  collections.sort((a, b) => byCodeUnits(a.name, b.name));
  const byName = new Map(collections.map((c) => [c.name, c]));
  const schemas: Schemas = {
    dir,
    byId,
    texts,
    defs,
    collections,
    collection: (name) => byName.get(name),
    resolve,
    issues,
  };
  if (options.cacheDir) {
    const hash = createHash("sha256").update(AJV_VERSION);
    for (const [file, text] of texts) hash.update(`\0${file}\0${text}`);
    schemas.cacheDir = options.cacheDir;
    schemas.validatorCode = join(
      options.cacheDir,
      `validators-${hash.digest("hex").slice(0, 16)}.cjs`,
    );
  }
  // Validators kept for these very schemas were compiled from them: they are valid already.
  const compiledBefore = schemas.validatorCode !== undefined && existsSync(schemas.validatorCode);
  if (issues.length === 0 && !compiledBefore && options.metaCheck !== false)
    checkMetaSchema(schemas);
  return schemas;
}

/** The schemas when some cannot be read: the issues, and no collections to check data against. */
const brokenSchemas = (
  dir: string,
  byId: Map<string, JsonObject>,
  texts: Map<string, string>,
  issues: SchemaIssue[],
): Schemas => ({
  dir,
  byId,
  texts,
  defs: {},
  collections: [],
  collection: () => undefined,
  resolve: () => {
    throw new Error("the schemas could not be read");
  },
  issues,
});

/** The line and column where a text stops being JSON. */
function syntaxErrorOf(text: string): { line?: number; column?: number } {
  try {
    parseWithPositions(text);
    return {};
  } catch (error) {
    return error as { line?: number; column?: number };
  }
}
