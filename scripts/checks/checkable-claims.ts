import type { RecordFile } from "../lib/record.ts";
import { type Field, topField } from "../lib/schemas/index.ts";
import { suggest } from "../lib/suggest.ts";
import { defineCheck } from "./check.ts";

/** A claim, with the field that says its kind and the kinds a review may check. */
interface Claim {
  file: RecordFile;
  kind: Field;
  value: unknown;
}

export const checkableClaims = defineCheck({
  name: "checkable-claims",
  description:
    "Reviews check only the kinds of claim a source can settle (`x-checkable` in the schema), and every claim of those kinds has a review.",
  scope: "dataset",
  codes: {
    "review-uncheckable":
      "A review of a claim whose kind no source can confirm or refute (an opinion, a recommendation).",
    "claim-unreviewed":
      "A checkable claim that no review checks yet (a warning: it shows what remains to check).",
  },
  check(dataset, report) {
    const claims = new Map<string, Claim>();
    for (const file of dataset.records) {
      const kind = topField(file.collection, "claim-kind");
      if (kind) claims.set(file.id, { file, kind, value: file.value[kind.path[0] as string] });
    }
    const reviewed = new Set<string>();
    // Reviews whose claim does not exist: the references check reports them, and the claims
    // they were meant for are not reported again as unreviewed.
    const meant = new Set<string>();
    let reviewsFolder: string | undefined;
    let reviewKey: string | undefined;
    for (const file of dataset.records) {
      const link = topField(file.collection, "reviewed-claim");
      const key = link?.path[0];
      const id = key === undefined ? undefined : file.value[key];
      if (key === undefined || typeof id !== "string") continue;
      reviewsFolder = file.collection.name;
      reviewKey = key;
      reviewed.add(id);
      const claim = claims.get(id);
      if (!claim) {
        for (const near of suggest(id, claims.keys())) meant.add(near);
        continue;
      }
      const { value, kind } = claim;
      const known = kind.shape.kind === "scalar" && kind.shape.enum?.includes(String(value));
      // A kind the schema does not know is the schema check's to report, not a verdict here.
      if (typeof value !== "string" || !known || kind.checkable?.includes(value)) continue;
      report(file, {
        pointer: `/${key}`,
        code: "review-uncheckable",
        message: `\`${id}\` (${claim.file.display}) is a claim of kind \`${value}\`, which no source can confirm or refute`,
        fix: `review a claim of a checkable kind (${kind.checkable?.join(", ") ?? "none"}) instead; if the claim does state a fact, change its kind`,
      });
    }
    for (const [id, { file, kind, value }] of claims) {
      if (typeof value !== "string" || !kind.checkable?.includes(value)) continue;
      if (reviewed.has(id) || meant.has(id)) continue;
      report(file, {
        pointer: `/${kind.path[0]}`,
        severity: "warning",
        code: "claim-unreviewed",
        message: `${value} claim \`${id}\` has no review yet`,
        fix: reviewsFolder
          ? `add a record to ${reviewsFolder}/ whose ${reviewKey} is "${id}", with a verdict and the evidence it rests on`
          : "add a review of it, with a verdict and the evidence it rests on",
      });
    }
  },
});
