import type { Check } from "../lib/check.ts";
import type { RecordFile } from "../lib/dataset.ts";

export const uniqueIds: Check = {
  name: "unique-ids",
  description: "Ids are unique across all collections, so a reference names exactly one record.",
  scope: "dataset",
  codes: { "duplicate-id": "Two records share an id (in one collection or in two)." },
  check(dataset, report) {
    const first = new Map<string, RecordFile>();
    for (const file of dataset.records) {
      const earlier = first.get(file.id);
      if (!earlier) {
        first.set(file.id, file);
        continue;
      }
      report(file, {
        pointer: "/id",
        code: "duplicate-id",
        message: `id \`${file.id}\` is already used by ${earlier.display}`,
        fix: "give one of the two records another id (ids are unique across all collections)",
      });
    }
  },
};
