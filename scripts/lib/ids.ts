import { codePointLength } from "./codepoints.ts";
import type { Dataset } from "./dataset.ts";
import type { RecordFile } from "./record.ts";
import type { Collection } from "./schemas/index.ts";
import { perCollection } from "./walk.ts";

/*
 * Ids a fix may suggest: each one valid by the schema's pattern and not yet taken, so that
 * following a suggestion never makes a second mistake or overwrites a file.
 */

/** A text made kebab-case: lower case, accents dropped, every run of other characters one hyphen. */
export const kebabCase = (text: string): string =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The pattern and greatest length the schema gives a collection's ids. */
const idRules = perCollection((collection: Collection) => {
  const field = collection.fields.find((f) => f.path.length === 1 && f.path[0] === "id");
  const { pattern, maxLength } = field?.resolved ?? {};
  return {
    pattern: typeof pattern === "string" ? new RegExp(pattern, "u") : undefined,
    maxLength: typeof maxLength === "number" ? maxLength : Number.POSITIVE_INFINITY,
  };
});

/** Whether a text is a valid id of a collection, by the pattern and length its schema gives ids. */
export function isValidId(collection: Collection, id: string): boolean {
  const { pattern, maxLength } = idRules(collection);
  return id !== "" && codePointLength(id) <= maxLength && (pattern?.test(id) ?? true);
}

/**
 * Every id in use, and every file name (a record's file name is the id it must have), but for
 * those of the record a new id is for: it may keep its own file name.
 */
export function takenIds(dataset: Dataset, besides: RecordFile): Set<string> {
  const taken = new Set(dataset.unreadable);
  for (const file of dataset.records) if (file !== besides) taken.add(file.id).add(file.name);
  return taken;
}

/** The first valid, free id among the candidates, else the first candidate's `-2`, `-3` …. */
export function freeId(collection: Collection, candidates: string[], taken: Set<string>): string {
  const valid = candidates.map(kebabCase).filter((id) => isValidId(collection, id));
  const found = valid.find((id) => !taken.has(id));
  if (found !== undefined) return found;
  const base = valid[0] ?? collection.name;
  for (let n = 2; ; n++) {
    const id = `${base.slice(0, 60)}-${n}`;
    if (!taken.has(id)) return id;
  }
}
