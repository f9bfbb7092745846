import { BANNER } from "../lib/banner.ts";
import { compactPieces } from "../lib/json-pieces.ts";
import type { Collection } from "../lib/schemas/index.ts";
import type { Emitter } from "./emitter.ts";
import { camel, idTypeOf, type Model } from "./model.ts";

/**
 * The typed entry point: `index.cjs` (CommonJS) holds the data, and `index.js` (ESM) re-exports
 * it, so the data ships once and `import` and `require` share the same frozen records. Their
 * declarations are `index.d.ts` / `index.d.cts`. Exports: one frozen array per collection, a
 * lookup by id per collection, `getRecord` for any id, the source texts, and the whole dataset.
 */
export const entryEmitter: Emitter = {
  name: "entry",
  async emit(model, out) {
    await out.write("index.cjs", commonjs(model));
    out.set("index.js", esmReexport(model));
    out.set("index.d.ts", declarations(model, "./types.js"));
    out.set("index.d.cts", declarations(model, "./types.cjs"));
  },
};

const names = (model: Model) =>
  model.collections.map(({ collection, records }) => ({
    collection,
    records,
    array: camel(collection.name),
    byId: `${camel(collection.name)}ById`,
  }));

/** The name of a collection's id guard: `Person` → `isPersonId`. */
const guardOf = (collection: Collection) => `is${idTypeOf(collection)}`;

/** Every name the entry point exports, in order. */
const exportNames = (model: Model) => [
  "version",
  "collections",
  "texts",
  ...names(model).flatMap(({ array, byId }) => [array, byId]),
  "getRecord",
  "isRecordId",
  "collectionOf",
  "recordsOf",
  ...names(model).map(({ collection }) => guardOf(collection)),
  "dataset",
];

function esmReexport(model: Model): string {
  return `/* ${BANNER} */\nimport data from "./index.cjs";\n\nexport const { ${exportNames(model).join(", ")} } = data;\n`;
}

/** The CommonJS module, in pieces: each collection's array is written record by record. */
function* commonjs(model: Model): Generator<string> {
  const exported = (name: string, value: string) =>
    `const ${name} = ${value};\nexports.${name} = ${name};\n`;
  yield [
    `/* ${BANNER} */`,
    '"use strict";',
    "// Deeply frozen: the records are shared by every importer.",
    "const freeze = (value) => {",
    '  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {',
    "    for (const child of Object.values(value)) freeze(child);",
    "    Object.freeze(value);",
    "  }",
    "  return value;",
    "};",
    "const index = (records) => freeze(Object.fromEntries(records.map((record) => [record.id, record])));",
    "",
  ].join("\n");
  yield exported("version", JSON.stringify(model.version));
  yield exported(
    "collections",
    `freeze(${JSON.stringify(model.collections.map(({ collection }) => collection.name))})`,
  );
  yield exported(
    "texts",
    `freeze(${JSON.stringify(Object.fromEntries(model.sources.map((s) => [s.id, s.text])))})`,
  );
  for (const { records, array, byId } of names(model)) {
    yield `const ${array} = freeze(`;
    yield* compactPieces(records);
    yield `);\nexports.${array} = ${array};\n`;
    yield exported(byId, `index(${array})`);
  }
  const all = names(model).map((n) => n.byId);
  yield `const everyRecord = new Map(Object.entries(Object.assign({}, ${all.join(", ")})));\n`;
  const byCollection = names(model)
    .map(({ collection, byId }) => `[${byId}, ${JSON.stringify(collection.name)}]`)
    .join(", ");
  yield exported(
    "collectionOf",
    `(id) => {\n  for (const [byId, name] of [${byCollection}]) if (typeof id === "string" && Object.hasOwn(byId, id)) return name;\n  throw new RangeError('no record has the id ' + JSON.stringify(id));\n}`,
  );
  const arrays = names(model)
    .map(({ collection, array }) => `${JSON.stringify(collection.name)}: ${array}`)
    .join(", ");
  yield `const byName = new Map(Object.entries({ ${arrays} }));\n`;
  yield exported(
    "recordsOf",
    "(name) => {\n  const records = byName.get(name);\n  if (records === undefined) throw new RangeError('no collection is called ' + JSON.stringify(name));\n  return records;\n}",
  );
  const getRecord =
    "(id) => {\n  const record = everyRecord.get(id);\n  if (record === undefined) throw new RangeError('no record has the id ' + JSON.stringify(id));\n  return record;\n}";
  yield exported("getRecord", getRecord);
  yield exported("isRecordId", '(value) => typeof value === "string" && everyRecord.has(value)');
  for (const { collection, byId } of names(model))
    yield exported(
      guardOf(collection),
      `(value) => typeof value === "string" && Object.hasOwn(${byId}, value)`,
    );
  yield exported(
    "dataset",
    `freeze({ version, texts, ${names(model)
      .map((n) => n.array)
      .join(", ")} })`,
  );
}

