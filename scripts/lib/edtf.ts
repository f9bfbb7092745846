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
  // Split at a slash the text has: there are two parts at least.
  const [from, to] = text.split("/") as [string, string];
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

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** The month a name or its first three letters stands for, 1-based. */
const monthOf = (name: string) => {
  const lower = name.toLowerCase().replace(/\.$/, "");
  // Every month's name has three letters at least: a whole name is its own start.
  const index = MONTHS.findIndex((m) => lower.length >= 3 && m.startsWith(lower));
  return index === -1 ? undefined : index + 1;
};

/** The groups of a match of a pattern whose groups are all required. */
const groups = (match: RegExpExecArray) => match.slice(1) as [string, string, string];

/**
 * The ISO form of a date written another way (`February 5, 2003`, `5 Feb 2003`, `2003/2/5`,
 * `May 2013`), for a message that says what to write instead. Undefined when it cannot tell.
 */
export function isoFromWords(text: string): string | undefined {
  const t = text.trim().replace(/,/g, " ").replace(/\s+/g, " ");
  const day = (y: string, m: number | undefined, d: string) =>
    m === undefined ? undefined : `${y}-${pad(m)}-${pad(Number(d))}`;
  let match = /^([A-Za-z.]+) (\d{1,2})(?:st|nd|rd|th)? (\d{4})$/.exec(t);
  if (match) {
    const [name, d, y] = groups(match);
    return day(y, monthOf(name), d);
  }
  match = /^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z.]+) (\d{4})$/.exec(t);
  if (match) {
    const [d, name, y] = groups(match);
    return day(y, monthOf(name), d);
  }
  match = /^([A-Za-z.]+) (\d{4})$/.exec(t);
  if (match) {
    const [name, y] = groups(match);
    const month = monthOf(name);
    return month === undefined ? undefined : `${y}-${pad(month)}`;
  }
  match = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(t);
  if (match) {
    const [y, m, d] = groups(match);
    return day(y, Number(m), d);
  }
  return undefined;
}
