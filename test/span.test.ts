import { describe, expect, it } from "vitest";
import { command } from "../scripts/span.ts";
import { BASE, call, run } from "./helpers.ts";

const args = (...rest: string[]) => [...rest, "--data", BASE, "--source", "sample-article"];
const span = (...rest: string[]) => call(command, args(...rest));

describe("npm run span", () => {
  it("prints the span of a unique piece of text, counting code points past the emoji", () => {
    // The one run through tsx, as `npm run span` runs it.
    const { status, stdout } = run("span.ts", args("Bo Chen"));
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

  it("lists every occurrence of repeated text, and --nth picks one", async () => {
    const all = await span("Lima");
    expect(all.status).toBe(0);
    expect(all.stderr).toContain("occurs 2 times, at [9, 13), [41, 45)");
    const second = await span("Lima", "--nth", "2", "--context", "3");
    expect(JSON.parse(second.stdout)).toEqual({
      source: "sample-article",
      start: 41,
      end: 45,
      exact: "Lima",
      prefix: "in ",
      suffix: " on",
    });
  });

  it("says so, and exits 1, when the text is not there, offering the curly-quote match", async () => {
    const { status, stderr } = await span('"We agree on trade."');
    expect(status).toBe(1);
    expect(stderr).toContain("not found");
    // The source has curly quotes and a no-break space before "trade".
    expect(stderr).toContain("it is there: npm run span -- '“We agree on\u00a0trade.”'");
  });

  it("offers nothing when no loose reading matches either", async () => {
    const { status, stderr } = await span("We disagree");
    expect(status).toBe(1);
    expect(stderr).not.toContain("it is there");
  });
});
