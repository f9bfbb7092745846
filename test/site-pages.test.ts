import { describe, expect, it } from "vitest";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { jsonldNodes } from "../scripts/emit/jsonld.ts";
import { buildModel, type Model } from "../scripts/emit/model.ts";
import { claimReviewGraph } from "../scripts/emit/site/claimreview.ts";
import { escapeHtml, scriptJson } from "../scripts/emit/site/html.ts";
import { siteEmitter } from "../scripts/emit/site/index.ts";
import { indexHtml, pageHtml } from "../scripts/emit/site/page.ts";
import { RecordIndex } from "../scripts/emit/site/records.ts";
import { type Scheme, schemeOf } from "../scripts/emit/site/scheme.ts";
import { segment } from "../scripts/emit/site/segments.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE } from "./helpers.ts";

// The base fixture has one source, one claim with one review, and every record on its page.
// These tests change a copy of its model in memory to reach what it never shows.
const dataset = validate(BASE).dataset;

/** The base fixture's model, its records copied so that a test may change them. */
function baseModel(): Model {
  const model = buildModel(dataset);
  return {
    ...model,
    collections: model.collections.map((c) => ({ ...c, records: structuredClone(c.records) })),
    sources: model.sources.map((s) => ({ ...s })),
  };
}

const recordsOf = (model: Model, name: string): JsonObject[] => {
  const found = model.collections.find((c) => c.collection.name === name);
  if (!found) throw new Error(`the base fixture has ${name}`);
  return found.records;
};

const span = (source: string, start: number, end: number, exact: string) => ({
  source,
  start,
  end,
  exact,
});

/** A source's page as one string, with the index (and its scheme) the test may have changed. */
function pageOf(
  model: Model,
  source = "sample-article",
  options: {
    scheme?: Scheme;
    members?: (index: RecordIndex) => Set<string>;
    change?: (index: RecordIndex) => void;
  } = {},
): string {
  const index = new RecordIndex(model, options.scheme ?? schemeOf(model.schemas));
  options.change?.(index);
  const text = model.sources.find((s) => s.id === source);
  if (!text) throw new Error(`no source ${source}`);
  return pageHtml({
    index,
    source: text,
    members: options.members?.(index) ?? index.membersOf(source),
    order: model.collections.map((c) => c.collection.name),
    package: { name: model.name, version: model.version },
    nodes: jsonldNodes(model),
  }).join("");
}

const dataOf = (html: string) =>
  JSON.parse(
    /<script type="application\/json" id="_data">(.*?)<\/script>/s.exec(html)?.[1] ?? "null",
  );

const between = (html: string, open: RegExp, close: string): string => {
  const at = html.search(open);
  if (at === -1) return "";
  return html.slice(at, html.indexOf(close, at) + close.length);
};

const articleOf = (html: string) => /<article [^>]*>(.*?)<\/article>/s.exec(html)?.[1] ?? "";
const rowsOf = (html: string) => [...html.matchAll(/<tr data-kind.*?<\/tr>/g)].map((m) => m[0]);

/**
 * The base fixture with three more claims and three more reviews: a claim the source's own
 * author makes, one by an id that is no record and with no kind, one by no one; a second
 * verdict on the sample claim, and a review whose verdict is off the list.
 */
