import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { jsonldNodes } from "../scripts/emit/jsonld.ts";
import { buildModel } from "../scripts/emit/model.ts";
import { escapeHtml, scriptJson } from "../scripts/emit/site/html.ts";
import { siteEmitter } from "../scripts/emit/site/index.ts";
import { pageHtml } from "../scripts/emit/site/page.ts";
import { RecordIndex } from "../scripts/emit/site/records.ts";
import { schemeOf } from "../scripts/emit/site/scheme.ts";
import { segment } from "../scripts/emit/site/segments.ts";
import { formatEdtf } from "../scripts/emit/site/timeline.ts";
import { loadSchemas, SCHEMA_DIR } from "../scripts/lib/schemas/index.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, freshBuild, ROOT, tempDir } from "./helpers.ts";

describe("segment", () => {
  it("tiles the text, and gives each piece exactly the spans that cover it", () => {
    const spans = fc.array(
      fc.tuple(fc.nat(40), fc.nat(40)).map(([a, b]) => ({ start: a, end: b })),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(fc.nat(40), spans, (length, list) => {
        const pieces = segment(length, list);
        let at = 0;
        for (const piece of pieces) {
          expect(piece.start).toBe(at);
          expect(piece.end).toBeGreaterThan(piece.start);
          at = piece.end;
          const covering = list
            .map((s, i) => ({ ...s, i }))
            .filter((s) => s.start <= piece.start && piece.end <= s.end)
            .map((s) => s.i);
          expect(piece.covers).toEqual(covering);
        }
        expect(at).toBe(length);
      }),
    );
  });

  it("cuts nested and overlapping spans at every boundary", () => {
    // a quote [0, 10) holding a claim [2, 8) holding a mention [4, 6), and one overlapping [7, 12)
    const pieces = segment(12, [
      { start: 0, end: 10 },
      { start: 2, end: 8 },
      { start: 4, end: 6 },
      { start: 7, end: 12 },
    ]);
    expect(pieces.map((p) => [p.start, p.end, p.covers])).toEqual([
      [0, 2, [0]],
      [2, 4, [0, 1]],
      [4, 6, [0, 1, 2]],
      [6, 7, [0, 1]],
      [7, 8, [0, 1, 3]],
      [8, 10, [0, 3]],
      [10, 12, [3]],
    ]);
  });
});

describe("escaping", () => {
  it("keeps a carriage return and control characters as character references", () => {
    expect(escapeHtml("a\r\nb\u0007<&>\"'\u00a0“")).toBe(
      "a&#13;\nb&#7;&lt;&amp;&gt;&quot;&#39;\u00a0“",
    );
  });

  it("cannot close the script element that holds the data", () => {
    expect(scriptJson({ a: "</script><!--" })).not.toContain("<");
    expect(JSON.parse(scriptJson({ a: "</script>" }))).toEqual({ a: "</script>" });
  });

  it("writes EDTF dates in words without the host's locale", () => {
    expect(formatEdtf("2013-05-07")).toBe("7 May 2013");
    expect(formatEdtf("2011-03")).toBe("March 2011");
    expect(formatEdtf("2013-04-22/2013-05-04")).toBe("somewhere from 22 April 2013 to 4 May 2013");
    expect(formatEdtf("2012?")).toBe("2012 (uncertain)");
    expect(formatEdtf("../2013-05")).toBe("somewhere from open to May 2013");
  });
});

describe("what the pages show, read from the schemas", () => {
  it("makes the layers from span fields and roles, not from names", () => {
    const scheme = schemeOf(loadSchemas(SCHEMA_DIR));
    const summary = scheme.layers.map((l) => [l.label, l.group, l.style, l.on]);
    expect(summary).toEqual([
      ["Event", "mentions", "underline", true],
      ["Organization", "mentions", "underline", true],
      ["Person", "mentions", "underline", true],
      ["Place", "mentions", "underline", true],
      ["Claim", "passages", "fill", true],
      ["Quote", "passages", "overline", true],
      ["Titles", "attribution", "outline", false],
      ["Attribution cues", "attribution", "outline", false],
      ["Hedges", "attribution", "outline", false],
      ["Who is quoted", "attribution", "outline", false],
      ["Where a fact is stated", "attribution", "outline", false],
    ]);
    const claims = scheme.layers.find((l) => l.label === "Claim");
    expect(claims?.categories.map((c) => c.value)).toEqual([
      "factual",
      "opinion",
      "prediction",
      "recommendation",
    ]);
    expect(claims?.categories[0]?.description).toBe("states something checkable");
    expect(scheme.verdict?.values.map((v) => [v.value, v.scale])).toEqual([
      ["inaccurate", 0],
      ["misleading", 1],
      ["mostly-accurate", 2],
      ["accurate", 3],
      ["unsupported", null],
    ]);
  });

  it("gives a new collection with an anchoring span its own layer, with no change to the code", () => {
    const dir = tempDir();
    cpSync(join(ROOT, "schema"), dir, { recursive: true });
    writeFileSync(
      join(dir, "rumour.schema.json"),
      JSON.stringify({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $id: "rumour.schema.json",
        title: "Rumour",
        "x-collection": "rumours",
        type: "object",
        properties: {
          id: { $ref: "defs.schema.json#/$defs/id" },
          words: { $ref: "defs.schema.json#/$defs/span", "x-role": "anchor" },
          plausibility: { type: "string", enum: ["low", "high"], "x-role": "category" },
        },
      }),
    );
    const layer = schemeOf(loadSchemas(dir)).layers.find((l) => l.key === "rumours");
    expect(layer).toMatchObject({ label: "Rumour", group: "passages", style: "overline" });
    expect(layer?.categories.map((c) => c.value)).toEqual(["low", "high"]);
  });

  it("puts on a source's page of the real data the records grounded in it, what they point to, and reviews of them", () => {
    const model = buildModel(validate(join(ROOT, "data")).dataset);
    const index = new RecordIndex(model, schemeOf(model.schemas));
    const members = index.membersOf("kerry-russia-trip");
    const ids = (collection: string) =>
      readdirSync(join(ROOT, "data", collection))
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.slice(0, -5));
    for (const id of [...ids("claims"), ...ids("reviews"), ...ids("quotes"), ...ids("events")])
      expect(members.has(id), id).toBe(true);
    // A person with no span and no link from a record that has one is on no page.
    const brahimi = JSON.parse(
      readFileSync(join(ROOT, "data/people/lakhdar-brahimi.json"), "utf8"),
    );
    expect(brahimi.mentions).toEqual([]);
    expect(members.has("lakhdar-brahimi")).toBe(false);
  });
});

