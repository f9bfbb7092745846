/**
 * A text addressed by Unicode code points, as spans count them. JavaScript strings count
 * UTF-16 code units, so an astral character (an emoji) would shift every later offset by one.
 */
export class CodePointText {
  readonly text: string;
  /** Code-unit offset of each code point, plus one past the end. */
  private readonly unitOffsets: Uint32Array;

  constructor(text: string) {
    this.text = text;
    const offsets: number[] = [];
    for (let unit = 0; unit < text.length; ) {
      offsets.push(unit);
      const code = text.codePointAt(unit) ?? 0;
      unit += code > 0xffff ? 2 : 1;
    }
    offsets.push(text.length);
    this.unitOffsets = Uint32Array.from(offsets);
  }

  /** Length in code points. */
  get length(): number {
    return this.unitOffsets.length - 1;
  }

  /** The code points in [start, end), clamped to the text. */
  slice(start: number, end: number): string {
    return this.text.slice(this.unitOffsets[this.clamp(start)], this.unitOffsets[this.clamp(end)]);
  }

  // A method, not a closure per call: spans are sliced for every record.
  private clamp(n: number): number {
    return Math.max(0, Math.min(n, this.length));
  }

  /** Code-point offset of a code-unit offset. */
  toCodePoint(unit: number): number {
    let low = 0;
    let high = this.unitOffsets.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.unitOffsets[mid] ?? 0) < unit) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Code-point offsets of every occurrence of `needle`. */
  occurrences(needle: string): number[] {
    const found: number[] = [];
    if (needle === "") return found;
    for (
      let unit = this.text.indexOf(needle);
      unit !== -1;
      unit = this.text.indexOf(needle, unit + 1)
    ) {
      found.push(this.toCodePoint(unit));
    }
    return found;
  }
}
