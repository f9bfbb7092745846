import { diffArrays } from "diff";
import { idTypeOf } from "../emit/model.ts";
import { isObject, type JsonObject, type JsonValue, pointerOf } from "../lib/json.ts";
import { byCodeUnits } from "../lib/order.ts";
import type { RecordFile } from "../lib/record.ts";
import { type Collection, childKey, type Field, type Role, textOf } from "../lib/schemas/index.ts";
import { equal } from "./equal.ts";
import { compareSchemas, type SchemaChange } from "./schema.ts";
import { fileOf, type Side } from "./sides.ts";
import { isLongText, type WordPiece, wordDiff } from "./words.ts";

/*
 * What changed between two sides, record by record: records added, removed, renamed (the same
 * content under a new id) and changed, each change a field path with its old and new value. The
 * walk is guided by the schema model, so a new collection or field needs nothing here; values
 * are compared as parsed JSON, so key order and whitespace between tokens are no change.
 */

/** One changed value in a record. */
export interface FieldChange {
  /** Where in the record, as a reader writes it: `evidence[2].finding`. */
  path: string;
  /** The same place as a JSON Pointer (into the new record; into the old one for a removal). */
  pointer: string;
  change: "added" | "removed" | "changed";
  from?: JsonValue;
  to?: JsonValue;
  /** How each value reads: a span as the words it covers, a list or object as compact JSON. */
  fromText?: string;
  toText?: string;
  /** For a long text: the words that changed, with a few either side. */
  words?: WordPiece[];
  /** The roles the schema gives the field. */
  roles: Role[];
}

/** A verdict that changed, and whether a correction records it. */
export interface VerdictChange {
  from: JsonValue;
  to: JsonValue;
  /** The correction added with the change whose previous verdict is the old one, if any. */
  correction?: Correction;
  /** Where the new verdict is in its file. */
  line: number;
  column: number;
  /** The names the schema gives the corrections log and its previous verdict, to say what to add. */
  logField?: string;
  previousField?: string;
}

/** An entry of a record's corrections log. */
export interface Correction {
  entry: JsonObject;
  /** The day it was made (its `correction-date` field). */
  date?: string;
}

export interface RecordChange {
  change: "added" | "removed" | "renamed" | "changed";
  collection: string;
  /** The record's id: its new id when renamed. */
  id: string;
  /** The old id of a renamed record. */
  previousId?: string;
  /** What shows the record (its label field), when it has one. */
  label?: string;
  /** The record's file, relative to its side's root: the old file for a removal. */
  file: string;
  /** The type of the collection's ids in the exported types: `PersonId`. */
  idType: string;
  fields: FieldChange[];
  verdict?: VerdictChange;
  /** Whether the collection's records are claims (they have a `claim-text` field). */
  isClaim: boolean;
}

export interface Diff {
  from: string;
  to: string;
  /** Verdict changes first, then claims, then everything else; each by collection, then id. */
  records: RecordChange[];
  schema: SchemaChange[];
}

/** Compares two sides. */
export function compareSides(from: Side, to: Side): Diff {
  const names = [...new Set([...from.records.keys(), ...to.records.keys()])].sort(byCodeUnits);
  const records: RecordChange[] = [];
  for (const name of names) {
    const before = from.records.get(name) ?? new Map<string, RecordFile>();
    const after = to.records.get(name) ?? new Map<string, RecordFile>();
    const lens = new Lens(to.schemas.collection(name), from.schemas.collection(name));
    const removed = [...before.keys()].filter((id) => !after.has(id)).sort(byCodeUnits);
    const added = new Set([...after.keys()].filter((id) => !before.has(id)));
    for (const id of removed) {
      const old = before.get(id) as RecordFile;
      const renamedTo = [...added]
        .sort(byCodeUnits)
        .find((newId) => sameContent(old.value, (after.get(newId) as RecordFile).value));
      if (renamedTo === undefined) {
        records.push(lens.summary("removed", from, old));
        continue;
      }
      added.delete(renamedTo);
      records.push({
        ...lens.summary("renamed", to, after.get(renamedTo) as RecordFile),
        previousId: id,
      });
    }
    for (const id of added) records.push(lens.summary("added", to, after.get(id) as RecordFile));
    for (const [id, now] of after) {
      const old = before.get(id);
      if (!old) continue;
      const fields = lens.fields(old.value, now.value);
      if (fields.length === 0) continue;
      const verdict = lens.verdictChange(old, now, fields);
      records.push({
        ...lens.summary("changed", to, now),
        fields,
        ...(verdict ? { verdict } : {}),
      });
    }
  }
  return {
    from: from.label,
    to: to.label,
    records: records.sort(inReportOrder),
    schema: compareSchemas(from.schemas, to.schemas),
  };
}

const sectionOf = (r: RecordChange) => (r.verdict ? 0 : r.isClaim ? 1 : 2);

