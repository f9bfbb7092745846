import { escapePointer, isObject, type JsonObject } from "../json.ts";
import { didYouMean } from "../suggest.ts";
import type { SchemaIssue, SchemaPlace } from "./model.ts";
import { ROLES } from "./roles.ts";

const stringList = { type: "array", items: { type: "string" }, minItems: 1 };

/** The labels of the AVeriTeC shared task, spelt as its evaluation script spells them. */
export const AVERITEC_LABELS = [
  "Supported",
  "Refuted",
  "Not Enough Evidence",
  "Conflicting Evidence/Cherrypicking",
] as const;

/**
 * This package's schema keywords. They annotate; they do not validate.
 * - `x-collection` (schema root): the folder of records the schema describes.
 * - `x-source-text` (schema root): its records are source texts, each stored beside its
 *   record with this extension.
 * - `x-references`: the collections an id in this field may point to.
 * - `x-role`: what the field is for (see ROLES), one role or a list; `x-checkable`: the claim
 *   kinds a review may check; `x-verdict-sides` (on a verdict): which verdicts say a claim holds
 *   and which that it fails (two overlapping claims on opposite sides contradict each other).
 * - `x-averitec-label` (on a verdict): for each verdict, its label in the AVeriTeC shared task's
 *   format and why; a verdict whose `label` is `null` has no faithful label, and its reviews are
 *   left out of the AVeriTeC export. `x-averitec-medium` (on a link): the AVeriTeC source medium
 *   of a work read at that link.
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
  "x-averitec-label": {
    type: "object",
    minProperties: 1,
    additionalProperties: {
      type: "object",
      additionalProperties: false,
      required: ["label", "why"],
      properties: {
        label: { enum: [...AVERITEC_LABELS, null] },
        why: { type: "string", minLength: 1 },
      },
    },
  },
  "x-averitec-medium": { type: "string", minLength: 1 },
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

/** A node's `x-references` name collections, and its `x-role` is a known role. */
export function annotationIssues(
  node: JsonObject,
  at: SchemaPlace,
  names: string[],
): SchemaIssue[] {
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
  // A verdict the mapping forgets would drop its reviews from the AVeriTeC export unexplained.
  const labels = node["x-averitec-label"];
  if (isObject(labels) && Array.isArray(node.enum)) {
    const values = node.enum.map(String);
    for (const value of values.filter((v) => !Object.hasOwn(labels, v)))
      found.push({
        ...at,
        pointer: `${at.pointer}/x-averitec-label`,
        code: "schema-meta",
        message: `x-averitec-label gives no label for \`${value}\``,
        fix: `add "${value}": { "label": …, "why": … }, with "label": null if it has no faithful label`,
      });
    for (const key of Object.keys(labels).filter((k) => !values.includes(k)))
      found.push({
        ...at,
        pointer: `${at.pointer}/x-averitec-label/${escapePointer(key)}`,
        part: "key",
        code: "schema-meta",
        message: `x-averitec-label maps \`${key}\`, which is not one of the values`,
        fix: didYouMean(key, values) || `map only ${values.join(", ")}`,
      });
  }
  return found;
}