function manyClaims(): Model {
  const model = baseModel();
  const claims = recordsOf(model, "claims");
  claims.push(
    {
      id: "council-claim",
      text: span("sample-article", 95, 119, "The council welcomed it."),
      claimant: "sample-article",
      kind: "opinion",
      // Before the sample claim's words: the table still lists claims by their own words.
      cue: span("sample-article", 58, 62, "Ruiz"),
    },
    {
      id: "z-claim",
      text: span("sample-article", 107, 115, "welcomed"),
      claimant: "no-such-person",
    },
    { id: "y-claim", text: span("sample-article", 30, 37, "Bo Chen") },
  );
  recordsOf(model, "reviews").push(
    { id: "review-again", claim: "sample-claim", verdict: "accurate" },
    { id: "review-of-y", claim: "y-claim", verdict: "unsupported" },
    { id: "review-of-z", claim: "z-claim", verdict: "no-such-verdict" },
  );
  return model;
}
describe("the claims at a glance", () => {
  it("lists each claim once, in the order of its words, with who makes it, its kind and every verdict", () => {
    const html = pageOf(manyClaims());
    expect(rowsOf(html)).toEqual([
      '<tr data-kind="" data-verdict="4"><td><a href="#y-claim">Bo Chen</a></td><td></td><td></td><td><span class="sw sw-fill verdict v4" aria-hidden="true"></span> unsupported</td></tr>',
      '<tr data-kind="factual" data-verdict="3 2"><td><a href="#sample-claim">We agree on\u00a0trade.</a></td><td><a href="#ana-ruiz">Ana Ruiz</a></td><td>factual</td><td><span class="sw sw-fill verdict v3" aria-hidden="true"></span> accurate<br><span class="sw sw-fill verdict v2" aria-hidden="true"></span> mostly accurate</td></tr>',
      '<tr data-kind="opinion" data-verdict="none"><td><a href="#council-claim">The council welcomed it.</a></td><td><a href="#sample-article">the author</a></td><td>opinion</td><td><span class="desc">not reviewed</span></td></tr>',
      '<tr data-kind="" data-verdict="none"><td><a href="#z-claim">welcomed</a></td><td><a href="#no-such-person">no-such-person</a></td><td></td><td><span class="desc">not reviewed</span></td></tr>',
    ]);
    expect(html).toContain('<span class="count-text" id="_claims-count">4 of 4 shown</span>');
    // 10 records and 22 spans of the base, 3 claims and 3 reviews, the words of the 3 claims and a cue.
    expect(html).toContain("· 16 records · 26 highlighted spans</p>");
  });

  it("counts the claims of each kind and the claims with each verdict in the legend", () => {
    const html = pageOf(manyClaims());
    expect(html).toContain(
      '<span class="sw sw-fill sw-4" aria-hidden="true"></span> Claim <span class="count" data-count-layer="4">4</span>',
    );
    const kinds = [
      ...html.matchAll(
        /data-layer="4" data-category="\d" checked> (\w+) <span class="count">(\d+)</g,
      ),
    ];
    expect(kinds.map((m) => `${m[1]} ${m[2]}`)).toEqual([
      "factual 1",
      "opinion 1",
      "prediction 0",
      "recommendation 0",
    ]);
    const verdicts = [
      ...html.matchAll(/<span class="badge">([\w ]+)<\/span> <span class="count">(\d+)</g),
    ];
    expect(verdicts.map((m) => `${m[1]} ${m[2]}`)).toEqual([
      "inaccurate 0",
      "misleading 0",
      "mostly accurate 1",
      "accurate 1",
      "unsupported 1",
    ]);
  });

  it("gives the script each judged claim's verdicts, by review, and none for a verdict off the list", () => {
    const data = dataOf(pageOf(manyClaims()));
    expect(data.verdicts).toEqual({
      "sample-claim": [
        ["review-again", 3],
        ["review-sample-claim", 2],
      ],
      "y-claim": [["review-of-y", 4]],
    });
  });

  it("gives the script the page's records by collection, then by id", () => {
    const data = dataOf(pageOf(manyClaims()));
    expect(Object.keys(data.records)).toEqual([
      "sample-citation",
      "council-claim",
      "sample-claim",
      "y-claim",
      "z-claim",
      "sample-meeting",
      "sample-council",
      "ana-ruiz",
      "bo-chen",
      "lima",
      "sample-quote",
      "review-again",
      "review-of-y",
      "review-of-z",
      "review-sample-claim",
      "sample-article",
    ]);
  });

  it("takes verdicts only from reviews that name a claim, and lists a claim once however many spans it has", () => {
    const model = manyClaims();
    recordsOf(model, "reviews").push({ id: "review-of-nothing", verdict: "accurate" });
    // A record of another collection with the fields of a review gives no verdict.
    const council = recordsOf(model, "organizations")[0] as JsonObject;
    council.claim = "y-claim";
    council.verdict = "inaccurate";
    const html = pageOf(model, "sample-article", {
      members: (index) => index.membersOf("sample-article").add("review-of-nothing"),
      change: (index) => {
        // A second span of the sample claim in the claims' layer, later in the text.
        index.spansBySource.get("sample-article")?.push({
          record: "sample-claim",
          pointer: "/text",
          layer: 4,
          category: 0,
          start: 116,
          end: 118,
          exact: "it",
        });
      },
    });
    expect(dataOf(html).verdicts).toEqual({
      "sample-claim": [
        ["review-again", 3],
        ["review-sample-claim", 2],
      ],
      "y-claim": [["review-of-y", 4]],
    });
    expect(rowsOf(html).map((row) => /href="#([^"]+)"/.exec(row)?.[1])).toEqual([
      "y-claim",
      "sample-claim",
      "council-claim",
      "z-claim",
    ]);
  });

  it("marks up every review of the page as a ClaimReview with the address of its claim", () => {
    const html = pageOf(manyClaims());
    const markup = JSON.parse(
      /<script type="application\/ld\+json" id="_claimreview">(.*?)<\/script>/s.exec(html)?.[1] ??
        "null",
    );
    const home = "https://www.npmjs.com/package/kerry-moscow-2013";
    const urls = (markup["@graph"] as JsonObject[])
      .filter((n) => n["@type"] === "ClaimReview")
      .map((n) => [n["@id"], n.url]);
    expect(urls).toEqual([
      [`${home}#review-again`, "sample-article.html#sample-claim"],
      [`${home}#review-of-y`, "sample-article.html#y-claim"],
      [`${home}#review-of-z`, "sample-article.html#z-claim"],
      [`${home}#review-sample-claim`, "sample-article.html#sample-claim"],
    ]);
  });
});