const inReportOrder = (a: RecordChange, b: RecordChange) =>
  sectionOf(a) - sectionOf(b) || byCodeUnits(a.collection, b.collection) || byCodeUnits(a.id, b.id);

/** A record's value without its id and `$schema`: what must be equal for a rename. */
function contentOf(value: JsonObject): JsonObject {
  const { id: _, $schema: __, ...content } = value;
  return content;
}

const sameContent = (a: JsonObject, b: JsonObject) => equal(contentOf(a), contentOf(b));

/**
 * A collection seen through both sides' schemas: a field is looked up in the new schema, and
 * in the old one when the new has dropped it.
 */
class Lens {
  private readonly byPath = new Map<string, { field: Field; collection: Collection }>();
  private readonly collection: Collection;

  constructor(after: Collection | undefined, before: Collection | undefined) {
    this.collection = (after ?? before) as Collection;
    for (const collection of [before, after]) {
      if (!collection) continue;
      for (const field of collection.fields)
        this.byPath.set(field.path.join("/"), { field, collection });
    }
  }

  private lookup(schemaPath: string[]) {
    return this.byPath.get(schemaPath.join("/"));
  }

  private rolesAt(schemaPath: string[]): Role[] {
    return this.lookup(schemaPath)?.field.roles ?? [];
  }

  summary(change: RecordChange["change"], side: Side, record: RecordFile): RecordChange {
    const label = textOf(record.value, record.collection, "label");
    return {
      change,
      collection: this.collection.name,
      id: record.id,
      ...(label !== undefined ? { label } : {}),
      file: fileOf(side, record),
      idType: idTypeOf(this.collection),
      fields: [],
      isClaim: this.collection.fields.some((f) => f.roles.includes("claim-text")),
    };
  }

  /** Every changed value between two versions of a record, in schema order. */
  fields(before: JsonObject, after: JsonObject): FieldChange[] {
    const found: FieldChange[] = [];
    const { $schema: _, ...a } = before;
    const { $schema: __, ...b } = after;
    this.walk(a, b, [], [], found);
    return found;
  }

  private walk(
    before: JsonValue | undefined,
    after: JsonValue | undefined,
    tokens: (string | number)[],
    schemaPath: string[],
    found: FieldChange[],
  ): void {
    if (equal(before, after)) return;
    const roles = this.rolesAt(schemaPath);
    // A span is one value, shown as its words: its offsets and context are part of it.
    const isSpan = roles.includes("span");
    if (!isSpan && isObject(before) && isObject(after)) {
      for (const key of this.keysInOrder(before, after, schemaPath))
        this.walk(before[key], after[key], [...tokens, key], [...schemaPath, key], found);
      return;
    }
    if (!isSpan && Array.isArray(before) && Array.isArray(after)) {
      this.walkItems(before, after, tokens, [...schemaPath, "*"], found);
      return;
    }
    found.push(this.leaf(before, after, tokens, schemaPath, roles));
  }

  /**
   * Items of two lists, aligned on the items that are equal; between two such anchors, items
   * removed and added at the same place are read as one item changed.
   */
  private walkItems(
    before: JsonValue[],
    after: JsonValue[],
    tokens: (string | number)[],
    schemaPath: string[],
    found: FieldChange[],
  ): void {
    let i = 0;
    let j = 0;
    let removed: number[] = [];
    let added: number[] = [];
    const flush = () => {
      const paired = Math.min(removed.length, added.length);
      for (let k = 0; k < paired; k++)
        this.walk(
          before[removed[k] as number],
          after[added[k] as number],
          [...tokens, added[k] as number],
          schemaPath,
          found,
        );
      for (const at of removed.slice(paired))
        this.walk(before[at], undefined, [...tokens, at], schemaPath, found);
      for (const at of added.slice(paired))
        this.walk(undefined, after[at], [...tokens, at], schemaPath, found);
      removed = [];
      added = [];
    };
    for (const part of diffArrays(before, after, { comparator: (a, b) => equal(a, b) })) {
      const count = part.count ?? part.value.length;
      if (part.removed) {
        for (let k = 0; k < count; k++) removed.push(i++);
      } else if (part.added) {
        for (let k = 0; k < count; k++) added.push(j++);
      } else {
        flush();
        i += count;
        j += count;
      }
    }
    flush();
  }

  /** Keys of two objects in the order the schema gives them; keys it does not know last. */
  private keysInOrder(before: JsonObject, after: JsonObject, schemaPath: string[]): string[] {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const depth = schemaPath.length;
    const known = this.collection.fields
      .filter(
        (f) =>
          f.path.length === depth + 1 &&
          f.path.slice(0, depth).every((s, i) => s === schemaPath[i]),
      )
      .map((f) => f.path[depth] as string)
      .filter((key) => keys.has(key));
    const unknown = [...keys].filter((key) => !known.includes(key)).sort(byCodeUnits);
    return [...known, ...unknown];
  }

