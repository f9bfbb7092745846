import { describe, expect, it } from "vitest";
import { BASE, run } from "./helpers.ts";

const span = (...args: string[]) =>
  run("span.ts", [...args, "--data", BASE, "--source", "sample-article"]);

describe("npm run span", () => {
  it("prints the span of a unique piece of text, counting code points past the emoji", () => {
    const { status, stdout } = span("Bo Chen");
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      source: "sample-article",
      start: 30,
      end: 37,
      exact: "Bo Chen",
      prefix: "😀\n\nAna Ruiz met ",
      suffix: " in Lima on Tues",
    });
  });

  it("lists every occurrence of repeated text, and --nth picks one", () => {
    const all = span("Lima");
    expect(all.status).toBe(0);
    expect(all.stderr).toContain("occurs 2 times, at [9, 13), [41, 45)");
    const second = span("Lima", "--nth", "2", "--context", "3");
    expect(JSON.parse(second.stdout)).toEqual({
      source: "sample-article",
      start: 41,
      end: 45,
      exact: "Lima",
      prefix: "in ",
      suffix: " on",
    });
  });

  it("says so, and exits 1, when the text is not there (straight quotes for curly ones)", () => {
    const { status, stderr } = span('"We agree on trade."');
    expect(status).toBe(1);
    expect(stderr).toContain("not found");
  });
});
