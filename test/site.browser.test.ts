/// <reference lib="dom" />
/**
 * The annotated pages in a real browser: Debian's Chromium driven by playwright-core, one browser
 * for the whole file. What the pages should show is worked out here from data/ directly, not
 * from the page generator. SITE_DIR points the tests at another built site (default: the site of
 * a build of data/ made for the tests, not the committed dist/site).
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type Session } from "../scripts/lib/browser.ts";
import { command as spanCommand } from "../scripts/span.ts";
import { call, freshBuild, ROOT } from "./helpers.ts";

const SITE = process.env.SITE_DIR ?? join(await freshBuild(), "site");
const DATA = join(ROOT, "data");
const SOURCE = "kerry-russia-trip";
const PAGE = pathToFileURL(join(SITE, `${SOURCE}.html`)).href;
const INDEX = pathToFileURL(join(SITE, "index.html")).href;
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SLOW = 60_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Span = { source: string; start: number; end: number; exact: string };
interface Expected {
  layer: string;
  record: string;
  start: number;
  end: number;
}

const text = readFileSync(join(DATA, "sources", `${SOURCE}.txt`), "utf8");
const codePoints = [...text];
const records = (collection: string): { [key: string]: Json }[] =>
  readdirSync(join(DATA, collection))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(DATA, collection, f), "utf8")));
const isSpan = (v: Json | undefined): v is Span & { [key: string]: Json } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && typeof v.exact === "string";
const ALL = [
  "people",
  "organizations",
  "places",
  "events",
  "quotes",
  "claims",
  "reviews",
  "citations",
  "sources",
];

/** Every span of the data in this source, with the layer the page should draw it in. */
function expectedSpans(): Expected[] {
  const found: Expected[] = [];
  const add = (layer: string, record: string, span: Json | undefined) => {
    if (isSpan(span) && span.source === SOURCE)
      found.push({ layer, record, start: span.start, end: span.end });
  };
  const mentionLayers: Record<string, string> = {
    people: "Person",
    organizations: "Organization",
    places: "Place",
    events: "Event",
  };
  for (const [collection, layer] of Object.entries(mentionLayers))
    for (const r of records(collection))
      for (const m of r.mentions as { span: Json }[]) add(layer, String(r.id), m.span);
  for (const r of records("quotes")) {
    add("Quote", String(r.id), r.text);
    add("Attribution cues", String(r.id), r.cue);
    add("Who is quoted", String(r.id), r.speaker_span);
  }
  for (const r of records("claims")) {
    add("Claim", String(r.id), r.text);
    add("Attribution cues", String(r.id), r.cue);
    for (const hedge of r.hedges as Json[]) add("Hedges", String(r.id), hedge);
  }
  for (const r of records("sources")) add("Titles", String(r.id), r.title);
  // Provenance anywhere: an object with a `basis` and a `span`.
  const walk = (value: Json, id: string) => {
    if (Array.isArray(value)) for (const v of value) walk(v, id);
    else if (typeof value === "object" && value !== null) {
      if (typeof value.basis === "string") add("Where a fact is stated", id, value.span);
      for (const v of Object.values(value)) walk(v as Json, id);
    }
  };
  for (const collection of ALL) for (const r of records(collection)) walk(r, String(r.id));
  return found;
}

const key = (e: Expected) => `${e.layer}|${e.record}|${e.start}|${e.end}`;

let session: Session;
const errors: string[] = [];
const requests: string[] = [];

