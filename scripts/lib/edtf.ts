/** Parsing for the EDTF subset in `defs.schema.json#/$defs/edtf`: day, month or year, uncertain or approximate, and intervals. */

export interface DateRange {
  /** First possible day, `YYYY-MM-DD`; undefined for an open start. */
  earliest?: string;
  /** Last possible day, `YYYY-MM-DD`; undefined for an open end. */
  latest?: string;
  precision: "day" | "month" | "year" | "interval";
  /** Marked `?` or `~`: the bounds are a best guess, not limits. */
  qualified: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The range of one EDTF date, or an error message when it is not a real date. */
function single(text: string): { range: DateRange } | { error: string } {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~])?$/.exec(text);
  if (!match) return { error: `\`${text}\` is not an EDTF date` };
  const [, y, m, d, qualifier] = match;
  const year = Number(y);
  const qualified = qualifier !== undefined;
  if (m === undefined)
    return {
      range: { earliest: `${y}-01-01`, latest: `${y}-12-31`, precision: "year", qualified },
    };
  const month = Number(m);
  if (month < 1 || month > 12) return { error: `month ${m} does not exist in \`${text}\`` };
  const last = daysIn(year, month);
  if (d === undefined)
    return {
      range: {
        earliest: `${y}-${m}-01`,
        latest: `${y}-${m}-${pad(last)}`,
        precision: "month",
        qualified,
      },
    };
  const day = Number(d);
  if (day < 1 || day > last) return { error: `${y}-${m} has no day ${d} (it has ${last})` };
  return {
    range: { earliest: `${y}-${m}-${d}`, latest: `${y}-${m}-${d}`, precision: "day", qualified },
  };
}

export function parseEdtf(text: string): { range: DateRange } | { error: string } {
  if (!text.includes("/")) return single(text);
  const [from = "", to = ""] = text.split("/");
  const start = from === ".." ? undefined : single(from);
  const end = to === ".." ? undefined : single(to);
  if (start && "error" in start) return start;
  if (end && "error" in end) return end;
  const range: DateRange = {
    precision: "interval",
    qualified: Boolean(start?.range.qualified || end?.range.qualified),
  };
  if (start) range.earliest = start.range.earliest;
  if (end) range.latest = end.range.latest;
  if (range.earliest && range.latest && range.earliest > range.latest) {
    return { error: `interval \`${text}\` ends before it starts` };
  }
  return { range };
}
