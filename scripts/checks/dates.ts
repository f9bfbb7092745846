import { isoFromWords, parseEdtf } from "../lib/edtf.ts";
import { isObject, type JsonValue } from "../lib/json.ts";
import { type Collection, childKey, type Field, withRole } from "../lib/schemas/index.ts";
import { perCollection, valuesAt } from "../lib/walk.ts";
import { defineCheck } from "./check.ts";

/** A date field, with the keys of its parts as the schema names them. */
const dateFields = perCollection((collection: Collection) =>
  withRole(collection, "date").map((field) => ({
    field,
    value: childKey(collection, field, "date-value") ?? "",
    precision: childKey(collection, field, "date-precision") ?? "",
    earliest: childKey(collection, field, "date-earliest") ?? "",
    latest: childKey(collection, field, "date-latest") ?? "",
  })),
);

/** String dates outside a date object (whose value the date-object loop checks). */
const plainDates = perCollection((collection: Collection) =>
  collection.fields.filter(
    (field) =>
      (field.roles.includes("edtf") || field.roles.includes("calendar-date")) &&
      !field.roles.includes("date-value"),
  ),
);

/** The ISO form of what was written, when it is another way of writing a real date. */
const suggestion = (text: string) => {
  const iso = isoFromWords(text);
  return iso !== undefined && iso !== text && edtfError(iso) === undefined ? iso : undefined;
};

const edtfError = (text: string) => {
  const parsed = parseEdtf(text);
  return "error" in parsed ? parsed.error : undefined;
};

const calendarDateError = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return `\`${text}\` is not a date of the form YYYY-MM-DD`;
  const parsed = parseEdtf(text);
  return "error" in parsed ? parsed.error : undefined;
};

/** Objects that hold both when something starts and when it ends, with those two keys. */
const intervals = perCollection((collection: Collection) =>
  collection.fields.flatMap((parent): { parent: Field; starts: string; ends: string }[] => {
    const starts = childKey(collection, parent, "starts");
    const ends = childKey(collection, parent, "ends");
    return starts && ends ? [{ parent, starts, ends }] : [];
  }),
);

export const dates = defineCheck({
  name: "dates",
  description:
    "Dates are real calendar dates, their bounds are ordered and agree with the value, and nothing ends before it starts.",
  scope: "record",
  codes: {
    "date-invalid":
      "A date that is not written as the schema asks (EDTF, or YYYY-MM-DD), that does not exist (2013-02-30), or an interval that ends before it starts.",
    "date-bounds":
      "A date's earliest bound after its latest, or bounds outside the range its value allows.",
    "date-precision":
      "`precision` disagrees with the value (a day, a month, a year or an interval).",
    "date-order": "Something that ends before it starts.",
  },
  check(file, report) {
    // Dates written as strings: an EDTF date, or one calendar day.
    for (const field of plainDates(file.collection)) {
      for (const { pointer, value } of valuesAt(file.value, field)) {
        if (typeof value !== "string") continue;
        const calendar = field.roles.includes("calendar-date");
        const error = calendar ? calendarDateError(value) : edtfError(value);
        if (error === undefined) continue;
        const iso = suggestion(value);
        report(file, {
          pointer,
          code: "date-invalid",
          message: error,
          fix: iso
            ? `write it as ${JSON.stringify(iso)}`
            : calendar
              ? "write a day that exists, as YYYY-MM-DD"
              : "write a date that exists, in EDTF (YYYY, YYYY-MM, YYYY-MM-DD, or A/B)",
        });
      }
    }
    for (const keys of dateFields(file.collection)) {
      for (const { pointer, value: date } of valuesAt(file.value, keys.field)) {
        if (!isObject(date)) continue;
        const value = {
          value: date[keys.value],
          precision: date[keys.precision],
          earliest: date[keys.earliest],
          latest: date[keys.latest],
        };
        if (typeof value.value !== "string") continue;
        const parsed = parseEdtf(value.value);
        if ("error" in parsed) {
          const iso = suggestion(value.value);
          report(file, {
            pointer: `${pointer}/${keys.value}`,
            code: "date-invalid",
            message: parsed.error,
            fix: iso
              ? `write it as ${JSON.stringify(iso)}`
              : "write a date that exists, in EDTF (YYYY, YYYY-MM, YYYY-MM-DD, or A/B)",
          });
          continue;
        }
        const { range } = parsed;
        if (value.precision !== range.precision) {
          report(file, {
            pointer: `${pointer}/${keys.precision}`,
            code: "date-precision",
            message: `${keys.precision} is ${JSON.stringify(value.precision)} but \`${value.value}\` is of ${range.precision} precision`,
            fix: `set ${keys.precision} to "${range.precision}"`,
          });
        }
        const { earliest, latest } = value;
        if (typeof earliest !== "string" || typeof latest !== "string") continue;
        if (earliest > latest) {
          report(file, {
            pointer: `${pointer}/${keys.latest}`,
            code: "date-bounds",
            message: `${keys.latest} (${latest}) is before ${keys.earliest} (${earliest})`,
            fix: "swap them, or correct the one that is wrong",
          });
        } else if (!range.qualified) {
          if (range.earliest && earliest < range.earliest) {
            report(file, {
              pointer: `${pointer}/${keys.earliest}`,
              code: "date-bounds",
              message: `${keys.earliest} (${earliest}) is before the start of \`${value.value}\``,
              fix: `set ${keys.earliest} to ${range.earliest}, or widen the value`,
            });
          }
          if (range.latest && latest > range.latest) {
            report(file, {
              pointer: `${pointer}/${keys.latest}`,
              code: "date-bounds",
              message: `${keys.latest} (${latest}) is after the end of \`${value.value}\``,
              fix: `set ${keys.latest} to ${range.latest}, or widen the value`,
            });
          }
        }
      }
    }
    for (const { parent, starts, ends } of intervals(file.collection)) {
      const earliestOf = dateFields(file.collection).find((d) => d.field.path.at(-1) === starts);
      const latestOf = dateFields(file.collection).find((d) => d.field.path.at(-1) === ends);
      for (const { pointer, value } of valuesAt(file.value, parent)) {
        if (!isObject(value)) continue;
        const start = bound(value[starts], earliestOf?.earliest);
        const end = bound(value[ends], latestOf?.latest);
        if (start && end && end < start) {
          report(file, {
            pointer: `${pointer}/${ends}`,
            code: "date-order",
            message: `it ends (${end} at the latest) before it starts (${start} at the earliest)`,
            fix: `correct ${starts} or ${ends}`,
          });
        }
      }
    }
  },
});

const bound = (date: JsonValue | undefined, key: string | undefined) => {
  const value = isObject(date) && key !== undefined ? date[key] : undefined;
  return typeof value === "string" ? value : undefined;
};
