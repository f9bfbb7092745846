import type { RecordFile } from "../lib/record.ts";
import { defineCheck } from "./check.ts";

export const uniqueIds = defineCheck({
  name: "unique-ids",
  description: "Ids are unique across all collections, so a reference names exactly one record.",
  scope: "dataset",
  codes: { "duplicate-id": "Two records share an id (in one collection or in two)." },
  check(dataset, report) {
    const byId = new Map<string, RecordFile[]>();
    for (const file of dataset.records) byId.set(file.id, [...(byId.get(file.id) ?? []), file]);
    // Which of the two is the newcomer cannot be known: each is reported, naming the other.
    for (const [id, files] of byId) {
      if (files.length < 2) continue;
      for (const file of files) {
        const others = files.filter((other) => other !== file).map((other) => other.display);
        report(file, {
          pointer: "/id",
          code: "duplicate-id",
          message: `id \`${id}\` is also the id of ${others.join(" and ")}`,
          fix: "give one of them another id (ids are unique across all collections); references to it are not checked until then",
        });
      }
    }
  },
});