/**
 * The base fixture with a second source that has no record of its own: Bo Chen and a place
 * only it mentions, around blank lines, markup characters and a carriage return.
 */
const NOTES = "Bo Chen\n\n\nsaid <no> & \r\nleft Moscow.\n";
function withNotes(): Model {
  const model = baseModel();
  model.sources.push({ id: "notes", text: NOTES, sha256: "" });
  const bo = recordsOf(model, "people").find((r) => r.id === "bo-chen") as JsonObject;
  (bo.mentions as JsonObject[]).push({ kind: "name", span: span("notes", 0, 7, "Bo Chen") });
  recordsOf(model, "places").push({
    id: "moscow",
    name: "Moscow",
    mentions: [{ kind: "name", span: span("notes", 29, 35, "Moscow") }],
  });
  return model;
}

describe("a source with no claims, no reviews and no record of its own", () => {
  it("is titled by its id, with no language, and keeps blank lines, markup characters and a carriage return", () => {
    const html = pageOf(withNotes(), "notes");
    expect(html).toContain("<title>notes: annotated</title>");
    expect(html).toContain('<h1 class="visually-hidden">notes: annotated</h1>');
    expect(html).toContain(
      '<article id="_text" class="text" aria-labelledby="_text-title"><span class="h" data-h="0">Bo Chen</span><span class="gap">\n\n\n</span>said &lt;no&gt; &amp; &#13;\nleft <span class="h" data-h="1">Moscow</span>.\n</article>',
    );
    expect(html).toContain(
      '<p class="about"><a href="#notes">About this source</a> · 2 records · 2 highlighted spans</p>',
    );
  });

  it("has no claims table and no ClaimReview markup, and gives the script empty verdicts and links", () => {
    const html = pageOf(withNotes(), "notes");
    expect(html).not.toContain('id="_claims"');
    expect(html).not.toContain("_claimreview");
    const data = dataOf(html);
    expect(data.verdicts).toEqual({});
    expect(data.backrefs).toEqual({});
    expect(data.collections).toEqual({ people: "Person", places: "Place" });
    expect(data.meta).toEqual({ "bo-chen": ["people", "Bo Chen"], moscow: ["places", "Moscow"] });
    expect(data.highlights).toEqual([
      [2, -1, "bo-chen", 0, 7, "/mentions/2/span"],
      [3, -1, "moscow", 29, 35, "/mentions/0/span"],
    ]);
  });

  it("lists only its own records, by collection", () => {
    const html = pageOf(withNotes(), "notes");
    expect(
      between(html, /<section class="records"/, "</section>"),
    ).toBe(`<section class="records" aria-labelledby="_records-title">
<h2 id="_records-title">Every record on this page</h2>
<details><summary>Person <span class="count">1</span></summary><ul><li><a href="#bo-chen">Bo Chen</a></li></ul></details>
<details><summary>Place <span class="count">1</span></summary><ul><li><a href="#moscow">Moscow</a></li></ul></details>
</section>`);
  });
});

