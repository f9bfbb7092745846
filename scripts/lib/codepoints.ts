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
    // A text has at most as many code points as code units: the offsets are written in place.
    const offsets = new Uint32Array(text.length + 1);
    let count = 0;
    for (let unit = 0; unit < text.length; count++) {
      offsets[count] = unit;
      const code = text.charCodeAt(unit);
      unit += isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(unit + 1)) ? 2 : 1;
    }
    offsets[count] = text.length;
    this.unitOffsets = offsets.subarray(0, count + 1);
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

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** The number of code points in a text, as `[...text].length` counts them, without the array. */
export function codePointLength(text: string): number {
  let count = text.length;
  for (let unit = 0; unit < text.length - 1; unit++)
    if (isHighSurrogate(text.charCodeAt(unit)) && isLowSurrogate(text.charCodeAt(unit + 1))) {
      count--;
      unit++;
    }
  return count;
}

/** How Unicode names a character: `U+` and its code point in four hex digits or more. */
export const codePointName = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
