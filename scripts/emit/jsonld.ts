import { isObject, type JsonObject, type JsonValue } from "../lib/json.ts";
import { prettyFile } from "../lib/json-pieces.ts";
import { DATA_LICENSE } from "../lib/licence.ts";
import { type Collection, childKey, type Field } from "../lib/schemas/index.ts";
import type { Emitter } from "./emitter.ts";
import type { Model } from "./model.ts";

/** EDTF values that are also ISO 8601 dates, as schema.org expects; intervals and `?`/`~` are not. */
const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The context of every graph this package writes: schema.org terms. */
export const JSONLD_CONTEXT: JsonObject = { "@vocab": "https://schema.org/" };

/**
 * The schema.org nodes of a model: the dataset's own node, and a function giving any record's
 * node by its id (undefined for a record of a collection with no `x-jsonld-type`). The export
 * and the annotated pages both make their nodes here, so they hold the same graph.
 */
export function jsonldNodes(model: Model): {
  dataset: JsonObject;
  node: (id: string) => JsonObject | undefined;
} {
  const iri = (id: string) => `${model.homepage}#${id}`;
  const records = new Map(
    model.collections.flatMap(({ records }) => records.map((r) => [String(r.id), r] as const)),
  );
  const collectionOf = new Map(
    model.collections.flatMap(({ collection, records }) =>
      records.map((r) => [String(r.id), collection] as const),
    ),
  );
  const texts = new Map(model.sources.map((s) => [s.id, s.text]));
  const mappers = new Map<string, NodeMapper>();
  const dataset: JsonObject = {
    "@id": model.homepage,
    "@type": "Dataset",
    name: model.name,
    version: model.version,
    license: DATA_LICENSE.path,
  };
  const node = (id: string): JsonObject | undefined => {
    const record = records.get(id);
    const collection = collectionOf.get(id);
    const type = collection?.schema["x-jsonld-type"];
    if (!record || !collection || typeof type !== "string") return undefined;
    let mapper = mappers.get(collection.name);
    if (!mapper) {
      mapper = new NodeMapper(collection, iri, records, collectionOf);
      mappers.set(collection.name, mapper);
    }
    const node: JsonObject = { "@id": iri(id), "@type": type };
    const textTerm = collection.schema["x-jsonld-text"];
    const text = texts.get(id);
    if (typeof textTerm === "string" && text !== undefined) node[textTerm] = text;
    mapper.fill(node, record);
    const constants = collection.schema["x-jsonld-constant"];
    if (isObject(constants)) Object.assign(node, resolveIds(constants, model.homepage));
    return node;
  };
  return { dataset, node };
}

/**
 * `jsonld/dataset.jsonld`: every record as a schema.org node, mapped by the `x-jsonld-*`
 * annotations in the schemas, with `@id`s derived from record ids under the package homepage.
 */
export const jsonldEmitter: Emitter = {
  name: "jsonld",
  async emit(model, out) {
    const { dataset, node } = jsonldNodes(model);
    // Each node is made as it is written: the graph is never held whole.
    function* graph(): Generator<JsonObject> {
      yield dataset;
      for (const { records } of model.collections)
        for (const record of records) {
          const made = node(String(record.id));
          if (made) yield made;
        }
    }
    await out.write(
      "jsonld/dataset.jsonld",
      prettyFile({ "@context": JSONLD_CONTEXT, "@graph": graph() }, 2),
    );
  },
};

/** `{"@id": ""}` in a constant means the dataset itself. */
const resolveIds = (value: JsonObject, base: string): JsonObject =>
  JSON.parse(JSON.stringify(value).replaceAll('"@id":""', `"@id":${JSON.stringify(base)}`));

class NodeMapper {
  private readonly fields: Map<string, Field>;

  constructor(
    private readonly collection: Collection,
    private readonly iri: (id: string) => string,
    private readonly records: Map<string, JsonObject>,
    private readonly collectionOf: Map<string, Collection>,
  ) {
    this.fields = new Map(collection.fields.map((f) => [f.path.join("/"), f]));
  }

  /** Adds a term for every top-level property annotated with `x-jsonld`. */
  fill(node: JsonObject, record: JsonObject): void {
    for (const field of this.collection.fields) {
      if (field.path.length !== 1) continue;
      const term = field.node["x-jsonld"];
      const key = field.path[0] as string;
      const value = record[key];
      if (typeof term !== "string" || value === undefined || value === null) continue;
      const converted = Array.isArray(value)
        ? this.items(key, field, value)
        : this.single(field, value);
      if (converted !== undefined && !(Array.isArray(converted) && converted.length === 0))
        node[term] = converted;
      this.extras(node, field, value);
    }
  }