describe("a page given an id no record has", () => {
  it("lists it first, by its id, with no fields and no collection", () => {
    const html = pageOf(baseModel(), "sample-article", {
      members: (index) => index.membersOf("sample-article").add("ghost"),
    });
    const data = dataOf(html);
    expect(Object.keys(data.records)[0]).toBe("ghost");
    expect(data.records.ghost).toEqual({});
    expect(data.meta.ghost).toEqual(["", "ghost"]);
    expect(Object.keys(data.collections)).toEqual([
      "citations",
      "claims",
      "events",
      "organizations",
      "people",
      "places",
      "quotes",
      "reviews",
      "sources",
    ]);
    expect(Object.keys(data.fields)).toEqual(Object.keys(data.collections));
    expect(html).toContain("· 11 records · 22 highlighted spans</p>");
  });
});

describe("a source's language", () => {
  it("is escaped into the article's lang attribute, and left out when the source has none", () => {
    const model = baseModel();
    const article = recordsOf(model, "sources")[0] as JsonObject;
    article.language = 'en"x';
    expect(pageOf(model)).toContain('aria-labelledby="_text-title" lang="en&quot;x"><span');
    delete article.language;
    expect(pageOf(model)).toContain('aria-labelledby="_text-title"><span');
  });
});

describe("a page when the schemas have no verdicts", () => {
  it("has no verdict legend, no claims table and no ClaimReview markup", () => {
    const model = baseModel();
    const scheme = { ...schemeOf(model.schemas), verdict: undefined };
    const html = pageOf(model, "sample-article", { scheme });
    expect(html).not.toContain("Verdicts</legend>");
    expect(html).not.toContain("What the verdicts mean");
    expect(html).not.toContain("_claims");
    expect(html).not.toContain("_claimreview");
    const data = dataOf(html);
    expect(data.verdict).toBeNull();
    expect(data.verdicts).toEqual({});
  });
});

