import { isObject } from "../lib/json.ts";
import { byCodeUnits } from "../lib/order.ts";
import type { RecordFile } from "../lib/record.ts";
import type { Collection, Field, Role } from "../lib/schemas/index.ts";
import { perCollection, valuesAt } from "../lib/walk.ts";
import { defineCheck } from "./check.ts";

// The roles this check reads from the schemas (`x-role`); it names no collection or field.
const CLAIM_TEXT: Role = "claim-text";
const SUB_CLAIM_OF: Role = "sub-claim-of";
const VERDICT: Role = "verdict";
/** On a verdict field: which verdicts say the claim holds and which that it fails. */
const SIDES = "x-verdict-sides";

type Side = "holds" | "fails";

interface Judged {
  file: RecordFile;
  pointer: string;
  source: string;
  start: number;
  end: number;
  partOf: string | undefined;
  /** The verdicts of its reviews, with the side each falls on (none for `misleading`, say). */
  verdicts: { verdict: string; side: Side }[];
}

const topFields = perCollection((c: Collection) => {
  const byRole = new Map<Role, Field>();
  for (const f of c.fields)
    if (f.path.length === 1) for (const role of f.roles) if (!byRole.has(role)) byRole.set(role, f);
  return byRole;
});
const top = (c: Collection, role: Role) => topFields(c).get(role);

/** The verdicts given to each claim, by claim id, from every collection with a verdict field. */
function verdictsByClaim(records: RecordFile[], claimCollections: Set<string>) {
  const found = new Map<string, { verdict: string; side: Side }[]>();
  const claimLink = perCollection((c) =>
    c.fields.find(
      (f: Field) => f.path.length === 1 && f.references?.some((name) => claimCollections.has(name)),
    ),
  );
  for (const file of records) {
    const verdict = top(file.collection, VERDICT);
    const sides = verdict?.node[SIDES] ?? verdict?.resolved[SIDES];
    if (!verdict || !isObject(sides)) continue;
    const link = claimLink(file.collection);
    const claim = link ? file.value[link.path[0] as string] : undefined;
    const value = file.value[verdict.path[0] as string];
    if (typeof claim !== "string" || typeof value !== "string") continue;
    for (const side of ["holds", "fails"] as const) {
      const list = sides[side];
      if (Array.isArray(list) && list.includes(value))
        found.set(claim, [...(found.get(claim) ?? []), { verdict: value, side }]);
    }
  }
  return found;
}

export const claimOverlap = defineCheck({
  name: "claim-overlap",
  description:
    "Two claims over overlapping words do not get verdicts on opposite sides (one holds, the other fails), unless one is declared a sub-claim of the other.",
  scope: "dataset",
  codes: {
    "claim-verdicts-conflict":
      "Two claims over overlapping words whose reviews contradict each other (a warning naming both files).",
  },
  check(dataset, report) {
    const claimCollections = new Set(
      dataset.schemas.collections.filter((c) => top(c, CLAIM_TEXT)).map((c) => c.name),
    );
    if (claimCollections.size === 0) return;
    const verdicts = verdictsByClaim(dataset.records, claimCollections);
    const bySource = new Map<string, Judged[]>();
    for (const file of dataset.records) {
      const text = top(file.collection, CLAIM_TEXT);
      const judged = verdicts.get(file.id);
      if (!text || !judged) continue;
      const [span] = valuesAt(file.value, text);
      const value = span?.value;
      if (!span || !isObject(value)) continue;
      const { source, start, end } = value;
      if (typeof source !== "string" || typeof start !== "number" || typeof end !== "number")
        continue;
      const sub = top(file.collection, SUB_CLAIM_OF);
      const partOf = sub ? file.value[sub.path[0] as string] : undefined;
      const entry: Judged = {
        file,
        pointer: span.pointer,
        source,
        start,
        end,
        partOf: typeof partOf === "string" ? partOf : undefined,
        verdicts: judged,
      };
      bySource.set(source, [...(bySource.get(source) ?? []), entry]);
    }
    for (const claims of bySource.values()) {
      claims.sort((a, b) => a.start - b.start || byCodeUnits(a.file.id, b.file.id));
      for (let i = 0; i < claims.length; i++) {
        const a = claims[i] as Judged;
        for (let j = i + 1; j < claims.length; j++) {
          const b = claims[j] as Judged;
          if (b.start >= a.end) break;
          // Two files of one id share its reviews: their clash is the duplicate id's, and the
          // reviews', each reported by its own check.
          if (a.file.id === b.file.id) continue;
          if (a.partOf === b.file.id || b.partOf === a.file.id) continue;
          const clash = a.verdicts
            .flatMap((x) => b.verdicts.map((y) => [x, y] as const))
            .find(([x, y]) => x.side !== y.side);
          if (!clash) continue;
          const [later, earlier] = a.file.id < b.file.id ? [b, a] : [a, b];
          const [mine, theirs] = later === a ? clash : [clash[1], clash[0]];
          report(later.file, {
            pointer: later.pointer,
            severity: "warning",
            code: "claim-verdicts-conflict",
            message: `${later.file.display} and ${earlier.file.display} claim overlapping words [${Math.max(a.start, b.start)}, ${Math.min(a.end, b.end)}) but their reviews contradict each other: \`${mine.verdict}\` here, \`${theirs.verdict}\` there`,
            fix: "re-derive both verdicts from the sources so they agree, or, where the narrower claim deliberately checks part of the other, set its `part_of` to the other's id",
          });
        }
      }
    }
  },
});