describe("the index page", () => {
  /** The paths under the package version's dist/ on jsDelivr that the index page links. */
  async function linkedPaths(): Promise<string[]> {
    const model = buildModel(validate(join(ROOT, "data")).dataset);
    const out = new MemoryOutput();
    await siteEmitter.emit(model, out);
    const html = Buffer.from(out.get("site/index.html") ?? "").toString("utf8");
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const base = `https://cdn.jsdelivr.net/npm/kerry-moscow-2013@${version}/dist/`;
    return [...html.matchAll(/href="([^"]+)"/g)]
      .map((m) => m[1] ?? "")
      .filter((href) => href.startsWith(base))
      .map((href) => href.slice(base.length));
  }

  it("links the files of the package's version on jsDelivr, from the real data", async () => {
    expect(await linkedPaths()).toEqual([
      "csv/",
      "datapackage.json",
      "kerry-moscow-2013.sqlite",
      "jsonld/dataset.jsonld",
    ]);
  });

  it("links on jsDelivr only files the build of the real data writes", async () => {
    const paths = await linkedPaths();
    const dist = await freshBuild();
    for (const path of paths) expect(existsSync(join(dist, path)), path).toBe(true);
  });
});

describe("a source's page", () => {
  it("highlights exactly each span's words, no character more or less", () => {
    const model = buildModel(validate(BASE).dataset);
    const index = new RecordIndex(model, schemeOf(model.schemas));
    const source = model.sources.find((s) => s.id === "sample-article");
    if (!source) throw new Error("the base fixture has its sample article");
    const html = pageHtml({
      index,
      source,
      members: index.membersOf(source.id),
      order: model.collections.map((c) => c.collection.name),
      package: { name: model.name, version: model.version },
      nodes: jsonldNodes(model),
    }).join("");
    const article = /<article [^>]*>(.*?)<\/article>/s.exec(html)?.[1] ?? "";
    const data = JSON.parse(
      /<script type="application\/json" id="_data">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}",
    );
    const fromHtml = (text: string) =>
      text
        .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
        .replaceAll("&lt;", "<")
        .replaceAll("&gt;", ">")
        .replaceAll("&quot;", '"')
        .replaceAll("&#39;", "'")
        .replaceAll("&amp;", "&");
    // The article is plain text and highlighted pieces, each naming the highlights covering it;
    // any other tag (a paragraph gap's wrapper) adds no text.
    const pieces = [
      ...article.matchAll(/<span class="h" data-h="([\d ]+)">([^<]*)<\/span>|([^<]+)|<[^>]+>/g),
    ].map((m) => ({
      covers: m[1]?.split(" ").map(Number) ?? [],
      text: fromHtml(m[2] ?? m[3] ?? ""),
    }));
    const text = readFileSync(join(BASE, "sources", "sample-article.txt"), "utf8");
    expect(pieces.map((p) => p.text).join("")).toBe(text);
    const highlights = data.highlights as [number, number, string, number, number, string][];
    expect(highlights.length).toBeGreaterThan(20);
    highlights.forEach(([, , record, , , pointer], i) => {
      // The span as the record has it, read by its pointer.
      let span = data.records[record];
      for (const token of pointer.split("/").slice(1)) span = span[token];
      const shown = pieces
        .filter((p) => p.covers.includes(i))
        .map((p) => p.text)
        .join("");
      expect(shown, `${record}${pointer}`).toBe(span.exact);
    });
  });
});