describe("the legend", () => {
  it("gives a title only to a category or verdict with a description, and names a layer's category field", () => {
    const model = baseModel();
    const scheme = schemeOf(model.schemas);
    const claims = scheme.layers[4];
    const quotes = scheme.layers[5];
    if (!claims || !quotes || !scheme.verdict)
      throw new Error("the schemas have claims and quotes");
    claims.categories[1] = { value: "opinion" };
    delete claims.categoryField;
    quotes.categoryField = "sort";
    scheme.verdict.values[0] = { value: "inaccurate", scale: 0 };
    const html = pageOf(model, "sample-article", { scheme });
    expect(html).toContain(
      '<label class="cat"><input type="checkbox" data-layer="4" data-category="1" checked> opinion <span class="count">0</span></label>',
    );
    expect(html).toContain('<span class="cats" role="group" aria-label="Claim by kind">');
    expect(html).toContain('<span class="cats" role="group" aria-label="Quote by sort">');
    expect(html).toContain(
      '<label><input type="checkbox" data-verdicts checked> show</label> <label><input type="checkbox" data-verdict="0" checked>',
    );
    expect(html).toContain(
      '<dt><span class="sw sw-fill verdict v0" aria-hidden="true"></span> <span class="badge">inaccurate</span></dt><dd></dd>',
    );
  });
});

describe("the highlights of a page", () => {
  it("are in reading order: by start, the longer first, then by layer, record and pointer", () => {
    const at = (record: string, pointer: string, layer: number, start: number, end: number) => ({
      record,
      pointer,
      layer,
      category: -1,
      start,
      end,
      exact: "",
    });
    const html = pageOf(baseModel(), "sample-article", {
      change: (index) =>
        // Words past the base fixture's last span, in the reverse of reading order.
        index.spansBySource
          .get("sample-article")
          ?.push(
            at("lima", "/mentions/9/span", 3, 115, 119),
            at("bo-chen", "/mentions/9/span", 2, 107, 115),
            at("ana-ruiz", "/mentions/9/span", 2, 107, 115),
            at("ana-ruiz", "/mentions/8/span", 2, 107, 115),
            at("ana-ruiz", "/mentions/7/span", 3, 107, 115),
            at("ana-ruiz", "/mentions/6/span", 2, 107, 119),
          ),
    });
    const late = (dataOf(html).highlights as unknown[][]).filter((h) => Number(h[3]) >= 107);
    expect(late).toEqual([
      [2, -1, "ana-ruiz", 107, 119, "/mentions/6/span"],
      [2, -1, "ana-ruiz", 107, 115, "/mentions/8/span"],
      [2, -1, "ana-ruiz", 107, 115, "/mentions/9/span"],
      [2, -1, "bo-chen", 107, 115, "/mentions/9/span"],
      [3, -1, "ana-ruiz", 107, 115, "/mentions/7/span"],
      [3, -1, "lima", 115, 119, "/mentions/9/span"],
    ]);
    // 22 of the base fixture before them.
    expect(articleOf(html)).toContain(
      '<span class="h" data-h="22 23 24 25 26">welcomed</span><span class="h" data-h="22 27"> it.</span>',
    );
  });

  it("orders highlights of one span and layer by record, then by pointer, whatever order they come in", () => {
    const at = (record: string, pointer: string, layer: number) => ({
      record,
      pointer,
      layer,
      category: -1,
      start: 116,
      end: 118,
      exact: "it",
    });
    const html = pageOf(baseModel(), "sample-article", {
      change: (index) =>
        index.spansBySource
          .get("sample-article")
          ?.push(
            at("lima", "/mentions/7/span", 3),
            at("lima", "/mentions/8/span", 3),
            at("ana-ruiz", "/mentions/9/span", 2),
            at("bo-chen", "/mentions/1/span", 2),
          ),
    });
    const late = (dataOf(html).highlights as unknown[][]).filter((h) => Number(h[3]) === 116);
    expect(late.map((h) => `${h[0]} ${h[2]} ${h[5]}`)).toEqual([
      "2 ana-ruiz /mentions/9/span",
      "2 bo-chen /mentions/1/span",
      "3 lima /mentions/7/span",
      "3 lima /mentions/8/span",
    ]);
  });

  it("are only those of the records on the page", () => {
    const model = baseModel();
    const html = pageOf(model, "sample-article", {
      members: () => new Set(["bo-chen", "sample-article"]),
    });
    expect(dataOf(html).highlights).toEqual([
      [6, -1, "sample-article", 0, 15, "/title"],
      [2, -1, "bo-chen", 30, 37, "/mentions/0/span"],
      [10, -1, "bo-chen", 30, 37, "/name_provenance/span"],
      [10, -1, "sample-article", 46, 56, "/published/provenance/span"],
      [2, -1, "bo-chen", 68, 72, "/mentions/1/span"],
    ]);
  });
});

