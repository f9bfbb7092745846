import { freeId, isValidId, takenIds } from "../lib/ids.ts";
import { defineCheck } from "./check.ts";

const renameBoth = (fresh: string) =>
  `rename the file to ${fresh}.json and set the id to \`${fresh}\``;

export const id = defineCheck({
  name: "id",
  description: "A record's id equals its file name, so a record can be found from its id.",
  scope: "dataset",
  codes: { "id-filename": "The id differs from the file name." },
  check(dataset, report) {
    // An id that a record named after it holds: a file giving it too is a duplicate, which the
    // unique-ids check reports as the copy it is.
    const owned = new Set(dataset.records.filter((f) => f.name === f.id).map((f) => f.id));
    for (const file of dataset.records) {
      const { id } = file.value;
      if (typeof id !== "string" || id === file.name || owned.has(id)) continue;
      // An id that is not valid is the schema check's to report, with the id it should be.
      if (!isValidId(file.collection, id)) continue;
      // Each way out is offered only where it is valid and overwrites nothing.
      const fileFree =
        !dataset.unreadable.has(id) &&
        !dataset.records.some((other) => other.collection === file.collection && other.name === id);
      const nameFree = !dataset.records.some((other) => other !== file && other.id === file.name);
      const ways = [
        ...(isValidId(file.collection, id) && fileFree ? [`rename the file to ${id}.json`] : []),
        ...(isValidId(file.collection, file.name) && nameFree
          ? [`set the id to \`${file.name}\``]
          : []),
      ];
      report(file, {
        pointer: "/id",
        code: "id-filename",
        message: `id \`${id}\` differs from the file name \`${file.name}.json\``,
        fix:
          ways.length > 0
            ? ways.join(", or ")
            : renameBoth(freeId(file.collection, [file.name, id], takenIds(dataset, file))),
      });
    }
  },
});
