import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { escapePointer, isObject, type JsonObject } from "./json.ts";
import { type Position, parseWithPositions } from "./locate.ts";
import { byCodeUnits } from "./order.ts";
import { PACKAGE_ROOT } from "./root.ts";
import { didYouMean } from "./suggest.ts";

/*
 * The schema model: the schemas in schema/, read once and compiled into collections and
 * fields, each field with its `$ref` resolved, its shape (object, array or one scalar type),
 * whether it is required and nullable, what it references and the role the schema declares
 * for it. This is the only module that understands JSON Schema; checks, tables and emitters
 * read the model. Mistakes in the schemas are issues on the schema file, found here.
 */

const require = createRequire(import.meta.url);
const AJV_VERSION = String((require("ajv/package.json") as { version: string }).version);

/** The package's schema folder. Data folders named with `--data` are checked against it too. */
export const SCHEMA_DIR = join(PACKAGE_ROOT, "schema");
export const DEFS_ID = "defs.schema.json";

/**
 * What a field is for, declared in the schema with `x-role`, so that checks and emitters find
 * fields by meaning rather than by name. A role on a shared definition holds wherever it is used.
 */
export const ROLES = {
  span: "Exact characters of a source text, checked against it.",
  "span-source": "The id of the source a span points into.",
  "span-start": "A span's first offset, in code points.",
  "span-end": "A span's offset just past its end.",
  "span-exact": "A span's text, verbatim.",
  "span-prefix": "The text just before a span, verbatim.",
  "span-suffix": "The text just after a span, verbatim.",
  date: "A date with its precision and bounds.",
  "date-value": "A date's value, in EDTF.",
  "date-precision": "The precision the value of a date has.",
  "date-earliest": "The earliest calendar day a date can be.",
  "date-latest": "The latest calendar day a date can be.",
  edtf: "A date or interval in EDTF.",
  "calendar-date": "One calendar day, YYYY-MM-DD.",
  starts: "When something starts; paired with `ends` in the same object.",
  ends: "When something ends; paired with `starts` in the same object.",
  "text-sha256": "The SHA-256 of a source's stored text.",
  label:
    "What shows a record (its name, its title, or the span of its words), or an object (a span's exact text) wherever it stands for it.",
  publisher: "Who published a work.",
  link: "Where a work can be read.",
  "claim-kind": "What kind of claim it is; `x-checkable` lists the kinds a review may check.",
  "claim-text": "The words a claim makes.",
  "sub-claim-of": "The claim this one is a deliberate part of.",
  "reviewed-claim": "The claim a review checks.",
  verdict:
    "A review's verdict; `x-verdict-sides` says which verdicts hold a claim and which fail it.",
  explanation: "A review's reasoning, in which the sources are named.",
  "source-name": "The names an explanation uses for a source.",
  anchor:
    "A span where the record itself stands in the text: a mention of it, or the words that are it.",
  category: "An enum that sorts a collection's records into kinds a reader may show or hide.",
  cue: "A span with the words that attribute speech or a claim to someone (PARC cue).",
  hedge: "A span with words that soften or qualify a claim.",
  "attribution-source": "A span where the text names who said the words (PARC source).",
  evidence: "A span where the text states a value, or the words an inference starts from.",
  language: "The language of a source's text, as a BCP 47 tag.",
  claimant: "Who makes a claim.",
  summary: "A sentence or two on what a record is, to read before its details.",
  quoted: "Words of an outside source, verbatim, that a piece of evidence turns on.",
} as const;
export type Role = keyof typeof ROLES;

/** The roles whose strings must equal the source text: exempt from rules of style. */
export const VERBATIM_ROLES: ReadonlySet<Role> = new Set([
  "span-exact",
  "span-prefix",
  "span-suffix",
]);

export type ScalarType = "string" | "integer" | "number" | "boolean" | "date";
export type Scalar = string | number | boolean;

