import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../scripts/bench/corpus.ts";
import type { Check } from "../scripts/checks/check.ts";
import { BlockQueue } from "../scripts/lib/block-queue.ts";
import { CodePointText, codePointLength } from "../scripts/lib/codepoints.ts";
import { formatHolds } from "../scripts/lib/schemas/index.ts";
import { exitCodeOf, validate, validateInParallel } from "../scripts/pipeline/validate.ts";
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

  it.each([
    ["", 0, 0],
    ["abc", 3, 3],
    ["a😀b", 3, 4],
    ["😀😀", 2, 4],
    // A lone surrogate is one code point, as the string iterator counts it.
    ["a\ud83d", 2, 2],
    ["\ud83db", 2, 2],
    ["\ude00b", 2, 2],
    ["\ude00\ud83d", 2, 2],
    ["a\ud83d\ude00\ud83d", 3, 4],
  ])("count %j as %i code points (%i units)", (sample, points, units) => {
    expect(sample.length).toBe(units);
    expect([...sample].length).toBe(points);
    expect(codePointLength(sample)).toBe(points);
    const indexed = new CodePointText(sample);
    expect(indexed.length).toBe(points);
    expect([...Array(points).keys()].map((i) => indexed.slice(i, i + 1))).toEqual([...sample]);
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

  it("measure a prefix and a suffix in code points, past an emoji", () => {
    // "😀\n\n" is three code points but four UTF-16 units: counted in units, the prefix of the
    // span at 17 would start one character early, on the space before the emoji.
    const dir = dataCopy();
    const path = join(dir, "people", "ana-ruiz.json");
    const record = JSON.parse(readFileSync(path, "utf8"));
    record.name_provenance.span.prefix = "😀\n\n";
    writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
    const sourcePath = join(dir, "sources", "sample-article.json");
    const source = JSON.parse(readFileSync(sourcePath, "utf8"));
    source.title = { ...source.title, end: 13, exact: "Talks in Lima", suffix: " 😀\n" };
    writeFileSync(sourcePath, `${JSON.stringify(source, null, 2)}\n`);
    expect(validate(dir).problems).toEqual([]);
    // The same prefix one character longer no longer matches the text before the span.
    record.name_provenance.span.prefix = "x😀\n\n";
    writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
    expect(validate(dir).problems.map((p) => [p.code, p.message])).toEqual([
      ["span-context", 'prefix is "x😀\\n\\n" but the text before the span is " 😀\\n\\n"'],
    ]);
  });
});

