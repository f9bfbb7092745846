import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BANNER } from "../../lib/banner.ts";
import type { Emitter } from "../emitter.ts";
import { jsonldNodes } from "../jsonld.ts";
import type { Model } from "../model.ts";
import { sqlitePathOf } from "../sqlite.ts";
import { escapeHtml } from "./html.ts";
import { indexHtml, pageHtml, type SourceSummary } from "./page.ts";
import { RecordIndex } from "./records.ts";
import { schemeOf } from "./scheme.ts";
import { CLIENT, pageScript } from "./script.ts";
import { generatedCss } from "./style.ts";

const read = (name: string) => readFileSync(join(CLIENT, name), "utf8");

/**
 * `site/`: `index.html` listing the sources, and `<source id>.html` for each, the text with every
 * span highlighted and every record of the source a click away. The pages share `site.css` and
 * `site.js` beside them and load nothing else, so they open from disk or any static host.
 * Pages are written one at a time, so a large corpus is never held as HTML all at once.
 */
export const siteEmitter: Emitter = {
  name: "site",
  async emit(model, out) {
    const scheme = schemeOf(model.schemas);
    const nodes = jsonldNodes(model);
    const index = new RecordIndex(model, scheme);
    const order = model.collections.map((c) => c.collection.name);
    const pkg = { name: model.name, version: model.version };
    out.set("site/site.css", `/* ${BANNER} */\n${read("site.css")}${generatedCss(scheme)}`);
    out.set("site/site.js", `/* ${BANNER} */\n${await pageScript(model.schemas.cacheDir)}`);
    const summaries: SourceSummary[] = [];
    const placed = new Set<string>();
    for (const source of model.sources) {
      const members = index.membersOf(source.id);
      for (const id of members) placed.add(id);
      await out.write(
        `site/${source.id}.html`,
        pageHtml({ index, source, members, order, package: pkg, nodes }),
      );
      summaries.push({
        id: source.id,
        title: index.entries.get(source.id)?.label ?? source.id,
        records: members.size,
        highlights: (index.spansBySource.get(source.id) ?? []).filter((o) => members.has(o.record))
          .length,
      });
    }
    const unplaced = [...index.entries]
      .filter(([id]) => !placed.has(id))
      .map(([id, entry]) => ({
        id,
        label: entry.label,
        collection: entry.collection.title,
        record: entry.record,
      }));
    const listing = indexHtml(summaries, unplaced, pkg);
    out.set("site/index.html", listing.replace("</main>", `${downloads(model)}\n</main>`));
  },
};

/**
 * Links to the files of this version, served from the npm package by jsDelivr: the site is
 * published without the rest of dist/, and a versioned address never changes under a reader.
 */
function downloads(model: Model): string {
  const base = `https://cdn.jsdelivr.net/npm/${model.name}@${model.version}/dist/`;
  const files: [string, string][] = [
    ["csv/", "every table as CSV"],
    ["datapackage.json", "the Data Package that describes the CSV tables"],
    [sqlitePathOf(model), "the SQLite database"],
    ["jsonld/dataset.jsonld", "every record as schema.org JSON-LD"],
  ];
  const items = files
    .map(
      ([path, what]) =>
        `<li><a href="${escapeHtml(base + path)}">${escapeHtml(what)}</a> <span class="count">${escapeHtml(path)}</span></li>`,
    )
    .join("\n");
  return `<section class="downloads"><h2>Downloads</h2>
<p>The data of version ${escapeHtml(model.version)}, from the npm package (<a href="https://www.npmjs.com/package/${escapeHtml(model.name)}">${escapeHtml(model.name)}</a>):</p>
<ul>
${items}
</ul></section>`;
}