/** What a field holds. `mixed` is a union of types no table cell can hold. */
export type Shape =
  | { kind: "object" }
  | { kind: "array"; minItems: number }
  | { kind: "scalar"; type: ScalarType; format?: "uri"; enum?: Scalar[] }
  | { kind: "mixed" };

/** A place in a schema file: the file and a JSON Pointer into it. */
export interface SchemaPlace {
  file: string;
  pointer: string;
}

/** A place in a record, as a path of property names with `*` for any array item. */
export interface Field {
  path: string[];
  /** The schema node at the path, before following `$ref` (annotations such as `x-references` live here). */
  node: JsonObject;
  /** The node after following `$ref`. */
  resolved: JsonObject;
  /** Where `node` is written, for issues about it. */
  at: SchemaPlace;
  shape: Shape;
  /** Listed in its object's `required` (an array item always is). */
  required: boolean;
  /** The value may be `null`. */
  nullable: boolean;
  /** Collections an id in this field may point to (`x-references`). */
  references?: string[];
  /** What the field is for: the roles written on it and on the definition it refers to. */
  roles: Role[];
  /** Its own description, else the description of the definition it refers to. */
  description?: string;
  /** Values a review may check, for a field with role `claim-kind` (`x-checkable`). */
  checkable?: string[];
}

/** A collection: a folder of records, declared by a schema with `x-collection`. */
export interface Collection {
  /** Folder name under `data/`, such as `people`. */
  name: string;
  /** The schema's title, used as the type name, such as `Person`. */
  title: string;
  /** The schema file name, such as `person.schema.json`. */
  schemaFile: string;
  schema: JsonObject;
  /** Every field reachable from the record's root, in schema order; the root itself first. */
  fields: Field[];
  /** For a collection of source texts (`x-source-text`): the extension of the text beside each record. */
  textExtension?: string;
}

/** A mistake in a schema, found while compiling the model. */
export interface SchemaIssue extends SchemaPlace {
  code: SchemaCode;
  message: string;
  fix: string;
  part?: "key" | "value";
  /** Where in the file, when the pointer cannot say (a file that is not JSON). */
  position?: Position;
}

export const SCHEMA_CODES = {
  "schema-file": "A schema file that cannot be read as JSON, or does not hold an object.",
  "schema-unresolved-ref": "A `$ref` in a schema that points nowhere.",
  "schema-meta": "A schema that is not valid JSON Schema, or an annotation of the wrong form.",
  "schema-references":
    "An `x-references` entry that names no collection (so every reference would fail).",
  "schema-role": "An `x-role` that is not one of the known roles.",
  "schema-table":
    "A schema shape that a CSV table cannot hold without loss (an optional nullable field, an optional empty list, an object with nothing always present).",
} as const;
export type SchemaCode = keyof typeof SCHEMA_CODES;

export interface Schemas {
  dir: string;
  byId: Map<string, JsonObject>;
  /** Each schema file's text, for positions in issues. */
  texts: Map<string, string>;
  defs: JsonObject;
  collections: Collection[];
  collection(name: string): Collection | undefined;
  /** The schema node a `$ref` points at, relative to the schema with id `base`. */
  resolve(ref: string, base: string): { node: JsonObject; base: string };
  /** Mistakes found in the schemas: when there are any, data is not checked against them. */
  issues: SchemaIssue[];
  /** Where the validators compiled from these schemas are kept as code, when they are. */
  validatorCode?: string;
}

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
 * that later runs load them instead of compiling (see validators.ts).
 */
export function loadSchemas(dir: string, options: { cacheDir?: string } = {}): Schemas {
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
  if (!byId.has(DEFS_ID) && !issues.some((i) => i.file === DEFS_ID))
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
    schemas.validatorCode = join(
      options.cacheDir,
      `validators-${hash.digest("hex").slice(0, 16)}.cjs`,
    );
  }
  // Validators kept for these very schemas were compiled from them: they are valid already.
  const compiledBefore = schemas.validatorCode !== undefined && existsSync(schemas.validatorCode);
  if (issues.length === 0 && !compiledBefore) checkMetaSchema(schemas);
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

