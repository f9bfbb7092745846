/**
 * What the annotated pages show, read from the schema model alone: the highlight layers, their
 * categories, the verdict scale and the dated fields. No collection or field name appears here;
 * every choice comes from a field's roles (`span`, `anchor`, `category`, `verdict`, …).
 */
import { isObject, type JsonObject } from "../../lib/json.ts";
import { byCodeUnits } from "../../lib/order.ts";
import {
  type Collection,
  childKey,
  type Field,
  ROLES,
  type Role,
  type Schemas,
  topField,
} from "../../lib/schemas/index.ts";

/** How a layer is drawn: bands under the words, a band over them, a fill, or a dotted outline. */
export type LayerStyle = "underline" | "overline" | "fill" | "outline";

/** The three groups of layer toggles. */
export type LayerGroup = "mentions" | "passages" | "attribution";

export interface Category {
  value: string;
  description?: string;
}

export interface Layer {
  /** Stable key: the collection name for the spans that anchor its records, else `role:<role>`. */
  key: string;
  label: string;
  description: string;
  group: LayerGroup;
  style: LayerStyle;
  /** Shown when the page opens. */
  on: boolean;
  /** The enum that sorts the layer's records into categories (a field with role `category`). */
  categoryField?: string;
  categories: Category[];
}

export interface VerdictValue extends Category {
  /** Place on the scale from worst (0) to best; null for a value off the scale. */
  scale: number | null;
}

export interface VerdictScheme {
  /** The collection whose records give verdicts. */
  collection: string;
  /** Top-level key of the verdict (role `verdict`). */
  field: string;
  /** Top-level key of the id of the record judged (role `reviewed`). */
  reviewed: string;
  /** The collections a verdict may be about. */
  targets: string[];
  description: string;
  values: VerdictValue[];
}

/** A span field of a collection and the layer its spans belong to. */
export interface SpanField {
  field: Field;
  layer: number;
}

export interface Scheme {
  layers: Layer[];
  /** Every span field of each collection, by collection name. */
  spanFields: Map<string, SpanField[]>;
  /** Every field holding ids, outside spans (a span's own source id is not a link between records). */
  referenceFields: Map<string, Field[]>;
  /** The category field of each collection that has one, by collection name. */
  categoryField: Map<string, Field>;
  verdict: VerdictScheme | undefined;
  /** For each collection: the top-level fields with role `start` and `end`, when it has a start. */
  dated: Map<string, { start: Field; end?: Field }>;
  /** Field info for the page script, by collection and path (`*` for array items). */
  fieldInfo: Map<string, Record<string, FieldInfo>>;
}

/** What the page script needs to show a value: its kind, description and allowed values. */
export interface FieldInfo {
  /** `span`, `ref`, `uri`, `enum`, `date` or `value`. */
  kind: "span" | "ref" | "uri" | "enum" | "date" | "value";
  description?: string;
  values?: Category[];
  /** For a span: the keys of its source id and of its exact words. */
  source?: string;
  exact?: string;
  /** The field's roles, when it has any: what it is for (`claimant`, `summary`, `quoted`, …). */
  roles?: Role[];
  /**
   * For an identifier in an outside scheme that the schema trusts where its parts have the
   * given values (`x-jsonld-same-as`): the address is `prefix` and the value of `pick`.
   */
  sameAs?: { prefix: string; pick: string; where: JsonObject };
}

/** Human labels for the roles that make attribution layers; the role's description explains it. */
const ROLE_LABELS: Partial<Record<Role, string>> = {
  "attribution-source": "Who is quoted",
  cue: "Attribution cues",
  hedge: "Hedges",
  evidence: "Where a fact is stated",
  label: "Titles",
};
const OTHER = "other";

const topLevel = topField;

const enumOf = (field: Field): string[] =>
  field.shape.kind === "scalar" && field.shape.enum ? field.shape.enum.map(String) : [];

/** The first of a span field's roles other than `span` itself: what kind of span it is. */
const spanRole = (field: Field): Role | undefined => field.roles.find((role) => role !== "span");

/**
 * What each allowed value of an enum means, from the field's description where it explains
 * them as "`value`: meaning;" or "`value` (meaning),".
 */
export function enumDescriptions(field: Field): Category[] {
  const description = field.description ?? "";
  const values = enumOf(field);
  const found = values
    .map((value) => ({ value, at: description.indexOf(`\`${value}\``) }))
    .filter((v) => v.at !== -1)
    .sort((a, b) => a.at - b.at);
  return values.map((value) => {
    const index = found.findIndex((f) => f.value === value);
    const hit = found[index];
    if (!hit) return { value };
    const from = hit.at + value.length + 2;
    const to = found[index + 1]?.at ?? description.length;
    const meaning = description
      .slice(from, to)
      .trim()
      .replace(/^[:—-]\s*/, "")
      .replace(/[;,.]\s*(or|and)?\s*$/, "")
      .replace(/^\((.*)\)$/s, "$1")
      .trim();
    return meaning ? { value, description: meaning } : { value };
  });
}

const describe = (node: JsonObject): string | undefined =>
  typeof node.description === "string" ? node.description : undefined;

