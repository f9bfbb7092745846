import { byCodeUnits } from "../lib/order.ts";
import type { Diff, RecordChange } from "./compare.ts";
import type { Level } from "./schema.ts";

/*
 * What a diff means for a consumer of the package, as semver: a removed or renamed id, or a
 * field removed or narrowed in schema/, is a compile error in code that uses it (major); a new
 * record, collection or field is an addition (minor); a corrected value is a patch. And which
 * exported types change: each collection's id union (`PersonId`), `RecordId`, and interfaces.
 */

export type Semver = Level | "none";

export interface TypeChange {
  /** The exported type: an id union (`PersonId`, `RecordId`) or an interface (`Review`). */
  type: string;
  /** Ids an id union gains or loses. */
  gains: string[];
  loses: string[];
  /** For an interface: what changed in it, from schema/. */
  changes: string[];
  /** Whether code that compiled against the old type may not compile against the new. */
  breaking: boolean;
}

export interface Classification {
  semver: Semver;
  /** How many changes of each class, in words: `1 record removed`. */
  reasons: { level: Level; what: string }[];
  types: TypeChange[];
}

const RANK: Record<Semver, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export const levelOfRecord = (change: RecordChange): Level =>
  change.change === "removed" || change.change === "renamed"
    ? "major"
    : change.change === "added"
      ? "minor"
      : "patch";

export function classify(diff: Diff): Classification {
  let semver: Semver = "none";
  const raise = (level: Level) => {
    if (RANK[level] > RANK[semver]) semver = level;
  };
  const counts = new Map<string, { level: Level; what: string; count: number }>();
  const count = (level: Level, what: string) => {
    raise(level);
    const key = `${level} ${what}`;
    const known = counts.get(key) ?? { level, what, count: 0 };
    known.count += 1;
    counts.set(key, known);
  };
  for (const record of diff.records) count(levelOfRecord(record), `record ${record.change}`);
  for (const change of diff.schema) count(change.level, "schema change");
  const reasons = [...counts.values()]
    .map(({ level, what, count: n }) => ({
      level,
      what: `${n} ${n === 1 ? what : what.replace(/^(record|schema change)/, "$1s")}`,
    }))
    .sort((a, b) => RANK[b.level] - RANK[a.level] || byCodeUnits(a.what, b.what));
  return { semver, reasons, types: typeChanges(diff) };
}

function typeChanges(diff: Diff): TypeChange[] {
  const unions = new Map<string, { gains: string[]; loses: string[] }>();
  const union = (type: string) => {
    let found = unions.get(type);
    if (!found) {
      found = { gains: [], loses: [] };
      unions.set(type, found);
    }
    return found;
  };
  for (const record of diff.records) {
    const gone = record.change === "removed" ? record.id : record.previousId;
    const come = record.change === "added" || record.change === "renamed" ? record.id : undefined;
    for (const type of [record.idType, "RecordId"]) {
      if (gone !== undefined) union(type).loses.push(gone);
      if (come !== undefined) union(type).gains.push(come);
    }
  }
  const types: TypeChange[] = [...unions].map(([type, { gains, loses }]) => ({
    type,
    gains: gains.sort(byCodeUnits),
    loses: loses.sort(byCodeUnits),
    changes: [],
    breaking: loses.length > 0,
  }));
  const interfaces = new Map<string, TypeChange>();
  for (const change of diff.schema) {
    if (!change.type || change.level === "patch") continue;
    let found = interfaces.get(change.type);
    if (!found) {
      found = { type: change.type, gains: [], loses: [], changes: [], breaking: false };
      interfaces.set(change.type, found);
    }
    found.changes.push(change.field ? `\`${change.field}\` ${change.what}` : change.what);
    if (change.level === "major") found.breaking = true;
  }
  for (const found of interfaces.values())
    if (!types.some((t) => t.type === found.type)) types.push(found);
  // `RecordId` after the collections' unions, each group by name.
  return types.sort(
    (a, b) =>
      Number(a.type === "RecordId") - Number(b.type === "RecordId") || byCodeUnits(a.type, b.type),
  );
}
