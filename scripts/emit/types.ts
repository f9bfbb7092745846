import { BANNER } from "../lib/banner.ts";
import type { Schemas } from "../lib/schemas/index.ts";
import { runWorker } from "../lib/worker.ts";
import type { Emitter } from "./emitter.ts";
import { interfacesCachePath, keepInterfaces, readKeptInterfaces } from "./interfaces-cache.ts";
import { idTypeOf, type Model, typeNameOf } from "./model.ts";

/**
 * `types.d.ts` (and `types.d.cts` for CommonJS consumers): an interface per schema title from
 * json-schema-to-typescript, and a union of the ids in each collection, which every reference
 * field uses, so that a wrong id is a compile error. The interfaces are made in a worker thread
 * (interfaces.ts), from the schemas alone.
 */
export const typesEmitter: Emitter = {
  name: "types",
  prepare(schemas) {
    interfacesFor(schemas);
  },
  async emit(model, out) {
    const text = `/* ${BANNER} */\n\n${idUnions(model)}\n${await interfacesFor(model.schemas)}`;
    out.set("types.d.ts", text);
    out.set("types.d.cts", text);
  },
};

/**
 * The interfaces of a set of schemas, made once, in a worker thread; or read from where they
 * were kept, when these schemas and the code that makes them are those they were made with.
 */
const made = new WeakMap<Schemas, Promise<string>>();
function interfacesFor(schemas: Schemas): Promise<string> {
  let interfaces = made.get(schemas);
  if (!interfaces) {
    const keptAt = interfacesCachePath(schemas, import.meta.url);
    const kept = keptAt === undefined ? undefined : readKeptInterfaces(keptAt);
    interfaces =
      kept === undefined
        ? runWorker<string>(import.meta.url, "interfaces-worker", { dir: schemas.dir })
        : Promise.resolve(kept);
    if (keptAt !== undefined && kept === undefined)
      interfaces.then((text) => keepInterfaces(keptAt, text)).catch(() => {});
    // A failure is the emitter's to report, when it asks: not an unhandled rejection before.
    interfaces.catch(() => {});
    made.set(schemas, interfaces);
  }
  return interfaces;
}

function idUnions(model: Model): string {
  const lines: string[] = [];
  for (const { collection, records } of model.collections) {
    const ids = records.map((r) => JSON.stringify(r.id));
    lines.push(`/** Every id in \`${collection.name}\`. */`);
    lines.push(`export type ${idTypeOf(collection)} = ${ids.length ? ids.join(" | ") : "never"};`);
  }
  lines.push("/** Every record id, in any collection. */");
  lines.push(
    `export type RecordId = ${model.collections.map(({ collection }) => idTypeOf(collection)).join(" | ")};`,
  );
  const names = model.collections.map(({ collection }) => collection.name);
  lines.push("/** The name of every collection. */");
  lines.push(`export type CollectionName = ${names.map((n) => JSON.stringify(n)).join(" | ")};`);
  lines.push("/** The record type of each collection, by collection name. */");
  lines.push("export interface CollectionRecords {");
  for (const { collection } of model.collections)
    lines.push(`    readonly ${JSON.stringify(collection.name)}: ${typeNameOf(collection)};`);
  lines.push("}");
  lines.push("/** The id type of each collection, by collection name. */");
  lines.push("export interface CollectionIds {");
  for (const { collection } of model.collections)
    lines.push(`    readonly ${JSON.stringify(collection.name)}: ${idTypeOf(collection)};`);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
