import { escapePointer } from "../lib/json.ts";
import { topField } from "../lib/schemas/index.ts";
import { defineCheck } from "./check.ts";

export const sourceHash = defineCheck({
  name: "source-hash",
  description:
    "A source's stored sha256 matches its text, so offsets are known to point into the same snapshot.",
  scope: "dataset",
  codes: { "source-hash": "The text file's SHA-256 differs from the hash in its record." },
  check(dataset, report) {
    for (const file of dataset.records) {
      const source = dataset.sourceTexts.get(file.name);
      const key = topField(file.collection, "text-sha256")?.path[0];
      if (!source || key === undefined || source.record !== file) continue;
      if (file.value[key] !== source.sha256) {
        report(file, {
          pointer: `/${escapePointer(key)}`,
          code: "source-hash",
          message: `${key} is ${JSON.stringify(file.value[key])} but ${source.display} hashes to ${source.sha256}`,
          fix: `if the text was changed, restore it byte for byte (every span depends on it); if it is the record that is wrong, set ${key} to the text's hash`,
        });
      }
    }
  },
});