async function open(
  url: string,
  options: { width?: number; height?: number; dark?: boolean } = {},
): Promise<Page> {
  const page = await session.context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${url}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${url}: ${e.message}`));
  page.on("request", (r) => requests.push(r.url()));
  await page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 900 });
  await page.emulateMedia({ colorScheme: options.dark ? "dark" : "light", media: "screen" });
  await page.goto(url);
  return page;
}

/** What the page shows: its text, and for each highlight its layer, record, offsets and words in the DOM. */
interface Shown {
  text: string;
  highlights: {
    layer: string;
    record: string;
    start: number;
    end: number;
    domStart: number;
    domText: string;
    contiguous: boolean;
  }[];
  counts: Record<string, number>;
}

const SHOWN = `(() => {
  const article = document.getElementById("_text");
  const data = JSON.parse(document.getElementById("_data").textContent);
  const segments = [];
  let offset = 0;
  let text = "";
  for (const node of article.childNodes) {
    // What the script adds (claim brackets, verdicts) is not part of the text.
    if (node.nodeType === 1 && node.hasAttribute("data-added")) continue;
    const words = node.textContent;
    text += words;
    const length = [...words].length;
    if (node.nodeType === 1 && node.classList.contains("h")) segments.push({ start: offset, words, ids: node.dataset.h.split(" ").map(Number) });
    offset += length;
  }
  const highlights = data.highlights.map((h, i) => {
    const mine = segments.filter((s) => s.ids.includes(i));
    let contiguous = true;
    let cursor = mine[0] ? mine[0].start : -1;
    for (const s of mine) { if (s.start !== cursor) contiguous = false; cursor = s.start + [...s.words].length; }
    return { layer: data.layers[h[0]].label, record: h[2], start: h[3], end: h[4],
      domStart: mine[0] ? mine[0].start : -1, domText: mine.map((s) => s.words).join(""), contiguous };
  });
  const counts = {};
  for (const input of document.querySelectorAll("input[data-layer]:not([data-category])")) {
    const label = data.layers[Number(input.dataset.layer)].label;
    counts[label] = Number(document.querySelector('[data-count-layer="' + input.dataset.layer + '"]').textContent);
  }
  return { text, highlights, counts };
})()`;

beforeAll(async () => {
  session = await openBrowser();
}, SLOW);

afterAll(async () => {
  await session?.close();
}, SLOW);

describe("the annotated page, in Chromium", { timeout: SLOW }, () => {
  it("shows the source text exactly as stored, no-break spaces and curly quotes included", async () => {
    const page = await open(PAGE);
    const shown = (await page.evaluate(SHOWN)) as Shown;
    expect(text).toMatch(/\u00a0/);
    expect(text).toMatch(/[“”’]/);
    expect(shown.text).toBe(text);
    await page.close();
  });

  it("highlights every span of the data, in its layer, over exactly its characters", async () => {
    const page = await open(PAGE);
    const shown = (await page.evaluate(SHOWN)) as Shown;
    const expected = expectedSpans();
    expect(shown.highlights.map(key).sort()).toEqual(expected.map(key).sort());
    for (const h of shown.highlights) {
      const where = `${h.layer} ${h.record} [${h.start}, ${h.end})`;
      expect(h.domText, where).toBe(codePoints.slice(h.start, h.end).join(""));
      expect(h.domStart, where).toBe(h.start);
      expect(h.contiguous, where).toBe(true);
    }
    // Each layer: as many highlights in the text, and in its legend count, as the data has spans.
    const byLayer = (list: { layer: string }[]) =>
      list.reduce<Record<string, number>>((n, { layer }) => {
        n[layer] = (n[layer] ?? 0) + 1;
        return n;
      }, {});
    const want = byLayer(expected);
    expect(byLayer(shown.highlights.filter((h) => h.domText !== ""))).toEqual(want);
    for (const [layer, n] of Object.entries(shown.counts)) expect(n, layer).toBe(want[layer] ?? 0);
    await page.close();
  });

  it("selects the record a deep link names, marks its words and shows its details", async () => {
    const claim = records("claims").find((c) => records("reviews").some((r) => r.claim === c.id));
    if (!claim || !isSpan(claim.text)) throw new Error("the data has no reviewed claim");
    const page = await open(`${PAGE}#${claim.id}`);
    await expect
      .poll(() => page.locator("#_details h3").textContent())
      .toBe(`“${claim.text.exact}”`);
    const selected = await page.locator("#_text .h.sel").allTextContents();
    expect(selected.join("")).toBe(claim.text.exact);
    expect(await page.locator("#_details").textContent()).toContain(String(claim.id));
    await page.close();
  });

  it("reaches every record of the source, including events and places the text only refers to", async () => {
    const page = await open(PAGE);
    const linked = new Set(
      await page
        .locator(".records a")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href"))),
    );
    const index = await open(INDEX);
    const unplaced = new Set(
      await index.locator("details[id]").evaluateAll((list) => list.map((d) => d.id)),
    );
    for (const collection of ALL)
      for (const r of records(collection))
        expect(linked.has(`#${r.id}`) || unplaced.has(String(r.id)), String(r.id)).toBe(true);
    // An event with no mention in the text opens from its link like any other record.
    const unmentioned = records("events").find((e) => (e.mentions as Json[]).length === 0);
    if (!unmentioned) throw new Error("every event is mentioned: pick another test record");
    await page.locator(`.records a[href="#${unmentioned.id}"]`).first().dispatchEvent("click");
    await expect.poll(() => page.locator("#_details h3").textContent()).toBe(unmentioned.name);
    await page.close();
    await index.close();
  });

  it("brings the details' heading into view for every record selected, at 1280×900", {
    timeout: 3 * SLOW,
  }, async () => {
    const page = await open(PAGE);
    // A link to each record outside the panel (from the lists and the timeline), clicked in turn.
    const misses = (await page.evaluate(`(async () => {
      const misses = [];
      for (const d of document.querySelectorAll("details")) d.open = true;
      const seen = new Set();
      const links = [...document.querySelectorAll("a[href^='#']:not([href^='#_'])")].filter((a) => {
        const href = a.getAttribute("href");
        if (a.closest("#_details") || seen.has(href)) return false;
        seen.add(href);
        return true;
      });
      for (const link of links) {
        link.scrollIntoView({ block: "center" });
        if (location.hash !== link.getAttribute("href")) {
          const changed = new Promise((resolve) => addEventListener("hashchange", resolve, { once: true }));
          link.click();
          await changed;
        }
        const heading = document.querySelector("#_details h3");
        const box = heading ? heading.getBoundingClientRect() : null;
        if (!box || box.top < 0 || box.bottom > innerHeight)
          misses.push(link.getAttribute("href") + " " + (box ? box.top : "no heading"));
      }
      return [links.length, misses];
    })()`)) as [number, string[]];
    expect(misses[0]).toBeGreaterThan(100);
    expect(misses[1]).toEqual([]);
    await page.close();
  });

  it("keeps the selected passage above the sheet on a phone, from a link and from the panel", {
    timeout: 3 * SLOW,
  }, async () => {
    const page = await open(PAGE, { width: 390, height: 844 });
    const claims = records("claims").map((c) => String(c.id));
    const covered = async () =>
      page.evaluate(`(() => {
        const sheet = document.getElementById("_details").getBoundingClientRect().top;
        const words = [...document.querySelectorAll("#_text .h.sel")].map((s) => s.getBoundingClientRect());
        if (words.length === 0) return "nothing selected";
        const top = Math.min(...words.map((b) => b.top));
        const bottom = Math.max(...words.map((b) => b.bottom));
        return top >= 0 && bottom <= sheet ? null : top + ".." + bottom + " under a sheet at " + sheet;
      })()`);
    for (const id of claims) {
      await page.evaluate(`location.hash = ${JSON.stringify(`#${id}`)}`);
      await expect.poll(() => page.locator("#_details h3").count()).toBe(1);
      expect(await covered(), id).toBeNull();
      // Scrolled away, then brought back with the panel's own button.
      await page.evaluate("window.scrollTo(0, 0)");
      await page.locator("#_details button", { hasText: "show in the text" }).first().click();
      expect(await covered(), `${id}, show in the text`).toBeNull();
    }
    await page.close();
  });

  it("shows a claim's verdict in words, beside the passage, and its review with links", async () => {
    const reviews = records("reviews");
    const review = reviews.find((r) => r.verdict !== "accurate") ?? reviews[0];
    const claim = records("claims").find((c) => c.id === review?.claim);
    if (!review || !claim || !isSpan(claim.text)) throw new Error("no reviewed claim");
    const page = await open(`${PAGE}#${claim.id}`);
    const details = page.locator("#_details");
    await expect
      .poll(() => details.locator(".verdict-tag").first().textContent())
      .toBe(String(review.verdict).replaceAll("-", " "));
    expect(await details.locator(".review").textContent()).toContain(String(review.explanation));
    const citationLinks = await details
      .locator(".review a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    for (const { citation } of review.evidence as { citation: string }[])
      expect(citationLinks).toContain(`#${citation}`);
    // The badge after the passage names the verdict; its fill has a pattern, not a colour alone.
    const badges = await page.locator("#_text .vb").allTextContents();
    expect(badges).toContain(`Verdict: ${String(review.verdict).replaceAll("-", " ")}. `);
    const patterned = await page
      .locator("#_text .h.verdict")
      .evaluateAll(
        (list) => list.filter((s) => getComputedStyle(s).backgroundImage !== "none").length,
      );
    expect(patterned).toBeGreaterThan(0);
    await page.close();
  });

  it("reads like a fact-check: claim, claimant, verdict, reasoning, evidence with links to the quoted words", async () => {
    const page = await open(PAGE);
    const byId = new Map(
      ["claims", "citations", "people", "organizations", "sources"].flatMap((c) =>
        records(c).map((r) => [String(r.id), r] as const),
      ),
    );
    for (const review of records("reviews")) {
      const claim = byId.get(String(review.claim));
      if (!claim || !isSpan(claim.text)) throw new Error(`no claim for ${review.id}`);
      await page.evaluate(`location.hash = ${JSON.stringify(`#${claim.id}`)}`);
      await expect
        .poll(() => page.locator("#_details h3").textContent())
        .toBe(`“${claim.text.exact}”`);
      const panel = String(await page.locator("#_details-body").textContent());
      const claimant = byId.get(String(claim.claimant));
      const order = [
        claim.text.exact,
        "said by",
        String(claimant?.name ?? (isSpan(claimant?.title) ? claimant.title.exact : "")),
        String(review.verdict).replaceAll("-", " "),
        String(review.explanation),
        ...(review.evidence as { locator: string; finding: string }[]).flatMap((e) => [
          e.locator,
          e.finding,
        ]),
      ];
      let at = 0;
      for (const part of order) {
        const next = panel.indexOf(part, at);
        expect(next, `${claim.id}: "${part}" after position ${at}`).toBeGreaterThanOrEqual(at);
        at = next + part.length;
      }
      // Each piece of evidence opens its source; at the quoted words where they are recorded.
      const hrefs = await page
        .locator("#_details .review .open-source a")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
      const expected = (review.evidence as { citation: string; quoted?: string }[]).flatMap((e) => {
        const url = byId.get(e.citation)?.url;
        if (typeof url !== "string") return [];
        if (!e.quoted) return [url];
        const words = encodeURIComponent(e.quoted).replaceAll("-", "%2D");
        return [`${url}${url.includes("#") ? "" : "#"}:~:text=${words}`];
      });
      expect(hrefs, String(review.id)).toEqual(expected);
      // Ids are kept out of the way: at the foot of the panel, not in its heading or first lines.
      expect(panel.slice(0, 200)).not.toContain(String(claim.id));
    }
    // A person's summary comes straight after the heading.
    const person = records("people").find((p) => (p.mentions as Json[]).length > 0 && p.summary);
    if (!person) throw new Error("no person with a summary");
    await page.evaluate(`location.hash = ${JSON.stringify(`#${person.id}`)}`);
    await expect.poll(() => page.locator("#_details h3").textContent()).toBe(person.name);
    expect(await page.locator("#_details h3 ~ p.summary").first().textContent()).toBe(
      person.summary,
    );
    // A trusted Wikidata id is a link.
    const trusted = (
      person.identifiers as { scheme: string; identifier: string; confidence: string }[]
    )
      .filter((i) => i.scheme === "wikidata" && i.confidence === "high")
      .map((i) => `https://www.wikidata.org/entity/${i.identifier}`);
    const outLinks = await page
      .locator("#_details a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    for (const href of trusted) expect(outLinks).toContain(href);
    await page.close();
  });

  it("shows a review's corrections under its verdict, newest first: the day in words and the verdict replaced", async () => {
    type Correction = { date: string; previous_verdict?: string; what: string; why: string };
    const review = records("reviews").find((r) =>
      ((r.corrections ?? []) as Correction[]).some((c) => c.previous_verdict),
    );
    if (!review) throw new Error("no review with a corrected verdict");
    const corrections = review.corrections as Correction[];
    const inWords = (day: string) =>
      new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", {
        timeZone: "UTC",
        day: "numeric",
        month: "long",
        year: "numeric",
      });
    const page = await open(`${PAGE}#${review.claim}`);
    const items = page.locator("#_details .review .corrections li");
    await expect.poll(() => items.count()).toBe(corrections.length);
    const newestFirst = [...corrections].reverse();
    const headline = (c: Correction) =>
      `Corrected ${inWords(c.date)}${c.previous_verdict ? `: was ${c.previous_verdict.replaceAll("-", " ")}` : ""}`;
    expect(await items.locator("strong").allTextContents()).toEqual(newestFirst.map(headline));
    // What changed on the line; why, under "Why", opened on demand.
    expect(await items.allTextContents()).toEqual(
      newestFirst.map((c) => `${headline(c)} ${c.what}Why${c.why}`),
    );
    expect(await items.first().locator("details summary").textContent()).toBe("Why");
    // Right under the verdict, before the reasoning.
    const text = String(await page.locator("#_details .review").first().textContent());
    const verdictAt = text.indexOf(String(review.verdict).replaceAll("-", " "));
    const correctedAt = text.indexOf("Corrected ");
    expect(verdictAt).toBeGreaterThanOrEqual(0);
    expect(correctedAt).toBeGreaterThan(verdictAt);
    expect(text.indexOf(String(review.explanation))).toBeGreaterThan(correctedAt);
    await page.close();
  });

  it("announces only the selection and its verdict, and keeps the focus on the panel", async () => {
    const review = records("reviews")[0];
    const page = await open(PAGE);
    expect(await page.locator("#_details [aria-live], #_details[aria-live]").count()).toBe(0);
    await page.evaluate(`location.hash = ${JSON.stringify(`#${review?.claim}`)}`);
    await expect
      .poll(() => page.locator("#_announce").textContent())
      .toMatch(
        new RegExp(`^Claim: .*\\. Verdict: ${String(review?.verdict).replaceAll("-", " ")}\\.$`),
      );
    expect(await page.locator("#_announce").getAttribute("aria-live")).toBe("polite");
    // Following a link in the panel: the focus goes to the new heading, not to the page's top.
    await page.locator("#_details .review a[href^='#']").first().focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() =>
        page.evaluate(`document.activeElement === document.querySelector("#_details h3")`),
      )
      .toBe(true);
    await page.close();
  });

  it("lists every claim at a glance, filtered by verdict and kind, each row a link into the text", async () => {
    const page = await open(PAGE);
    const claims = records("claims");
    const reviews = records("reviews");
    const rows = page.locator("#_claims tbody tr");
    expect(await rows.count()).toBe(claims.length);
    const shown = () =>
      page
        .locator("#_claims tbody tr:not([hidden]) td:first-child a")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    const verdictOf = (id: Json | undefined) => reviews.find((r) => r.claim === id)?.verdict;
    for (const verdict of new Set(reviews.map((r) => String(r.verdict)))) {
      await page
        .locator("select[data-filter=verdict]")
        .selectOption({ label: verdict.replaceAll("-", " ") });
      const want = claims.filter((c) => verdictOf(c.id) === verdict).map((c) => `#${c.id}`);
      expect((await shown()).sort(), verdict).toEqual(want.sort());
      expect(await page.locator("#_claims-count").textContent()).toBe(
        `${want.length} of ${claims.length} shown`,
      );
    }
    await page.locator("select[data-filter=verdict]").selectOption({ label: "any" });
    await page.locator("select[data-filter=kind]").selectOption("opinion");
    const opinions = claims.filter((c) => c.kind === "opinion").map((c) => `#${c.id}`);
    expect((await shown()).sort()).toEqual(opinions.sort());
    // A row's link selects its claim.
    const first = (await shown())[0];
    await page.locator("#_claims tbody tr:not([hidden]) td:first-child a").first().click();
    await expect.poll(() => page.evaluate("location.hash")).toBe(first);
    await expect.poll(() => page.locator("#_text .h.sel").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("embeds one ClaimReview for each review on the page", async () => {
    const page = await open(PAGE);
    const counts = (await page.evaluate(`(() => {
      const data = JSON.parse(document.getElementById("_data").textContent);
      const reviews = Object.values(data.meta).filter(([c]) => c === data.verdict.collection).length;
      const graph = JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)["@graph"];
      return [reviews, graph.filter((n) => n["@type"] === "ClaimReview").length];
    })()`)) as [number, number];
    expect(counts[0]).toBe(records("reviews").length);
    expect(counts[1]).toBe(counts[0]);
    await page.close();
  });

  it("previews a highlight on hover and on keyboard focus, with its verdict", async () => {
    const review = records("reviews")[0];
    const claim = records("claims").find((c) => c.id === review?.claim);
    if (!review || !claim || !isSpan(claim.text)) throw new Error("no reviewed claim");
    const page = await open(PAGE);
    const preview = page.locator("#_preview");
    const segment = page.locator("#_text .h.on").nth(5);
    await segment.scrollIntoViewIfNeeded();
    await segment.hover();
    await expect.poll(() => preview.isVisible()).toBe(true);
    const labels = ["Person", "Place", "Organization", "Event", "Claim", "Quote"];
    const said = String(await preview.textContent());
    expect(
      labels.some((l) => said.startsWith(l)),
      said,
    ).toBe(true);
    // Keyboard: the first stop in the article, its preview named as its description.
    await page.locator("#_text [tabindex='0']").focus();
    await expect.poll(() => preview.isVisible()).toBe(true);
    expect(await page.evaluate(`document.activeElement.getAttribute("aria-describedby")`)).toBe(
      "_preview",
    );
    await page.keyboard.press("Escape");
    await expect.poll(() => preview.isVisible()).toBe(false);
    // A reviewed claim's preview names its verdict.
    await page.evaluate(`(() => {
      const data = JSON.parse(document.getElementById("_data").textContent);
      const h = data.highlights.findIndex((x) => x[2] === ${JSON.stringify(claim.id)} && data.layers[x[0]].style === "fill");
      const seg = [...document.querySelectorAll("#_text .h")].find((s) => {
        const hs = s.dataset.h.split(" ").map(Number).filter((i) => data.layers[data.highlights[i][0]].on);
        return hs.includes(h) && hs.every((i) => i === h || data.highlights[i][4] - data.highlights[i][3] > data.highlights[h][4] - data.highlights[h][3]);
      });
      seg.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    })()`);
    expect(await preview.textContent()).toContain(String(review.verdict).replaceAll("-", " "));
    await page.close();
  });

  it("offers a link to the selected record, and for a selected passage its link and span JSON", async () => {
    const claim = records("claims").find((c) => isSpan(c.text) && c.text.start > 500);
    if (!claim || !isSpan(claim.text)) throw new Error("no claim");
    const page = await open(`${PAGE}#${claim.id}`);
    await page.locator("#_details button", { hasText: "Copy link" }).click();
    const address = `${PAGE}#${claim.id}`;
    await expect
      .poll(async () =>
        (await page.locator("#_details .copy").textContent()) === "Link copied"
          ? await page.evaluate("navigator.clipboard.readText()").catch(() => address)
          : await page.locator("#_details input[readonly]").inputValue(),
      )
      .toBe(address);
    // Select the claim's words in the article, as a reader would with the mouse.
    await page.evaluate(`(() => {
      const data = JSON.parse(document.getElementById("_data").textContent);
      const h = data.highlights.findIndex((x) => x[2] === ${JSON.stringify(claim.id)} && data.layers[x[0]].style === "fill");
      const segs = [...document.querySelectorAll("#_text .h")].filter((s) => s.dataset.h.split(" ").includes(String(h)));
      const range = document.createRange();
      range.setStart(segs[0].firstChild, 0);
      range.setEnd(segs.at(-1).firstChild, segs.at(-1).firstChild.length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    })()`);
    await page.locator("#_passage").waitFor();
    const shown = JSON.parse(String(await page.locator("#_passage-json").textContent()));
    // What npm run span prints for the same words (the occurrence at the same place).
    const printed = await call(spanCommand, [claim.text.exact, "--source", SOURCE]);
    const start = claim.text.start;
    const spans = printed.stdout
      .split(/\n(?=\{)/)
      .map((s) => JSON.parse(s) as Span)
      .filter((s) => s.start === start);
    expect(shown).toEqual(spans[0]);
    expect(await page.locator("#_passage-link").getAttribute("href")).toBe(
      `#:~:text=${encodeURIComponent(claim.text.exact).replaceAll("-", "%2D")}`,
    );
    await page.close();
  });

  it("keeps legend rows beside their labels, gives every layer its own colour, and prints cleanly", async () => {
    const page = await open(`${PAGE}#${records("reviews")[0]?.claim}`);
    await page.locator("#_details h3").waitFor();
    // Every item of a legend group starts right of the group's label, wrapped or not.
    const under =
      await page.evaluate(`[...document.querySelectorAll("fieldset.group")].flatMap((g) => {
      const edge = g.querySelector("legend").getBoundingClientRect().right;
      return [...g.querySelectorAll(".items > *")].filter((i) => i.getBoundingClientRect().left < edge).map((i) => i.textContent.trim());
    })`);
    expect(under).toEqual([]);
    expect(await page.locator("fieldset.group .items > *").count()).toBeGreaterThan(10);
    const colours = (await page.evaluate(`(() => {
      const data = JSON.parse(document.getElementById("_data").textContent);
      const root = getComputedStyle(document.documentElement);
      return data.layers.map((_, i) => root.getPropertyValue("--L" + i).trim());
    })()`)) as string[];
    expect(new Set(colours).size).toBe(colours.length);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#_details button:visible").count()).toBe(0);
    const printed = await page
      .locator("#_details a[href^='http']")
      .first()
      .evaluate((a) => getComputedStyle(a, "::after").content);
    expect(printed).toContain("http");
    await page.close();
    // Records on no page: their fields in words, not raw JSON.
    const index = await open(INDEX);
    expect(await index.locator("details[id]").count()).toBeGreaterThan(0);
    expect(await index.locator("pre").count()).toBe(0);
    expect(await index.locator("details[id] dt").first().textContent()).toMatch(/^[A-Z]/);
    await index.close();
  });

  it("finds words in the article, read loosely, without touching the text", async () => {
    const page = await open(PAGE);
    const word = "geneva";
    const expected = text.toLowerCase().split(word).length - 1;
    expect(expected).toBeGreaterThan(1);
    await page.locator("#_find").fill("Geneva");
    await expect.poll(() => page.locator("#_find-count").textContent()).toBe(`1 of ${expected}`);
    expect(await page.evaluate(`CSS.highlights.get("find").size`)).toBe(expected);
    await page.locator("#_find").press("Enter");
    expect(await page.locator("#_find-count").textContent()).toBe(`2 of ${expected}`);
    // Typed with a straight apostrophe, found with the text's curly one.
    const curly = /\w+’\w+/.exec(text)?.[0];
    if (!curly) throw new Error("the text has no curly apostrophe");
    await page.locator("#_find").fill(curly.replace("’", "'"));
    await expect.poll(() => page.locator("#_find-count").textContent()).toMatch(/^1 of \d+$/);
    const shown = (await page.evaluate(SHOWN)) as Shown;
    expect(shown.text).toBe(text);
    await page.close();
  });

  it("shows every reviewed claim's verdict over every one of its words, overlaps included", async () => {
    const page = await open(PAGE);
    const claims = new Map(records("claims").map((c) => [String(c.id), c]));
    const reviews = records("reviews");
    expect(reviews.length).toBeGreaterThan(0);
    let overlapping = 0;
    for (const review of reviews) {
      const claim = claims.get(String(review.claim));
      if (!claim || !isSpan(claim.text)) throw new Error(`no claim for ${review.id}`);
      const found = (await page.evaluate(`((id, verdict) => {
        const data = JSON.parse(document.getElementById("_data").textContent);
        const v = data.verdict.values.findIndex((x) => x.value === verdict);
        // The colour the verdict's fill computes to, from a probe styled with it.
        const probe = document.createElement("span");
        probe.style.backgroundColor = "var(--vf" + v + ")";
        document.body.append(probe);
        const colour = getComputedStyle(probe).backgroundColor;
        probe.remove();
        const h = data.highlights.findIndex((x) => x[2] === id && data.layers[x[0]].style === "fill");
        const words = [...document.querySelectorAll("#_text .h")].filter((s) => s.dataset.h.split(" ").includes(String(h)));
        const bare = words.filter((s) => !(s.dataset.verdicts || "").split(" ").includes(verdict)
          || !getComputedStyle(s).backgroundImage.includes(colour)).map((s) => s.textContent);
        const shared = words.filter((s) => (s.dataset.verdicts || "").split(" ").length > 1).length;
        const end = document.querySelector('#_text .cm-end[data-for="' + h + '"] .vb');
        const start = document.querySelector('#_text .cm-start[data-for="' + h + '"]');
        return { text: words.map((s) => s.textContent).join(""), bare, shared,
          badge: end ? end.textContent : null, bracket: start !== null && start.nextElementSibling === words[0] };
      })(${JSON.stringify(String(claim.id))}, ${JSON.stringify(String(review.verdict))})`)) as {
        text: string;
        bare: string[];
        shared: number;
        badge: string | null;
        bracket: boolean;
      };
      expect(found.text, String(claim.id)).toBe(claim.text.exact);
      expect(found.bare, String(claim.id)).toEqual([]);
      expect(found.badge, String(claim.id)).toContain(String(review.verdict).replaceAll("-", " "));
      expect(found.bracket, String(claim.id)).toBe(true);
      if (found.shared > 0) overlapping++;
    }
    // The data has reviewed claims that overlap other claims: the case this is about.
    expect(overlapping).toBeGreaterThan(0);
    await page.close();
  });

  it("reads aloud each verdict as a phrase of its own, after the claim's end", async () => {
    const page = await open(PAGE);
    const spoken = await page.locator("#_text").ariaSnapshot();
    const words = [...new Set(records("reviews").map((r) => String(r.verdict)))];
    const phrase = new RegExp(
      `Claim end\\. Verdict: (${words.map((w) => w.replaceAll("-", " ")).join("|")})\\b`,
      "g",
    );
    expect(spoken.match(phrase)?.length).toBe(records("reviews").length);
    // Nothing added is fused to a word of the text, and no verdict is read as a bare code.
    expect(spoken).not.toMatch(/[\p{L}\p{N}](Claim start|Claim end|Verdict:)/u);
    for (const w of words.filter((w) => w.includes("-"))) expect(spoken).not.toContain(w);
    // A button's name is its own words: nothing is hidden behind a label.
    expect(await page.locator("#_text [aria-label]").count()).toBe(0);
    await page.close();
  });

  it("hides and shows a layer, a category and the verdicts when their boxes are switched", async () => {
    const page = await open(PAGE);
    const person = page.locator("label", { hasText: "Person" }).locator("input").first();
    const personOnly = records("people").flatMap((p) =>
      (p.mentions as { span: Span }[]).map((m) => m.span),
    );
    // A segment where only a person mention shows (the other layers covering it start hidden).
    const lone = await page.evaluate(`(() => {
      const data = JSON.parse(document.getElementById("_data").textContent);
      const person = data.layers.findIndex((l) => l.label === "Person");
      const segs = [...document.querySelectorAll("#_text .h")];
      const i = segs.findIndex((s) => {
        const layers = s.dataset.h.split(" ").map((h) => data.highlights[Number(h)][0]);
        return layers.includes(person) && layers.every((l) => l === person || !data.layers[l].on);
      });
      return i;
    })()`);
    expect(personOnly.length).toBeGreaterThan(0);
    expect(lone).toBeGreaterThanOrEqual(0);
    const segment = page.locator("#_text .h").nth(Number(lone));
    const shadow = () => segment.evaluate((s) => getComputedStyle(s).boxShadow);
    expect(await shadow()).not.toBe("none");
    await person.uncheck();
    expect(await shadow()).toBe("none");
    expect(await segment.getAttribute("class")).toContain("off");
    await person.check();
    expect(await shadow()).not.toBe("none");

    const filled = () => page.locator("#_text .h.fill").count();
    const allFilled = await filled();
    const opinion = page.locator("label.cat", { hasText: "opinion" }).locator("input");
    await opinion.uncheck();
    expect(await filled()).toBeLessThan(allFilled);
    await opinion.check();
    expect(await filled()).toBe(allFilled);

    const badges = () => page.locator("#_text .vb").count();
    expect(await badges()).toBeGreaterThan(0);
    await page.locator("input[data-verdicts]").uncheck();
    expect(await badges()).toBe(0);
    expect(await page.locator("#_text .h.verdict").count()).toBe(0);
    await page.locator("input[data-verdicts]").check();
    expect(await badges()).toBeGreaterThan(0);
    await page.close();
  });

  it("moves between highlights with the keyboard, with a visible focus, and opens and closes one", async () => {
    const page = await open(PAGE);
    let inArticle = false;
    for (let i = 0; i < 80 && !inArticle; i++) {
      await page.keyboard.press("Tab");
      inArticle = (await page.evaluate(
        `document.activeElement?.closest("#_text") !== null`,
      )) as boolean;
    }
    expect(inArticle, "Tab reaches the article").toBe(true);
    const focused = () => page.evaluate(`document.activeElement.textContent`);
    const first = await focused();
    await page.keyboard.press("ArrowRight");
    const second = await focused();
    expect(second).not.toBe(first);
    expect(await page.evaluate(`getComputedStyle(document.activeElement).outlineStyle`)).not.toBe(
      "none",
    );
    expect(await page.evaluate(`document.activeElement.getAttribute("role")`)).toBe("button");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#_details h3").count()).toBe(1);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#_details h3").count()).toBe(0);
    expect(await focused()).toBe(second);
    await page.close();
  });

  it("draws an EDTF range as a bar, hatched where only the range is known", async () => {
    const page = await open(PAGE);
    const events = records("events");
    const dated = events.filter((e) => e.start_date);
    expect(await page.locator(".tl-rows li").count()).toBe(dated.length);
    expect(await page.locator(".tl-undated li").count()).toBe(events.length - dated.length);
    const ranged = dated.find(
      (e) =>
        typeof e.start_date === "object" &&
        e.start_date !== null &&
        !Array.isArray(e.start_date) &&
        e.start_date.precision === "interval",
    );
    if (!ranged) throw new Error("no event dated by an interval");
    const row = page.locator(".tl-rows li", { has: page.locator(`a[href="#${ranged.id}"]`) });
    const part = row.locator(".tl-range");
    expect(await part.count()).toBe(1);
    const [width, day] = await Promise.all([
      part.evaluate((p) => p.getBoundingClientRect().width),
      page
        .locator(".tl-exact")
        .first()
        .evaluate((p) => p.getBoundingClientRect().width),
    ]);
    expect(width).toBeGreaterThan(day);
    await page.close();
  });

  it("fits 320 px without sideways scrolling, prints without its controls, and follows a dark scheme", async () => {
    const narrow = await open(PAGE, { width: 320 });
    expect(
      await narrow.evaluate(
        `document.documentElement.scrollWidth <= document.documentElement.clientWidth`,
      ),
    ).toBe(true);
    await narrow.locator("#_text .h.on").first().click();
    expect(await narrow.locator("#_details").isVisible()).toBe(true);
    await narrow.emulateMedia({ media: "print" });
    expect(await narrow.locator(".controls").isVisible()).toBe(false);
    expect(await narrow.locator("#_text").isVisible()).toBe(true);
    await narrow.close();
    const background = (page: Page) =>
      page.evaluate(`getComputedStyle(document.body).backgroundColor`);
    const [light, dark] = [await open(PAGE), await open(PAGE, { dark: true })];
    expect(await background(light)).toBe("rgb(255, 255, 255)");
    expect(await background(dark)).not.toBe("rgb(255, 255, 255)");
    await light.close();
    await dark.close();
  });

  const reviewedClaim = records("reviews")[0]?.claim;
  /** States of the pages: how one is opened, and what is done to it before the check. */
  const STATES: [string, string, Parameters<typeof open>[1], ((page: Page) => Promise<void>)?][] = [
    ["opened", PAGE, {}],
    ["a claim selected", `${PAGE}#${reviewedClaim}`, {}],
    ["a claim selected, dark", `${PAGE}#${reviewedClaim}`, { dark: true }],
    ["a claim selected, phone", `${PAGE}#${reviewedClaim}`, { width: 390, height: 844 }],
    ["320 px", PAGE, { width: 320 }],
    [
      "the claims filtered",
      PAGE,
      {},
      async (page) => {
        await page.locator("select[data-filter=kind]").selectOption("factual");
        await page.locator("#_claims").scrollIntoViewIfNeeded();
      },
    ],
    [
      "a search, a preview and a selected passage",
      PAGE,
      { width: 390, height: 844 },
      async (page) => {
        await page.locator("#_find").fill("Geneva");
        await page.locator("#_text [tabindex='0']").focus();
        await page.evaluate(`(() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelectorAll("#_text .h")[20]);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        })()`);
        await page.locator("#_passage").waitFor();
      },
    ],
    ["index", INDEX, {}],
    ["index, dark", INDEX, { dark: true }],
  ];
  it.each(STATES)(
    "has no accessibility violation of any impact (axe-core): %s",
    async (_, url, options, act) => {
      const page = await open(url, options);
      if (url.includes("#")) await page.locator("#_details h3").waitFor();
      await act?.(page);
      await page.evaluate(AXE);
      const violations =
        (await page.evaluate(`axe.run(document, { preload: false, resultTypes: ["violations"] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) })))`)) as unknown[];
      expect(violations).toEqual([]);
      await page.close();
    },
  );

  it("logs no console error and requests nothing but the site's own files", async () => {
    // This test's own visit, on top of every page the tests above opened and used.
    const page = await open(`${PAGE}#${records("claims")[0]?.id}`);
    await page.locator("#_text .h.on").first().click();
    await page.locator("label", { hasText: "Person" }).locator("input").first().uncheck();
    await page.locator("#_details a").first().click();
    await page.close();
    await (await open(INDEX)).close();
    expect(errors).toEqual([]);
    const own = new Set(
      ["index.html", `${SOURCE}.html`, "site.css", "site.js"].map(
        (f) => pathToFileURL(join(SITE, f)).href,
      ),
    );
    const strange = requests.map((url) => url.split("#")[0] ?? url).filter((url) => !own.has(url));
    expect(requests.length).toBeGreaterThan(0);
    expect(strange).toEqual([]);
  });
});