describe("the index page", () => {
  const pkg = { name: "pkg<&>", version: '1.0.0-"rc"' };

  it("lists the sources in the order given, each linked to its page with its counts", () => {
    const html = indexHtml(
      [
        { id: "b&c", title: "<Second>", records: 3, highlights: 0 },
        { id: "a", title: "First", records: 1, highlights: 12 },
      ],
      [],
      pkg,
    );
    expect(html).toContain(`<ul class="source-list">
<li><a href="b&amp;c.html">&lt;Second&gt;</a> <span class="count">3 records, 0 highlighted spans</span></li>
<li><a href="a.html">First</a> <span class="count">1 records, 12 highlighted spans</span></li>
</ul>`);
    expect(html).toContain("<title>pkg&lt;&amp;&gt;: annotated sources</title>");
    expect(html).toContain("<h1>pkg&lt;&amp;&gt;: annotated sources</h1>");
    expect(html).toContain(
      '<footer class="foot"><p>pkg&lt;&amp;&gt; 1.0.0-&quot;rc&quot;</p></footer>',
    );
    expect(html).not.toContain("Records on no page");
  });

  it("gives each record on no page as stored: fields in words, lists, nothing, unknowns and addresses", () => {
    const html = indexHtml(
      [],
      [
        {
          id: "lone",
          label: "A <lone> one",
          collection: "Person & co",
          record: {
            $schema: "../../schema/person.schema.json",
            id: "lone",
            access_note_here: "see https://example.org first",
            other_names: [],
            links: ["https://example.org/?a=1&b=2", "http://example.org/", "ftp://example.org/"],
            born: null,
            roles: [{ title: "Envoy", $comment: "left out", years: 3, acting: false }],
          },
        },
        { id: "other", label: "Other", collection: "Place", record: {} },
      ],
      pkg,
    );
    const section = between(html, /<section><h2>Records on no page/, "</section>");
    expect(section).toBe(
      "<section><h2>Records on no page</h2><p>These records have no span in any source and are not linked to a record that has one, so no page shows them. Each is given here as stored.</p>" +
        '<details id="lone"><summary>A &lt;lone&gt; one <span class="count">Person &amp; co</span></summary><dl>' +
        "<dt>Id</dt><dd>lone</dd>" +
        "<dt>Access note here</dt><dd>see https://example.org first</dd>" +
        "<dt>Other names</dt><dd><em>none</em></dd>" +
        '<dt>Links</dt><dd><ul><li><a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer">https://example.org/?a=1&amp;b=2</a></li><li><a href="http://example.org/" rel="noopener noreferrer">http://example.org/</a></li><li>ftp://example.org/</li></ul></dd>' +
        "<dt>Born</dt><dd><em>unknown</em></dd>" +
        "<dt>Roles</dt><dd><ul><li><dl><dt>Title</dt><dd>Envoy</dd><dt>Years</dt><dd>3</dd><dt>Acting</dt><dd>false</dd></dl></li></ul></dd>" +
        "</dl></details>\n" +
        '<details id="other"><summary>Other <span class="count">Place</span></summary><dl></dl></details>' +
        "</section>",
    );
  });
});