class UnresolvedRef extends Error {
  constructor(
    readonly ref: string,
    readonly base: string,
  ) {
    super(`${base}: cannot resolve $ref ${ref}`);
  }
}

/** Lists every field of a schema, depth first in property order, following `$ref`. */
function walkFields(
  root: JsonObject,
  rootId: string,
  resolve: Schemas["resolve"],
  issues: SchemaIssue[],
  onNode: (node: JsonObject, at: SchemaPlace) => void,
): Field[] {
  const fields: Field[] = [];
  const visit = (
    node: JsonObject,
    at: SchemaPlace,
    path: string[],
    required: boolean,
    depth: number,
  ) => {
    if (depth > 32) {
      issues.push({
        ...at,
        code: "schema-meta",
        message: `the schema nests deeper than 32 levels at ${path.join(".")}`,
        fix: "a $ref may not lead back into itself",
      });
      return;
    }
    let resolved = node;
    let base = at.file;
    try {
      while (typeof resolved.$ref === "string") {
        ({ node: resolved, base } = resolve(resolved.$ref, base));
      }
    } catch (error) {
      if (!(error instanceof UnresolvedRef)) throw error;
      issues.push({
        ...at,
        pointer: `${at.pointer}/$ref`,
        code: "schema-unresolved-ref",
        message: `$ref ${JSON.stringify(error.ref)} points to nothing`,
        fix: `name a definition that exists, such as "${DEFS_ID}#/$defs/span"`,
      });
      return;
    }
    const { shape, nullable } = shapeOf(resolved, base, resolve);
    const refs = node["x-references"] ?? resolved["x-references"];
    const roles = [node["x-role"], resolved === node ? undefined : resolved["x-role"]]
      .flat()
      .filter((role): role is Role => typeof role === "string");
    const description = node.description ?? resolved.description;
    const checkable = node["x-checkable"] ?? resolved["x-checkable"];
    fields.push({
      path,
      node,
      resolved,
      at,
      shape,
      required,
      nullable,
      ...(Array.isArray(refs) ? { references: refs.map(String) } : {}),
      roles,
      ...(typeof description === "string" ? { description } : {}),
      ...(Array.isArray(checkable) ? { checkable: checkable.map(String) } : {}),
    });
    // Where the resolved node is written: its own file, or the one a $ref led to.
    const here: SchemaPlace =
      resolved === node ? at : { file: base, pointer: pointerIn(resolve, base, resolved) };
    onNode(node, at);
    if (resolved !== node) onNode(resolved, here);
    const requiredKeys = Array.isArray(resolved.required) ? resolved.required.map(String) : [];
    if (isObject(resolved.properties)) {
      for (const [key, child] of Object.entries(resolved.properties)) {
        if (key === "$schema" || !isObject(child)) continue;
        visit(
          child,
          { file: base, pointer: `${here.pointer}/properties/${escapePointer(key)}` },
          [...path, key],
          requiredKeys.includes(key),
          depth + 1,
        );
      }
    }
    if (isObject(resolved.items))
      visit(
        resolved.items,
        { file: base, pointer: `${here.pointer}/items` },
        [...path, "*"],
        true,
        depth + 1,
      );
  };
  visit(root, { file: rootId, pointer: "" }, [], true, 0);
  return fields;
}

/** The pointer of every node of a schema, by identity: made once per schema, as fields refer to it. */
const pointersBySchema = new WeakMap<JsonObject, Map<unknown, string>>();

/** The pointer of a node inside the schema `file`, found by identity. */
function pointerIn(resolve: Schemas["resolve"], file: string, target: JsonObject): string {
  const root = resolve("#", file).node;
  let pointers = pointersBySchema.get(root);
  if (!pointers) {
    const found = new Map<unknown, string>();
    const index = (node: unknown, pointer: string): void => {
      if (typeof node !== "object" || node === null) return;
      if (!found.has(node)) found.set(node, pointer);
      if (Array.isArray(node))
        for (const [i, item] of node.entries()) index(item, `${pointer}/${i}`);
      else if (isObject(node))
        for (const [key, child] of Object.entries(node))
          index(child, `${pointer}/${escapePointer(key)}`);
    };
    index(root, "");
    pointers = found;
    pointersBySchema.set(root, pointers);
  }
  return pointers.get(target) ?? "";
}