describe("a string a spreadsheet would run as a formula", () => {
  // The leading characters OWASP lists for CSV injection.
  const summaryAt = (dir: string, summary: string) => {
    const path = join(dir, "people", "bo-chen.json");
    const { $schema, id, name, name_provenance, other_names, identifiers, ...rest } = JSON.parse(
      readFileSync(path, "utf8"),
    );
    const record = {
      $schema,
      id,
      name,
      name_provenance,
      other_names,
      identifiers,
      summary,
      ...rest,
    };
    writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
    return validate(dir).problems.map((p) => [p.code, p.line, p.column]);
  };

  it.each(["=", "+", "-", "@"])("is refused when it starts with %s", (first) => {
    expect(summaryAt(dataCopy(), `${first}1+2 says Chen`)).toEqual([["formula-prefix", 16, 14]]);
  });

  it.each([
    ["tab", "\t"],
    ["carriage return", "\r"],
  ])("is refused when it starts with a %s, a control character too", (_, first) => {
    expect(summaryAt(dataCopy(), `${first}Chen`)).toEqual([
      ["control-character", 16, 14],
      ["formula-prefix", 16, 14],
    ]);
  });

  it("is allowed in a key, which no spreadsheet cell holds", () => {
    const dir = dataCopy();
    const path = join(dir, "places", "lima.json");
    const record = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, `${JSON.stringify({ ...record, "=x": "y" }, null, 2)}\n`);
    expect(validate(dir).problems.map((p) => p.code)).not.toContain("formula-prefix");
  });

  it("is quoted in the message by its first 20 characters", () => {
    const dir = dataCopy();
    const path = join(dir, "places", "lima.json");
    const { mentions, ...record } = JSON.parse(readFileSync(path, "utf8"));
    const summary = "=1+2 is the sum Lima's council never made";
    writeFileSync(path, `${JSON.stringify({ ...record, summary, mentions }, null, 2)}\n`);
    const [problem] = validate(dir).problems;
    expect(problem?.message).toContain(JSON.stringify(summary.slice(0, 20)));
    expect(problem?.message).not.toContain(summary.slice(0, 21));
  });

  it("is not any string holding those characters after the first", () => {
    expect(summaryAt(dataCopy(), "Chen said 1+2=3, -4 @home")).toEqual([]);
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

  it("is one problem on each record it crashed on, saying whose fault it is", () => {
    const result = validate(BASE, { checks: [throwing("broken", "record")] });
    expect(result.problems).toHaveLength(10);
    expect(result.problems[0]).toEqual({
      file: join(BASE, "citations", "sample-citation.json"),
      line: 1,
      column: 1,
      severity: "error",
      code: "check-crashed",
      message: "check `broken` failed: no",
      fix: "this is a fault in the checks, not in the data: please report it with this file",
    });
  });

  it("lists the crashed checks in name order, whichever ran first", () => {
    const result = validate(BASE, {
      checks: [throwing("zeta", "record"), throwing("alpha", "dataset")],
    });
    expect(result.crashed).toEqual(["alpha", ...Array(10).fill("zeta")]);
    expect(result.problems.map((p) => p.file)).toContain(BASE);
  });
});

/** A check that throws on every record (or once, on the whole dataset). */
function throwing(name: string, scope: "record" | "dataset"): Check {
  const check = () => {
    throw new Error("no");
  };
  return { name, description: "always throws", scope, codes: {}, check } as Check;
}

describe("the problems of a run", () => {
  /** A check that reports one finding of a severity on every record. */
  const reporting = (name: string, severity: "error" | "warning", skips: string[] = []): Check => ({
    name,
    description: `a ${severity} on every record`,
    scope: "record",
    codes: { [name]: "planted" },
    skipsRecordsFailing: skips,
    check(file, report) {
      report(file, { pointer: "/id", code: name, message: "planted", severity });
    },
  });

  it("skip a record for a check only when an earlier check found an error in it, not a warning", () => {
    const secondFindings = (first: Check) =>
      validate(BASE, { checks: [first, reporting("second", "error", ["first"])] }).problems.filter(
        (p) => p.code === "second",
      ).length;
    expect(secondFindings(reporting("first", "warning"))).toBe(10);
    expect(secondFindings(reporting("first", "error"))).toBe(0);
  });

  it("exit 0 when they are warnings only", () => {
    const result = validate(BASE, { checks: [reporting("first", "warning")] });
    expect(result.problems).toHaveLength(10);
    expect(exitCodeOf(result)).toBe(0);
  });

  it("come sorted by file, line and column, whatever found them first", () => {
    const { problems: all } = validate(BASE, {
      checks: [reporting("zz-last", "warning"), reporting("aa-first", "error")],
    });
    // Each record's error sorts before its warning (by code), and records in path order.
    expect(all.slice(0, 2).map((p) => p.code)).toEqual(["aa-first", "zz-last"]);
    expect(all.map((p) => p.file)).toEqual([...all.map((p) => p.file)].sort());
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

/**
 * A generated corpus with one mistake of each kind in files spread through the file order,
 * so that the threads, taking blocks of files as they go, come upon them in some order: a
 * file that does not parse, one that is not canonical, a control character, a reference to
 * no record, an id in two files, and a source without its text.
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
  const texts = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  rmSync(join(dir, texts[1] ?? ""));
  const last = at(1);
  writeFileSync(
    join(dirname(last), `${basename(last, ".json")}-copy.json`),
    readFileSync(last, "utf8"),
  );
  return dir;
}

describe("validation shared between threads, in this process", () => {
  it("finds on one thread or two what the single-thread validation finds", async () => {
    const dir = damagedCorpus();
    const single = validate(dir);
    const summary = (v: typeof single) => ({
      problems: v.problems,
      crashed: v.crashed,
      records: v.dataset.records.map((r) => [r.display, r.name, r.collection.name, r.value]),
      unreadable: [...v.dataset.unreadable].sort(),
      texts: [...v.dataset.sourceTexts].map(([name, t]) => [name, t.record.display, t.sha256]),
    });
    expect(single.problems.length).toBeGreaterThanOrEqual(6);
    expect(single.dataset.sourceTexts.size).toBe(2);
    for (const jobs of [1, 2])
      expect(summary(await validateInParallel(dir, { jobs }))).toEqual(summary(single));
  });
});

describe("validation on several threads", () => {
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
      "source-text-missing",
    ])
      expect(codes).toContain(code);
    expect(three.stdout).toBe(one.stdout);
  });

  it("hands every block out once, to whichever thread asks first", () => {
    const queue = new BlockQueue(3);
    const other = new BlockQueue(3, queue.memory);
    expect([queue.take(), other.take(), other.take(), queue.take(), other.take()]).toEqual([
      0,
      1,
      2,
      undefined,
      undefined,
    ]);
  });

  it("waits for the threads that say they are ready, and no longer than asked", () => {
    const queue = new BlockQueue(1);
    new BlockQueue(1, queue.memory).ready();
    queue.ready();
    expect(() => queue.waitForReady(2, 60_000)).not.toThrow();
    // Three are never ready here: the wait ends at its limit, and the blocks are still there.
    queue.waitForReady(3, 1);
    expect(queue.take()).toBe(0);
  });

  it("refuses a thread count that is not a whole number from 1", () => {
    const result = runAsNpm("validate", ["--jobs", "0"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--jobs takes a whole number from 1, not `0`");
  });
});

describe("ids and references", () => {
  /** The problems of the base fixture after `edit` changes one record. */
  const problemsAfter = (file: string, edit: (record: Record<string, unknown>) => void) => {
    const dir = dataCopy();
    const path = join(dir, file);
    const record = JSON.parse(readFileSync(path, "utf8"));
    edit(record);
    writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
    return validate(dir).problems;
  };

  it("leave an id or a reference that is not a string to the schema check alone", () => {
    const id = problemsAfter("places/lima.json", (record) => {
      record.id = 42;
    });
    expect(id.map((p) => p.code)).not.toContain("id-filename");
    const reference = problemsAfter("events/sample-meeting.json", (record) => {
      record.location = 42;
    });
    expect(reference.map((p) => p.code)).toEqual(["schema-type"]);
  });

  it("suggest an id only from the collections the field takes, and name them all", () => {
    // bo-chan is one letter from bo-chen, a person: no place for a location.
    const [location] = problemsAfter("events/sample-meeting.json", (record) => {
      record.location = "bo-chan";
    });
    expect(location?.code).toBe("unknown-reference");
    expect(location?.fix).not.toContain("bo-chen");
    expect(location?.fix).toContain("places");
    // The same typo where people are allowed is answered with the id meant.
    const [participant] = problemsAfter("events/sample-meeting.json", (record) => {
      (record.participants as { actor: string }[])[1] = {
        ...(record.participants as { actor: string }[])[1],
        actor: "bo-chan",
      } as { actor: string };
    });
    expect(participant?.code).toBe("unknown-reference");
    expect(typeof participant?.fix).toBe("string");
    expect(participant?.fix).toContain("bo-chen");
    // A field that takes several collections names each of them.
    const [about] = problemsAfter("claims/sample-claim.json", (record) => {
      record.about = ["ana-ruiz", "nobody-at-all"];
    });
    expect(about?.message).toContain("people or organizations or places or events");
  });

  it("name, for each record sharing an id, the others and not itself", () => {
    const dir = dataCopy();
    // A place and an organization, each a copy of the fixture's own, with Bo Chen's id.
    for (const [collection, file] of [
      ["places", "lima.json"],
      ["organizations", "sample-council.json"],
    ] as const) {
      const record = JSON.parse(readFileSync(join(dir, collection, file), "utf8"));
      writeFileSync(
        join(dir, collection, "bo-chen.json"),
        `${JSON.stringify({ ...record, id: "bo-chen" }, null, 2)}\n`,
      );
    }
    const duplicates = validate(dir).problems.filter((p) => p.code === "duplicate-id");
    expect(duplicates.map((p) => basename(dirname(p.file)))).toEqual([
      "organizations",
      "people",
      "places",
    ]);
    for (const problem of duplicates) {
      const own = `${basename(dirname(problem.file))}/bo-chen.json`;
      const others = ["organizations", "people", "places"]
        .map((c) => `${c}/bo-chen.json`)
        .filter((other) => other !== own);
      expect(problem.message).not.toContain(own);
      expect(problem.message).toContain(`${others[0]} and `);
      expect(problem.message).toContain(others[1]);
    }
  });
});

describe("hidden characters", () => {
  const summaryProblems = (summary: string) => {
    const dir = dataCopy();
    const path = join(dir, "places", "lima.json");
    const { mentions, ...record } = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, `${JSON.stringify({ ...record, summary, mentions }, null, 2)}\n`);
    return validate(dir).problems;
  };

  it("are named by code point and position", () => {
    const [control] = summaryProblems("Lima\u0007 rang");
    expect(control?.code).toBe("control-character");
    expect(control?.message).toContain("U+0007 at position 4");
    const [invisible] = summaryProblems("Li\u200bma");
    expect(invisible?.code).toBe("invisible-character");
    expect(invisible?.message).toContain("U+200B at position 2");
  });

  it("are found in array items and in keys, and a key's is reported on the key", () => {
    const dir = dataCopy();
    const path = join(dir, "people", "ana-ruiz.json");
    const record = JSON.parse(readFileSync(path, "utf8"));
    record.other_names[0].note = "Short\u200b form";
    record["no\u200bte"] = "x";
    writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
    const found = validate(dir).problems.filter((p) => p.code === "invisible-character");
    expect(found.map((p) => [p.line, p.message])).toEqual([
      [29, "string has the invisible character U+200B at position 5"],
      [78, "key has the invisible character U+200B at position 2"],
    ]);
  });

  it("are reported in a key not in NFC, and a verbatim string's position counts its line breaks", () => {
    const dir = dataCopy();
    const path = join(dir, "places", "lima.json");
    const record = JSON.parse(readFileSync(path, "utf8"));
    record.mentions[0].span.suffix = " 😀\n\u0007";
    record.mentions[1].span.suffix = "-\u0007";
    record["Que\u0301bec"] = "x";
    record["=\u200b"] = "y";
    writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
    const found = validate(dir)
      .problems.filter((p) => p.code !== "span-context" && p.code !== "schema-unknown-field")
      .map((p) => [p.code, p.line, p.column, p.message]);
    expect(found).toEqual([
      ["control-character", 26, 19, "string has the control character U+0007 at position 4"],
      ["control-character", 37, 19, "string has the control character U+0007 at position 1"],
      ["not-nfc", 41, 3, "key is not in Unicode NFC (it has decomposed characters)"],
      ["invisible-character", 42, 3, "key has the invisible character U+200B at position 1"],
    ]);
  });

  it("allow a line break in the words around a span, as the source has it, in array items too", () => {
    // The title "Talks in Lima 😀" is followed by a blank line: a suffix may run into it.
    const dir = dataCopy();
    const path = join(dir, "places", "lima.json");
    const record = JSON.parse(readFileSync(path, "utf8"));
    record.mentions[0].span.suffix = " 😀\n\nAna";
    writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
    expect(validate(dir).problems).toEqual([]);
  });
});
