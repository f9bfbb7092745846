// The span object for a piece of a source text, as `npm run span` prints it and as the annotated
// pages offer it for a selected passage. Plain JavaScript, so the pages' script can bundle it.

/**
 * @param {{ length: number, slice(start: number, end: number): string }} text the source text,
 *   indexed by code point
 * @param {string} source the source's id
 * @param {number} start first code point
 * @param {number} end code point just past the end
 * @param {number} context how many code points of prefix and suffix to give (0 for none)
 */
export function spanObject(text, source, start, end, context) {
  return {
    source,
    start,
    end,
    exact: text.slice(start, end),
    ...(start > 0 && context > 0
      ? { prefix: text.slice(Math.max(0, start - context), start) }
      : {}),
    ...(end < text.length && context > 0 ? { suffix: text.slice(end, end + context) } : {}),
  };
}
