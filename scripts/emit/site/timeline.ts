/**
 * The timeline: each dated record as a bar from the first to the last day it can cover. A part
 * known to the day is solid; a part known only as a range ("some day last week", "May 2013", an
 * EDTF interval, a date marked `?` or `~`) is hatched. Long gaps are shortened so that a week
 * and a decade fit on one axis; the page says so.
 */
import { dateInWords } from "../../lib/date-words.mjs";
import { parseEdtf } from "../../lib/edtf.ts";
import { isObject } from "../../lib/json.ts";
import { type Collection, childKey, type Field } from "../../lib/schemas/index.ts";
import { escapeHtml } from "./html.ts";
import type { RecordIndex } from "./records.ts";

/** One EDTF date in words, without the reader's locale: `2013-05-07` → `7 May 2013`. */
function formatSingle(text: string): string {
  if (text === "..") return "open";
  const qualifier = /[?~]$/.exec(text)?.[0];
  const words = dateInWords(qualifier ? text.slice(0, -1) : text);
  if (words === undefined) return text;
  return qualifier === "?"
    ? `${words} (uncertain)`
    : qualifier === "~"
      ? `${words} (approximate)`
      : words;
}

/** An EDTF value in words; an interval reads "somewhere from A to B". */
export function formatEdtf(value: string): string {
  if (!value.includes("/")) return formatSingle(value);
  const [from = "..", to = ".."] = value.split("/");
  return `somewhere from ${formatSingle(from)} to ${formatSingle(to)}`;
}

interface DateValue {
  value: string;
  /** Day numbers (days since 1970-01-01), `last` inclusive. */
  first: number;
  last: number;
  /** Known to the day. */
  exact: boolean;
}

const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) /
  86_400_000;

/** The parts of a date object: its EDTF value and its recorded bounds, found by their roles. */
function readDate(collection: Collection, field: Field, value: unknown): DateValue | undefined {
  if (!isObject(value)) return undefined;
  const valueKey = childKey(collection, field, "date-value");
  const edtf = valueKey ? value[valueKey] : undefined;
  if (typeof edtf !== "string") return undefined;
  const parsed = parseEdtf(edtf);
  if ("error" in parsed) return undefined;
  const earliestKey = childKey(collection, field, "date-earliest");
  const latestKey = childKey(collection, field, "date-latest");
  const earliest = earliestKey ? value[earliestKey] : parsed.range.earliest;
  const latest = latestKey ? value[latestKey] : parsed.range.latest;
  if (typeof earliest !== "string" || typeof latest !== "string") return undefined;
  return {
    value: edtf,
    first: dayNumber(earliest),
    last: dayNumber(latest),
    exact: parsed.range.precision === "day" && !parsed.range.qualified && earliest === latest,
  };
}

interface Part {
  from: number;
  /** Exclusive. */
  to: number;
  exact: boolean;
}

interface Row {
  id: string;
  label: string;
  when: string;
  parts: Part[];
}

/** The bar of a record: its start's range, the time between, and its end's range. */
function partsOf(start: DateValue, end: DateValue | undefined): Part[] {
  const parts: Part[] = [{ from: start.first, to: start.last + 1, exact: start.exact }];
  if (!end) return parts;
  if (end.first > start.last + 1) parts.push({ from: start.last + 1, to: end.first, exact: true });
  if (end.last + 1 > Math.max(start.last + 1, end.first))
    parts.push({ from: Math.max(start.last + 1, end.first), to: end.last + 1, exact: end.exact });
  // Neighbouring parts known alike make one bar.
  return parts.reduce<Part[]>((merged, part) => {
    const last = merged.at(-1);
    if (last && last.exact === part.exact && last.to === part.from) last.to = part.to;
    else merged.push({ ...part });
    return merged;
  }, []);
}