describe("the site of two sources and a record on no page", () => {
  it("writes a page for each source, lists both on the index, and gives there only the record no page shows", async () => {
    const model = withNotes();
    recordsOf(model, "people").push({ id: "lone-person", name: "Lone Person", mentions: [] });
    const out = new MemoryOutput();
    await siteEmitter.emit(model, out);
    expect([...out.keys()].sort()).toEqual([
      "site/index.html",
      "site/notes.html",
      "site/sample-article.html",
      "site/site.css",
      "site/site.js",
    ]);
    const script = Buffer.from(out.get("site/site.js") ?? "").toString("utf8");
    expect(script.split("\n")[0]).toBe(
      "/* Generated by `npm run build` from schema/ and data/. Do not edit: edit those and rebuild. */",
    );
    expect(script).toContain("spanObject");
    const index = Buffer.from(out.get("site/index.html") ?? "").toString("utf8");
    expect(index).toContain(`<ul class="source-list">
<li><a href="sample-article.html">Talks in Lima 😀</a> <span class="count">10 records, 22 highlighted spans</span></li>
<li><a href="notes.html">notes</a> <span class="count">2 records, 2 highlighted spans</span></li>
</ul>`);
    expect([...index.matchAll(/<details id="([^"]+)">/g)].map((m) => m[1])).toEqual([
      "lone-person",
    ]);
    expect(index).toContain(
      '<details id="lone-person"><summary>Lone Person <span class="count">Person</span></summary><dl><dt>Id</dt><dd>lone-person</dd><dt>Name</dt><dd>Lone Person</dd><dt>Mentions</dt><dd><em>none</em></dd></dl></details></section>\n<section class="downloads">',
    );
    const notes = Buffer.from(out.get("site/notes.html") ?? "").toString("utf8");
    expect(notes).toContain("· 2 records · 2 highlighted spans</p>");
  });
});

describe("escaping", () => {
  it("writes every control character but tab and line feed as a character reference", () => {
    expect(escapeHtml("\u0000\u0008\t\n\u000b\u000c\r\u001f \u007e\u007f\u0080")).toBe(
      "&#0;&#8;\t\n&#11;&#12;&#13;&#31; \u007e&#127;\u0080",
    );
  });

  it("escapes markup at either end of a text, and gives back a text with nothing to escape", () => {
    expect(escapeHtml("<b")).toBe("&lt;b");
    expect(escapeHtml("b>")).toBe("b&gt;");
    expect(escapeHtml("a'b\"c")).toBe("a&#39;b&quot;c");
    expect(escapeHtml("plain words")).toBe("plain words");
    expect(escapeHtml("")).toBe("");
  });

  it("keeps every < out of the JSON in a script element, and the JSON the same", () => {
    const value = { "<key>": ["a<b", "<<"] };
    expect(scriptJson(value)).toBe('{"\\u003ckey>":["a\\u003cb","\\u003c\\u003c"]}');
    expect(JSON.parse(scriptJson(value))).toEqual(value);
  });
});

describe("segment", () => {
  it("clamps spans to the text and lets an empty or reversed span cover nothing", () => {
    const pieces = segment(10, [
      { start: -5, end: 3 },
      { start: 8, end: 20 },
      { start: 5, end: 5 },
      { start: 7, end: 6 },
    ]);
    expect(pieces.map((p) => [p.start, p.end, p.covers])).toEqual([
      [0, 3, [0]],
      [3, 8, []],
      [8, 10, [1]],
    ]);
  });

  it("opens and closes several spans at one place", () => {
    const pieces = segment(6, [
      { start: 0, end: 4 },
      { start: 2, end: 4 },
      { start: 2, end: 6 },
    ]);
    expect(pieces.map((p) => [p.start, p.end, p.covers])).toEqual([
      [0, 2, [0]],
      [2, 4, [0, 1, 2]],
      [4, 6, [2]],
    ]);
  });

  it("gives a text with no spans as one piece, and an empty text none", () => {
    expect(segment(4, [])).toEqual([{ start: 0, end: 4, covers: [] }]);
    expect(segment(0, [{ start: 0, end: 3 }])).toEqual([]);
  });
});

