/** Cutting a text at every span boundary, so that overlapping and nested spans need no nesting. */

export interface Interval {
  start: number;
  end: number;
}

/** A stretch of text between two consecutive boundaries, and the spans that cover all of it. */
export interface Segment {
  start: number;
  end: number;
  /** Indices into the span list, ascending; empty for text no span covers. */
  covers: number[];
}

/**
 * Splits [0, length) at every start and end of the spans (offsets clamped to the text) and lists,
 * for each piece, the spans covering it. Pieces with no span are kept, so the segments tile the
 * text exactly. Empty spans cover nothing.
 */
export function segment(length: number, spans: readonly Interval[]): Segment[] {
  const clamp = (n: number) => Math.max(0, Math.min(n, length));
  const opens = new Map<number, number[]>();
  const closes = new Map<number, number[]>();
  const cuts = new Set<number>([0, length]);
  spans.forEach((span, i) => {
    const [start, end] = [clamp(span.start), clamp(span.end)];
    if (start >= end) return;
    cuts.add(start);
    cuts.add(end);
    opens.set(start, [...(opens.get(start) ?? []), i]);
    closes.set(end, [...(closes.get(end) ?? []), i]);
  });
  const points = [...cuts].sort((a, b) => a - b);
  const active = new Set<number>();
  const segments: Segment[] = [];
  for (let k = 0; k < points.length - 1; k++) {
    const at = points[k] as number;
    for (const i of closes.get(at) ?? []) active.delete(i);
    for (const i of opens.get(at) ?? []) active.add(i);
    const next = points[k + 1] as number;
    if (next > at)
      segments.push({ start: at, end: next, covers: [...active].sort((a, b) => a - b) });
  }
  return segments;
}
