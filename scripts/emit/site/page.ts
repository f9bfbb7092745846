/** One source's annotated page, and the index of sources. */
import { BANNER } from "../../lib/banner.ts";
import { CodePointText } from "../../lib/codepoints.ts";
import { isObject, type JsonObject, type JsonValue } from "../../lib/json.ts";
import { topField } from "../../lib/schemas/index.ts";
import type { jsonldNodes } from "../jsonld.ts";
import { claimReviewGraph } from "./claimreview.ts";
import { escapeHtml, scriptJson } from "./html.ts";
import type { Occurrence, RecordIndex } from "./records.ts";
import type { FieldInfo, Layer, LayerGroup } from "./scheme.ts";
import { segment } from "./segments.ts";
import { timelineHtml } from "./timeline.ts";

export const HTML_BANNER = `<!-- ${BANNER} -->`;

/**
 * What the page's script reads: the layers, the verdict scale, each highlight as
 * [layer, category, record id, start, end, pointer], the records with their labels, the links
 * between them, and how to show each field.
 */
export interface PageData {
  source: string;
  layers: Layer[];
  verdict: {
    collection: string;
    field: string;
    values: { value: string; description?: string; scale: number | null }[];
  } | null;
  highlights: [number, number, string, number, number, string][];
  collections: Record<string, string>;
  records: Record<string, JsonObject>;
  /** Each record's collection and label. */
  meta: Record<string, [string, string]>;
  /** For each judged record: [verdict record id, verdict index]. */
  verdicts: Record<string, [string, number][]>;
  /** For each record: the records that point to it, with the field path they do it from. */
  backrefs: Record<string, [string, string][]>;
  fields: Record<string, Record<string, FieldInfo>>;
}

const GROUP_TITLES: Record<LayerGroup, string> = {
  mentions: "Mentions",
  passages: "Passages",
  attribution: "Attribution and evidence",
};

interface PageInput {
  index: RecordIndex;
  source: { id: string; text: string };
  members: Set<string>;
  /** The collection order, for listing records. */
  order: string[];
  package: { name: string; version: string };
  /** The JSON-LD export's nodes, for the page's `ClaimReview` markup. */
  nodes: ReturnType<typeof jsonldNodes>;
}

/** The highlights of a source, in reading order: by start, longer first, then layer and record. */
function highlightsOf(index: RecordIndex, source: string, members: Set<string>): Occurrence[] {
  return (index.spansBySource.get(source) ?? [])
    .filter((o) => members.has(o.record))
    .sort(
      (a, b) =>
        a.start - b.start ||
        b.end - a.end ||
        a.layer - b.layer ||
        (a.record < b.record ? -1 : a.record > b.record ? 1 : 0) ||
        (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0),
    );
}

/**
 * A source's page, in pieces that join to its HTML: the page's data a record at a time, so that
 * no page is made as one large string (the writer encodes each piece as it comes).
 */
