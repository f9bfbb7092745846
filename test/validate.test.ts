import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../scripts/bench/corpus.ts";
import type { Check } from "../scripts/checks/check.ts";
import { CodePointText } from "../scripts/lib/codepoints.ts";
import { formatHolds } from "../scripts/lib/schemas/index.ts";
import { exitCodeOf, validate } from "../scripts/pipeline/validate.ts";
import { command as validateCommand } from "../scripts/validate.ts";
import { BASE, call, dataCopy, FIXTURES, ROOT, runAsNpm, tempDir } from "./helpers.ts";

describe("the valid fixtures", () => {
  it("pass every check with no problem at all", () => {
    const result = validate(BASE);
    expect(result.problems).toEqual([]);
    expect(result.dataset.records).toHaveLength(10);
    expect(exitCodeOf(result)).toBe(0);
  });

  it("include the real data, which passes too", () => {
    const result = validate(join(ROOT, "data"));
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("code-point offsets", () => {
  const text = new CodePointText("a😀b “c”");

  it("count an astral character as one", () => {
    expect(text.length).toBe(7);
    expect("a😀b “c”".length).toBe(8);
    expect(text.slice(2, 3)).toBe("b");
    expect(text.slice(4, 7)).toBe("“c”");
    expect(text.occurrences("b")).toEqual([2]);
  });

  it("make a span after an emoji fail when counted in UTF-16 units", () => {
    // In the base fixture the title ends in 😀 before every other span; shift one by a unit.
    const dir = dataCopy();
    const path = join(dir, "people", "bo-chen.json");
    const record = JSON.parse(readFileSync(path, "utf8"));
    const utf16Start = "Talks in Lima 😀\n\nAna Ruiz met ".length;
    expect(record.mentions[0].span.start).toBe(utf16Start - 1);
    record.mentions[0].span.start = utf16Start;
    record.mentions[0].span.end = utf16Start + 7;
    writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
    const problems = validate(dir).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "span-mismatch", line: 24, column: 18 });
    expect(problems[0]?.message).toContain('the text at [31, 38) is "o Chen "');
    expect(problems[0]?.fix).toBe("the text occurs at [30, 37): set start and end to those");
  });
});

describe("a changed source text", () => {
  const article = (dir: string) => join(dir, "sources", "kerry-russia-trip.txt");

  it("is one problem on the text, where the correction is, not one per span after it", () => {
    const dir = dataCopy(join(ROOT, "data"));
    const text = readFileSync(article(dir), "utf8");
    writeFileSync(article(dir), text.replace("Carla Del Pone ", "Carla Del Ponte "));
    const errors = validate(dir).problems.filter((p) => p.severity === "error");
    const line = text.split("\n").findIndex((l) => l.includes("Carla Del Pone ")) + 1;
    const column = [...(text.split("\n")[line - 1] ?? "")].join("").indexOf("Del Pone ") + 8;
    expect(errors).toMatchObject([{ code: "source-hash", file: article(dir), line, column }]);
    expect(errors[0]?.message).toContain('"arla Del Pone of the UN "');
    expect(errors[0]?.fix).toContain("restore the article byte for byte");
  });

  it("says that the line endings were converted, when that is the whole change", () => {
    const dir = dataCopy(join(ROOT, "data"));
    const text = readFileSync(article(dir), "utf8");
    writeFileSync(article(dir), text.replaceAll("\n", "\r\n"));
    const errors = validate(dir).problems.filter((p) => p.severity === "error");
    expect(errors).toMatchObject([{ code: "source-hash", file: article(dir), line: 1 }]);
    expect(errors[0]?.message).toContain("CR LF");
    expect(errors[0]?.fix).toContain("LF line endings");
  });
});

describe("the fix each corpus case is given", () => {
  /** The one problem of an invalid-contribution case, as validation reports it. */
  const problemOf = (name: string) => {
    const problems = validate(dataCopy(undefined, join(FIXTURES, "invalid", name))).problems;
    expect(problems).toHaveLength(1);
    return problems[0] ?? { message: "", fix: "" };
  };

  it("says that JSON has no comments, and where a remark goes", () => {
    const line = problemOf("json-comment");
    expect(line.message).toBe("JSON has no comments: `//` starts one in JavaScript, not in JSON");
    expect(line.fix).toBe(
      "remove the comment; a remark on the record goes in its `note` field, as a string",
    );
    const block = problemOf("json-comment-block");
    expect(block.message).toContain("`/*`");
    expect(block.fix).toBe(
      "remove the comment: records of this collection have no field for remarks",
    );
  });

  it("names the review a second review repeats, and where a change of verdict goes", () => {
    const { message, fix } = problemOf("review-duplicate");
    expect(message).toMatch(
      /^`sample-claim` already has a review, \S+reviews\/review-sample-claim\.json/,
    );
    expect(fix).toContain("`corrections`");
  });

  it("tells a copied record to go, or to take a free id", () => {
    expect(problemOf("duplicate-id-copy").fix).toContain("such as `bo-chen-2` (its file's name)");
    expect(problemOf("duplicate-id-copy-space").fix).toContain(
      "such as `bo-chen-2`, in a file renamed to bo-chen-2.json",
    );
    expect(problemOf("id-filename-space").fix).toBe("rename the file to cara-diaz.json");
    expect(problemOf("id-not-kebab").fix).toBe(
      "write it in kebab-case, such as `bo-chen` if no other record has that id, and name the file bo-chen.json",
    );
  });

  it("says an empty explanation is empty, and nothing about the sources it would name", () => {
    expect(problemOf("explanation-empty")).toMatchObject({
      message: "/explanation is empty",
      fix: "write it: an empty string is not allowed here",
    });
  });

  it("adds the scheme a web address lacks, giving a valid URI", () => {
    const { message, fix } = problemOf("uri-scheme");
    expect(message).toContain("without its scheme");
    expect(fix).toMatch(/^add the scheme in front: "https:\/\/example\.org\/report"/);
    expect(formatHolds("uri", "https://example.org/report")).toBe(true);
    expect(problemOf("uri-format").fix).toBe("write a valid uri");
  });

  it("says where an edited text differs, and that line endings were converted", () => {
    expect(problemOf("source-text-edited").message).toContain(
      'they read " met Bo Chen in Lima on " here, the text now has " met Bo Cheng in Lima on"',
    );
    expect(problemOf("source-text-crlf").message).toContain("its lines end in CR LF");
  });
});

describe("a check that crashes", () => {
  it("is reported as that check failing, and exits 2", () => {
    const broken: Check = {
      name: "broken",
      description: "always throws",
      scope: "record",
      codes: {},
      check() {
        throw new TypeError("cannot read properties of undefined");
      },
    };
    const result = validate(BASE, { checks: [broken] });
    expect(result.crashed).toEqual(Array(10).fill("broken"));
    expect(result.problems[0]).toMatchObject({
      code: "check-crashed",
      message: "check `broken` failed: cannot read properties of undefined",
    });
    expect(exitCodeOf(result)).toBe(2);
  });
});

describe("npm run validate", () => {
  it("exits 0 on the valid fixtures", async () => {
    const { status, stdout } = await call(validateCommand, ["--data", BASE]);
    expect(stdout).toContain("✓ 10 records valid");
    expect(status).toBe(0);
  });

  it("exits 1 and names the file and the bad id when a reference breaks", () => {
    const dir = dataCopy(join(ROOT, "data"));
    const path = join(dir, "quotes", "kerry-to-putin-on-syria.json");
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace('"speaker": "john-kerry"', '"speaker": "john-kery"'),
    );
    // As `npm run validate` runs it: the bundled command, compiled when a script changed.
    const { status, stdout, stderr } = runAsNpm("validate", ["--data", dir]);
    expect(status).toBe(1);
    expect(stdout).toMatch(
      /quotes\/kerry-to-putin-on-syria\.json:\d+:\d+ {2}error {2}unknown-reference {2}`john-kery` is not the id of any record in people or organizations/,
    );
    expect(stdout).toContain("fix: did you mean `john-kerry`?");
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 on a usage error, with the usage line and no stack trace", async () => {
    const { status, stderr } = await call(validateCommand, ["--format", "xml"]);
    expect(status).toBe(2);
    expect(stderr).toContain("unknown format `xml`");
    expect(stderr).toContain("usage: npm run validate");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 1, not 2, for a data folder that does not exist", async () => {
    const { status, stdout } = await call(validateCommand, ["--data", "/nonexistent/data"]);
    expect(status).toBe(1);
    expect(stdout).toContain("data-folder");
  });

  it("refuses a file over 1 MiB before reading it", () => {
    const dir = dataCopy();
    const record = JSON.parse(readFileSync(join(dir, "people", "bo-chen.json"), "utf8"));
    record.summary = "x".repeat(1024 * 1024);
    writeFileSync(join(dir, "people", "bo-chen.json"), JSON.stringify(record));
    const problems = validate(dir).problems;
    expect(problems.map((p) => [p.code, p.file.slice(dir.length + 1)])).toEqual([
      ["file-too-large", "people/bo-chen.json"],
    ]);
  });
});

describe("validation on several threads", () => {
  /**
   * A generated corpus with one mistake of each kind in files spread through the file order,
   * so that with three threads each thread finds some: a file that does not parse, one that is
   * not canonical, a control character, a reference to no record, and an id in two files.
   */
  function damagedCorpus(): string {
    const dir = join(tempDir(), "data");
    generateCorpus(dir, 3, 5);
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".json"))
      .sort();
    const names = new Set(files.map((f) => basename(f, ".json")));
    const at = (fraction: number) =>
      join(dir, files[Math.floor(fraction * (files.length - 1))] ?? "");
    const edit = (path: string, change: (value: Record<string, unknown>) => void) => {
      const value = JSON.parse(readFileSync(path, "utf8"));
      change(value);
      writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
    };
    const firstString = (value: Record<string, unknown>, test: (text: string) => boolean) =>
      Object.keys(value).find((key) => {
        const text = value[key];
        return key !== "$schema" && typeof text === "string" && test(text);
      }) ?? "";
    writeFileSync(at(0), readFileSync(at(0), "utf8").slice(0, 40));
    writeFileSync(at(0.3), JSON.stringify(JSON.parse(readFileSync(at(0.3), "utf8"))));
    edit(at(0.5), (value) => {
      const key = firstString(value, (text) => !names.has(text));
      value[key] = `${value[key]}\u0007`;
    });
    // The first file from 70% on that refers to another record by a top-level field.
    const referring = files
      .slice(Math.floor(0.7 * files.length))
      .map((file) => join(dir, file))
      .find((path) => {
        const own = basename(path, ".json");
        const value = JSON.parse(readFileSync(path, "utf8"));
        return firstString(value, (text) => names.has(text) && text !== own) !== "";
      });
    edit(referring ?? "", (value) => {
      const own = basename(referring ?? "", ".json");
      value[firstString(value, (text) => names.has(text) && text !== own)] = "no-such-record";
    });
    const last = at(1);
    writeFileSync(
      join(dirname(last), `${basename(last, ".json")}-copy.json`),
      readFileSync(last, "utf8"),
    );
    return dir;
  }

  it("reports exactly what one thread reports, in the same order", () => {
    const dir = damagedCorpus();
    const [one, three] = [1, 3].map((jobs) =>
      runAsNpm("validate", ["--data", dir, "--format", "json", "--jobs", String(jobs)]),
    ) as [ReturnType<typeof runAsNpm>, ReturnType<typeof runAsNpm>];
    expect(one.status).toBe(1);
    expect(three.status).toBe(1);
    expect(three.stderr).toBe("");
    const codes = new Set((JSON.parse(one.stdout) as { code: string }[]).map((p) => p.code));
    for (const code of [
      "json-syntax",
      "format",
      "control-character",
      "unknown-reference",
      "duplicate-id",
    ])
      expect(codes).toContain(code);
    expect(three.stdout).toBe(one.stdout);
  });

  it("refuses a thread count that is not a whole number from 1", () => {
    const result = runAsNpm("validate", ["--jobs", "0"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--jobs takes a whole number from 1, not `0`");
  });
});
