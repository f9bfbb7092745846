import { createRequire } from "node:module";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { ANNOTATIONS } from "./annotations.ts";
import { DEFS_ID } from "./folder.ts";
import type { Schemas } from "./model.ts";

/* ajv for the model's schemas: the meta-schema check, and the one compiled instance per set. */

const require = createRequire(import.meta.url);

/** Every schema must itself be valid JSON Schema, with annotations of the right form. */
export function checkMetaSchema(schemas: Schemas): void {
  const meta = bareAjv();
  for (const [file, schema] of schemas.byId) {
    if (meta.validateSchema(schema)) continue;
    const [error] = meta.errors ?? [];
    if (!error) continue;
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
    schemas.issues.push({
      file,
      pointer: error.instancePath,
      code: "schema-meta",
      message: `${error.instancePath || "the schema"} ${error.message ?? "is not valid JSON Schema"}`,
      fix: allowed
        ? `use one of: ${allowed.map((v) => JSON.stringify(v)).join(", ")}`
        : "correct it to the form draft 2020-12 (or this package's annotation) asks for",
    });
  }
  if (schemas.issues.length > 0) return;
  try {
    ajvFor(schemas);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const file = [...schemas.byId.keys()].find((f) => message.includes(f)) ?? DEFS_ID;
    schemas.issues.push({
      file,
      pointer: "",
      code: "schema-meta",
      message: `the schemas do not compile: ${message.split("\n")[0]}`,
      fix: "correct the schema keyword the message names (draft 2020-12)",
    });
  }
}

/** An ajv instance for draft 2020-12 that knows this package's keywords. */
function bareAjv(source = false): Ajv2020 {
  // Loaded when schemas are compiled, not at start: validators kept as code need none of it.
  const { Ajv2020: Ajv } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const { _ } = require("ajv") as typeof import("ajv");
  const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
  const ajv = new Ajv({
    // Written-out validators take their formats from ajv-formats at run time.
    ...(source
      ? { code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } }
      : {}),
    allErrors: true,
    // Keeps the offending value on each error, for messages that quote it.
    verbose: true,
    strict: true,
    // `required` inside if/then names properties declared beside it, which is sound.
    strictRequired: false,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  // Annotations read by the checks and the emitters; ajv itself has nothing to assert for them.
  for (const [keyword, metaSchema] of Object.entries(ANNOTATIONS))
    ajv.addKeyword({ keyword, metaSchema });
  return ajv;
}

/**
 * An ajv instance for draft 2020-12 that knows every schema and this package's keywords; with
 * `source`, one whose validators can be written out as code.
 */
export function createAjv(schemas: Schemas, options: { source?: boolean } = {}): Ajv2020 {
  const ajv = bareAjv(options.source);
  for (const [id, schema] of schemas.byId) ajv.addSchema(schema, id);
  // Compiling every collection finds a bad schema now, not on the first record.
  for (const collection of schemas.collections) ajv.getSchema(collection.schemaFile);
  return ajv;
}

/** Whether a string is valid in a format, as the validators judge it (for checking a suggestion). */
export function formatHolds(format: string, value: string): boolean {
  const { fullFormats } = require("ajv-formats/dist/formats") as {
    fullFormats: Record<string, unknown>;
  };
  const known = fullFormats[format];
  // A format is a function, a pattern, or an object with its function (`date`, `date-time`).
  const test =
    typeof known === "object" && known !== null && "validate" in known ? known.validate : known;
  if (typeof test === "function") return test(value) === true;
  return test instanceof RegExp && test.test(value);
}

const compiled = new WeakMap<Schemas, Ajv2020>();

/** The one ajv instance of a set of schemas: compiling costs more than validating with it. */
export function ajvFor(schemas: Schemas): Ajv2020 {
  let ajv = compiled.get(schemas);
  if (!ajv) {
    ajv = createAjv(schemas);
    compiled.set(schemas, ajv);
  }
  return ajv;
}