export function pageHtml(input: PageInput): string[] {
  const { index, source, members } = input;
  const { scheme } = index;
  const ids = [...members].sort((a, b) => {
    const [ca, cb] = [index.entries.get(a), index.entries.get(b)].map((e) =>
      input.order.indexOf(e?.collection.name ?? ""),
    ) as [number, number];
    return ca - cb || (a < b ? -1 : a > b ? 1 : 0);
  });
  const highlights = highlightsOf(index, source.id, members);
  const text = new CodePointText(source.text);
  const segments = segment(text.length, highlights);
  // Roles and tab stops are the script's to give: without it the highlights do nothing.
  const article = segments
    .map(({ start, end, covers }) => {
      const words = escapeHtml(text.slice(start, end));
      // Blank lines between paragraphs are kept, at half height: the text is as stored.
      return covers.length === 0
        ? words.replaceAll(/\n{2,}/g, (lines) => `<span class="gap">${lines}</span>`)
        : `<span class="h" data-h="${covers.join(" ")}">${words}</span>`;
    })
    .join("");

  const verdict = scheme.verdict;
  const verdicts: PageData["verdicts"] = {};
  if (verdict) {
    for (const id of ids) {
      const entry = index.entries.get(id);
      if (entry?.collection.name !== verdict.collection) continue;
      const target = entry.record[verdict.reviewed];
      const value = verdict.values.findIndex((v) => v.value === entry.record[verdict.field]);
      if (typeof target === "string" && value !== -1)
        verdicts[target] = [...(verdicts[target] ?? []), [id, value]];
    }
  }
  const backrefs: PageData["backrefs"] = {};
  for (const id of ids) {
    const links = (index.backward.get(id) ?? []).filter((l) => members.has(l.id));
    if (links.length > 0) backrefs[id] = links.map((l) => [l.id, l.path]);
  }
  const collectionsOnPage = [...new Set(ids.map((id) => index.entries.get(id)?.collection))];
  const data: PageData = {
    source: source.id,
    layers: scheme.layers,
    verdict: verdict
      ? { collection: verdict.collection, field: verdict.field, values: verdict.values }
      : null,
    highlights: highlights.map((o) => [o.layer, o.category, o.record, o.start, o.end, o.pointer]),
    collections: Object.fromEntries(
      collectionsOnPage.flatMap((c) => (c ? [[c.name, c.title]] : [])),
    ),
    records: Object.fromEntries(ids.map((id) => [id, index.entries.get(id)?.record ?? {}])),
    meta: Object.fromEntries(
      ids.map((id) => {
        const entry = index.entries.get(id);
        return [id, [entry?.collection.name ?? "", entry?.label ?? id]];
      }),
    ),
    verdicts,
    backrefs,
    fields: Object.fromEntries(
      collectionsOnPage.flatMap((c) => (c ? [[c.name, scheme.fieldInfo.get(c.name) ?? {}]] : [])),
    ),
  };

  const sourceEntry = index.entries.get(source.id);
  const title = sourceEntry?.label ?? source.id;
  const languageField = sourceEntry && topField(sourceEntry.collection, "language");
  const language = languageField ? sourceEntry?.record[languageField.path[0] as string] : undefined;
  const lang = typeof language === "string" ? ` lang="${escapeHtml(language)}"` : "";
  const reviews = claimReviewGraph(index, input.nodes, `${source.id}.html`, ids);
  const claims = claimsHtml(index, source.id, highlights, verdicts);
  // The link to the claims table only where the page has one.
  const toClaims = claims ? ' · <a href="#_claims">The claims at a glance</a>' : "";

  const top = `<!DOCTYPE html>
${HTML_BANNER}
<html lang="en">
${head(`${title}: annotated`)}
<body>
<a class="skip" href="#_text">Skip to the article</a>
<header class="top">
<p class="crumbs"><a href="index.html">All sources</a></p>
<h1 class="visually-hidden">${escapeHtml(title)}: annotated</h1>
<p class="about"><a href="#${escapeHtml(source.id)}">About this source</a>${toClaims} · ${ids.length} records · ${highlights.length} highlighted spans</p>
</header>
<div class="layout">
${controlsHtml(index, highlights, verdicts)}
<main class="reading">
<h2 class="visually-hidden" id="_text-title">Article text</h2>
<search class="find" hidden><label for="_find">Find in the article</label> <input id="_find" type="search" autocomplete="off" spellcheck="false" aria-describedby="_find-count"> <button type="button" data-find="previous">Previous</button> <button type="button" data-find="next">Next</button> <span id="_find-count" class="count-text"></span></search>
<article id="_text" class="text" aria-labelledby="_text-title"${lang}>${article}</article>
<div id="_preview" class="preview" role="tooltip" hidden></div>
<div id="_passage" class="passage" hidden><p><a id="_passage-link">Link to this passage</a> <span id="_passage-where" class="count-text"></span></p><details><summary>Span JSON, for contributors</summary><pre id="_passage-json"></pre></details></div>
<noscript><p class="note">The highlights need JavaScript; the records and the timeline below work without it.</p></noscript>
</main>
<aside id="_details" class="details" aria-labelledby="_details-title" tabindex="-1">
<h2 id="_details-title" class="details-title">Details</h2>
<div id="_details-body"><p class="hint">Select a highlight in the text, or a record below, to see what is known about it.</p></div>
</aside>
<div class="rest">
${claims}
${timelineHtml(index, ids)}
${recordsHtml(index, ids, input.order)}
</div>
</div>
<p id="_announce" class="visually-hidden" aria-live="polite"></p>
<footer class="foot"><p>${escapeHtml(input.package.name)} ${escapeHtml(input.package.version)}. Every highlight is a span of the text as stored; every record is on this page.</p></footer>
<script type="application/json" id="_data">`;
  const bottom = `</script>
${reviews ? `<script type="application/ld+json" id="_claimreview">${scriptJson(reviews)}</script>` : ""}
</body>
</html>
`;
  return [
    top,
    ...jsonPieces(data, 2, new Set([data.layers, ...Object.values(data.fields)])),
    bottom,
  ];
}

