import { isValidId, kebabCase } from "../lib/ids.ts";
import type { RecordFile } from "../lib/record.ts";
import { didYouMean } from "../lib/suggest.ts";
import { perCollection, valuesAt } from "../lib/walk.ts";
import { defineCheck } from "./check.ts";

/** Each field of a collection that holds references, with the collections it may point to. */
const referenceFields = perCollection((c) =>
  c.fields.flatMap((field) =>
    field.references
      ? [{ field, allowed: field.references, within: new Set(field.references) }]
      : [],
  ),
);

export const references = defineCheck({
  name: "references",
  description:
    "Every id a record points to (fields with `x-references` in the schema) names a record of an allowed collection.",
  scope: "dataset",
  codes: {
    "unknown-reference": "A reference to an id that no record has.",
    "wrong-collection": "A reference to a record of a collection the field does not allow.",
  },
  check(dataset, report) {
    const byId = new Map<string, RecordFile>();
    // A reference to an id two records share cannot be judged: duplicate-id reports the two.
    const shared = new Set<string>();
    for (const file of dataset.records) {
      if (byId.has(file.id)) shared.add(file.id);
      else byId.set(file.id, file);
    }
    // A record whose id differs from its file name, or whose file does not load, has its own
    // problem already: references to it by file name would only repeat that.
    const alsoKnown = new Set([...dataset.unreadable, ...dataset.records.map((r) => r.name)]);
    // So has a record whose id is not a valid id: references to the id it is meant to have
    // (its id made kebab-case) wait for it to be mended.
    for (const r of dataset.records)
      if (!isValidId(r.collection, r.id)) alsoKnown.add(kebabCase(r.id)).add(kebabCase(r.name));
    for (const file of dataset.records) {
      for (const { field, allowed, within } of referenceFields(file.collection)) {
        for (const { pointer, value } of valuesAt(file.value, field)) {
          if (typeof value !== "string" || shared.has(value)) continue;
          const target = byId.get(value);
          if (target && within.has(target.collection.name)) continue;
          const kinds = allowed.join(" or ");
          if (!target && alsoKnown.has(value)) continue;
          if (!target) {
            // Only valid ids are suggested: following a suggestion must not make a new mistake.
            const candidates = dataset.records
              .filter((r) => allowed.includes(r.collection.name) && isValidId(r.collection, r.id))
              .map((r) => r.id);
            const hint = didYouMean(value, candidates);
            report(file, {
              pointer,
              code: "unknown-reference",
              message: `\`${value}\` is not the id of any record in ${kinds}`,
              fix: hint || `use the id of an existing record in ${kinds}, or add the record`,
            });
          } else if (!allowed.includes(target.collection.name)) {
            report(file, {
              pointer,
              code: "wrong-collection",
              message: `\`${value}\` is in ${target.collection.name}, but this field takes ${kinds}`,
              fix: `point to a record in ${kinds}`,
            });
          }
        }
      }
    }
  },
});
