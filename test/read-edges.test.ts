/**
 * Reading a record at its edges: a file that shrinks while it is read, a control character
 * typed into a string, lines ended by a carriage return alone, and a source whose collection
 * keeps no hash of its text.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { hashMatches, sourceTextOf, storedHash } from "../scripts/lib/dataset.ts";
import { positionOfOffset } from "../scripts/lib/locate.ts";
import { readLimited, readRecord } from "../scripts/lib/read-record.ts";
import { RecordFile } from "../scripts/lib/record.ts";
import { type Collection, loadPackageSchemas, topField } from "../scripts/lib/schemas/index.ts";
import { tempDir } from "./helpers.ts";

// A read can be told to shrink its file first, as another program might between the size
// being taken and the bytes being read.
const shrink = vi.hoisted(() => ({ path: "", to: 0 }));
vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  const readSync = ((...args: Parameters<typeof fs.readSync>) => {
    if (shrink.path) {
      fs.truncateSync(shrink.path, shrink.to);
      shrink.path = "";
    }
    return fs.readSync(...args);
  }) as typeof fs.readSync;
  return { ...fs, default: { ...fs, readSync }, readSync };
});

const schemas = loadPackageSchemas();
const collection = schemas.collections[0] as Collection;
if (!collection) throw new Error("the package has no collection");

describe("a file that shrinks while it is read", () => {
  it("gives the bytes that are left, without reading past them or again and again", () => {
    const path = join(tempDir(), "shrinking.json");
    writeFileSync(path, '{"id": "a", "name": "A long enough record"}');
    Object.assign(shrink, { path, to: 11 });
    expect(String(readLimited(path))).toBe('{"id": "a",');
  });
});

describe("a control character typed into a string", () => {
  /** The one problem reading `text` reports. */
  function problemOf(text: string) {
    const problems: unknown[] = [];
    const record = readRecord(Buffer.from(text), "f.json", "f", collection, (...problem) =>
      problems.push(problem),
    );
    expect(record).toBeUndefined();
    expect(problems).toHaveLength(1);
    return problems[0];
  }

  it.each([
    ["0009", "\t", "\\t"],
    ["000A", "\n", "\\n"],
    ["000D", "\r", "\\r"],
    ["0008", "\b", "\\b"],
    ["000C", "\f", "\\f"],
    ["0001", "\u0001", "\\u0001"],
    ["001F", "\u001f", "\\u001f"],
  ])("names the place of U+%s and how JSON writes it", (code, character, written) => {
    // Before it: an escaped quote and backslash, which do not end the string, and a key.
    expect(problemOf(`{\n  "a\\"": "x\\\\ y${character}z"\n}`)).toEqual([
      "f.json",
      "json-syntax",
      `a control character (U+${code}) inside a string: JSON strings cannot hold one as it is`,
      `write it as \`${written}\``,
      { line: 2, column: 16 },
    ]);
  });

  it("looks only inside strings: a tab between values is whitespace", () => {
    expect(problemOf('{\t"a":\t1,\n"b": "\t"}')).toEqual([
      "f.json",
      "json-syntax",
      "a control character (U+0009) inside a string: JSON strings cannot hold one as it is",
      "write it as `\\t`",
      { line: 2, column: 7 },
    ]);
  });
});

describe("lines ended by a carriage return alone", () => {
  it("are counted as lines, as the positional parser and editors count them", () => {
    const text = "a\rbc\r\nd😀e\nf";
    const places: [number, { line: number; column: number }][] = [
      [0, { line: 1, column: 1 }],
      [1, { line: 1, column: 2 }],
      [2, { line: 2, column: 1 }],
      [4, { line: 2, column: 3 }],
      [6, { line: 3, column: 1 }],
      [9, { line: 3, column: 3 }],
      [11, { line: 4, column: 1 }],
    ];
    for (const [offset, position] of places)
      expect(positionOfOffset(text, offset)).toEqual(position);
  });

  it("still show a trailing comma or a comment where it is, after a character of two code units too", () => {
    const problems: unknown[] = [];
    const report = (...problem: unknown[]) => problems.push(problem.slice(2));
    readRecord(Buffer.from('{\r"a": [1,\r]\r}'), "f.json", "f", collection, report);
    readRecord(Buffer.from('{\r"a": 1\r// why\r}'), "f.json", "f", collection, report);
    readRecord(Buffer.from('{"a": "😀", }'), "f.json", "f", collection, report);
    readRecord(Buffer.from('{"a": "😀" // why\n}'), "f.json", "f", collection, report);
    const comma = [
      "a comma after the last item: JSON allows none before a closing bracket or brace",
      "remove this comma",
    ];
    const comment = [
      "JSON has no comments: `//` starts one in JavaScript, not in JSON",
      expect.stringMatching(/^remove the comment/),
    ];
    expect(problems).toEqual([
      [...comma, { line: 2, column: 8 }],
      [...comment, { line: 3, column: 1 }],
      // The comma's column counts code points; the parser's, where the comment starts, code units.
      [...comma, { line: 1, column: 10 }],
      [...comment, { line: 1, column: 12 }],
    ]);
  });
});

describe("a source whose collection keeps no hash of its text", () => {
  const noHash = schemas.collections.find((c) => topField(c, "text-sha256") === undefined);
  if (!noHash) throw new Error("every collection has a hash field");

  it("gives no stored hash, and its text matches", () => {
    const source = sourceTextOf(new RecordFile("x.json", noHash, "x", "{}", { id: "x" }), {
      display: "x.txt",
      text: "Text.",
      sha256: "abc",
    });
    expect(storedHash(source)).toBeUndefined();
    expect(hashMatches(source)).toBe(true);
  });
});