/** JSON texts of values every page shares (the layers, each collection's fields), made once. */
const sharedTexts = new WeakMap<object, string>();

/**
 * `scriptJson(value)` in pieces: an object's members one at a time, down to `depth` levels, and
 * each value in `shared` from the text made the first time any page wrote it.
 */
function* jsonPieces(
  value: unknown,
  depth: number,
  shared: ReadonlySet<object>,
): Generator<string> {
  if (typeof value === "object" && value !== null && shared.has(value)) {
    const text = sharedTexts.get(value) ?? scriptJson(value);
    sharedTexts.set(value, text);
    yield text;
    return;
  }
  if (depth === 0 || typeof value !== "object" || value === null || Array.isArray(value)) {
    yield scriptJson(value);
    return;
  }
  let separator = "{";
  for (const [key, member] of Object.entries(value)) {
    // JSON.stringify leaves out an object's undefined members, as here.
    if (member === undefined) continue;
    yield `${separator}${scriptJson(key)}:`;
    yield* jsonPieces(member, depth - 1, shared);
    separator = ",";
  }
  yield separator === "{" ? "{}" : "}";
}

function head(title: string): string {
  return `<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="site.css">
<script src="site.js" defer></script>
</head>`;
}

function controlsHtml(
  index: RecordIndex,
  highlights: Occurrence[],
  verdicts: PageData["verdicts"],
): string {
  const { layers, verdict } = index.scheme;
  const perLayer = layers.map((_, i) => highlights.filter((h) => h.layer === i));
  const groups = new Map<LayerGroup, string[]>();
  const check = (attributes: string, checked: boolean) =>
    `<input type="checkbox" ${attributes}${checked ? " checked" : ""}>`;
  layers.forEach((layer, i) => {
    const count = perLayer[i]?.length ?? 0;
    const categories = layer.categories
      .map((c, k) => {
        const n = perLayer[i]?.filter((h) => h.category === k).length ?? 0;
        const title = c.description ? ` title="${escapeHtml(c.description)}"` : "";
        return `<label class="cat"${title}>${check(`data-layer="${i}" data-category="${k}"`, true)} ${escapeHtml(c.value)} <span class="count">${n}</span></label>`;
      })
      .join(" ");
    const item = `<span class="layer"><label title="${escapeHtml(layer.description)}">${check(`data-layer="${i}"`, layer.on)} <span class="sw sw-${layer.style} sw-${i}" aria-hidden="true"></span> ${escapeHtml(layer.label)} <span class="count" data-count-layer="${i}">${count}</span></label>${categories ? ` <span class="cats" role="group" aria-label="${escapeHtml(layer.label)} by ${escapeHtml(layer.categoryField ?? "kind")}">${categories}</span>` : ""}</span>`;
    groups.set(layer.group, [...(groups.get(layer.group) ?? []), item]);
  });
  const fieldsets = [...groups].map(
    ([group, items]) =>
      `<fieldset class="group"><legend>${GROUP_TITLES[group]}</legend> <div class="items">${items.join(" ")}</div></fieldset>`,
  );
  let meanings = "";
  if (verdict) {
    const counts = verdict.values.map(
      (_, k) => Object.values(verdicts).filter((list) => list.some(([, v]) => v === k)).length,
    );
    const items = verdict.values.map(
      (v, k) =>
        `<label${v.description ? ` title="${escapeHtml(v.description)}"` : ""}>${check(`data-verdict="${k}"`, true)} <span class="sw sw-fill verdict v${k}" aria-hidden="true"></span> <span class="badge">${escapeHtml(verdictWords(v.value))}</span> <span class="count">${counts[k]}</span></label>`,
    );
    fieldsets.push(
      `<fieldset class="group verdicts"><legend>Verdicts</legend> <div class="items"><label>${check("data-verdicts", true)} show</label> ${items.join(" ")}</div></fieldset>`,
    );
    meanings = `<details class="meanings"><summary>What the verdicts mean</summary><dl>${verdict.values
      .map(
        (v, k) =>
          `<dt><span class="sw sw-fill verdict v${k}" aria-hidden="true"></span> <span class="badge">${escapeHtml(verdictWords(v.value))}</span></dt><dd>${escapeHtml(v.description ?? "")}</dd>`,
      )
      .join(
        "",
      )}</dl><p class="note">Each passage with a verdict has its verdict's name beside it, and each verdict its own pattern, so they read without colour.</p></details>`;
  }
  return `<nav class="controls" aria-label="Layers and legend">
<details open class="panel"><summary>Layers and legend</summary>
${fieldsets.join("\n")}
${meanings}
<p class="keys">Keyboard: Tab into the article, then <kbd>←</kbd> <kbd>→</kbd> move between highlights, <kbd>Enter</kbd> shows one, <kbd>Esc</kbd> closes it.</p>
</details>
</nav>`;
}

