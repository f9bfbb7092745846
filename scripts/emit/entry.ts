import { BANNER } from "../lib/banner.ts";
import { compactPieces } from "../lib/json-pieces.ts";
import type { Collection } from "../lib/schemas/index.ts";
import type { Emitter } from "./emitter.ts";
import { camel, idTypeOf, type Model, typeNameOf } from "./model.ts";

/**
 * The typed entry point, one module per collection so that a program pays only for what it
 * imports: `collections/<name>.js` (the records, their lookup by id and their id guard),
 * `texts.js`, `lookup.js` (lookups across collections, which import every collection) and
 * `index.js`, which re-exports them all. Every value is built by a call marked pure, and no
 * module does anything else, so a bundler drops whatever a program does not use. CommonJS gets
 * the same modules as `.cjs` files; `.d.ts` / `.d.cts` declare each.
 */
export const entryEmitter: Emitter = {
  name: "entry",
  async emit(model, out) {
    for (const format of FORMATS) {
      out.set(`internal/freeze${format.js}`, freezeModule(format));
      for (const names of namesOf(model)) {
        await out.write(
          `collections/${names.collection.name}${format.js}`,
          collectionModule(names, format),
        );
        out.set(
          `collections/${names.collection.name}${format.dts}`,
          collectionDeclarations(names, format),
        );
      }
      out.set(`texts${format.js}`, textsModule(model, format));
      out.set(`texts${format.dts}`, textsDeclarations(model, format));
      out.set(`lookup${format.js}`, lookupModule(model, format));
      out.set(`lookup${format.dts}`, lookupDeclarations(model, format));
      out.set(`index${format.js}`, indexModule(model, format));
      out.set(`index${format.dts}`, indexDeclarations(model, format));
    }
  },
};

/** An ES module or a CommonJS one: file extensions, and how a module imports and exports. */
interface Format {
  js: string;
  dts: string;
  types: string;
  /** `const { a, b } = …` from a module, relative to the package's `dist/`. */
  imports(names: string[], from: string, depth: number): string;
  /** A top-level constant, exported. */
  exported(name: string, value: string): string;
}

const relativeTo = (depth: number, path: string) => `${depth ? "../".repeat(depth) : "./"}${path}`;

const ESM: Format = {
  js: ".js",
  dts: ".d.ts",
  types: "types.js",
  imports: (names, from, depth) =>
    `import { ${names.join(", ")} } from "${relativeTo(depth, `${from}.js`)}";\n`,
  exported: (name, value) => `export const ${name} = ${value};\n`,
};

const CJS: Format = {
  js: ".cjs",
  dts: ".d.cts",
  types: "types.cjs",
  imports: (names, from, depth) =>
    `const { ${names.join(", ")} } = require("${relativeTo(depth, `${from}.cjs`)}");\n`,
  exported: (name, value) => `const ${name} = ${value};\nexports.${name} = ${name};\n`,
};

const FORMATS = [ESM, CJS];

/** Tells a bundler that a call has no effect but its value, so that an unused value is dropped. */
const PURE = "/* @__PURE__ */ ";
const header = (format: Format) => `/* ${BANNER} */\n${format === CJS ? '"use strict";\n' : ""}`;

interface Names {
  collection: Collection;
  records: Model["collections"][number]["records"];
  array: string;
  byId: string;
  guard: string;
}

const namesOf = (model: Model): Names[] =>
  model.collections.map(({ collection, records }) => ({
    collection,
    records,
    array: camel(collection.name),
    byId: `${camel(collection.name)}ById`,
    guard: guardOf(collection),
  }));

/** The name of a collection's id guard: `Person` → `isPersonId`. */
const guardOf = (collection: Collection) => `is${idTypeOf(collection)}`;

function freezeModule(format: Format): string {
  return [
    header(format),
    "// Deeply frozen: the records are shared by every importer of this module.\n",
    format.exported(
      "freeze",
      [
        "(value) => {",
        '  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {',
        "    for (const child of Object.values(value)) freeze(child);",
        "    Object.freeze(value);",
        "  }",
        "  return value;",
        "}",
      ].join("\n"),
    ),
    format.exported(
      "indexById",
      "(records) => freeze(Object.fromEntries(records.map((record) => [record.id, record])))",
    ),
  ].join("");
}

