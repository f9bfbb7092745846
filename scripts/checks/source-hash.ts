import type { Check } from "../lib/check.ts";

export const sourceHash: Check = {
  name: "source-hash",
  description:
    "A source's stored sha256 matches its text, so offsets are known to point into the same snapshot.",
  scope: "dataset",
  codes: { "source-hash": "The text file's SHA-256 differs from the `sha256` in its record." },
  check(dataset, report) {
    for (const file of dataset.records) {
      const source = dataset.sourceTexts.get(file.name);
      if (file.collection.name !== "sources" || !source) continue;
      if (file.value.sha256 !== source.sha256) {
        report(file, {
          pointer: "/sha256",
          code: "source-hash",
          message: `sha256 is ${JSON.stringify(file.value.sha256)} but ${source.display} hashes to ${source.sha256}`,
          fix: "if the text was changed, restore it byte for byte (every span depends on it); if it is the record that is wrong, set sha256 to the text's hash",
        });
      }
    }
  },
};