/** Positions on a shortened axis: each gap between consecutive dates counts 1 + log2(1 + days). */
function axisOf(rows: Row[]): (day: number) => number {
  const points = [...new Set(rows.flatMap((r) => r.parts.flatMap((p) => [p.from, p.to])))].sort(
    (a, b) => a - b,
  );
  const at: number[] = [0];
  for (let i = 1; i < points.length; i++)
    at.push(
      (at[i - 1] as number) + 1 + Math.log2(1 + (points[i] as number) - (points[i - 1] as number)),
    );
  const total = at.at(-1) || 1;
  return (day) => {
    if (points.length < 2) return 0;
    let i = 0;
    while (i < points.length - 2 && day > (points[i + 1] as number)) i++;
    const [a, b] = [points[i] as number, points[i + 1] as number];
    const share = Math.max(0, Math.min(1, (day - a) / (b - a)));
    return ((at[i] as number) + share * ((at[i + 1] as number) - (at[i] as number))) / total;
  };
}

const percent = (share: number) => `${(share * 100).toFixed(2)}%`;

/** The timeline section of a page, or an empty string when no record on it has a date. */
export function timelineHtml(index: RecordIndex, members: readonly string[]): string {
  const rows: Row[] = [];
  const undated: { id: string; label: string }[] = [];
  for (const id of members) {
    const entry = index.entries.get(id);
    const dated = entry && index.scheme.dated.get(entry.collection.name);
    if (!entry || !dated) continue;
    const { collection, record } = entry;
    const start = readDate(collection, dated.start, record[dated.start.path[0] as string]);
    const end = dated.end
      ? readDate(collection, dated.end, record[dated.end.path[0] as string])
      : undefined;
    if (!start) {
      undated.push({ id, label: entry.label });
      continue;
    }
    rows.push({
      id,
      label: entry.label,
      when: end
        ? `${formatEdtf(start.value)} to ${formatEdtf(end.value)}`
        : formatEdtf(start.value),
      parts: partsOf(start, end),
    });
  }
  if (rows.length === 0 && undated.length === 0) return "";
  rows.sort((a, b) => (a.parts[0]?.from ?? 0) - (b.parts[0]?.from ?? 0) || (a.id < b.id ? -1 : 1));
  const position = axisOf(rows);
  const years = new Set<number>();
  const days = rows.flatMap((r) => r.parts.flatMap((p) => [p.from, p.to]));
  const [min, max] = [Math.min(...days), Math.max(...days)];
  // Only dated rows have years to mark: with none, min and max are not days.
  for (let y = new Date(min * 86_400_000).getUTCFullYear() + 1; rows.length > 0; y++) {
    const day = Date.UTC(y, 0, 1) / 86_400_000;
    if (day >= max) break;
    years.add(y);
  }
  const ticks = [...years]
    .map(
      (y) =>
        `<span class="tl-tick" style="left:${percent(position(Date.UTC(y, 0, 1) / 86_400_000))}">${y}</span>`,
    )
    .join("");
  const items = rows.map((row) => {
    const bars = row.parts
      .map(
        (p) =>
          `<span class="tl-part ${p.exact ? "tl-exact" : "tl-range"}" style="left:${percent(position(p.from))};width:${percent(position(p.to) - position(p.from))}"></span>`,
      )
      .join("");
    return `<li><a class="tl-label" href="#${row.id}">${escapeHtml(row.label)}</a> <span class="tl-when">${escapeHtml(row.when)}</span><span class="tl-track" aria-hidden="true">${bars}</span></li>`;
  });
  const undatedList = undated.length
    ? `<h3>Not dated</h3><ul class="tl-undated">${undated.map((u) => `<li><a href="#${u.id}">${escapeHtml(u.label)}</a></li>`).join("")}</ul>`
    : "";
  return `<section class="timeline" aria-labelledby="_timeline-title">
<h2 id="_timeline-title">Timeline</h2>
<p class="note">Each bar runs from the first to the last day a date can be. <span class="tl-key tl-exact"></span> solid: known to the day; <span class="tl-key tl-range"></span> hatched: somewhere in that range. Long gaps are shortened, so lengths are not to scale; the dates are in words beside each bar.</p>
${rows.length ? `<div class="tl-axis" aria-hidden="true">${ticks}</div><ol class="tl-rows">${items.join("")}</ol>` : ""}
${undatedList}
</section>`;
}
