/**
 * Counting code points at the edges of the surrogate ranges, against the spread operator, which
 * counts them as the language does.
 */
import { describe, expect, it } from "vitest";
import { codePointLength } from "../scripts/lib/codepoints.ts";

describe("the length of a text in code points", () => {
  it.each([
    ["a pair at the low ends of both ranges", "\ud800\udc00", 1],
    ["a pair at the high ends of both ranges", "\udbff\udfff", 1],
    ["a low surrogate before a low one", "\udc00\udc00", 2],
    ["a high surrogate before a character past the low range", "\ud800\ue000", 2],
    ["a high surrogate before one just under the low range", "\ud800\udbff", 2],
    ["a letter before a low surrogate", "a\udc00", 2],
    ["a character just under the high range before a low surrogate", "\ud7ff\udc00", 2],
    ["a lone high surrogate at the end", "ab\ud800", 3],
    ["an emoji between letters", "a😀b", 3],
  ])("counts %s as the spread operator does", (_what, text, length) => {
    expect([...text].length).toBe(length);
    expect(codePointLength(text)).toBe(length);
  });
});
