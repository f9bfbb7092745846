import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inSchemaOrder } from "../lib/canonical.ts";
import type { Dataset } from "../lib/dataset.ts";
import type { JsonObject } from "../lib/json.ts";
import { byCodeUnits } from "../lib/order.ts";
import { PACKAGE_ROOT } from "../lib/root.ts";
import { type Collection, type Schemas, sourceCollection } from "../lib/schemas/index.ts";

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

const PACKAGE_JSON = join(PACKAGE_ROOT, "package.json");

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

/** The name json-schema-to-typescript gives a titled schema: `Other name` → `OtherName`. */
export const interfaceName = (title: string) =>
  title
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");

/** The name of a collection's record type, as json-schema-to-typescript declares it. */
export const typeNameOf = (collection: Collection) => interfaceName(collection.title);

/** The type name of a collection's ids: `Person` → `PersonId`, `Fact check` → `FactCheckId`. */
export const idTypeOf = (collection: Collection) => `${typeNameOf(collection)}Id`;

/** The type of the ids that key `texts`: the ids of the collection of source texts. */
export const textIdType = (model: Model): string => {
  const texts = sourceCollection(model.schemas);
  return texts ? idTypeOf(texts) : "string";
};
