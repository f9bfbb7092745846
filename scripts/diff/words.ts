import { diffWords } from "diff";

/* A long text's change as a short word diff: the words that changed, with a few either side. */

/** A run of a word diff: words kept, removed or added; `…` stands for kept words left out. */
export interface WordPiece {
  op: "same" | "removed" | "added";
  text: string;
}

/** Texts longer than this (in UTF-16 units) are shown as a word diff rather than whole. */
export const LONG_TEXT = 80;

/** Kept words shown either side of a change. */
const CONTEXT = 4;

export const isLongText = (a: string, b: string) => a.length > LONG_TEXT || b.length > LONG_TEXT;

/** The word diff of two texts, kept runs cut to a few words beside each change. */
export function wordDiff(before: string, after: string): WordPiece[] {
  const changes = diffWords(before, after);
  return changes.map((change, i): WordPiece => {
    if (change.added) return { op: "added", text: change.value };
    if (change.removed) return { op: "removed", text: change.value };
    return { op: "same", text: shorten(change.value, i > 0, i < changes.length - 1) };
  });
}

/** A kept run with only the words next to a change: the first few after one, the last few before one. */
function shorten(text: string, afterChange: boolean, beforeChange: boolean): string {
  const words = text.trim().split(/\s+/);
  if (words.length <= CONTEXT * (Number(afterChange) + Number(beforeChange)) + 1) return text;
  const lead = /^\s*/.exec(text)?.[0] ?? "";
  const trail = /\s*$/.exec(text)?.[0] ?? "";
  const head = afterChange ? `${words.slice(0, CONTEXT).join(" ")} ` : "";
  const tail = beforeChange ? ` ${words.slice(-CONTEXT).join(" ")}` : "";
  return `${lead}${head}…${tail}${trail}`;
}
