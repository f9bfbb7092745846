import { type CodePointText, codePointLength } from "./codepoints.ts";
import type { Span } from "./spans.ts";

/*
 * Where a source text was changed, told from the spans made on it before: each span's `exact`,
 * `prefix` and `suffix` are characters the text had at known offsets.
 */

/** The characters the spans say the text had, by code-point offset (the first span to say wins). */
export function knownCharacters(spans: Iterable<Span>): Map<number, string> {
  const known = new Map<number, string>();
  const put = (from: number, text: string) => {
    let at = from;
    for (const char of text) {
      if (at >= 0 && !known.has(at)) known.set(at, char);
      at++;
    }
  };
  for (const span of spans) {
    if (span.prefix !== undefined) put(span.start - codePointLength(span.prefix), span.prefix);
    put(span.start, span.exact);
    if (span.suffix !== undefined) put(span.end, span.suffix);
  }
  return known;
}

/** Where a text first departs from the characters it was known to have. */
export interface Departure {
  /** The earliest code-point offset the change can start at, on the line where it was seen. */
  at: number;
  /** A few characters the text had there, and what it has now. */
  had: string;
  has: string;
}

const CONTEXT = 12;

/**
 * The first known character the text no longer has. The change starts after the last known
 * character before it that still matches: on that character's line the place is exact; when
 * lines without any span lie between, the line where the difference shows is given.
 */
export function firstDeparture(
  text: CodePointText,
  known: Map<number, string>,
): Departure | undefined {
  const offsets = [...known.keys()].sort((a, b) => a - b);
  let lastMatch = -1;
  for (const offset of offsets) {
    if (text.slice(offset, offset + 1) === known.get(offset)) {
      lastMatch = offset;
      continue;
    }
    const from = lastMatch + 1;
    const between = text.slice(from, offset);
    // Just past the last line break between, or `from` itself when there is none (-1 + 1).
    const at = from + [...between].lastIndexOf("\n") + 1;
    let start = offset;
    while (start > offset - CONTEXT && known.has(start - 1)) start--;
    let end = offset + 1;
    while (end < offset + CONTEXT && known.has(end)) end++;
    const had = Array.from({ length: end - start }, (_, i) => known.get(start + i)).join("");
    return { at, had, has: text.slice(start, end) };
  }
  return undefined;
}
