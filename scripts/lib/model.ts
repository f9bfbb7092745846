import { readFileSync } from "node:fs";
import { inSchemaOrder } from "./canonical.ts";
import type { Dataset } from "./dataset.ts";
import type { JsonObject } from "./json.ts";
import { byCodeUnits } from "./order.ts";
import { type Collection, type Schemas, sourceCollection } from "./schemas.ts";

/** Validated records as the emitters see them: each collection's records sorted by id, without `$schema`. */
export interface Model {
  name: string;
  version: string;
  /** The package's homepage: the IRI of the dataset, and the base of every record's IRI. */
  homepage: string;
  schemas: Schemas;
  collections: { collection: Collection; records: JsonObject[] }[];
  sources: { id: string; text: string; sha256: string }[];
}

/** Files the emitters produce, by path relative to `dist/`. */
export interface Output {
  set(path: string, content: string | Uint8Array): void;
  /** The bytes of a file an earlier emitter wrote. */
  get(path: string): Uint8Array | undefined;
  keys(): IterableIterator<string>;
}

/**
 * Output kept in memory, for checks that compare a build with dist/. Text is stored as UTF-8
 * the moment it is set: a JavaScript string with one curly quote takes two bytes a character.
 */
export class MemoryOutput extends Map<string, Uint8Array> implements Output {
  override set(path: string, content: string | Uint8Array): this {
    return super.set(path, typeof content === "string" ? Buffer.from(content, "utf8") : content);
  }
}

/** One emitter: a pure function from the model (and what earlier emitters wrote) to files. */
export interface Emitter {
  name: string;
  emit(model: Model, out: Output): void | Promise<void>;
}

const PACKAGE_JSON = new URL("../../package.json", import.meta.url);

export function buildModel(dataset: Dataset): Model {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, "utf8")) as {
    name: string;
    version: string;
    homepage: string;
  };
  const byCollection = dataset.schemas.collections.map((collection) => ({
    collection,
    records: dataset.records
      .filter((file) => file.collection === collection)
      .map((file) => {
        // Nested objects are shared with the dataset, not copied: emitters do not change them.
        const { $schema: _, ...record } = inSchemaOrder(file.value, collection) as JsonObject;
        return record;
      })
      .sort((a, b) => byCodeUnits(String(a.id), String(b.id))),
  }));
  const sources = [...dataset.sourceTexts]
    .map(([id, source]) => ({ id, text: source.text.text, sha256: source.sha256 }))
    .sort((a, b) => byCodeUnits(a.id, b.id));
  return {
    name: pkg.name,
    version: pkg.version,
    homepage: pkg.homepage,
    schemas: dataset.schemas,
    collections: byCollection,
    sources,
  };
}

/** `people` → `people`, `claim-reviews` → `claimReviews`: collection names as JS identifiers. */
export const camel = (name: string) =>
  name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The type name of a collection's ids: `Person` → `PersonId`. */
export const idTypeOf = (collection: Collection) => `${collection.title}Id`;

/** The type of the ids that key `texts`: the ids of the collection of source texts. */
export const textIdType = (model: Model): string => {
  const texts = sourceCollection(model.schemas);
  return texts ? idTypeOf(texts) : "string";
};
