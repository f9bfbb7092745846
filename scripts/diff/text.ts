import type { Classification } from "./classify.ts";
import type { Diff } from "./compare.ts";
import { outline, type Style } from "./outline.ts";

/** The terminal's form: plain lines, word changes marked as `git diff --word-diff` marks them. */
const TEXT: Style = {
  heading: (level, text) => (level === 1 ? text : `${text}:`),
  item: (depth, text) => `${"  ".repeat(depth + 1)}${depth === 0 ? "" : "- "}${text}`,
  code: (text) => text,
  words: (text) => text,
  strong: (text) => text,
  removed: (text) => `[-${text}-]`,
  added: (text) => `{+${text}+}`,
};

export const textReport = (diff: Diff, meaning: Classification): string =>
  outline(diff, meaning, TEXT);
