// @ts-check
import { dateInWords } from "../../../lib/date-words.mjs";
import { spanObject } from "../../../lib/span-object.mjs";

// The annotated page's script: draws the layers, switches them, and shows a record's details
// when a highlight is selected (mouse, keyboard, or a link to #<record id>). It reads everything
// from the JSON in #_data; it loads nothing and sends nothing.

/**
 * @typedef {{ value: string, description?: string }} Category
 * @typedef {{ key: string, label: string, description: string, group: string,
 *   style: "underline" | "overline" | "fill" | "outline", on: boolean,
 *   categoryField?: string, categories: Category[] }} Layer
 * @typedef {{ kind: "span" | "ref" | "uri" | "enum" | "date" | "value", description?: string,
 *   values?: Category[], source?: string, exact?: string, roles?: string[],
 *   sameAs?: { prefix: string, pick: string, where: JsonMap } }} FieldInfo
 * @typedef {[number, number, string, number, number, string]} Mark
 * @typedef {null | boolean | number | string | JsonList | JsonMap} Json
 * @typedef {Array<Json>} JsonList
 * @typedef {{ [key: string]: Json }} JsonMap
 * @typedef {{ source: string, layers: Layer[],
 *   verdict: { collection: string, field: string,
 *     values: (Category & { scale: number | null })[] } | null,
 *   highlights: Mark[], collections: Record<string, string>,
 *   records: Record<string, { [key: string]: Json }>, meta: Record<string, [string, string]>,
 *   verdicts: Record<string, [string, number][]>, backrefs: Record<string, [string, string][]>,
 *   fields: Record<string, Record<string, FieldInfo>> }} PageData
 */

