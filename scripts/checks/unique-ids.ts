import { freeId, takenIds } from "../lib/ids.ts";
import type { RecordFile } from "../lib/record.ts";
import { defineCheck } from "./check.ts";

export const uniqueIds = defineCheck({
  name: "unique-ids",
  description: "Ids are unique across all collections, so a reference names exactly one record.",
  scope: "dataset",
  codes: { "duplicate-id": "Two records share an id (in one collection or in two)." },
  check(dataset, report) {
    const byId = new Map<string, RecordFile[]>();
    for (const file of dataset.records) {
      const files = byId.get(file.id);
      if (files) files.push(file);
      else byId.set(file.id, [file]);
    }
    for (const [id, files] of byId) {
      if (files.length < 2) continue;
      // The record named after the id is the one that has it; a file under another name that
      // gives the same id is the newcomer (a copy, most often), and only it is reported. When
      // no one record is named after the id, which is the newcomer cannot be known: each is.
      const named = files.filter((file) => file.name === id);
      const original = named.length === 1 ? named[0] : undefined;
      for (const file of files) {
        if (file === original) continue;
        const fresh = freeId(file.collection, [file.name, id], takenIds(dataset, file));
        if (original) {
          report(file, {
            pointer: "/id",
            code: "duplicate-id",
            message: `id \`${id}\` is the id of ${original.display}: this file repeats it`,
            fix: `delete this file if it is a copy of that record; if it is another record, give it an id of its own, such as \`${fresh}\`${fresh === file.name ? " (its file's name)" : `, in a file renamed to ${fresh}.json`}`,
          });
          continue;
        }
        const others = files.filter((other) => other !== file).map((other) => other.display);
        report(file, {
          pointer: "/id",
          code: "duplicate-id",
          message: `id \`${id}\` is also the id of ${others.join(" and ")}`,
          fix: `give one of them another id, such as \`${fresh}\`, renaming its file to match (ids are unique across all collections); references to \`${id}\` are not checked until then`,
        });
      }
    }
  },
});