describe("the ClaimReview markup of a page", () => {
  const model = baseModel();
  const index = new RecordIndex(model, schemeOf(model.schemas));
  const nodes = {
    dataset: { "@id": "dataset" },
    node: (id: string) => (id === "ana-ruiz" ? undefined : { "@id": id }),
  };

  it("holds the dataset, each review with its claim's address, the claim and where it appears, but no node that the export lacks", () => {
    const graph = claimReviewGraph(index, nodes, "p.html", [
      "review-sample-claim",
      "sample-claim",
      "bo-chen",
    ]);
    expect(graph).toEqual({
      "@context": { "@vocab": "https://schema.org/" },
      "@graph": [
        { "@id": "dataset" },
        { "@id": "review-sample-claim", url: "p.html#sample-claim" },
        { "@id": "sample-claim" },
        { "@id": "sample-article" },
      ],
    });
  });

  it("leaves out a review that names no claim, and is nothing for a page with no review", () => {
    const changed = baseModel();
    recordsOf(changed, "reviews").push({ id: "review-of-nothing", verdict: "accurate" });
    const more = new RecordIndex(changed, schemeOf(changed.schemas));
    expect(
      claimReviewGraph(more, nodes, "p.html", ["review-of-nothing", "review-sample-claim"]),
    ).toEqual({
      "@context": { "@vocab": "https://schema.org/" },
      "@graph": [
        { "@id": "dataset" },
        { "@id": "review-sample-claim", url: "p.html#sample-claim" },
        { "@id": "sample-claim" },
        { "@id": "sample-article" },
      ],
    });
    expect(claimReviewGraph(more, nodes, "p.html", ["sample-claim", "ana-ruiz"])).toBeUndefined();
    const noVerdicts = new RecordIndex(changed, {
      ...schemeOf(changed.schemas),
      verdict: undefined,
    });
    expect(claimReviewGraph(noVerdicts, nodes, "p.html", ["review-sample-claim"])).toBeUndefined();
  });
});

describe("what a page writes around what it lacks", () => {
  it("marks up no claimant where a claim has none, and no source where a claim has no span", () => {
    const model = manyClaims();
    recordsOf(model, "reviews").push({
      id: "review-of-ghost",
      claim: "ghost-claim",
      verdict: "accurate",
    });
    const index = new RecordIndex(model, schemeOf(model.schemas));
    const nodes = { dataset: { "@id": "dataset" }, node: (id: string) => ({ "@id": id }) };
    expect(claimReviewGraph(index, nodes, "p.html", ["review-of-ghost", "review-of-y"])).toEqual({
      "@context": { "@vocab": "https://schema.org/" },
      "@graph": [
        { "@id": "dataset" },
        { "@id": "review-of-ghost", url: "p.html#ghost-claim" },
        { "@id": "ghost-claim" },
        { "@id": "review-of-y", url: "p.html#y-claim" },
        { "@id": "y-claim" },
        { "@id": "sample-article" },
      ],
    });
  });

  it("puts the claims' rows a line each", () => {
    const html = pageOf(manyClaims());
    expect(html).toContain('</td></tr>\n<tr data-kind="opinion" data-verdict="none">');
  });

  it("writes nothing in place of the claims and their markup on a page with no claims", () => {
    const html = pageOf(withNotes(), "notes");
    expect(html.endsWith("</script>\n\n</body>\n</html>\n")).toBe(true);
    expect(between(html, /<div class="rest">/, "<section")).toBe(
      '<div class="rest">\n\n\n<section',
    );
  });

  it("writes nothing in place of the verdicts' legend and the claims when the schemas have no verdicts", () => {
    const model = baseModel();
    const html = pageOf(model, "sample-article", {
      scheme: { ...schemeOf(model.schemas), verdict: undefined },
    });
    expect(html).toContain('</fieldset>\n\n<p class="keys">');
    expect(between(html, /<div class="rest">/, "<section")).toBe('<div class="rest">\n\n<section');
  });
});
