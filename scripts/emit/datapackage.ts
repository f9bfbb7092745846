import { DATA_LICENSE } from "../lib/licence.ts";
import { childKey, type Role, sourceCollection, textOf, withRole } from "../lib/schemas/index.ts";
import { type Column, RECORDS_TABLE, type Table, tablesOf } from "../lib/tables.ts";
import { csvPathOf } from "./csv.ts";
import type { Emitter, Output } from "./emitter.ts";
import type { Model } from "./model.ts";

const PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";
const DATASET_JSON = "json/dataset.json";

/**
 * `datapackage.json`: a Frictionless Data Package v2 describing every CSV of the csv emitter
 * (with its Table Schema, size and SHA-256); its description points to `json/dataset.json`,
 * which is not a table. Runs after the csv emitter, whose files it measures.
 */
export const datapackageEmitter: Emitter = {
  name: "datapackage",
  emit(model, out) {
    const texts = model.sources.map((source) => describeSource(model, source.id));
    const rights = `The records are ${DATA_LICENSE.name}. ${texts.map((t) => t.rights).join(" ")}`;
    const descriptor = {
      $schema: PROFILE,
      name: model.name,
      title: `Source-grounded records from ${texts.map((t) => `“${t.title}”`).join(", ")}`,
      description: `Records (${model.collections.map((c) => c.collection.name).join(", ")}) grounded in their source texts: every span is tied to its exact characters, every outside fact to the source it comes from. One CSV per collection and one per list inside a record, and csv/${RECORDS_TABLE}.csv to name any id; data-dictionary.md explains every column. The same records, with each source's full text and SHA-256, are in one JSON file, ${DATASET_JSON}, which is not a table and so not among the resources. ${rights}`,
      version: model.version,
      ...(model.homepage ? { homepage: model.homepage } : {}),
      licenses: [DATA_LICENSE],
      sources: texts.map(({ title, url }) => ({ title, ...(url ? { path: url } : {}) })),
      // Tables only, so that a loop over the resources can read each with a CSV reader.
      resources: tablesOf(model.schemas).map((table) => tableResource(table, out)),
    };
    out.set("datapackage.json", `${JSON.stringify(descriptor, null, 2)}\n`);
  },
};

function tableResource(table: Table, out: Output) {
  const path = csvPathOf(table);
  return {
    name: table.name,
    path,
    type: "table",
    description: table.description,
    format: "csv",
    mediatype: "text/csv",
    encoding: "utf-8",
    ...measure(out, path),
    dialect: { header: true, lineTerminator: "\n" },
    schema: {
      fields: table.columns.map(fieldOf),
      primaryKey: table.primaryKey,
      ...(table.foreignKeys.length > 0
        ? {
            foreignKeys: table.foreignKeys.map(({ fields, reference }) => ({
              fields,
              reference: { resource: reference.table, fields: reference.fields },
            })),
          }
        : {}),
      missingValues: [""],
    },
  };
}

function fieldOf(column: Column) {
  const constraints = {
    ...(column.required ? { required: true } : {}),
    ...(column.enum ? { enum: column.enum } : {}),
  };
  const references = column.references ? ` Points to: ${column.references.join(", ")}.` : "";
  return {
    name: column.name,
    type: column.type,
    ...(column.format ? { format: column.format } : {}),
    title: column.title,
    ...(column.description || references
      ? { description: `${column.description ?? ""}${references}`.trim() }
      : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

/** `bytes` and `hash` of a file an earlier emitter wrote. */
function measure(out: Output, path: string) {
  const digest = out.digest(path);
  if (digest === undefined) throw new Error(`datapackage: ${path} was not emitted before it`);
  return { bytes: digest.bytes, hash: `sha256:${digest.sha256}` };
}

/** A source text's title, URL and rights, from its record's label, link and publisher. */
function describeSource(model: Model, id: string) {
  const texts = sourceCollection(model.schemas);
  const record = model.collections
    .find(({ collection }) => collection === texts)
    ?.records.find((r) => r.id === id);
  const field = (role: Role) => (record && texts ? textOf(record, texts, role) : undefined);
  const title = field("label") ?? id;
  const publisher = field("publisher") ?? "its publisher, who is unknown";
  return {
    title,
    url: field("link"),
    rights: `The text of the source ${id} (in json/dataset.json${quotedIn(model)}) belongs to ${publisher}: it is not licensed by this package, only included so that every record can be checked against it.`,
  };
}

/** Where the tables quote the texts: the columns of a span's verbatim parts. */
function quotedIn(model: Model): string {
  for (const collection of model.schemas.collections) {
    for (const span of withRole(collection, "span")) {
      const keys = (["span-exact", "span-prefix", "span-suffix"] as const)
        .map((role) => childKey(collection, span, role))
        .filter((key) => key !== undefined)
        .map((key) => `_${key}`);
      const last = keys.pop();
      if (last)
        return `, and quoted in the span columns ending in ${keys.length ? `${keys.join(", ")} and ` : ""}${last}`;
    }
  }
  return "";
}
