import type { ErrorObject, ValidateFunction } from "ajv";
import type { Check } from "../lib/check.ts";
import type { Dataset } from "../lib/dataset.ts";
import { createAjv, type Schemas } from "../lib/schemas.ts";
import { didYouMean } from "../lib/suggest.ts";

// Compiled once per set of schemas, not per validation: compiling costs more than checking.
const validators = new WeakMap<Schemas, Map<string, ValidateFunction>>();

function validatorFor(dataset: Dataset, schemaFile: string): ValidateFunction {
  let byFile = validators.get(dataset.schemas);
  if (!byFile) {
    const ajv = createAjv(dataset.schemas);
    byFile = new Map(
      dataset.schemas.collections.map((c) => [
        c.schemaFile,
        ajv.getSchema(c.schemaFile) as ValidateFunction,
      ]),
    );
    validators.set(dataset.schemas, byFile);
  }
  return byFile.get(schemaFile) as ValidateFunction;
}

// Keywords that only summarize errors reported in more detail beside them.
const SUMMARY_KEYWORDS = new Set(["if", "allOf", "anyOf"]);

export const schema: Check = {
  name: "schema",
  description: "Each record against its collection's JSON Schema (draft 2020-12, every error).",
  scope: "record",
  codes: {
    "schema-unknown-field":
      "A field the schema does not define (a typo, or a field of another collection).",
    "schema-missing-field": "A required field is missing.",
    "schema-type": "A value of the wrong JSON type.",
    "schema-enum": "A value outside the closed list the schema allows.",
    "schema-pattern": "A string that does not match the required pattern (ids are kebab-case).",
    "schema-format": "A string that is not a valid date, URI, or other declared format.",
    "schema-range":
      "A number, string or list that is too small, too large, too short or repeats items.",
    "schema-other": "Any other schema rule (oneOf, const, dependentRequired).",
  },
  check(file, report, dataset) {
    // A record in the wrong folder fails every rule of that folder's schema: wrong-folder says it once.
    if (file.isMisplaced(dataset.schemas)) return;
    const validate = validatorFor(dataset, file.collection.schemaFile);
    if (validate(file.value)) return;
    const errors = (validate.errors ?? []).filter((e) => !SUMMARY_KEYWORDS.has(e.keyword));
    const seen = new Set<string>();
    for (const error of collapseOneOf(errors)) {
      const finding = describe(error, file.collection.title);
      const key = `${finding.pointer}\u0000${finding.code}\u0000${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report(file, finding);
    }
  },
};

/** A failed `oneOf` between a type and `null` is clearer as one type error. */
function collapseOneOf(errors: ErrorObject[]): ErrorObject[] {
  const oneOfPaths = new Set(
    errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath),
  );
  return errors.filter(
    (e) => e.keyword === "oneOf" || !oneOfPaths.has(e.instancePath) || e.keyword !== "type",
  );
}

function describe(error: ErrorObject, title: string) {
  const at = error.instancePath || "/";
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const field = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const hint = didYouMean(field, allowed);
      return {
        pointer: `${error.instancePath}/${field.replaceAll("~", "~0").replaceAll("/", "~1")}`,
        part: "key" as const,
        code: "schema-unknown-field",
        message: `unknown field \`${field}\` in ${at === "/" ? title : at}`,
        fix: hint ? `rename it: ${hint}` : `remove it; allowed here: ${allowed.join(", ")}`,
      };
    }
    case "required":
    case "dependentRequired": {
      const field = String(params.missingProperty);
      const why =
        error.keyword === "dependentRequired"
          ? ` (needed with \`${String(params.property)}\`)`
          : "";
      return {
        pointer: error.instancePath,
        code: "schema-missing-field",
        message: `missing required field \`${field}\`${why} in ${at === "/" ? title : at}`,
        fix: `add \`${field}\` (see its description in schema/)`,
      };
    }
    case "type":
      return {
        pointer: error.instancePath,
        code: "schema-type",
        message: `${at} must be ${String(params.type)}`,
        fix: `write a value of type ${String(params.type)}`,
      };
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = didYouMean(String(readData(error)), allowed);
      return {
        pointer: error.instancePath,
        code: "schema-enum",
        message: `${at} is ${JSON.stringify(readData(error))}, not one of the allowed values`,
        fix: hint || `use one of: ${allowed.join(", ")}`,
      };
    }
    case "pattern":
      return {
        pointer: error.instancePath,
        code: "schema-pattern",
        message: `${at} is ${JSON.stringify(readData(error))}, which does not match ${String(params.pattern)}`,
        fix: `rewrite it to match: ${String(error.parentSchema?.description ?? params.pattern)}`,
      };
    case "format":
      return {
        pointer: error.instancePath,
        code: "schema-format",
        message: `${at} is ${JSON.stringify(readData(error))}, not a valid ${String(params.format)}`,
        fix:
          params.format === "date"
            ? "write a real calendar date as YYYY-MM-DD"
            : `write a valid ${String(params.format)}`,
      };
    case "minLength":
    case "maxLength":
    case "minimum":
    case "maximum":
    case "minItems":
    case "maxItems":
    case "uniqueItems":
      return {
        pointer: error.instancePath,
        code: "schema-range",
        message: `${at} ${error.message ?? "is out of range"}`,
        fix:
          error.keyword === "uniqueItems"
            ? "remove the repeated item"
            : "change the value to fit the limit",
      };
    default:
      return {
        pointer: error.instancePath,
        code: "schema-other",
        message: `${at} ${error.message ?? "breaks a schema rule"}`,
        fix: "compare the value with the schema's description of this field",
      };
  }
}

const readData = (error: ErrorObject): unknown => error.data;