  private leaf(
    before: JsonValue | undefined,
    after: JsonValue | undefined,
    tokens: (string | number)[],
    schemaPath: string[],
    roles: Role[],
  ): FieldChange {
    const change = before === undefined ? "added" : after === undefined ? "removed" : "changed";
    const place = this.lookup(schemaPath);
    const show = (value: JsonValue | undefined, other: JsonValue | undefined) =>
      value === undefined ? undefined : shown(value, other, place);
    const fromText = show(before, after);
    const toText = show(after, before);
    const words =
      typeof before === "string" && typeof after === "string" && isLongText(before, after)
        ? wordDiff(before, after)
        : undefined;
    return {
      path: pathOf(tokens),
      pointer: pointerOf(tokens),
      change,
      ...(before !== undefined ? { from: before } : {}),
      ...(after !== undefined ? { to: after } : {}),
      ...(fromText !== undefined ? { fromText } : {}),
      ...(toText !== undefined ? { toText } : {}),
      ...(words ? { words } : {}),
      roles,
    };
  }

  /** The verdict change of a record, if its verdict field changed, with the correction that records it. */
  verdictChange(
    before: RecordFile,
    after: RecordFile,
    fields: FieldChange[],
  ): VerdictChange | undefined {
    const changed = fields.find((f) => f.roles.includes("verdict") && f.change === "changed");
    if (!changed || changed.from === undefined || changed.to === undefined) return undefined;
    const position = after.locate(changed.pointer);
    const log = this.correctionsLog();
    const correction = log && this.correctionFor(before.value, after.value, changed.from, log);
    return {
      from: changed.from,
      to: changed.to,
      ...(correction ? { correction } : {}),
      line: position.line,
      column: position.column,
      ...(log ? { logField: log.key } : {}),
      ...(log?.previousKey !== undefined ? { previousField: log.previousKey } : {}),
    };
  }

  /** The collection's corrections log, found by role: its key, and the keys of an entry's parts. */
  private correctionsLog(): CorrectionsLog | undefined {
    const log = this.collection.fields.find(
      (f) => f.path.length === 1 && f.roles.includes("corrections"),
    );
    const key = log?.path[0];
    if (key === undefined) return undefined;
    const childWith = (role: Role) =>
      this.collection.fields.find(
        (f) => f.path.length === 3 && f.path[0] === key && f.roles.includes(role),
      )?.path[2];
    const previousKey = childWith("previous-verdict");
    const dateKey = childWith("correction-date");
    return {
      key,
      ...(previousKey !== undefined ? { previousKey } : {}),
      ...(dateKey !== undefined ? { dateKey } : {}),
    };
  }

  /**
   * A correction in the new record, not in the old, whose previous verdict is the old verdict:
   * the entry, and its date.
   */
  private correctionFor(
    before: JsonObject,
    after: JsonObject,
    previous: JsonValue,
    { key, previousKey, dateKey }: CorrectionsLog,
  ): Correction | undefined {
    if (previousKey === undefined) return undefined;
    const old = Array.isArray(before[key]) ? (before[key] as JsonValue[]) : [];
    const now = Array.isArray(after[key]) ? (after[key] as JsonValue[]) : [];
    const entry = now.find(
      (item): item is JsonObject =>
        isObject(item) &&
        equal(item[previousKey], previous) &&
        !old.some((earlier) => equal(earlier, item)),
    );
    if (!entry) return undefined;
    const date = dateKey === undefined ? undefined : entry[dateKey];
    return { entry, ...(typeof date === "string" ? { date } : {}) };
  }
}

interface CorrectionsLog {
  key: string;
  previousKey?: string;
  dateKey?: string;
}

/** `["evidence", 2, "finding"]` → `evidence[2].finding`. */
export function pathOf(tokens: (string | number)[]): string {
  let path = "";
  for (const token of tokens) {
    if (typeof token === "number") path += `[${token}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(token)) path += path === "" ? token : `.${token}`;
    else path += `[${JSON.stringify(token)}]`;
  }
  return path;
}

/**
 * How a value reads in a report: a span as the words it covers (with its offsets, when the
 * other side covers the same words elsewhere), a string as it is, anything else as JSON.
 */
function shown(
  value: JsonValue,
  other: JsonValue | undefined,
  place: { field: Field; collection: Collection } | undefined,
): string {
  if (place?.field.roles.includes("span") && isObject(value)) {
    const key = (role: Role) => childKey(place.collection, place.field, role) ?? "";
    const exact = value[key("span-exact")];
    const words = `“${typeof exact === "string" ? exact : ""}”`;
    const sameWords = isObject(other) && equal(other[key("span-exact")], exact);
    return sameWords ? `${words} at ${value[key("span-start")]}–${value[key("span-end")]}` : words;
  }
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
