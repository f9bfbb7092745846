import type { RecordFile } from "../lib/record.ts";
import { topField } from "../lib/schemas/index.ts";
import { defineCheck } from "./check.ts";

/** An id without its first kebab-case word (`claim-a-b` → `a-b`). */
const rest = (id: string) => id.slice(id.indexOf("-") + 1);

/**
 * Whether a review's id is made from its claim's as ids are: one word of its own before the
 * claim's id, or in place of the claim's first word (`claim-a-b` → `review-a-b`).
 */
const namedAfter = (review: string, claim: string) =>
  review.includes("-") && (rest(review) === claim || rest(review) === rest(claim));

export const oneReview = defineCheck({
  name: "one-review",
  description:
    "A claim has at most one review: a second one, even with the same verdict, would show the reader two answers.",
  scope: "dataset",
  codes: {
    "review-duplicate":
      "A second review of a claim that already has one (reported on the one not named after the claim).",
  },
  check(dataset, report) {
    const reviews = new Map<string, { file: RecordFile; key: string }[]>();
    for (const file of dataset.records) {
      const key = topField(file.collection, "reviewed-claim")?.path[0];
      const claim = key === undefined ? undefined : file.value[key];
      if (key === undefined || typeof claim !== "string") continue;
      reviews.set(claim, [...(reviews.get(claim) ?? []), { file, key }]);
    }
    for (const [claim, list] of reviews) {
      if (list.length < 2) continue;
      // The review that keeps its place is the one named after its claim, else the first in
      // file order: the others are the copies.
      const kept = (list.find(({ file }) => namedAfter(file.id, claim)) ?? list[0])?.file;
      if (!kept) continue;
      const corrections = topField(kept.collection, "corrections")?.path[0];
      for (const { file, key } of list) {
        if (file === kept) continue;
        report(file, {
          pointer: `/${key}`,
          code: "review-duplicate",
          message: `\`${claim}\` already has a review, ${kept.display}: a claim has one review`,
          fix: `put what this review adds into ${kept.display}${corrections ? ` (a change of verdict goes into its \`${corrections}\`, with when and why)` : ""}, and delete this file`,
        });
      }
    }
  },
});
