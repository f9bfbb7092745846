/*
 * The schema model: the schemas in schema/, read once and compiled into collections and
 * fields (model.ts), each field with its `$ref` resolved (walk.ts) and the role the schema
 * declares for it (roles.ts, annotations.ts), with ajv for validating records (ajv.ts). This
 * folder is the only code that understands JSON Schema; checks, tables and emitters read the
 * model, finding fields by role (query.ts).
 */

export { ajvFor, createAjv, formatHolds } from "./ajv.ts";
export { ANNOTATIONS, AVERITEC_LABELS } from "./annotations.ts";
export { DEFS_ID, SCHEMA_DIR } from "./folder.ts";
export { loadPackageSchemas, loadSchemas, schemasAt } from "./load.ts";
export * from "./model.ts";
export * from "./query.ts";
export * from "./roles.ts";
