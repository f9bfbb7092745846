import type { Classification } from "./classify.ts";
import type { Diff } from "./compare.ts";
import { outline, type Style } from "./outline.ts";

/** Words from the data as Markdown text: every character Markdown reads as markup escaped. */
const escapeMarkdown = (text: string) =>
  text.replace(/[\\`*_[\]<>|~]/g, "\\$&").replace(/\n/g, " ");

/** Marks words with a delimiter run, leaving their spaces outside it, as GitHub requires. */
function mark(delimiter: string, text: string): string {
  const core = text.trim();
  if (!core) return text;
  const start = text.indexOf(core);
  return `${text.slice(0, start)}${delimiter}${escapeMarkdown(core)}${delimiter}${text.slice(start + core.length)}`;
}

/** An inline code span that holds any text: fenced with more backticks than it contains. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A pull request's or a release's form: GitHub-flavoured Markdown, changed words struck and bold. */
const MARKDOWN: Style = {
  heading: (level, text) => `${"#".repeat(level + 1)} ${escapeMarkdown(text)}`,
  item: (depth, text) => `${"  ".repeat(depth)}- ${text}`,
  code,
  words: escapeMarkdown,
  strong: (text) => `**${text}**`,
  removed: (text) => mark("~~", text),
  added: (text) => mark("**", text),
};

export const markdownReport = (diff: Diff, meaning: Classification): string =>
  outline(diff, meaning, MARKDOWN);