  private items(key: string, field: Field, values: JsonValue[]): JsonValue[] {
    const pick = field.node["x-jsonld-pick"];
    const where = field.node["x-jsonld-where"];
    const item = this.fields.get(`${key}/*`) as Field;
    return values
      .filter(
        (v) =>
          !isObject(where) || (isObject(v) && Object.entries(where).every(([k, w]) => v[k] === w)),
      )
      .map((v) => {
        if (typeof pick === "string" && isObject(v))
          return this.single(this.fields.get(`${key}/*/${pick}`) as Field, v[pick] as JsonValue);
        const type = item.node["x-jsonld-type"] ?? item.resolved["x-jsonld-type"];
        if (typeof type === "string" && isObject(v)) return this.nested(`${key}/*`, type, v);
        return this.single(item, v);
      })
      .filter((v): v is JsonValue => v !== undefined);
  }

  /** An array item that is a node of its own: its type, and a term for each annotated field. */
  private nested(at: string, type: string, value: JsonObject): JsonObject {
    const node: JsonObject = { "@type": type };
    for (const [key, inner] of Object.entries(value)) {
      const field = this.fields.get(`${at}/${key}`);
      const term = field?.node["x-jsonld"];
      if (!field || typeof term !== "string" || inner === null) continue;
      const converted = this.single(field, inner);
      if (converted !== undefined) node[term] = converted;
    }
    return node;
  }

  /** One value by what its field is: a reference, a span, a date, an identifier, a rating, or a literal. */
  private single(field: Field, value: JsonValue): JsonValue | undefined {
    if (field.references && typeof value === "string") return { "@id": this.iri(value) };
    if (field.roles.includes("span") && isObject(value))
      return value[this.keyOf(field, "span-exact")] as JsonValue;
    if (field.roles.includes("date") && isObject(value)) {
      const date = value[this.keyOf(field, "date-value")];
      return ISO_DATE.test(String(date)) ? (date as JsonValue) : undefined;
    }
    if (field.roles.includes("edtf")) return ISO_DATE.test(String(value)) ? value : undefined;
    const sameAs = field.resolved["x-jsonld-same-as"];
    if (isObject(sameAs) && isObject(value)) {
      // Only identifiers the schema trusts (such as those seen in several sources) are
      // asserted as the same thing.
      const where = isObject(sameAs.where) ? sameAs.where : {};
      return Object.entries(where).every(([k, w]) => value[k] === w)
        ? { "@id": `${sameAs.prefix}${value[String(sameAs.pick)]}` }
        : undefined;
    }
    const rating = field.node["x-jsonld-rating"];
    if (isObject(rating) && Array.isArray(field.resolved.enum))
      return ratingOf(String(value), field.resolved.enum.map(String), rating);
    return value;
  }

  /** The key of a part of an object field, such as a span's exact text. */
  private keyOf(field: Field, role: "span-exact" | "span-source" | "date-value"): string {
    return childKey(this.collection, field, role) ?? "";
  }

  /** Terms derived from a property besides its own: a span's source, fields of a referenced record. */
  private extras(node: JsonObject, field: Field, value: JsonValue): void {
    const sourceTerm = field.node["x-jsonld-source"];
    const source = isObject(value) ? value[this.keyOf(field, "span-source")] : undefined;
    if (typeof sourceTerm === "string" && typeof source === "string")
      node[sourceTerm] = { "@id": this.iri(source) };
    const copies = field.node["x-jsonld-copy"];
    if (isObject(copies) && typeof value === "string") {
      const target = this.records.get(value);
      for (const [term, path] of Object.entries(copies)) {
        const copied = target?.[String(path)];
        if (copied === undefined) continue;
        // A span is copied as its text.
        const from = this.collectionOf.get(value);
        const field = from?.fields.find((f) => f.path.length === 1 && f.path[0] === String(path));
        const exact =
          from && field?.roles.includes("span") ? childKey(from, field, "span-exact") : undefined;
        node[term] =
          exact !== undefined && isObject(copied) ? (copied[exact] as JsonValue) : copied;
      }
    }
  }
}

/** A schema.org Rating: the verdict's place on the scale from `worst` to `best`; off-scale verdicts get only their name. */
function ratingOf(verdict: string, values: string[], scale: JsonObject): JsonObject {
  const steps = values.slice(
    values.indexOf(String(scale.worst)),
    values.indexOf(String(scale.best)) + 1,
  );
  const position = steps.indexOf(verdict);
  return position === -1
    ? { "@type": "Rating", alternateName: verdict }
    : {
        "@type": "Rating",
        alternateName: verdict,
        ratingValue: position + 1,
        worstRating: 1,
        bestRating: steps.length,
      };
}