function declarations(model: Model, typesPath: string): string {
  const all = names(model);
  const types = all.flatMap(({ collection }) => [collection.title, idTypeOf(collection)]);
  const lines = [
    `/* ${BANNER} */`,
    `import type { ${[...types, "CollectionName", "CollectionRecords", "Dataset", "RecordId"].sort().join(", ")} } from "${typesPath}";`,
    `export type * from "${typesPath}";`,
    "",
    "/**",
    ' * The record type of a collection or of an id: `RecordOf<"people">` and `RecordOf<"john-kerry">`',
    " * are both `Person`; `RecordOf<CollectionName>` is any record.",
    " */",
    `export type RecordOf<K extends CollectionName | RecordId> = K extends CollectionName ? CollectionRecords[K] : ${all.map(({ collection }) => `K extends ${idTypeOf(collection)} ? ${collection.title} : `).join("")}never;`,
    '/** The collection an id is in: `CollectionOf<"john-kerry">` is `"people"`. */',
    `export type CollectionOf<I extends RecordId> = ${all.map(({ collection }) => `I extends ${idTypeOf(collection)} ? ${JSON.stringify(collection.name)} : `).join("")}never;`,
    "",
    "/** The name of every collection, in order. Frozen. */",
    `export declare const collections: readonly [${all.map(({ collection }) => JSON.stringify(collection.name)).join(", ")}];`,
    "/** The package version the data was built for. */",
    'export declare const version: Dataset["version"];',
    "/** Each source's full text, by source id: the text every span counts into (in code points). */",
    'export declare const texts: Dataset["texts"];',
  ];
  for (const { collection, array, byId } of all) {
    lines.push(`/** Every record in \`${collection.name}\`, sorted by id. Frozen. */`);
    lines.push(`export declare const ${array}: readonly ${collection.title}[];`);
    lines.push(
      `/** The records in \`${collection.name}\`, by id: index it by \`${idTypeOf(collection)}\` (check an untrusted string with \`${guardOf(collection)}\` first). */`,
    );
    lines.push(
      `export declare const ${byId}: { readonly [id in ${idTypeOf(collection)}]: ${collection.title} };`,
    );
  }
  lines.push(
    "/**",
    ' * The record with an id, in any collection, typed by the id: `getRecord("john-kerry")` is a',
    " * `Person`. For an id from outside the program (a URL, a CSV, a form), check it with",
    " * `isRecordId` first; an unknown id throws a RangeError.",
    " */",
    "export declare function getRecord<I extends RecordId>(id: I): RecordOf<I>;",
    "/** Whether a value is the id of a record in any collection. */",
    "export declare function isRecordId(value: unknown): value is RecordId;",
    '/** The name of the collection an id is in: `collectionOf("john-kerry")` is `"people"`. An unknown id throws a RangeError. */',
    "export declare function collectionOf<I extends RecordId>(id: I): CollectionOf<I>;",
    "/** The records of a collection, typed by its name, also where the name is a type parameter. An unknown name throws a RangeError. */",
    "export declare function recordsOf<C extends CollectionName>(name: C): readonly RecordOf<C>[];",
  );
  for (const { collection } of all) {
    lines.push(`/** Whether a value is the id of a record in \`${collection.name}\`. */`);
    lines.push(
      `export declare function ${guardOf(collection)}(value: unknown): value is ${idTypeOf(collection)};`,
    );
  }
  lines.push("/** Everything: the version, the texts and every collection. Frozen. */");
  lines.push("export declare const dataset: Dataset;");
  return `${lines.join("\n")}\n`;
}