/** A collection's module, in pieces: its array is written record by record. */
function* collectionModule(
  { records, array, byId, guard }: Names,
  format: Format,
): Generator<string> {
  yield header(format) + format.imports(["freeze", "indexById"], "internal/freeze", 1);
  yield `${format === ESM ? "export " : ""}const ${array} = ${PURE}freeze(`;
  yield* compactPieces(records);
  yield `);\n${format === CJS ? `exports.${array} = ${array};\n` : ""}`;
  yield format.exported(byId, `${PURE}indexById(${array})`);
  yield format.exported(
    guard,
    `(value) => typeof value === "string" && Object.hasOwn(${byId}, value)`,
  );
}

function textsModule(model: Model, format: Format): string {
  const texts = Object.fromEntries(model.sources.map((s) => [s.id, s.text]));
  return (
    header(format) +
    format.imports(["freeze"], "internal/freeze", 0) +
    format.exported("texts", `${PURE}freeze(${JSON.stringify(texts)})`)
  );
}

function lookupModule(model: Model, format: Format): string {
  const all = namesOf(model);
  const lines = [header(format)];
  for (const { collection, array, byId } of all)
    lines.push(format.imports([array, byId], `collections/${collection.name}`, 0));
  lines.push(format.imports(["freeze"], "internal/freeze", 0));
  const names = all.map(({ collection }) => JSON.stringify(collection.name));
  lines.push(format.exported("collections", `${PURE}freeze([${names.join(", ")}])`));
  // Which collection's lookup holds an id, and each collection's records by name.
  const lookups = all.map(
    ({ collection, byId }) => `[${JSON.stringify(collection.name)}, ${byId}]`,
  );
  lines.push(`const lookups = ${PURE}new Map([${lookups.join(", ")}]);\n`);
  const arrays = all.map(
    ({ collection, array }) => `[${JSON.stringify(collection.name)}, ${array}]`,
  );
  lines.push(`const arrays = ${PURE}new Map([${arrays.join(", ")}]);\n`);
  lines.push(
    format.exported(
      "collectionOf",
      [
        "(id) => {",
        '  if (typeof id === "string") for (const [name, byId] of lookups) if (Object.hasOwn(byId, id)) return name;',
        '  throw new RangeError("no record has the id " + JSON.stringify(id));',
        "}",
      ].join("\n"),
    ),
  );
  lines.push(
    format.exported(
      "isRecordId",
      '(value) => typeof value === "string" && [...lookups.values()].some((byId) => Object.hasOwn(byId, value))',
    ),
  );
  lines.push(format.exported("getRecord", "(id) => lookups.get(collectionOf(id))[id]"));
  lines.push(
    format.exported(
      "recordsOf",
      [
        "(name) => {",
        "  const records = arrays.get(name);",
        '  if (records === undefined) throw new RangeError("no collection is called " + JSON.stringify(name));',
        "  return records;",
        "}",
      ].join("\n"),
    ),
  );
  return lines.join("");
}

function indexModule(model: Model, format: Format): string {
  const all = namesOf(model);
  const modules = [
    ...all.map(({ collection }) => `collections/${collection.name}`),
    "texts",
    "lookup",
  ];
  const lines = [header(format)];
  if (format === ESM) {
    for (const module of modules) lines.push(`export * from "./${module}.js";\n`);
    lines.push(`import { texts } from "./texts.js";\n`);
    for (const { collection, array } of all)
      lines.push(`import { ${array} } from "./collections/${collection.name}.js";\n`);
  } else {
    for (const module of modules)
      lines.push(`Object.assign(exports, require("./${module}.cjs"));\n`);
    lines.push(`const { texts } = exports;\n`);
    lines.push(`const { ${all.map((n) => n.array).join(", ")} } = exports;\n`);
  }
  lines.push(format.imports(["freeze"], "internal/freeze", 0));
  lines.push(format.exported("version", JSON.stringify(model.version)));
  lines.push(
    format.exported(
      "dataset",
      `${PURE}freeze({ version, texts, ${all.map((n) => n.array).join(", ")} })`,
    ),
  );
  return lines.join("");
}

const typesImport = (format: Format, names: string[], depth: number) =>
  `import type { ${[...names].sort().join(", ")} } from "${relativeTo(depth, format.types)}";\n`;

