import type { Check } from "../lib/check.ts";
import { parseEdtf } from "../lib/edtf.ts";
import { isObject, type JsonValue } from "../lib/json.ts";
import { perCollection, valuesAt } from "../lib/walk.ts";

const dateFields = perCollection((c) => c.fields.filter((field) => field.def === "date"));
// Any object with both start_date and end_date: events, roles. The parents of every end_date.
const endDateParents = perCollection((c) =>
  c.fields
    .filter((field) => field.path.at(-1) === "end_date")
    .map((field) => ({ ...field, path: field.path.slice(0, -1) })),
);

export const dates: Check = {
  name: "dates",
  description:
    "Dates are real calendar dates, their bounds are ordered and agree with the value, and nothing ends before it starts.",
  scope: "record",
  codes: {
    "date-invalid":
      "A date that does not exist (2013-02-30), or an interval that ends before it starts.",
    "date-bounds": "`earliest` after `latest`, or bounds outside the range the value allows.",
    "date-precision":
      "`precision` disagrees with the value (a day, a month, a year or an interval).",
    "date-order": "An `end_date` that is before its `start_date`.",
  },
  check(file, report) {
    for (const field of dateFields(file.collection)) {
      for (const { pointer, value } of valuesAt(file.value, field)) {
        if (!isObject(value) || typeof value.value !== "string") continue;
        const parsed = parseEdtf(value.value);
        if ("error" in parsed) {
          report(file, {
            pointer: `${pointer}/value`,
            code: "date-invalid",
            message: parsed.error,
            fix: "write a date that exists, in EDTF (YYYY, YYYY-MM, YYYY-MM-DD, or A/B)",
          });
          continue;
        }
        const { range } = parsed;
        if (value.precision !== range.precision) {
          report(file, {
            pointer: `${pointer}/precision`,
            code: "date-precision",
            message: `precision is ${JSON.stringify(value.precision)} but \`${value.value}\` is of ${range.precision} precision`,
            fix: `set precision to "${range.precision}"`,
          });
        }
        const { earliest, latest } = value;
        if (typeof earliest !== "string" || typeof latest !== "string") continue;
        if (earliest > latest) {
          report(file, {
            pointer: `${pointer}/latest`,
            code: "date-bounds",
            message: `latest (${latest}) is before earliest (${earliest})`,
            fix: "swap them, or correct the one that is wrong",
          });
        } else if (!range.qualified) {
          if (range.earliest && earliest < range.earliest) {
            report(file, {
              pointer: `${pointer}/earliest`,
              code: "date-bounds",
              message: `earliest (${earliest}) is before the start of \`${value.value}\``,
              fix: `set earliest to ${range.earliest}, or widen the value`,
            });
          }
          if (range.latest && latest > range.latest) {
            report(file, {
              pointer: `${pointer}/latest`,
              code: "date-bounds",
              message: `latest (${latest}) is after the end of \`${value.value}\``,
              fix: `set latest to ${range.latest}, or widen the value`,
            });
          }
        }
      }
    }
    for (const parent of endDateParents(file.collection)) {
      for (const { pointer, value } of valuesAt(file.value, parent)) {
        if (!isObject(value)) continue;
        const start = bound(value.start_date, "earliest");
        const end = bound(value.end_date, "latest");
        if (start && end && end < start) {
          report(file, {
            pointer: `${pointer}/end_date`,
            code: "date-order",
            message: `it ends (${end} at the latest) before it starts (${start} at the earliest)`,
            fix: "correct start_date or end_date",
          });
        }
      }
    }
  },
};

const bound = (date: JsonValue | undefined, which: "earliest" | "latest") =>
  isObject(date) && typeof date[which] === "string" ? date[which] : undefined;