/**
 * The claims at a glance: every record a verdict may judge, in the order of the text, with who
 * makes it, its kind and its verdict, each row a link into the text. The script adds filters.
 */
function claimsHtml(
  index: RecordIndex,
  source: string,
  highlights: Occurrence[],
  verdicts: PageData["verdicts"],
): string {
  const verdict = index.scheme.verdict;
  if (!verdict) return "";
  const seen = new Set<string>();
  const rows = highlights.flatMap((h) => {
    const entry = index.entries.get(h.record);
    if (!entry || seen.has(h.record) || !verdict.targets.includes(entry.collection.name)) return [];
    if (index.scheme.layers[h.layer]?.key !== entry.collection.name) return [];
    seen.add(h.record);
    const claimantField = topField(entry.collection, "claimant");
    const claimant = claimantField ? entry.record[claimantField.path[0] as string] : undefined;
    const kindField = index.scheme.categoryField.get(entry.collection.name);
    const kind = kindField ? entry.record[kindField.path[0] as string] : undefined;
    const judged = verdicts[h.record] ?? [];
    const who =
      typeof claimant === "string"
        ? `<a href="#${escapeHtml(claimant)}">${escapeHtml(claimant === source ? "the author" : (index.entries.get(claimant)?.label ?? claimant))}</a>`
        : "";
    const verdictCell = judged.length
      ? judged
          .map(
            ([, v]) =>
              `<span class="sw sw-fill verdict v${v}" aria-hidden="true"></span> ${escapeHtml(verdictWords(verdict.values[v]?.value ?? ""))}`,
          )
          .join("<br>")
      : `<span class="desc">not reviewed</span>`;
    return [
      `<tr data-kind="${escapeHtml(String(kind ?? ""))}" data-verdict="${judged.map(([, v]) => v).join(" ") || "none"}"><td><a href="#${escapeHtml(h.record)}">${escapeHtml(entry.label)}</a></td><td>${who}</td><td>${escapeHtml(String(kind ?? ""))}</td><td>${verdictCell}</td></tr>`,
    ];
  });
  if (rows.length === 0) return "";
  const kinds = index.scheme.layers.find((l) => verdict.targets.includes(l.key))?.categories ?? [];
  const option = (value: string, label: string) =>
    `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
  const filters = `<div class="filters" hidden><label>Verdict <select data-filter="verdict">${option("", "any")}${verdict.values
    .map((v, k) => option(String(k), verdictWords(v.value)))
    .join(
      "",
    )}${option("none", "not reviewed")}</select></label> <label>Kind <select data-filter="kind">${option("", "any")}${kinds
    .map((c) => option(c.value, c.value))
    .join(
      "",
    )}</select></label> <span class="count-text" id="_claims-count">${rows.length} of ${rows.length} shown</span></div>`;
  return `<section class="glance" id="_claims" aria-labelledby="_claims-title">
<h2 id="_claims-title">The claims at a glance</h2>
${filters}
<div class="table-wrap"><table aria-describedby="_claims-count">
<thead><tr><th scope="col">Claim</th><th scope="col">Who makes it</th><th scope="col">Kind</th><th scope="col">Verdict</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table></div>
</section>`;
}

/** A verdict's name in words: `mostly-accurate` reads "mostly accurate". */
export const verdictWords = (value: string): string => value.replaceAll(/[-_]/g, " ");

function recordsHtml(index: RecordIndex, ids: string[], order: string[]): string {
  const sections = order.flatMap((name) => {
    const here = ids.filter((id) => index.entries.get(id)?.collection.name === name);
    const collection = index.entries.get(here[0] ?? "")?.collection;
    if (!collection) return [];
    const items = here
      .map(
        (id) => `<li><a href="#${id}">${escapeHtml(index.entries.get(id)?.label ?? id)}</a></li>`,
      )
      .join("");
    return [
      `<details><summary>${escapeHtml(collection.title)} <span class="count">${here.length}</span></summary><ul>${items}</ul></details>`,
    ];
  });
  return `<section class="records" aria-labelledby="_records-title">
<h2 id="_records-title">Every record on this page</h2>
${sections.join("\n")}
</section>`;
}

/** A field's name in words: `access_note` reads "Access note". */
const fieldWords = (key: string): string => {
  const words = key.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A stored value for reading: an object as its fields named in words, a list as a list, an address as a link. */
function valueHtml(value: JsonValue): string {
  if (Array.isArray(value))
    return value.length === 0
      ? "<em>none</em>"
      : `<ul>${value.map((v) => `<li>${valueHtml(v)}</li>`).join("")}</ul>`;
  if (isObject(value))
    return `<dl>${Object.entries(value)
      .filter(([key]) => !key.startsWith("$"))
      .map(([key, v]) => `<dt>${escapeHtml(fieldWords(key))}</dt><dd>${valueHtml(v)}</dd>`)
      .join("")}</dl>`;
  if (value === null) return "<em>unknown</em>";
  const words = escapeHtml(String(value));
  return typeof value === "string" && /^https?:\/\//.test(value)
    ? `<a href="${words}" rel="noopener noreferrer">${words}</a>`
    : words;
}

export interface SourceSummary {
  id: string;
  title: string;
  records: number;
  highlights: number;
}

/** `index.html`: every source with a link to its page, and any record that is on no page. */
export function indexHtml(
  sources: SourceSummary[],
  unplaced: { id: string; label: string; collection: string; record: JsonObject }[],
  pkg: { name: string; version: string },
): string {
  const items = sources
    .map(
      (s) =>
        `<li><a href="${escapeHtml(s.id)}.html">${escapeHtml(s.title)}</a> <span class="count">${s.records} records, ${s.highlights} highlighted spans</span></li>`,
    )
    .join("\n");
  const orphans = unplaced.length
    ? `<section><h2>Records on no page</h2><p>These records have no span in any source and are not linked to a record that has one, so no page shows them. Each is given here as stored.</p>${unplaced
        .map(
          (r) =>
            `<details id="${escapeHtml(r.id)}"><summary>${escapeHtml(r.label)} <span class="count">${escapeHtml(r.collection)}</span></summary>${valueHtml(r.record)}</details>`,
        )
        .join("\n")}</section>`
    : "";
  return `<!DOCTYPE html>
${HTML_BANNER}
<html lang="en">
${head(`${pkg.name}: annotated sources`)}
<body class="index">
<header class="top"><h1>${escapeHtml(pkg.name)}: annotated sources</h1>
<p class="about">Each page shows a source text with every mention, quote and claim the dataset records in it, and what is known about each.</p></header>
<main>
<h2>Sources</h2>
<ul class="source-list">
${items}
</ul>
${orphans}
</main>
<footer class="foot"><p>${escapeHtml(pkg.name)} ${escapeHtml(pkg.version)}</p></footer>
</body>
</html>
`;
}
