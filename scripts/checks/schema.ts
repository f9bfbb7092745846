import type { ErrorObject } from "ajv";
import { kebabCase } from "../lib/ids.ts";
import { FORBIDDEN_KEYS } from "../lib/json.ts";
import { type Collection, formatHolds, type Role } from "../lib/schemas/index.ts";
import { didYouMean } from "../lib/suggest.ts";
import { validatorsFor } from "../lib/validators.ts";
import { defineCheck, type Finding } from "./check.ts";

// Keywords that only summarize errors reported in more detail beside them.
const SUMMARY_KEYWORDS = new Set(["if", "allOf", "anyOf"]);

export const schema = defineCheck({
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
    const validate = validatorsFor(dataset.schemas)(file.collection.schemaFile);
    if (validate(file.value)) return;
    const errors = (validate.errors ?? []).filter(
      (e) =>
        !SUMMARY_KEYWORDS.has(e.keyword) &&
        !isDateError(e, file.collection) &&
        // A forbidden key is the strings check's to report, as the danger it is.
        !(
          e.keyword === "additionalProperties" &&
          FORBIDDEN_KEYS.has(String(e.params.additionalProperty))
        ),
    );
    const seen = new Set<string>();
    for (const error of renamesOnce(collapseOneOf(errors))) {
      const finding = describe(error, file.collection.title);
      const key = `${finding.pointer}\u0000${finding.code}\u0000${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report(file, finding);
    }
  },
});

// Dates that are not dates are the dates check's to report, with the date each one means.
const DATE_ROLES: Role[] = ["edtf", "calendar-date"];

/** Whether an error is about the form of a date field's value. */
function isDateError(error: ErrorObject, collection: Collection): boolean {
  if (error.keyword !== "pattern" && error.keyword !== "format") return false;
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((token) =>
      /^\d+$/.test(token) ? "*" : token.replaceAll("~1", "/").replaceAll("~0", "~"),
    );
  const field = collection.fields.find((f) => f.path.join("/") === path.join("/"));
  return field?.roles.some((role) => DATE_ROLES.includes(role)) === true;
}

/** A field the object lacks: one always needed, or one needed with another it has. */
const isMissingField = (e: ErrorObject) =>
  e.keyword === "required" || e.keyword === "dependentRequired";

/**
 * A misspelled field is one mistake: when an unknown field is near a missing one in the same
 * object, the missing-field error goes, and the unknown field says what to rename it to.
 */
function renamesOnce(errors: ErrorObject[]): ErrorObject[] {
  const renamed = new Set<string>();
  for (const unknown of errors.filter((e) => e.keyword === "additionalProperties")) {
    const field = String(unknown.params.additionalProperty);
    for (const missing of errors.filter(
      (e) => isMissingField(e) && e.instancePath === unknown.instancePath,
    )) {
      if (didYouMean(field, [String(missing.params.missingProperty)]))
        renamed.add(`${missing.instancePath}/${String(missing.params.missingProperty)}`);
    }
  }
  return errors.filter(
    (e) =>
      !isMissingField(e) || !renamed.has(`${e.instancePath}/${String(e.params.missingProperty)}`),
  );
}

/** A failed `oneOf` between a type and `null` is clearer as one type error. */
function collapseOneOf(errors: ErrorObject[]): ErrorObject[] {
  const oneOfPaths = new Set(
    errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath),
  );
  return errors.filter(
    (e) => e.keyword === "oneOf" || !oneOfPaths.has(e.instancePath) || e.keyword !== "type",
  );
}

type SchemaCheckCode = keyof (typeof schema)["codes"];

function describe(error: ErrorObject, title: string): Finding<SchemaCheckCode> {
  const at = error.instancePath || "/";
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const field = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const hint = didYouMean(field, allowed);
      return {
        pointer: `${error.instancePath}/${field.replaceAll("~", "~0").replaceAll("/", "~1")}`,
        part: "key",
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
    case "pattern": {
      const value = readData(error);
      // A record's own id: the id it is meant to have, made kebab-case, when that fits.
      const meant = at === "/id" && typeof value === "string" ? kebabCase(value) : "";
      const fits = meant !== "" && new RegExp(String(params.pattern), "u").test(meant);
      return {
        pointer: error.instancePath,
        code: "schema-pattern",
        message: `${at} is ${JSON.stringify(value)}, which does not match ${String(params.pattern)}`,
        fix: fits
          ? `write it in kebab-case, such as \`${meant}\` if no other record has that id, and name the file ${meant}.json`
          : `rewrite it to match: ${String(error.parentSchema?.description ?? params.pattern)}`,
      };
    }
    case "format": {
      const value = readData(error);
      const withScheme = `https://${String(value)}`;
      // A web address typed without its scheme (`www.example.org/page`): the fix is to add one.
      if (
        params.format === "uri" &&
        typeof value === "string" &&
        /^[^\s/:]+\.[^\s/:]+(?:[/?#]|$)/.test(value) &&
        formatHolds("uri", withScheme)
      )
        return {
          pointer: error.instancePath,
          code: "schema-format",
          message: `${at} is ${JSON.stringify(value)}, an address without its scheme: a URI starts with one, such as https://`,
          fix: `add the scheme in front: ${JSON.stringify(withScheme)} (or http://, if that is how the page you saw is addressed)`,
        };
      return {
        pointer: error.instancePath,
        code: "schema-format",
        message: `${at} is ${JSON.stringify(readData(error))}, not a valid ${String(params.format)}`,
        fix:
          params.format === "date"
            ? "write a real calendar date as YYYY-MM-DD"
            : `write a valid ${String(params.format)}`,
      };
    }
    case "minLength":
      if (readData(error) === "")
        return {
          pointer: error.instancePath,
          code: "schema-range",
          message: `${at} is empty`,
          fix: "write it: an empty string is not allowed here",
        };
      return range(error, at);
    case "maxLength":
    case "minimum":
    case "maximum":
    case "minItems":
    case "maxItems":
    case "uniqueItems":
      return range(error, at);
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

const range = (error: ErrorObject, at: string): Finding<SchemaCheckCode> => ({
  pointer: error.instancePath,
  code: "schema-range",
  message: `${at} ${error.message ?? "is out of range"}`,
  fix:
    error.keyword === "uniqueItems"
      ? "remove the repeated item"
      : "change the value to fit the limit",
});
