import type { Check } from "../lib/check.ts";
import type { RecordFile } from "../lib/dataset.ts";

// Opinions and recommendations are judgments, not statements a source can confirm or refute.
const CHECKABLE = new Set(["factual", "prediction"]);

export const reviews: Check = {
  name: "reviews",
  description:
    "Reviews check only checkable claims (factual claims and predictions), and every factual claim has a review.",
  scope: "dataset",
  codes: {
    "review-uncheckable":
      "A review of an opinion or a recommendation, which no source can confirm or refute.",
    "claim-unreviewed":
      "A factual claim that no review checks yet (a warning: it shows what remains to check).",
  },
  check(dataset, report) {
    const claims = new Map<string, RecordFile>();
    for (const file of dataset.records)
      if (file.collection.name === "claims") claims.set(file.id, file);
    const reviewed = new Set<string>();
    for (const file of dataset.records) {
      if (file.collection.name !== "reviews" || typeof file.value.claim !== "string") continue;
      reviewed.add(file.value.claim);
      const claim = claims.get(file.value.claim);
      const kind = claim?.value.kind;
      if (typeof kind === "string" && !CHECKABLE.has(kind)) {
        report(file, {
          pointer: "/claim",
          code: "review-uncheckable",
          message: `\`${file.value.claim}\` is ${kind === "opinion" ? "an opinion" : "a recommendation"}, which no source can confirm or refute`,
          fix: "review a factual claim or a prediction instead; if the claim does state a fact, change its kind",
        });
      }
    }
    for (const [id, claim] of claims) {
      if (claim.value.kind !== "factual" || reviewed.has(id)) continue;
      report(claim, {
        pointer: "/kind",
        severity: "warning",
        code: "claim-unreviewed",
        message: `factual claim \`${id}\` has no review yet`,
        fix: `add data/reviews/review-${id.replace(/^claim-/, "")}.json with a verdict and the sources it rests on`,
      });
    }
  },
};
