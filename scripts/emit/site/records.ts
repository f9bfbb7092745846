/**
 * The records as the pages need them: every span by source, the links between records in both
 * directions, a label for each record, and which records belong on which source's page.
 */
import { isObject, type JsonObject } from "../../lib/json.ts";
import {
  type Collection,
  childKey,
  type Field,
  textOf,
  withRole,
} from "../../lib/schemas/index.ts";
import { valuesAt } from "../../lib/walk.ts";
import type { Model } from "../model.ts";
import type { Scheme } from "./scheme.ts";

/** One span of one record, placed in its layer. */
export interface Occurrence {
  record: string;
  /** JSON Pointer of the span inside the record. */
  pointer: string;
  layer: number;
  /** Index of the record's category in its layer, or -1. */
  category: number;
  start: number;
  end: number;
  exact: string;
}

export interface Link {
  /** The other record's id. */
  id: string;
  /** Where in the linking record the id sits, as a field path (`about/*`). */
  path: string;
}

export interface Entry {
  collection: Collection;
  record: JsonObject;
  label: string;
}

export class RecordIndex {
  readonly entries = new Map<string, Entry>();
  readonly spansBySource = new Map<string, Occurrence[]>();
  /** The sources each record has a span in. */
  readonly groundedIn = new Map<string, Set<string>>();
  readonly forward = new Map<string, Link[]>();
  readonly backward = new Map<string, Link[]>();

  constructor(
    model: Model,
    readonly scheme: Scheme,
  ) {
    for (const { collection, records } of model.collections) {
      const category = scheme.categoryField.get(collection.name);
      // What the schema says of the collection's spans and links, asked once, not per record.
      const spanFields = (scheme.spanFields.get(collection.name) ?? []).map(({ field, layer }) => ({
        field,
        layer,
        layerCategories: scheme.layers[layer]?.categories ?? [],
        keys: spanKeys(collection, field),
      }));
      const referenceFields = (scheme.referenceFields.get(collection.name) ?? []).map((field) => ({
        field,
        path: field.path.join("/"),
      }));
      for (const record of records) {
        const id = String(record.id);
        this.entries.set(id, { collection, record, label: "" });
        for (const { field, layer, layerCategories, keys } of spanFields) {
          const value = category ? record[category.path[0] as string] : undefined;
          const categoryIndex = layerCategories.findIndex((c) => c.value === value);
          for (const { pointer, value: span } of valuesAt(record, field)) {
            const source = isObject(span) ? span[keys.source] : undefined;
            if (!isObject(span) || typeof source !== "string") continue;
            const occurrence: Occurrence = {
              record: id,
              pointer,
              layer,
              category: categoryIndex,
              start: Number(span[keys.start]),
              end: Number(span[keys.end]),
              exact: String(span[keys.exact]),
            };
            push(this.spansBySource, source, occurrence);
            const sources = this.groundedIn.get(id) ?? new Set<string>();
            sources.add(source);
            this.groundedIn.set(id, sources);
          }
        }
        for (const { field, path } of referenceFields) {
          for (const { value } of valuesAt(record, field)) {
            if (typeof value !== "string") continue;
            push(this.forward, id, { id: value, path });
            push(this.backward, value, { id, path });
          }
        }
      }
    }
    for (const [id, entry] of this.entries) entry.label = this.labelOf(id, 0);
  }

  /**
   * The record's name: its field with role `label` (a span gives its exact words), else the
   * words of its first anchoring span, else for a verdict the verdict and what it judges, else
   * its id.
   */
  private labelOf(id: string, depth: number): string {
    const entry = this.entries.get(id);
    if (!entry) return id;
    const { collection, record } = entry;
    const label = textOf(record, collection, "label");
    if (label !== undefined) return label;
    const anchor = this.anchorOf(collection);
    const span = anchor ? valuesAt(record, anchor.field)[0]?.value : undefined;
    const exact = anchor && isObject(span) ? span[anchor.exact] : undefined;
    if (typeof exact === "string") return exact;
    const verdict = this.scheme.verdict;
    if (verdict && verdict.collection === collection.name && depth === 0) {
      const target = record[verdict.reviewed];
      const judged = typeof target === "string" ? this.labelOf(target, depth + 1) : "";
      return `${collection.title}, ${String(record[verdict.field])}: ${judged}`;
    }
    return id;
  }

  private readonly anchors = new Map<Collection, { field: Field; exact: string } | undefined>();

  /** A collection's anchoring span field and the key of its exact words, found once. */
  private anchorOf(collection: Collection) {
    if (!this.anchors.has(collection)) {
      const field = withRole(collection, "anchor").find((f) => f.roles.includes("span"));
      this.anchors.set(collection, field && { field, exact: spanKeys(collection, field).exact });
    }
    return this.anchors.get(collection);
  }

  /**
   * The records a source's page shows: those with a span in it; then, repeatedly, every record
   * they point to, and every record without spans that points to one of them (a review of a
   * claim, an event the text only refers to). Records grounded in other sources are shown when
   * pointed to, but their own links are not followed; nor is what points to a record that itself
   * points to nothing (a citation, which records of any source may share), so a page does not
   * pull in the corpus.
   */
  membersOf(source: string): Set<string> {
    const members = new Set<string>();
    const queue: string[] = [];
    const add = (id: string) => {
      if (members.has(id) || !this.entries.has(id)) return;
      members.add(id);
      const grounded = this.groundedIn.get(id);
      if (!grounded || grounded.has(source)) queue.push(id);
    };
    for (const occurrence of this.spansBySource.get(source) ?? []) add(occurrence.record);
    add(source);
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const links = this.forward.get(next) ?? [];
      for (const link of links) add(link.id);
      if (!this.groundedIn.get(next)?.has(source) && links.length === 0) continue;
      for (const link of this.backward.get(next) ?? [])
        if (!this.groundedIn.has(link.id)) add(link.id);
    }
    return members;
  }
}

/** The keys of a span's parts, by their roles. */
function spanKeys(collection: Collection, field: Field) {
  return {
    source: childKey(collection, field, "span-source") ?? "",
    start: childKey(collection, field, "span-start") ?? "",
    end: childKey(collection, field, "span-end") ?? "",
    exact: childKey(collection, field, "span-exact") ?? "",
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