(() => {
  const dataElement = document.getElementById("_data");
  const textElement = document.getElementById("_text");
  const panelElement = document.getElementById("_details");
  const bodyElement = document.getElementById("_details-body");
  if (!dataElement || !textElement || !panelElement || !bodyElement) return;
  const [text, panel, body] = [textElement, panelElement, bodyElement];
  /** @type {PageData} */
  const data = JSON.parse(dataElement.textContent || "{}");
  const H = data.highlights;
  const layers = data.layers;

  /** @type {HTMLElement[]} */
  const segs = Array.from(text.querySelectorAll(".h"));
  const segIndex = new Map(segs.map((el, i) => [el, i]));
  /** The highlights covering each segment. */
  const segH = segs.map((el) => (el.dataset.h || "").split(" ").filter(Boolean).map(Number));
  /** @type {number[][]} The segments of each highlight, in order. */
  const hSegs = H.map(() => []);
  segH.forEach((list, i) => {
    for (const h of list) hSegs[h]?.push(i);
  });
  /** @type {Map<string, number[]>} The highlights of each record. */
  const recordH = new Map();
  H.forEach((h, i) => {
    recordH.set(h[2], [...(recordH.get(h[2]) || []), i]);
  });
  const length = (/** @type {number} */ h) => (H[h]?.[4] ?? 0) - (H[h]?.[3] ?? 0);

  // What is shown, read from the checkboxes as the page was built.
  const layerOn = layers.map((l) => l.on);
  const categoryOn = layers.map((l) => l.categories.map(() => true));
  let verdictsOn = true;
  const verdictOn = (data.verdict?.values || []).map(() => true);
  /** @type {number[]} First segment of each visible highlight, in reading order: the keyboard stops. */
  let stops = [];
  let current = -1;

  const visible = (/** @type {number} */ h) => {
    const entry = H[h];
    if (!entry) return false;
    const [layer, category] = entry;
    return Boolean(layerOn[layer]) && (category < 0 || Boolean(categoryOn[layer]?.[category]));
  };

  /** The verdict shown for a record, as an index into the verdict values, or -1. */
  const shownVerdict = (/** @type {string} */ id) => {
    if (!verdictsOn) return -1;
    for (const [, v] of data.verdicts[id] || []) if (verdictOn[v]) return v;
    return -1;
  };

  const layerLabel = (/** @type {number} */ h) => {
    const [layer, category, id] = /** @type {Mark} */ (H[h]);
    const l = layers[layer];
    const cat = category >= 0 ? l?.categories[category]?.value : undefined;
    const label = data.meta[id]?.[1] || id;
    const short = label.length > 80 ? `${label.slice(0, 79)}…` : label;
    return `${l?.label || ""}${cat ? ` (${cat})` : ""}: ${short}`;
  };

  /** A verdict's name in words: `mostly-accurate` reads "mostly accurate". */
  const verdictWords = (/** @type {number} */ v) =>
    (data.verdict?.values[v]?.value || "").replaceAll("-", " ").replaceAll("_", " ");

  /**
   * The marks the script adds around each passage drawn as a fill (a claim): a bracket where it
   * starts and one where it ends, and after the end its verdict as words. Each says in hidden
   * words what it is, so the start, the end and the verdict are read aloud as phrases of their own.
   * @param {number} h
   * @param {"start" | "end"} side
   */
  function marker(h, side) {
    const [layer, , id] = /** @type {Mark} */ (H[h]);
    const name = layers[layer]?.label || "";
    const v = shownVerdict(id);
    const mark = el(
      "span",
      { class: `cm cm-${side}${v >= 0 ? ` v${v}` : ""}`, "data-added": "", "data-for": String(h) },
      el(
        "span",
        { class: "visually-hidden" },
        side === "start" ? ` ${name} start. ` : ` ${name} end. `,
      ),
    );
    if (side === "end" && v >= 0)
      mark.append(
        el(
          "span",
          { class: `vb v${v}` },
          el("span", { class: "visually-hidden" }, "Verdict: "),
          verdictWords(v),
          el("span", { class: "visually-hidden" }, ". "),
        ),
      );
    return mark;
  }

  function paint() {
    for (const mark of Array.from(text.querySelectorAll("[data-added]"))) mark.remove();
    const starts = new Set();
    /** @type {number[]} The visible passages drawn as fills. */
    const filled = [];
    H.forEach((entry, h) => {
      if (!visible(h) || hSegs[h]?.[0] === undefined) return;
      starts.add(hSegs[h]?.[0]);
      if (layers[entry[0]]?.style === "fill") filled.push(h);
    });
    segs.forEach((el, i) => {
      const hs = (segH[i] || []).filter(visible);
      /** @type {number[]} */
      const under = [];
      /** @type {number[]} */
      const over = [];
      let outline = -1;
      /** @type {number[]} */
      const fills = [];
      for (const h of hs) {
        const layer = /** @type {Mark} */ (H[h])[0];
        const style = layers[layer]?.style;
        if (style === "underline" && !under.includes(layer)) under.push(layer);
        if (style === "overline" && !over.includes(layer)) over.push(layer);
        if (style === "outline" && outline < 0) outline = layer;
        if (style === "fill") fills.push(h);
      }
      under.sort((a, b) => a - b);
      over.sort((a, b) => a - b);
      el.style.boxShadow = [
        ...under.map((l, k) => `0 ${3 * (k + 1)}px 0 0 var(--L${l})`),
        ...over.map((l, k) => `0 -${3 * (k + 1)}px 0 0 var(--L${l})`),
      ].join(", ");
      el.classList.toggle("o", outline >= 0);
      if (outline >= 0) el.style.setProperty("--o", `var(--L${outline})`);
      else el.style.removeProperty("--o");
      paintFills(el, fills);
      el.classList.toggle("off", hs.length === 0);
      el.classList.toggle("on", hs.length > 0);
      if (starts.has(i)) el.setAttribute("role", "button");
      else {
        el.removeAttribute("role");
        el.removeAttribute("tabindex");
      }
    });
    // Ends first, innermost first; then starts, outermost first: brackets nest as the claims do.
    const byLength = [...filled].sort((a, b) => length(a) - length(b) || a - b);
    for (const h of byLength) segs[hSegs[h]?.at(-1) ?? -1]?.after(marker(h, "end"));
    for (const h of byLength) segs[hSegs[h]?.[0] ?? -1]?.before(marker(h, "start"));
    stops = [...starts].sort((a, b) => a - b);
    if (!stops.includes(current)) current = stops[0] ?? -1;
    for (const i of stops) segs[i]?.setAttribute("tabindex", i === current ? "0" : "-1");
  }

  /**
   * Fills a piece of text with the verdict of every claim over it: one band each, the longest
   * claim on top, so that where claims overlap every verdict shows over all of its words.
   * @param {HTMLElement} el
   * @param {number[]} fills the visible passages drawn as fills that cover it
   */
  function paintFills(el, fills) {
    const ordered = [...fills].sort((a, b) => length(b) - length(a) || a - b);
    const verdicts = ordered.map((h) => shownVerdict(/** @type {Mark} */ (H[h])[2]));
    el.classList.toggle("fill", ordered.length > 0);
    el.classList.toggle(
      "verdict",
      verdicts.some((v) => v >= 0),
    );
    if (verdicts.some((v) => v >= 0))
      el.dataset.verdicts = verdicts.map((v) => data.verdict?.values[v]?.value || "-").join(" ");
    else delete el.dataset.verdicts;
    if (ordered.length === 0) {
      for (const property of ["--bands", "--band-at", "--band-size"])
        el.style.removeProperty(property);
      return;
    }
    const n = ordered.length;
    // Each band is two layers, the verdict's pattern over its colour, in the same place.
    const images = verdicts.flatMap((v) => {
      const fill = v >= 0 ? `var(--vf${v})` : "var(--neutral-fill)";
      return [v >= 0 ? `var(--vp${v})` : "none", `linear-gradient(${fill}, ${fill})`];
    });
    const place = verdicts.flatMap((_, k) => {
      const at = `0 ${n === 1 ? 0 : (k * 100) / (n - 1)}%`;
      return [at, at];
    });
    el.style.setProperty("--bands", images.join(", "));
    el.style.setProperty("--band-at", place.join(", "));
    el.style.setProperty("--band-size", images.map(() => `100% ${100 / n}%`).join(", "));
  }

  // Layer switches.
  const controls = document.querySelector(".controls");
  controls?.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const layer = input.dataset.layer;
    const category = input.dataset.category;
    if (layer !== undefined && category !== undefined) {
      const list = categoryOn[Number(layer)];
      if (list) list[Number(category)] = input.checked;
    } else if (layer !== undefined) layerOn[Number(layer)] = input.checked;
    else if (input.dataset.verdict !== undefined)
      verdictOn[Number(input.dataset.verdict)] = input.checked;
    else if (input.hasAttribute("data-verdicts")) verdictsOn = input.checked;
    paint();
  });
  for (const input of Array.from(document.querySelectorAll(".controls input"))) {
    if (!(input instanceof HTMLInputElement)) continue;
    const { layer, category, verdict } = input.dataset;
    if (layer !== undefined && category !== undefined) {
      const list = categoryOn[Number(layer)];
      if (list) list[Number(category)] = input.checked;
    } else if (layer !== undefined) layerOn[Number(layer)] = input.checked;
    else if (verdict !== undefined) verdictOn[Number(verdict)] = input.checked;
    else if (input.hasAttribute("data-verdicts")) verdictsOn = input.checked;
  }

  // Selection.
  /** @type {{ seg: number } | null} */
  let context = null;
  /** @type {string | null} */
  let selected = null;

  /** The innermost visible highlight of a segment. */
  const innermost = (/** @type {number} */ i) => {
    const hs = (segH[i] || []).filter(visible);
    return hs.reduce((best, h) => (best < 0 || length(h) <= length(best) ? h : best), -1);
  };

  const selectSegment = (/** @type {number} */ i) => {
    const h = innermost(i);
    if (h < 0) return;
    context = { seg: i };
    const id = /** @type {Mark} */ (H[h])[2];
    if (recordInHash() === id) show(id, false);
    else location.hash = id;
  };

  const focusStop = (/** @type {number} */ i, move = true) => {
    if (i < 0) return;
    const previous = segs[current];
    if (previous && current !== i) previous.setAttribute("tabindex", "-1");
    current = i;
    const el = segs[i];
    el?.setAttribute("tabindex", "0");
    // Moved by a button elsewhere, the page is already scrolled where it should be.
    const fromText = document.activeElement?.closest("#_text") !== null;
    if (move) el?.focus({ preventScroll: !fromText });
  };

  text.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest(".h") : null;
    const i = target instanceof HTMLElement ? segIndex.get(target) : undefined;
    if (i === undefined || innermost(i) < 0) return;
    if (stops.includes(i)) focusStop(i);
    selectSegment(i);
  });

  text.addEventListener("keydown", (event) => {
    const target = event.target;
    const i = target instanceof HTMLElement ? segIndex.get(target) : undefined;
    if (i === undefined) return;
    const at = stops.indexOf(i);
    /** @type {Record<string, () => void>} */
    const keys = {
      ArrowRight: () => focusStop(stops[Math.min(at + 1, stops.length - 1)] ?? -1),
      ArrowDown: () => focusStop(stops[Math.min(at + 1, stops.length - 1)] ?? -1),
      ArrowLeft: () => focusStop(stops[Math.max(at - 1, 0)] ?? -1),
      ArrowUp: () => focusStop(stops[Math.max(at - 1, 0)] ?? -1),
      Home: () => focusStop(stops[0] ?? -1),
      End: () => focusStop(stops.at(-1) ?? -1),
      Enter: () => selectSegment(i),
      " ": () => selectSegment(i),
      Escape: () => close(),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });

  function close() {
    selected = null;
    for (const el of Array.from(text.querySelectorAll(".sel"))) el.classList.remove("sel");
    panel.classList.remove("open");
    fitSheet();
    if (location.hash) history.pushState(null, "", location.pathname + location.search);
    renderEmpty();
    segs[current]?.focus();
  }

  function renderEmpty() {
    body.replaceChildren(
      el(
        "p",
        { class: "hint" },
        "Select a highlight in the text, or a record below, to see what is known about it.",
      ),
    );
  }

  /**
   * @param {string} tag
   * @param {Record<string, string>} [attributes]
   * @param {...(Node | string | null | undefined | false)} children
   * @returns {HTMLElement}
   */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    for (const child of children)
      if (child !== null && child !== undefined && child !== false) node.append(child);
    return node;
  }

  const labelOf = (/** @type {string} */ id) => data.meta[id]?.[1] || id;
  const collectionOf = (/** @type {string} */ id) => data.meta[id]?.[0] || "";
  const titleOf = (/** @type {string} */ id) => data.collections[collectionOf(id)] || "";
  /** A field's name in words: `access_note` reads "Access note". */
  const fieldName = (/** @type {string} */ key) => {
    const words = key.replaceAll("_", " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  };
  /** The top-level key of a collection's field with a role, if it has one. */
  const keyWithRole = (/** @type {string} */ collection, /** @type {string} */ role) =>
    Object.entries(data.fields[collection] || {}).find(
      ([path, info]) => !path.includes("/") && (info.roles || []).some((r) => r === role),
    )?.[0];
  /** The key, in each item of a top-level list, of its field with a role. */
  const itemKeyWithRole = (
    /** @type {string} */ collection,
    /** @type {string} */ list,
    /** @type {string} */ role,
  ) =>
    Object.entries(data.fields[collection] || {})
      .find(
        ([path, info]) =>
          path.startsWith(`${list}/*/`) &&
          path.split("/").length === 3 &&
          (info.roles || []).some((r) => r === role),
      )?.[0]
      .split("/")[2];
  /** A record's name as the panel shows it: words of the text in quotation marks. */
  const nameOf = (/** @type {string} */ id) => {
    const key = keyWithRole(collectionOf(id), "label");
    const quoted = key !== undefined && data.fields[collectionOf(id)]?.[key]?.kind === "span";
    return quoted ? `“${labelOf(id)}”` : labelOf(id);
  };

  const link = (/** @type {string} */ id) =>
    data.records[id]
      ? el("a", { href: `#${encodeURIComponent(id)}` }, labelOf(id))
      : el("code", {}, id);

  /** A verdict in words, its pattern beside it, and what it means. */
  const verdictTag = (/** @type {number} */ v) => {
    const value = data.verdict?.values[v];
    return el(
      "span",
      {},
      el("span", { class: `sw sw-fill verdict v${v}`, "aria-hidden": "true" }),
      " ",
      el("span", { class: "verdict-tag" }, verdictWords(v)),
      value?.description ? el("span", { class: "desc" }, ` ${value.description}`) : null,
    );
  };

  /**
   * The address of a source opened at some of its words: a text fragment (`#:~:text=`), which
   * browsers that know it scroll to and mark. Its `-`, `,` and `&` are escaped, as the syntax asks.
   * @param {string} url
   * @param {string | undefined} words
   */
  const fragmentLink = (url, words) => {
    if (!words) return url;
    const encoded = encodeURIComponent(words).replaceAll("-", "%2D");
    return `${url}${url.includes("#") ? "" : "#"}:~:text=${encoded}`;
  };

  /**
   * For an object that names a record with an address (evidence naming its source): a link
   * that opens the source, at the quoted words where the object records them.
   * @param {JsonMap} object
   * @param {string} collection
   * @param {string} path
   */
  function openSource(object, collection, path) {
    const info = data.fields[collection] || {};
    /** @type {string | undefined} */
    let url;
    /** @type {string | undefined} */
    let words;
    for (const [key, value] of Object.entries(object)) {
      const field = info[path ? `${path}/${key}` : key];
      if (field?.kind === "ref" && typeof value === "string" && data.records[value]) {
        const linkKey = keyWithRole(collectionOf(value), "link");
        const address = linkKey ? data.records[value]?.[linkKey] : undefined;
        if (typeof address === "string") url = address;
      }
      if ((field?.roles || []).some((r) => r === "quoted") && typeof value === "string")
        words = value;
    }
    if (!url) return null;
    return el(
      "p",
      { class: "open-source" },
      el(
        "a",
        { href: fragmentLink(url, words), rel: "noopener noreferrer" },
        words ? "Open the source at the quoted words" : "Open the source",
      ),
    );
  }

  /**
   * An identifier in an outside scheme as a link, where the schema trusts it (`sameAs`).
   * @param {JsonMap} object
   * @param {FieldInfo | undefined} info
   */
  function identifierLink(object, info) {
    const sameAs = info?.sameAs;
    if (!sameAs) return null;
    const trusted = Object.entries(sameAs.where).every(([k, w]) => object[k] === w);
    const value = object[sameAs.pick];
    if (!trusted || typeof value !== "string") return null;
    return el("a", { href: `${sameAs.prefix}${value}`, rel: "noopener noreferrer" }, value);
  }

  /**
   * A value as the schema describes it: a span, a link to a record, a link out, an allowed
   * value with its meaning, a list, or a nested object.
   * @param {Json} value
   * @param {string} collection
   * @param {string} path field path, `*` for array items
   * @param {string} id the record's id
   * @param {string} pointer JSON Pointer of the value in the record
   * @returns {Node}
   */
  function render(value, collection, path, id, pointer) {
    const info = data.fields[collection]?.[path];
    if (value === null) return el("em", {}, "unknown");
    if (Array.isArray(value)) {
      if (value.length === 0) return el("em", {}, "none");
      return el(
        "ul",
        {},
        ...value.map((item, i) =>
          el("li", {}, render(item, collection, `${path}/*`, id, `${pointer}/${i}`)),
        ),
      );
    }
    if (typeof value === "object") {
      if (info?.kind === "span") {
        const span = /** @type {JsonMap} */ (value);
        const exact = span[info.exact || ""];
        const source = span[info.source || ""];
        const h = H.findIndex((entry) => entry[2] === id && entry[5] === pointer);
        return el(
          "div",
          {},
          el("blockquote", {}, `“${String(exact)}”`),
          h >= 0
            ? button("show in the text", () => reveal(hSegs[h] || [], true, true))
            : source !== data.source
              ? el("span", { class: "desc" }, `in ${String(source)}`)
              : null,
        );
      }
      const object = /** @type {JsonMap} */ (value);
      return el(
        "div",
        {},
        identifierLink(object, info),
        fields(object, collection, path, id, pointer),
        openSource(object, collection, path),
      );
    }
    if (info?.kind === "ref" && typeof value === "string") return link(value);
    if (info?.kind === "uri" && typeof value === "string")
      return el("a", { href: value, rel: "noopener noreferrer" }, value);
    if (info?.kind === "enum") {
      const meaning = info.values?.find((v) => v.value === value)?.description;
      return el(
        "span",
        {},
        el("span", { class: "badge" }, String(value)),
        meaning ? el("span", { class: "desc" }, ` ${meaning}`) : null,
      );
    }
    if (typeof value === "boolean") return document.createTextNode(value ? "yes" : "no");
    return document.createTextNode(String(value));
  }

  /**
   * @param {{ [key: string]: Json }} object
   * @param {string} collection
   * @param {string} path
   * @param {string} id
   * @param {string} pointer
   * @param {string[]} [skip]
   */
  function fields(object, collection, path, id, pointer, skip = []) {
    const list = el("dl");
    for (const [key, value] of Object.entries(object)) {
      if (skip.includes(key)) continue;
      const childPath = path ? `${path}/${key}` : key;
      const description = data.fields[collection]?.[childPath]?.description;
      list.append(
        el("dt", description ? { title: description } : {}, fieldName(key)),
        el("dd", {}, render(value, collection, childPath, id, `${pointer}/${key}`)),
      );
    }
    return list;
  }

  /** @param {string} label @param {() => void} action */
  function button(label, action) {
    const b = el("button", { type: "button", class: "linkish" }, label);
    b.addEventListener("click", action);
    return b;
  }

  const narrow = matchMedia("(max-width: 50rem)");
  const MARGIN = 12;

  /**
   * Scrolls the page so that a passage is in the part of the screen the details leave free:
   * on a wide screen, centred in the window; on a narrow one, above the sheet.
   * @param {number[]} list the passage's segments
   */
  function scrollToPassage(list) {
    const first = segs[list[0] ?? -1];
    const last = segs[list.at(-1) ?? -1];
    if (!first || !last) return;
    if (!narrow.matches || !panel.classList.contains("open")) {
      first.scrollIntoView({ block: "center" });
      return;
    }
    const top = first.getBoundingClientRect().top;
    const height = last.getBoundingClientRect().bottom - top;
    const free = panel.getBoundingClientRect().top;
    // Centred in the free part when it fits there, else from its first line.
    const offset = Math.max(MARGIN, (free - height) / 2);
    window.scrollBy({ top: top - offset, behavior: "instant" });
  }

  /** Brings the details' heading into view: within the window, and at the top of the panel. */
  function showPanel() {
    panel.scrollTop = 0;
    if (narrow.matches) return;
    const top = panel.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 4 * MARGIN)
      window.scrollBy({ top: top - MARGIN, behavior: "instant" });
  }

  /** Makes room below the page for the sheet, so the last passages can be scrolled above it. */
  function fitSheet() {
    const open = narrow.matches && panel.classList.contains("open");
    document.body.classList.toggle("sheet-open", open);
    if (open) document.body.style.setProperty("--sheet", `${panel.offsetHeight}px`);
  }

  /**
   * Marks segments as selected and, with `scroll`, brings them into view; with `focus`, moves
   * the keyboard there too.
   */
  function reveal(/** @type {number[]} */ list, scroll = false, focus = false) {
    const first = list[0];
    if (first === undefined) return;
    for (const i of list) segs[i]?.classList.add("sel");
    if (scroll) scrollToPassage(list);
    const stop = stops.find((s) => s >= first && s <= (list.at(-1) ?? first));
    // A link to a record makes its first highlight the article's tab stop, without moving focus.
    if (stop !== undefined && scroll) focusStop(stop, focus);
  }

  /**
   * A review's corrections, right under its verdict, newest first: "Corrected 1 December 2026:
   * was inaccurate", then what changed and why. The keys are found by role.
   * @param {string} collection
   * @param {string} key
   * @param {Json | undefined} list
   */
  function correctionList(collection, key, list) {
    if (!Array.isArray(list) || list.length === 0) return null;
    const part = (/** @type {string} */ role) => itemKeyWithRole(collection, key, role);
    const [dateKey, previousKey] = [part("correction-date"), part("previous-verdict")];
    const values = data.verdict?.values || [];
    const items = list.flatMap((item) => {
      if (item === null || typeof item !== "object" || Array.isArray(item)) return [];
      const day = dateKey && typeof item[dateKey] === "string" ? item[dateKey] : "";
      const previous = previousKey ? values.findIndex((v) => v.value === item[previousKey]) : -1;
      // What changed reads on the line; the reasons open on demand, under their field's name.
      const [said, ...more] = Object.entries(item).filter(
        ([k, value]) => k !== dateKey && k !== previousKey && typeof value === "string",
      );
      return [
        el(
          "li",
          {},
          el(
            "strong",
            {},
            `Corrected ${dateInWords(day) || day}`,
            previous >= 0 ? `: was ${verdictWords(previous)}` : "",
          ),
          said ? ` ${said[1]}` : "",
          ...more.map(([k, value]) =>
            el("details", {}, el("summary", {}, fieldName(k)), el("p", {}, String(value))),
          ),
        ),
      ];
    });
    return el("ul", { class: "corrections", "aria-label": "Corrections" }, ...items.reverse());
  }

  /**
   * A review as a fact-check reads: the verdict and what it means, the reasoning, then each piece
   * of evidence (its source, where in it, what it says, a link to it), then the rest.
   * @param {string} reviewId
   * @param {number} v
   */
  function reviewSection(reviewId, v) {
    const review = data.records[reviewId];
    if (!review) return null;
    const collection = collectionOf(reviewId);
    const explanation = keyWithRole(collection, "explanation");
    const reviewed = keyWithRole(collection, "reviewed-claim");
    const said = explanation ? review[explanation] : undefined;
    const corrections = keyWithRole(collection, "corrections");
    const skip = [
      "id",
      data.verdict?.field || "",
      explanation || "",
      reviewed || "",
      corrections || "",
    ];
    return el(
      "section",
      { class: "review", "aria-labelledby": `_review-${reviewId}` },
      el(
        "h4",
        { id: `_review-${reviewId}` },
        `${titleOf(reviewId)}: `,
        el("span", { class: "visually-hidden" }, "verdict "),
        verdictTag(v),
      ),
      corrections ? correctionList(collection, corrections, review[corrections]) : null,
      typeof said === "string" ? el("p", { class: "explanation" }, said) : null,
      fields(review, collection, "", reviewId, "", skip),
      el("p", { class: "record-id" }, "Record id ", el("code", {}, reviewId)),
    );
  }

  /**
   * Shows a record's details and marks its spans in the text. For a claim: the claim in quotes,
   * who makes it, each verdict with its reasoning and evidence, then the rest; for a record with
   * a summary, the summary first.
   * @param {string} id
   * @param {boolean} scroll
   */
  function show(id, scroll) {
    const record = data.records[id];
    // Focus in the panel is on what is about to be replaced: it moves to the new heading.
    const fromPanel = panel.contains(document.activeElement);
    for (const node of Array.from(text.querySelectorAll(".sel") || []))
      node.classList.remove("sel");
    panel.classList.add("open");
    if (!record) {
      selected = null;
      body.replaceChildren(
        el("p", {}, "No record with the id ", el("code", {}, id), " is on this page."),
      );
      announce(`No record with the id ${id} is on this page.`);
      return;
    }
    selected = id;
    const collection = collectionOf(id);
    const here = context ? (segH[context.seg] || []).filter(visible) : [];
    const verdicts = data.verdicts[id] || [];
    const reviewIds = new Set(verdicts.map(([r]) => r));
    const back = (data.backrefs[id] || []).filter(([from]) => !reviewIds.has(from));
    const category = keyWithRole(collection, "category");
    const claimant = keyWithRole(collection, "claimant");
    const summary = keyWithRole(collection, "summary");
    const label = keyWithRole(collection, "label");
    const who = claimant ? record[claimant] : undefined;
    const kind = category ? record[category] : undefined;
    const about = summary ? record[summary] : undefined;
    const closeButton = el("button", { type: "button", class: "close" }, "Close");
    closeButton.addEventListener("click", close);
    const heading = el("h3", { tabindex: "-1" }, nameOf(id));
    const sourceCollection = collectionOf(data.source);
    /** @type {(Node | null)[]} */
    const parts = [
      closeButton,
      heading,
      el(
        "p",
        { class: "kind" },
        titleOf(id),
        typeof kind === "string" ? `, ${kind}` : "",
        typeof who === "string"
          ? el(
              "span",
              {},
              " · said by ",
              // A source as claimant stands for its author.
              collectionOf(who) === sourceCollection && who ? "the author of " : "",
              link(who),
            )
          : null,
      ),
      typeof about === "string" ? el("p", { class: "summary" }, about) : null,
      ...verdicts.map(([reviewId, v]) => reviewSection(reviewId, v)),
      here.length > 1
        ? el(
            "div",
            {},
            el("p", { class: "desc" }, "At this point in the text:"),
            el(
              "ul",
              { class: "here" },
              ...here.map((h) => {
                const [, , other] = /** @type {Mark} */ (H[h]);
                return el(
                  "li",
                  {},
                  button(layerLabel(h), () => {
                    context = context && { seg: context.seg };
                    if (other === selected) show(other, false);
                    else location.hash = other;
                  }),
                );
              }),
            ),
          )
        : null,
      el("h4", {}, verdicts.length ? `About the ${titleOf(id).toLowerCase()}` : "Details"),
      fields(record, collection, "", id, "", [
        "id",
        ...[claimant, summary, category].filter((k) => k !== undefined),
        // A name in words is the heading already; a span is kept for its "show in the text".
        ...(label && data.fields[collection]?.[label]?.kind !== "span" ? [label] : []),
      ]),
      back.length
        ? el(
            "div",
            {},
            el("h4", {}, "Referred to by"),
            el(
              "ul",
              {},
              ...back.map(([from, path]) =>
                el(
                  "li",
                  {},
                  link(from),
                  el(
                    "span",
                    { class: "desc" },
                    ` (${titleOf(from)}, in ${fieldName(path.split("/")[0] || path).toLowerCase()})`,
                  ),
                ),
              ),
            ),
          )
        : null,
      el("p", { class: "record-id" }, copyLinkButton(id), " Record id ", el("code", {}, id)),
    ];
    body.replaceChildren(...parts.filter((part) => part !== null));
    fitSheet();
    const passage = (recordH.get(id) || []).filter(visible).flatMap((h) => hSegs[h] || []);
    reveal(passage, scroll);
    // A selection made in the text keeps the text where it is, unless the sheet hides it.
    if (!scroll && context && narrow.matches) {
      const seg = segs[context.seg];
      const free = panel.getBoundingClientRect().top;
      if (seg && seg.getBoundingClientRect().bottom > free) scrollToPassage([context.seg]);
    }
    showPanel();
    if (fromPanel) heading.focus({ preventScroll: true });
    announce(
      [
        `${titleOf(id)}: ${clip(labelOf(id), 120)}.`,
        ...verdicts.map(([, v]) => `Verdict: ${verdictWords(v)}.`),
      ].join(" "),
    );
    context = null;
  }

  /**
   * A button that copies the address of a record on this page; where the clipboard is not
   * allowed (a page opened from disk may not be), the address is shown to copy by hand.
   * @param {string} id
   */
  function copyLinkButton(id) {
    const address = `${location.href.split("#")[0]}#${encodeURIComponent(id)}`;
    const b = el("button", { type: "button", class: "copy" }, "Copy link");
    b.addEventListener("click", () => {
      const done = () => {
        b.textContent = "Link copied";
      };
      const byHand = () => {
        const field = el("input", {
          type: "text",
          readonly: "",
          value: address,
          "aria-label": "Link",
        });
        b.after(" ", field);
        if (field instanceof HTMLInputElement) {
          field.focus();
          field.select();
        }
      };
      if (navigator.clipboard) navigator.clipboard.writeText(address).then(done, byHand);
      else byHand();
    });
    return b;
  }

  const clip = (/** @type {string} */ words, /** @type {number} */ n) =>
    words.length > n ? `${words.slice(0, n - 1)}…` : words;

  /** Says what was selected, and no more, through the page's polite live region. */
  function announce(/** @type {string} */ message) {
    const region = document.getElementById("_announce");
    if (region) region.textContent = message;
  }

  /**
   * Find in the article: every match of the words typed is marked with the CSS Custom
   * Highlight API, so the text itself is never touched; Enter and the buttons step through them.
   * Case, curly quotes and no-break spaces are read loosely, as a reader types.
   */
  function setUpFind() {
    const box = document.querySelector(".find");
    const input = document.getElementById("_find");
    const count = document.getElementById("_find-count");
    if (!(box instanceof HTMLElement) || !(input instanceof HTMLInputElement) || !count) return;
    const registry = "highlights" in CSS ? CSS.highlights : null;
    if (!registry) return;
    box.hidden = false;
    /** @type {{ node: Node, at: number }[]} Text nodes of the article and their offsets. */
    const nodes = [];
    let all = "";
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest("[data-added]")) continue;
      nodes.push({ node, at: all.length });
      all += node.textContent || "";
    }
    /** @param {string} s */
    const loose = (s) =>
      s
        .toLowerCase()
        .replace(/[‘’]/g, "'")
        .replace(/[“”„]/g, '"')
        .replace(/[\u00a0]/g, " ");
    const haystack = loose(all);
    /** @type {Range[]} */
    let matches = [];
    let at = -1;
    /** @param {number} offset */
    const point = (offset) => {
      let k = nodes.length - 1;
      while (k > 0 && (nodes[k]?.at ?? 0) > offset) k--;
      const entry = /** @type {{ node: Node, at: number }} */ (nodes[k]);
      return /** @type {[Node, number]} */ ([entry.node, offset - entry.at]);
    };
    const paintMatches = () => {
      registry.set("find", new Highlight(...matches));
      const current = matches[at];
      registry.set("find-current", new Highlight(...(current ? [current] : [])));
      count.textContent = input.value
        ? matches.length
          ? `${at + 1} of ${matches.length}`
          : "no match"
        : "";
      const box = current?.getBoundingClientRect();
      if (current && box && (box.top < 0 || box.bottom > window.innerHeight))
        current.startContainer.parentElement?.scrollIntoView({ block: "center" });
    };
    input.addEventListener("input", () => {
      const needle = loose(input.value);
      matches = [];
      if (needle.length > 0)
        for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
          const range = document.createRange();
          range.setStart(...point(i));
          range.setEnd(...point(i + needle.length));
          matches.push(range);
        }
      at = matches.length ? 0 : -1;
      paintMatches();
    });
    /** @param {number} step */
    const move = (step) => {
      if (!matches.length) return;
      at = (at + step + matches.length) % matches.length;
      paintMatches();
    };
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      move(event.shiftKey ? -1 : 1);
    });
    box.addEventListener("click", (event) => {
      const target = event.target;
      if (!(target instanceof HTMLButtonElement)) return;
      move(target.dataset.find === "previous" ? -1 : 1);
    });
  }

  /** A small preview of the innermost highlight under the pointer or the keyboard focus. */
  function setUpPreview() {
    const preview = document.getElementById("_preview");
    if (!preview) return;
    /** @type {HTMLElement | null} */
    let over = null;
    const hide = () => {
      preview.hidden = true;
      over?.removeAttribute("aria-describedby");
      over = null;
    };
    /** @param {EventTarget | null} target */
    const showFor = (target) => {
      const seg = target instanceof Element ? target.closest("#_text .h") : null;
      const i = seg instanceof HTMLElement ? segIndex.get(seg) : undefined;
      const h = i === undefined ? -1 : innermost(i);
      if (!(seg instanceof HTMLElement) || h < 0) return hide();
      const [layer, category, id] = /** @type {Mark} */ (H[h]);
      const kind = category >= 0 ? layers[layer]?.categories[category]?.value : undefined;
      const others = (segH[i ?? -1] || []).filter(visible).length - 1;
      preview.replaceChildren(
        el("span", { class: "kind" }, `${layers[layer]?.label || ""}${kind ? `, ${kind}` : ""}`),
        el("br"),
        el("strong", {}, clip(nameOf(id), 90)),
        ...(data.verdicts[id] || []).flatMap(([, v]) => [el("br"), verdictTag(v)]),
        others > 0 ? el("span", { class: "desc" }, ` and ${others} more here`) : "",
      );
      preview.hidden = false;
      const box = seg.getBoundingClientRect();
      const width = preview.offsetWidth;
      const left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8));
      const below = box.bottom + 6 + preview.offsetHeight < window.innerHeight;
      preview.style.left = `${left + window.scrollX}px`;
      preview.style.top = `${(below ? box.bottom + 6 : box.top - preview.offsetHeight - 6) + window.scrollY}px`;
      over?.removeAttribute("aria-describedby");
      over = seg;
      seg.setAttribute("aria-describedby", "_preview");
    };
    text.addEventListener("mouseover", (event) => showFor(event.target));
    text.addEventListener("focusin", (event) => showFor(event.target));
    text.addEventListener("mouseleave", hide);
    text.addEventListener("focusout", hide);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") hide();
    });
  }

  /**
   * A passage selected in the article: a link to it (a text fragment of this page) and the span
   * object a contributor would put in a record, as `npm run span` gives it.
   */
  function setUpPassage() {
    const box = document.getElementById("_passage");
    const anchor = document.getElementById("_passage-link");
    const where = document.getElementById("_passage-where");
    const json = document.getElementById("_passage-json");
    if (!box || !(anchor instanceof HTMLAnchorElement) || !where || !json) return;
    /** The article's text as code points, and where each of its text nodes starts among them. */
    /** @type {{ node: Node, at: number }[]} */
    const nodes = [];
    /** @type {string[]} */
    const points = [];
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest("[data-added]")) continue;
      nodes.push({ node, at: points.length });
      points.push(...Array.from(node.textContent || ""));
    }
    const source = {
      length: points.length,
      slice: (/** @type {number} */ a, /** @type {number} */ b) => points.slice(a, b).join(""),
    };
    /** A DOM position as a code point offset, or -1 outside the text. */
    const offsetOf = (/** @type {Node} */ node, /** @type {number} */ offset) => {
      const entry = nodes.find((n) => n.node === node);
      if (entry) return entry.at + Array.from((node.textContent || "").slice(0, offset)).length;
      // A position between elements: the start of the first text node after it.
      const range = document.createRange();
      range.setStart(node, offset);
      const after = nodes.find((n) => range.comparePoint(n.node, 0) >= 0);
      return after ? after.at : points.length;
    };
    document.addEventListener("selectionchange", () => {
      const selection = document.getSelection();
      const range = selection?.rangeCount ? selection.getRangeAt(0) : null;
      if (!range || range.collapsed || !text.contains(range.commonAncestorContainer)) {
        box.hidden = true;
        return;
      }
      const start = offsetOf(range.startContainer, range.startOffset);
      const end = offsetOf(range.endContainer, range.endOffset);
      if (start < 0 || end <= start) {
        box.hidden = true;
        return;
      }
      const span = spanObject(source, data.source, start, end, 16);
      anchor.href = `#:~:text=${encodeURIComponent(span.exact).replaceAll("-", "%2D")}`;
      where.textContent = `code points ${start} to ${end}`;
      json.textContent = JSON.stringify(span, null, 2);
      box.hidden = false;
    });
  }

  // Record ids never start with "_"; the page's own anchors (#_text, …) all do.
  const recordInHash = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    return id.startsWith("_") ? null : id;
  };

  window.addEventListener("hashchange", () => {
    const id = recordInHash();
    if (id) show(id, context === null);
    else if (id === "") close();
  });

  // The claims at a glance: rows shown by verdict and kind.
  const claimTable = document.getElementById("_claims");
  const claimFilters = claimTable?.querySelector(".filters");
  if (claimTable && claimFilters instanceof HTMLElement) {
    claimFilters.hidden = false;
    const rows = Array.from(claimTable.querySelectorAll("tbody tr"));
    const count = document.getElementById("_claims-count");
    claimFilters.addEventListener("change", () => {
      /** @type {Record<string, string>} */
      const wanted = {};
      for (const select of Array.from(claimFilters.querySelectorAll("select")))
        wanted[select.dataset.filter || ""] = select.value;
      let shown = 0;
      for (const row of rows) {
        if (!(row instanceof HTMLElement)) continue;
        const verdictOk =
          !wanted.verdict || (row.dataset.verdict || "").split(" ").includes(wanted.verdict);
        const kindOk = !wanted.kind || row.dataset.kind === wanted.kind;
        row.hidden = !(verdictOk && kindOk);
        if (!row.hidden) shown++;
      }
      if (count) count.textContent = `${shown} of ${rows.length} shown`;
    });
  }

  setUpFind();
  setUpPreview();
  setUpPassage();

  // On a narrow screen the layers start folded, so the text comes first.
  const panelControls = document.querySelector(".controls .panel");
  if (panelControls instanceof HTMLDetailsElement && narrow.matches) panelControls.open = false;

  paint();
  const initial = recordInHash();
  if (initial) show(initial, true);
})();