function collectionDeclarations({ collection, array, byId, guard }: Names, format: Format): string {
  const id = idTypeOf(collection);
  const type = typeNameOf(collection);
  return [
    `/* ${BANNER} */\n`,
    typesImport(format, [type, id], 1),
    `/** Every record in \`${collection.name}\`, sorted by id. Frozen. */\n`,
    `export declare const ${array}: readonly ${type}[];\n`,
    `/** The records in \`${collection.name}\`, by id: index it by \`${id}\` (check an untrusted string with \`${guard}\` first). */\n`,
    `export declare const ${byId}: { readonly [id in ${id}]: ${type} };\n`,
    `/** Whether a value is the id of a record in \`${collection.name}\`. */\n`,
    `export declare function ${guard}(value: unknown): value is ${id};\n`,
  ].join("");
}

function textsDeclarations(_model: Model, format: Format): string {
  return [
    `/* ${BANNER} */\n`,
    typesImport(format, ["Dataset"], 0),
    "/** Each source's full text, by source id: the text every span counts into (in code points). Frozen. */\n",
    'export declare const texts: Dataset["texts"];\n',
  ].join("");
}

function lookupDeclarations(model: Model, format: Format): string {
  const all = namesOf(model);
  // The examples in the doc comments: the first record of the first collection that has one.
  const example = all.find(({ records }) => records.length > 0);
  const name = JSON.stringify(example?.collection.name ?? "");
  const id = JSON.stringify(example?.records[0]?.id ?? "");
  const title = example ? typeNameOf(example.collection) : "";
  const types = all.flatMap(({ collection }) => [typeNameOf(collection), idTypeOf(collection)]);
  const chain = (result: (collection: Collection) => string, parameter: string) =>
    `${all.map(({ collection }) => `${parameter} extends ${idTypeOf(collection)} ? ${result(collection)} : `).join("")}never`;
  return [
    `/* ${BANNER} */\n`,
    typesImport(format, [...types, "CollectionName", "CollectionRecords", "RecordId"], 0),
    "/**\n",
    ` * The record type of a collection or of an id: \`RecordOf<${name}>\` and \`RecordOf<${id}>\`\n`,
    ` * are both \`${title}\`; \`RecordOf<CollectionName>\` is any record.\n`,
    " */\n",
    `export type RecordOf<K extends CollectionName | RecordId> = K extends CollectionName ? CollectionRecords[K] : ${chain(typeNameOf, "K")};\n`,
    `/** The collection an id is in: \`CollectionOf<${id}>\` is \`${name}\`. */\n`,
    `export type CollectionOf<I extends RecordId> = ${chain((c) => JSON.stringify(c.name), "I")};\n`,
    "/** The name of every collection, in order. Frozen. */\n",
    `export declare const collections: readonly [${all.map(({ collection }) => JSON.stringify(collection.name)).join(", ")}];\n`,
    "/**\n",
    ` * The record with an id, in any collection, typed by the id: \`getRecord(${id})\` is a\n`,
    ` * \`${title}\`. For an id from outside the program (a URL, a CSV, a form), check it with\n`,
    " * `isRecordId` first; an unknown id throws a RangeError.\n",
    " */\n",
    "export declare function getRecord<I extends RecordId>(id: I): RecordOf<I>;\n",
    "/** Whether a value is the id of a record in any collection. */\n",
    "export declare function isRecordId(value: unknown): value is RecordId;\n",
    `/** The name of the collection an id is in: \`collectionOf(${id})\` is \`${name}\`. An unknown id throws a RangeError. */\n`,
    "export declare function collectionOf<I extends RecordId>(id: I): CollectionOf<I>;\n",
    "/** The records of a collection, typed by its name, also where the name is a type parameter. An unknown name throws a RangeError. */\n",
    "export declare function recordsOf<C extends CollectionName>(name: C): readonly RecordOf<C>[];\n",
  ].join("");
}

function indexDeclarations(model: Model, format: Format): string {
  const ext = format === ESM ? ".js" : ".cjs";
  const modules = [
    ...model.collections.map(({ collection }) => `collections/${collection.name}`),
    "texts",
    "lookup",
  ];
  return [
    `/* ${BANNER} */\n`,
    typesImport(format, ["Dataset"], 0),
    `export type * from "./${format.types}";\n`,
    ...modules.map((module) => `export * from "./${module}${ext}";\n`),
    "/** The package version the data was built for. */\n",
    'export declare const version: Dataset["version"];\n',
    "/** Everything: the version, the texts and every collection. Frozen. */\n",
    "export declare const dataset: Dataset;\n",
  ].join("");
}
