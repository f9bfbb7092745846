import { defineCheck } from "./check.ts";

export const schemaRef = defineCheck({
  name: "schema-ref",
  description:
    "Each record names its collection's schema with `$schema`, so editors validate and autocomplete it; a record whose `$schema` names another collection is in the wrong folder.",
  scope: "record",
  codes: {
    "schema-ref": "`$schema` is missing or is not the relative path to the collection's schema.",
    "wrong-folder": "The record names another collection's schema: it sits in the wrong folder.",
  },
  check(file, report, dataset) {
    const expected = file.schemaPath;
    const actual = file.value.$schema;
    if (actual === expected) return;
    const named = file.declaredCollection(dataset.schemas);
    if (named && named !== file.collection) {
      report(file, {
        pointer: "/$schema",
        code: "wrong-folder",
        message: `this record is a ${named.title} (its $schema is ${named.schemaFile}) but sits in ${file.collection.name}/`,
        fix: `move it to ${named.name}/${file.name}.json`,
      });
      return;
    }
    report(file, {
      pointer: actual === undefined ? "" : "/$schema",
      code: "schema-ref",
      message:
        actual === undefined
          ? "`$schema` is missing"
          : `$schema is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
      fix:
        actual === undefined
          ? "run `npm run fix`, which adds it"
          : `set $schema to ${JSON.stringify(expected)}`,
    });
  },
});
