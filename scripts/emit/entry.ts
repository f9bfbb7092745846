import { camel, type Emitter, idTypeOf, type Model } from "../lib/model.ts";
import { BANNER } from "./types.ts";

/**
 * The typed entry point: `index.cjs` (CommonJS) holds the data, and `index.js` (ESM) re-exports
 * it, so the data ships once and `import` and `require` share the same frozen records. Their
 * declarations are `index.d.ts` / `index.d.cts`. Exports: one frozen array per collection, a
 * lookup by id per collection, `getRecord` for any id, the source texts, and the whole dataset.
 */
export const entryEmitter: Emitter = {
  name: "entry",
  emit(model, out) {
    out.set("index.cjs", commonjs(model));
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

/** Every name the entry point exports, in order. */
const exportNames = (model: Model) => [
  "version",
  "texts",
  ...names(model).flatMap(({ array, byId }) => [array, byId]),
  "getRecord",
  "dataset",
];

function esmReexport(model: Model): string {
  return `/* ${BANNER} */\nimport data from "./index.cjs";\n\nexport const { ${exportNames(model).join(", ")} } = data;\n`;
}

function commonjs(model: Model): string {
  const exported = (name: string, value: string) =>
    `const ${name} = ${value};\nexports.${name} = ${name};`;
  const lines = [
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
    exported("version", JSON.stringify(model.version)),
    exported(
      "texts",
      `freeze(${JSON.stringify(Object.fromEntries(model.sources.map((s) => [s.id, s.text])))})`,
    ),
  ];
  for (const { records, array, byId } of names(model)) {
    lines.push(exported(array, `freeze(${JSON.stringify(records)})`));
    lines.push(exported(byId, `index(${array})`));
  }
  const all = names(model).map((n) => n.byId);
  lines.push(`const everyRecord = new Map(Object.entries(Object.assign({}, ${all.join(", ")})));`);
  const getRecord =
    "(id) => {\n  const record = everyRecord.get(id);\n  if (record === undefined) throw new RangeError('no record has the id ' + JSON.stringify(id));\n  return record;\n}";
  lines.push(exported("getRecord", getRecord));
  lines.push(
    exported(
      "dataset",
      `freeze({ version, texts, ${names(model)
        .map((n) => n.array)
        .join(", ")} })`,
    ),
  );
  return `${lines.join("\n")}\n`;
}

function declarations(model: Model, typesPath: string): string {
  const all = names(model);
  const types = all.flatMap(({ collection }) => [collection.title, idTypeOf(collection)]);
  const lines = [
    `/* ${BANNER} */`,
    `import type { ${[...types, "RecordId"].sort().join(", ")} } from "${typesPath}";`,
    `export type * from "${typesPath}";`,
    "",
    "/** A value and everything in it, read-only: the records are frozen at run time. */",
    "export type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;",
    "",
    '/** The record type for an id: `RecordOf<"john-kerry">` is `Person`. */',
    `export type RecordOf<I extends RecordId> = ${all.map(({ collection }) => `I extends ${idTypeOf(collection)} ? ${collection.title} : `).join("")}never;`,
    "",
    "/** The package version the data was built for. */",
    "export declare const version: string;",
    "/** Each source's full text, by source id: the text every span counts into (in code points). */",
    `export declare const texts: Readonly<Record<SourceId, string>>;`,
  ];
  for (const { collection, array, byId } of all) {
    lines.push(`/** Every record in \`${collection.name}\`, sorted by id. */`);
    lines.push(`export declare const ${array}: readonly DeepReadonly<${collection.title}>[];`);
    lines.push(`/** The records in \`${collection.name}\`, by id. */`);
    lines.push(
      `export declare const ${byId}: Readonly<Record<${idTypeOf(collection)}, DeepReadonly<${collection.title}>>>;`,
    );
  }
  lines.push(
    "/** The record with an id, in any collection; throws a RangeError for an unknown id. */",
  );
  lines.push(
    "export declare function getRecord<I extends RecordId>(id: I): DeepReadonly<RecordOf<I>>;",
  );
  lines.push("/** Everything: the version, the texts and every collection. */");
  lines.push(
    `export declare const dataset: { readonly version: string; readonly texts: typeof texts; ${all.map(({ array }) => `readonly ${array}: typeof ${array}`).join("; ")} };`,
  );
  return `${lines.join("\n")}\n`;
}