const PRIMITIVES: Record<string, ScalarType> = {
  string: "string",
  integer: "integer",
  number: "number",
  boolean: "boolean",
};

/** What a node holds: an object, an array, or one scalar type (nullable when a `oneOf`/`anyOf` allows null). */
function shapeOf(
  resolved: JsonObject,
  base: string,
  resolve: Schemas["resolve"],
): { shape: Shape; nullable: boolean } {
  if (resolved.type === "array" || isObject(resolved.items))
    return {
      shape: {
        kind: "array",
        minItems: typeof resolved.minItems === "number" ? resolved.minItems : 0,
      },
      nullable: false,
    };
  if (resolved.type === "object" || isObject(resolved.properties))
    return { shape: { kind: "object" }, nullable: false };
  const union = resolved.oneOf ?? resolved.anyOf;
  const variants = (Array.isArray(union) ? union.filter(isObject) : [resolved]).map((member) => {
    let current = member;
    let at = base;
    try {
      while (typeof current.$ref === "string")
        ({ node: current, base: at } = resolve(current.$ref, at));
    } catch {
      // Reported where the field itself is walked.
    }
    return current;
  });
  const types = new Set(
    variants.flatMap((v) => (Array.isArray(v.type) ? v.type : [v.type]).map(String)),
  );
  const nullable = types.delete("null");
  const [only, ...others] = types;
  const type = only === undefined || others.length > 0 ? undefined : PRIMITIVES[only];
  if (!type) return { shape: { kind: "mixed" }, nullable };
  const value = variants.find((v) => v.type !== "null") ?? resolved;
  const allowed = Array.isArray(value.enum)
    ? value.enum.filter((v): v is Scalar => v !== null && typeof v !== "object")
    : undefined;
  return {
    shape: {
      kind: "scalar",
      type: type === "string" && value.format === "date" ? "date" : type,
      ...(type === "string" && value.format === "uri" ? { format: "uri" as const } : {}),
      ...(allowed ? { enum: allowed } : {}),
    },
    nullable,
  };
}

/** A node's `x-references` name collections, and its `x-role` is a known role. */
function annotationIssues(node: JsonObject, at: SchemaPlace, names: string[]): SchemaIssue[] {
  const found: SchemaIssue[] = [];
  const references = node["x-references"];
  if (Array.isArray(references)) {
    for (const [i, name] of references.entries()) {
      if (typeof name !== "string" || names.includes(name)) continue;
      found.push({
        ...at,
        pointer: `${at.pointer}/x-references/${i}`,
        code: "schema-references",
        message: `x-references names \`${name}\`, which is not a collection`,
        fix:
          didYouMean(name, names) ||
          `name one of the collections (${names.join(", ")}), or add a schema with "x-collection": "${name}"`,
      });
    }
  }
  for (const [i, role] of [node["x-role"]].flat().entries()) {
    if (typeof role !== "string" || Object.hasOwn(ROLES, role)) continue;
    found.push({
      ...at,
      pointer: Array.isArray(node["x-role"]) ? `${at.pointer}/x-role/${i}` : `${at.pointer}/x-role`,
      code: "schema-role",
      message: `x-role \`${role}\` is not a role`,
      fix: didYouMean(role, Object.keys(ROLES)) || `use one of ${Object.keys(ROLES).join(", ")}`,
    });
  }
  return found;
}

