/** A span of a source text: where it is, its words, and the text on either side. */
export interface SpanObject {
  source: string;
  start: number;
  end: number;
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** The span object for `[start, end)` of a text indexed by code point, with `context` code points of prefix and suffix. */
export function spanObject(
  text: { length: number; slice(start: number, end: number): string },
  source: string,
  start: number,
  end: number,
  context: number,
): SpanObject;
