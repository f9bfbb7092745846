import { defineCheck } from "./check.ts";

export const id = defineCheck({
  name: "id",
  description: "A record's id equals its file name, so a record can be found from its id.",
  scope: "record",
  codes: { "id-filename": "The id differs from the file name." },
  check(file, report) {
    const { id } = file.value;
    if (typeof id === "string" && id !== file.name) {
      report(file, {
        pointer: "/id",
        code: "id-filename",
        message: `id \`${id}\` differs from the file name \`${file.name}.json\``,
        fix: `rename the file to ${id}.json, or set the id to \`${file.name}\``,
      });
    }
  },
});