function infoOf(collection: Collection, field: Field): FieldInfo {
  const sameAs = field.resolved["x-jsonld-same-as"];
  const base = {
    ...(field.description === undefined ? {} : { description: field.description }),
    ...(field.roles.length > 0 ? { roles: field.roles } : {}),
    ...(isObject(sameAs) && typeof sameAs.prefix === "string" && typeof sameAs.pick === "string"
      ? {
          sameAs: {
            prefix: sameAs.prefix,
            pick: sameAs.pick,
            where: isObject(sameAs.where) ? sameAs.where : {},
          },
        }
      : {}),
  };
  if (field.roles.includes("span")) {
    const source = childKey(collection, field, "span-source");
    const exact = childKey(collection, field, "span-exact");
    return {
      kind: "span",
      ...base,
      ...(source === undefined ? {} : { source }),
      ...(exact === undefined ? {} : { exact }),
    };
  }
  if (field.references) return { kind: "ref", ...base };
  if (field.roles.includes("date")) return { kind: "date", ...base };
  if (field.shape.kind === "scalar" && field.shape.format === "uri")
    return { kind: "uri", ...base };
  if (enumOf(field).length > 0) return { kind: "enum", ...base, values: enumDescriptions(field) };
  return { kind: "value", ...base };
}

/** Whether a field sits inside a span (the span's own `source`, `start`, …). */
const insideSpan = (field: Field, spans: Field[]): boolean =>
  spans.some(
    (span) =>
      field.path.length > span.path.length && span.path.every((step, i) => field.path[i] === step),
  );

export function schemeOf(schemas: Schemas): Scheme {
  const verdict = verdictScheme(schemas);
  const layers: Layer[] = [];
  const layerIndex = new Map<string, number>();
  const spanFields = new Map<string, SpanField[]>();
  const referenceFields = new Map<string, Field[]>();
  const categoryField = new Map<string, Field>();
  const dated = new Map<string, { start: Field; end?: Field }>();
  const fieldInfo = new Map<string, Record<string, FieldInfo>>();

  // Layers are made in a fixed order: mentions, passages, then attribution roles.
  const pending: { collection: Collection; field: Field; key: string; layer: Layer }[] = [];
  for (const collection of schemas.collections) {
    const spans = collection.fields.filter((f) => f.roles.includes("span"));
    referenceFields.set(
      collection.name,
      collection.fields.filter((f) => f.references && !insideSpan(f, spans)),
    );
    const category = topLevel(collection, "category");
    if (category) categoryField.set(collection.name, category);
    const start = topLevel(collection, "starts");
    const end = topLevel(collection, "ends");
    if (start) dated.set(collection.name, end ? { start, end } : { start });
    fieldInfo.set(
      collection.name,
      Object.fromEntries(collection.fields.map((f) => [f.path.join("/"), infoOf(collection, f)])),
    );
    for (const field of spans) {
      const anchor = field.roles.includes("anchor");
      const role = spanRole(field);
      const key = anchor ? collection.name : `role:${role ?? OTHER}`;
      const mention = field.path.includes("*");
      const reviewed = verdict?.targets.includes(collection.name) ?? false;
      const layer: Layer = anchor
        ? {
            key,
            label: collection.title,
            description: field.description ?? describe(collection.schema) ?? "",
            group: mention ? "mentions" : "passages",
            style: mention ? "underline" : reviewed ? "fill" : "overline",
            on: true,
            ...(category ? { categoryField: category.path[0] } : {}),
            categories: category ? enumDescriptions(category) : [],
          }
        : {
            key,
            label: (role && ROLE_LABELS[role]) ?? "Other spans",
            description: role ? ROLES[role] : "Spans with no declared role.",
            group: "attribution",
            style: "outline",
            on: false,
            categories: [],
          };
      pending.push({ collection, field, key, layer });
    }
  }
  const groupOrder: LayerGroup[] = ["mentions", "passages", "attribution"];
  const roleOrder = [...Object.keys(ROLES), OTHER];
  const rank = (layer: Layer) =>
    groupOrder.indexOf(layer.group) * 1000 +
    (layer.group === "attribution" ? roleOrder.indexOf(layer.key.slice(5)) : 0);
  const unique = new Map<string, Layer>();
  for (const { key, layer } of pending) if (!unique.has(key)) unique.set(key, layer);
  for (const layer of [...unique.values()].sort(
    (a, b) => rank(a) - rank(b) || byCodeUnits(a.label, b.label),
  )) {
    layerIndex.set(layer.key, layers.length);
    layers.push(layer);
  }
  for (const { collection, field, key } of pending) {
    const list = spanFields.get(collection.name) ?? [];
    list.push({ field, layer: layerIndex.get(key) as number });
    spanFields.set(collection.name, list);
  }
  return { layers, spanFields, referenceFields, categoryField, verdict, dated, fieldInfo };
}

/** The collection whose records give verdicts (a top-level field with role `verdict`), if any. */
function verdictScheme(schemas: Schemas): VerdictScheme | undefined {
  for (const collection of schemas.collections) {
    const field = topLevel(collection, "verdict");
    const reviewed = topLevel(collection, "reviewed-claim");
    if (!field || !reviewed?.references) continue;
    const values = enumOf(field);
    // The scale runs from `worst` to `best` where the schema declares them (x-jsonld-rating).
    const rating = field.node["x-jsonld-rating"];
    const worst = isObject(rating) ? values.indexOf(String(rating.worst)) : 0;
    const best = isObject(rating) ? values.indexOf(String(rating.best)) : values.length - 1;
    return {
      collection: collection.name,
      field: field.path[0] as string,
      reviewed: reviewed.path[0] as string,
      targets: reviewed.references,
      description: field.description ?? "",
      values: enumDescriptions(field).map((value, i) => ({
        ...value,
        scale: worst !== -1 && best !== -1 && i >= worst && i <= best ? i - worst : null,
      })),
    };
  }
  return undefined;
}