/** Every schema must itself be valid JSON Schema, with annotations of the right form. */
function checkMetaSchema(schemas: Schemas): void {
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

const stringList = { type: "array", items: { type: "string" }, minItems: 1 };

/**
 * This package's schema keywords. They annotate; they do not validate.
 * - `x-collection` (schema root): the folder of records the schema describes.
 * - `x-source-text` (schema root): its records are source texts, each stored beside its
 *   record with this extension.
 * - `x-references`: the collections an id in this field may point to.
 * - `x-role`: what the field is for (see ROLES), one role or a list; `x-checkable`: the claim
 *   kinds a review may check; `x-verdict-sides` (on a verdict): which verdicts say a claim holds
 *   and which that it fails (two overlapping claims on opposite sides contradict each other).
 * - `x-search`: a field whose text goes into the full-text index (SQLite FTS5).
 * - `x-shown-in-target` (on a reference): sibling fields shown beside the record the reference
 *   points to, in that record's SQLite view (a review's `verdict` beside its claim).
 * - `x-jsonld-*`: how a record maps to schema.org in the JSON-LD export: the root's type, the
 *   stored text's term and constant properties; a property's term, the sub-field of its items
 *   to use (`pick`) and which items (`where`), the term for a span's source, a rating scale
 *   for an enum, fields copied from the record a reference points to, the IRI prefix of
 *   identifiers asserted as the same thing (`same-as`); `x-jsonld-type` on an array's items
 *   makes each item a nested node of that type, its terms from its own fields.
 */
export const ANNOTATIONS: Record<string, object> = {
  "x-collection": { type: "string" },
  "x-source-text": { type: "string", pattern: "^\\.[a-z0-9]+$" },
  "x-references": stringList,
  "x-role": { type: ["string", "array"], items: { type: "string" }, minItems: 1 },
  "x-checkable": stringList,
  "x-verdict-sides": {
    type: "object",
    required: ["holds", "fails"],
    properties: { holds: stringList, fails: stringList },
  },
  "x-search": { const: true },
  "x-shown-in-target": stringList,
  "x-jsonld-type": { type: "string" },
  "x-jsonld-text": { type: "string" },
  "x-jsonld-constant": { type: "object" },
  "x-jsonld": { type: "string" },
  "x-jsonld-pick": { type: "string" },
  "x-jsonld-where": { type: "object" },
  "x-jsonld-source": { type: "string" },
  "x-jsonld-rating": { type: "object", required: ["worst", "best"] },
  "x-jsonld-copy": { type: "object", additionalProperties: { type: "string" } },
  "x-jsonld-same-as": {
    type: "object",
    required: ["prefix", "pick", "where"],
    properties: { prefix: { type: "string" }, pick: { type: "string" }, where: { type: "object" } },
  },
};

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

/** The fields of a collection with a role. */
export const withRole = (collection: Collection, role: Role): Field[] =>
  collection.fields.filter((field) => field.roles.includes(role));

/** The one collection whose records are source texts, if the schemas declare one. */
export const sourceCollection = (schemas: Schemas): Collection | undefined =>
  schemas.collections.find((c) => c.textExtension !== undefined);

/** The key, below an object field, of its child with a role (`span` → its `span-exact` key). */
export function childKey(collection: Collection, parent: Field, role: Role): string | undefined {
  const depth = parent.path.length;
  const child = collection.fields.find(
    (f) =>
      f.roles.includes(role) &&
      f.path.length === depth + 1 &&
      f.path.slice(0, depth).every((step, i) => step === parent.path[i]),
  );
  return child?.path[depth];
}

/** A record's top-level field with a role, if the collection has one. */
export const topField = (collection: Collection, role: Role): Field | undefined =>
  collection.fields.find((field) => field.path.length === 1 && field.roles.includes(role));

/** The text of a record's top-level field with a role: a string as it is, a span as its exact text. */
export function textOf(record: JsonObject, collection: Collection, role: Role): string | undefined {
  const field = topField(collection, role);
  const key = field?.path[0];
  const value = field && key !== undefined ? record[key] : undefined;
  if (typeof value === "string") return value;
  if (!field || !isObject(value) || !field.roles.includes("span")) return undefined;
  const exact = childKey(collection, field, "span-exact");
  const text = exact === undefined ? undefined : value[exact];
  return typeof text === "string" ? text : undefined;
}
