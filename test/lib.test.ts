import { beforeEach, describe, expect, it } from "vitest";
import { BANNER } from "../scripts/lib/banner.ts";
import { canonicalText, inSchemaOrder, orderKeys } from "../scripts/lib/canonical.ts";
import { CodePointText } from "../scripts/lib/codepoints.ts";
import type { Dataset } from "../scripts/lib/dataset.ts";
import { dateInWords } from "../scripts/lib/date-words.mjs";
import { isoFromWords, parseEdtf } from "../scripts/lib/edtf.ts";
import { freeId, isValidId, kebabCase, takenIds } from "../scripts/lib/ids.ts";
import {
  escapePointer,
  isObject,
  type JsonObject,
  type JsonValue,
  parsePointer,
  pointerOf,
} from "../scripts/lib/json.ts";
import { compactPieces, prettyFile } from "../scripts/lib/json-pieces.ts";
import { locate, parseWithPositions, positionOfOffset } from "../scripts/lib/locate.ts";
import { markdownCell, markdownTable } from "../scripts/lib/markdown.ts";
import { byCodeUnits } from "../scripts/lib/order.ts";
import { bySeverityThenPosition, codeTable, type Problem } from "../scripts/lib/problem.ts";
import type { RecordFile } from "../scripts/lib/record.ts";
import type { Collection, Field, Role } from "../scripts/lib/schemas/index.ts";
import {
  childKey,
  sourceCollection,
  textOf,
  topField,
  withRole,
} from "../scripts/lib/schemas/index.ts";
import { spanObject } from "../scripts/lib/span-object.mjs";
import { spansOf } from "../scripts/lib/spans.ts";
import { didYouMean, suggest } from "../scripts/lib/suggest.ts";
import { firstDeparture, knownCharacters } from "../scripts/lib/text-change.ts";
import { perCollection, valuesAt } from "../scripts/lib/walk.ts";

// Unit tests of the shared building blocks, on small values made here: what the checks and
// emitters rely on them for, value by value.

/** A field as the schema model makes it, with only what these modules read. */
const field = (path: string[], roles: Role[] = [], resolved: JsonObject = {}): Field => ({
  path,
  node: {},
  resolved,
  at: { file: "test.schema.json", pointer: "" },
  shape: { kind: "object" },
  required: true,
  nullable: false,
  roles,
});

const collection = (fields: Field[], more: Partial<Collection> = {}): Collection => ({
  name: "things",
  title: "Thing",
  schemaFile: "thing.schema.json",
  schema: {},
  fields,
  ...more,
});

describe("EDTF dates", () => {
  it.each([
    ["2013", { earliest: "2013-01-01", latest: "2013-12-31", precision: "year", qualified: false }],
    ["2013?", { earliest: "2013-01-01", latest: "2013-12-31", precision: "year", qualified: true }],
    [
      "2013-02",
      { earliest: "2013-02-01", latest: "2013-02-28", precision: "month", qualified: false },
    ],
    [
      "2012-02~",
      { earliest: "2012-02-01", latest: "2012-02-29", precision: "month", qualified: true },
    ],
    [
      "2013-01",
      { earliest: "2013-01-01", latest: "2013-01-31", precision: "month", qualified: false },
    ],
    [
      "2013-12",
      { earliest: "2013-12-01", latest: "2013-12-31", precision: "month", qualified: false },
    ],
    [
      "2013-05-07",
      { earliest: "2013-05-07", latest: "2013-05-07", precision: "day", qualified: false },
    ],
    [
      "2013-05-01?",
      { earliest: "2013-05-01", latest: "2013-05-01", precision: "day", qualified: true },
    ],
    [
      "2013-02-28",
      { earliest: "2013-02-28", latest: "2013-02-28", precision: "day", qualified: false },
    ],
    [
      "2013-05/2013-06",
      { earliest: "2013-05-01", latest: "2013-06-30", precision: "interval", qualified: false },
    ],
    [
      "2013-05-07/2013-05-07",
      { earliest: "2013-05-07", latest: "2013-05-07", precision: "interval", qualified: false },
    ],
    [
      "2013?/2014",
      { earliest: "2013-01-01", latest: "2014-12-31", precision: "interval", qualified: true },
    ],
    [
      "2013/2014~",
      { earliest: "2013-01-01", latest: "2014-12-31", precision: "interval", qualified: true },
    ],
    ["../2013-05", { latest: "2013-05-31", precision: "interval", qualified: false }],
    ["2013-05/..", { earliest: "2013-05-01", precision: "interval", qualified: false }],
    ["../..", { precision: "interval", qualified: false }],
  ])("%s has the range it says", (text, range) => {
    expect(parseEdtf(text)).toStrictEqual({ range });
  });

  it.each([
    ["13-05", "`13-05` is not an EDTF date"],
    ["2013-05-07x", "`2013-05-07x` is not an EDTF date"],
    ["x2013", "`x2013` is not an EDTF date"],
    ["2013-13", "month 13 does not exist in `2013-13`"],
    ["2013-00", "month 00 does not exist in `2013-00`"],
    ["2013-02-29", "2013-02 has no day 29 (it has 28)"],
    ["2013-05-00", "2013-05 has no day 00 (it has 31)"],
    ["2014/2013", "interval `2014/2013` ends before it starts"],
    ["2013-05-08/2013-05-07", "interval `2013-05-08/2013-05-07` ends before it starts"],
    ["2013-13/2014", "month 13 does not exist in `2013-13`"],
    ["2013/2014-13", "month 13 does not exist in `2014-13`"],
    ["2013/2014-02-30", "2014-02 has no day 30 (it has 28)"],
  ])("%s is refused: %s", (text, error) => {
    expect(parseEdtf(text)).toStrictEqual({ error });
  });

  it.each([
    ["February 5, 2003", "2003-02-05"],
    ["February 15 2003", "2003-02-15"],
    ["  Feb.   5th,  2003 ", "2003-02-05"],
    ["sept 21st 2001", "2001-09-21"],
    ["5 Feb 2003", "2003-02-05"],
    ["22nd December 2013", "2013-12-22"],
    ["3rd mAY 2013", "2013-05-03"],
    ["May 2013", "2013-05"],
    ["Nov. 2012", "2012-11"],
    ["2003/2/5", "2003-02-05"],
    ["2003.12.25", "2003-12-25"],
    ["2003-2-15", "2003-02-15"],
  ])("%s is written %s in ISO form", (text, iso) => {
    expect(isoFromWords(text)).toBe(iso);
  });

  it.each([
    "Ma 2013",
    "Ju 5 2013",
    "5 Smarch 2013",
    "Smarch 5 2013",
    "Foo 2013",
    "February 5 03",
    "February 123 2003",
    "2013",
    "",
    "2003/2/5/7",
    "x May 2013",
  ])("%j has no ISO form it can tell", (text) => {
    expect(isoFromWords(text)).toBeUndefined();
  });

  it.each([
    ["2013-05-07", "7 May 2013"],
    ["2013-12-25", "25 December 2013"],
    ["2013-01-01", "1 January 2013"],
    ["2013-05", "May 2013"],
    ["2013", "2013"],
  ])("%s reads %s", (text, words) => {
    expect(dateInWords(text)).toBe(words);
  });

  it.each(["13-05", "2013-05-07T00", "x2013", "2013-5"])("%s has no words", (text) => {
    expect(dateInWords(text)).toBeUndefined();
  });
});

describe("a text by code points", () => {
  it("counts an astral character as one, and a BMP one as one", () => {
    const text = new CodePointText("a😀b\uffff");
    expect(text.length).toBe(4);
    expect([0, 1, 2, 3].map((i) => text.slice(i, i + 1))).toEqual(["a", "😀", "b", "\uffff"]);
    expect(new CodePointText("😀😀").length).toBe(2);
    expect(new CodePointText("").length).toBe(0);
  });

  it("clamps a slice to the text", () => {
    const text = new CodePointText("a😀b");
    expect(text.slice(-5, 10)).toBe("a😀b");
    expect(text.slice(1, 99)).toBe("😀b");
    expect(text.slice(2, 1)).toBe("");
    expect(text.slice(3, 3)).toBe("");
  });

  it("maps code-unit offsets to code points", () => {
    const text = new CodePointText("a😀b😀c");
    // Code units: a 0, 😀 1-2, b 3, 😀 4-5, c 6, end 7.
    expect([0, 1, 3, 4, 6, 7].map((unit) => text.toCodePoint(unit))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("finds every occurrence by code point, overlapping ones too", () => {
    expect(new CodePointText("a😀a😀a").occurrences("a")).toEqual([0, 2, 4]);
    expect(new CodePointText("😀aaa").occurrences("aa")).toEqual([1, 2]);
    expect(new CodePointText("abc").occurrences("")).toEqual([]);
    expect(new CodePointText("abc").occurrences("x")).toEqual([]);
  });

  it("makes a span object with as much context as the text has", () => {
    const text = new CodePointText("Hello, world");
    expect(spanObject(text, "s", 7, 12, 3)).toStrictEqual({
      source: "s",
      start: 7,
      end: 12,
      exact: "world",
      prefix: "o, ",
    });
    expect(spanObject(text, "s", 0, 5, 3)).toStrictEqual({
      source: "s",
      start: 0,
      end: 5,
      exact: "Hello",
      suffix: ", w",
    });
    expect(spanObject(text, "s", 1, 5, 0)).toStrictEqual({
      source: "s",
      start: 1,
      end: 5,
      exact: "ello",
    });
    // A plain string does not clamp: the prefix must start at 0, not before it.
    const plain = { length: 5, slice: (a: number, b: number) => "Hello".slice(a, b) };
    expect(spanObject(plain, "s", 1, 4, 5)).toStrictEqual({
      source: "s",
      start: 1,
      end: 4,
      exact: "ell",
      prefix: "H",
      suffix: "o",
    });
  });
});

describe("positions in a JSON text", () => {
  const text = [
    "{",
    '  "x": 1,',
    '  "a": {',
    '    "b": [10, {"c": 2}]',
    "  },",
    '  "m/n": true,',
    '  "x": 5',
    "}",
  ].join("\n");

  it.each([
    ["", "value", { line: 1, column: 1 }],
    ["/x", "value", { line: 7, column: 8 }],
    ["/x", "key", { line: 7, column: 3 }],
    ["/a", "value", { line: 3, column: 8 }],
    ["/a/b", "key", { line: 4, column: 5 }],
    ["/a/b/0", "value", { line: 4, column: 11 }],
    ["/a/b/0", "key", { line: 4, column: 11 }],
    ["/a/b/1/c", "value", { line: 4, column: 21 }],
    ["/a/b/1/c", "key", { line: 4, column: 16 }],
    ["/a/b/5", "value", { line: 4, column: 10 }],
    ["/a/missing/z", "value", { line: 3, column: 8 }],
    ["/x/deeper", "value", { line: 7, column: 8 }],
    ["/m~1n", "value", { line: 6, column: 10 }],
  ] as const)("%s (%s) is at %o", (pointer, part, position) => {
    expect(locate(parseWithPositions(text), pointer, part)).toEqual(position);
  });

  it("takes the value when no part is named", () => {
    expect(locate(parseWithPositions(text), "/x")).toEqual({ line: 7, column: 8 });
  });

  it.each([
    [0, { line: 1, column: 1 }],
    [2, { line: 1, column: 3 }],
    [3, { line: 2, column: 1 }],
    [7, { line: 2, column: 4 }],
    [9, { line: 3, column: 1 }],
    [10, { line: 3, column: 2 }],
  ])("offset %i of a text is at %o, in code points", (offset, position) => {
    // a 0, b 1, \n 2, c 3, d 4, 😀 5-6, e 7, \n 8, f 9.
    expect(positionOfOffset("ab\ncd😀e\nf", offset)).toEqual(position);
  });
});

describe("suggestions", () => {
  it("offer only close candidates, nearest first, then by code unit, at most three", () => {
    expect(suggest("peple", ["places", "people", "persons"])).toEqual(["people"]);
    expect(suggest("abcd", ["zzcd", "abcf", "abce", "wxyz"])).toEqual(["abce", "abcf", "zzcd"]);
    expect(suggest("abc", ["abg", "abf", "abe", "abd"])).toEqual(["abd", "abe", "abf"]);
    expect(suggest("abc", ["abg", "abf", "abe", "abd"], 2)).toEqual(["abd", "abe"]);
  });

  it("allow two edits, or a third of the value's length when that is more", () => {
    expect(suggest("ab", ["xy", "xyz"])).toEqual(["xy"]);
    expect(suggest("abcdefghijkl", ["abcdefghwxyz", "abcdefgvwxyz"])).toEqual(["abcdefghwxyz"]);
    expect(suggest("abcdefghijklmno", ["abcdefghijvwxyz", "abcdefghiuvwxyz"])).toEqual([
      "abcdefghijvwxyz",
    ]);
  });

  it("say did you mean, with one or more names, or nothing", () => {
    expect(didYouMean("peple", ["people", "places"])).toBe("did you mean `people`?");
    expect(didYouMean("abc", ["abd", "abe", "xyz"])).toBe("did you mean `abd` or `abe`?");
    expect(didYouMean("abc", ["wxyz"])).toBe("");
  });
});

describe("a changed source text", () => {
  const span = (start: number, exact: string, more: { prefix?: string; suffix?: string } = {}) => ({
    source: "s",
    start,
    end: start + [...exact].length,
    exact,
    ...more,
  });

  it("is known by the characters its spans had, the first span to say winning", () => {
    const known = knownCharacters([
      span(5, "a😀c", { prefix: "xy", suffix: "z" }),
      span(6, "QQ"),
      span(1, "b", { prefix: "xyz" }),
    ]);
    expect([...known].sort(([a], [b]) => a - b)).toEqual([
      [0, "z"],
      [1, "b"],
      [3, "x"],
      [4, "y"],
      [5, "a"],
      [6, "😀"],
      [7, "c"],
      [8, "z"],
    ]);
  });

  it("is unchanged when every known character is still there", () => {
    const text = new CodePointText("hello world");
    expect(firstDeparture(text, knownCharacters([span(6, "world", { prefix: "o " })]))).toBe(
      undefined,
    );
  });

  it("departs at the first known character it lost, with what it had and has around it", () => {
    const text = new CodePointText("hello World");
    expect(firstDeparture(text, knownCharacters([span(0, "hello world")]))).toEqual({
      at: 6,
      had: "hello world",
      has: "hello World",
    });
  });

  it("gives at most twelve known characters either side of the change", () => {
    const had = "abcdefghijklmnopqrstuvwxyz0123";
    const text = new CodePointText(`${had.slice(0, 15)}X${had.slice(16)}`);
    expect(firstDeparture(text, knownCharacters([span(0, had)]))).toEqual({
      at: 15,
      had: had.slice(3, 27),
      has: text.slice(3, 27),
    });
  });

  it("is found in offset order, not in the order the spans came", () => {
    const text = new CodePointText("0123456789abcdef");
    const known = knownCharacters([span(10, "X"), span(9, "Y"), span(2, "2")]);
    expect(firstDeparture(text, known)).toEqual({ at: 3, had: "YX", has: "9a" });
  });

  it("is placed at the start of the line where it shows, past lines no span covers", () => {
    // a 0, b 1, c 2, \n 3, 😀 4, \n 5, w 6, Q 7, Q 8.
    const text = new CodePointText("abc\n😀\nwQQ");
    const known = knownCharacters([span(0, "abc"), span(7, "RR")]);
    expect(firstDeparture(text, known)).toEqual({ at: 6, had: "RR", has: "QQ" });
  });
});

describe("orders", () => {
  it("sort by code unit, in no locale", () => {
    expect(["b", "é", "B", "a", "Z", "a"].sort(byCodeUnits)).toEqual([
      "B",
      "Z",
      "a",
      "a",
      "b",
      "é",
    ]);
    expect([byCodeUnits("a", "b"), byCodeUnits("b", "a"), byCodeUnits("a", "a")]).toEqual([
      -1, 1, 0,
    ]);
  });

  it("put problems by file, line, column, code and message", () => {
    const problem = (file: string, line: number, column: number, code: string, message: string) =>
      ({ file, line, column, code, message, severity: "error" }) satisfies Problem;
    const problems = [
      problem("b", 1, 1, "a", "a"),
      problem("a", 2, 1, "a", "a"),
      problem("a", 1, 2, "a", "a"),
      problem("a", 1, 1, "b", "a"),
      problem("a", 1, 1, "a", "b"),
      problem("a", 1, 1, "a", "a"),
    ];
    expect(
      [...problems]
        .reverse()
        .sort(bySeverityThenPosition)
        .map((p) => `${p.file}${p.line}${p.column}${p.code}${p.message}`),
    ).toEqual(["a11aa", "a11ab", "a11ba", "a12aa", "a21aa", "b11aa"]);
    expect(bySeverityThenPosition(problem("a", 1, 1, "a", "a"), problem("a", 1, 1, "a", "a"))).toBe(
      0,
    );
  });

  it("merge the codes of every stage, and refuse a code two stages declare", () => {
    const one = { name: "one", description: "", codes: { "a-code": "A.", "b-code": "B." } };
    const two = { name: "two", description: "", codes: { "c-code": "C." } };
    expect(codeTable([one, two])).toEqual({ "a-code": "A.", "b-code": "B.", "c-code": "C." });
    const three = { name: "three", description: "", codes: { "b-code": "again" } };
    expect(() => codeTable([one, two, three])).toThrow(
      "the code `b-code` is declared by both one and three",
    );
  });
});

describe("Markdown and JSON Pointers", () => {
  it("make a table whose cells hold no pipe or line break", () => {
    expect(markdownCell("a|b \n  c\nd")).toBe("a\\|b c d");
    expect(
      markdownTable(
        ["h1", "h2"],
        [
          ["a", "b|c"],
          ["x\ny", ""],
        ],
      ),
    ).toBe("| h1 | h2 |\n| --- | --- |\n| a | b\\|c |\n| x y |  |");
  });

  it("escape, join and split pointer tokens as RFC 6901 says", () => {
    expect(escapePointer("a/b~c")).toBe("a~1b~0c");
    expect(escapePointer(3)).toBe("3");
    expect(pointerOf(["a/b", 0, "~1"])).toBe("/a~1b/0/~01");
    expect(pointerOf([])).toBe("");
    expect(parsePointer("/a~1b/0/~01")).toEqual(["a/b", "0", "~1"]);
    expect(parsePointer("")).toEqual([]);
    expect(parsePointer("/")).toEqual([""]);
  });

  it("tell an object from null, a list and a string", () => {
    expect([{}, null, [], "x", 1].map(isObject)).toEqual([true, false, false, false, false]);
  });
});

describe("values at a field's path", () => {
  it("are found in each array item, with their pointers escaped", () => {
    const record: JsonValue = { "a/b": [{ c: 1 }, { d: 2 }, { c: null }], x: "y" };
    expect(valuesAt(record, field(["a/b", "*", "c"]))).toEqual([
      { pointer: "/a~1b/0/c", value: 1 },
      { pointer: "/a~1b/2/c", value: null },
    ]);
    expect(valuesAt(record, field(["a/b", "*"])).map((l) => l.pointer)).toEqual([
      "/a~1b/0",
      "/a~1b/1",
      "/a~1b/2",
    ]);
    expect(valuesAt(record, field([]))).toEqual([{ pointer: "", value: record }]);
  });

  it("are none where the record has no such value", () => {
    const record: JsonValue = { a: null, s: "text", list: [1] };
    expect(valuesAt(record, field(["a", "b"]))).toEqual([]);
    expect(valuesAt(record, field(["s", "*"]))).toEqual([]);
    expect(valuesAt(record, field(["list", "x"]))).toEqual([]);
    expect(valuesAt(record, field(["toString"]))).toEqual([]);
    expect(valuesAt(record, field(["a"]))).toEqual([{ pointer: "/a", value: null }]);
  });

  it("are picked once per collection", () => {
    let computed = 0;
    const count = perCollection((c: Collection) => {
      computed++;
      return c.name;
    });
    const one = collection([]);
    const two = collection([], { name: "others" });
    expect([count(one), count(one), count(two), count(one)]).toEqual([
      "things",
      "things",
      "others",
      "things",
    ]);
    expect(computed).toBe(2);
  });
});

describe("the canonical text of a record", () => {
  // Made again for each test: the model's caches are per collection.
  let things: Collection;
  beforeEach(() => {
    things = collection([
      field([]),
      field(["id"]),
      field(["name"]),
      field(["items"]),
      field(["items", "*"]),
      field(["items", "*", "b"]),
      field(["items", "*", "a"]),
      field(["meta"]),
      field(["meta", "z"]),
      field(["meta", "y"]),
    ]);
  });

  it("puts $schema first, then the keys in schema order, then unknown keys in their order", () => {
    const record: JsonObject = {
      extra: 1,
      name: "n",
      other: 2,
      meta: { y: 1, q: 0, z: 2 },
      items: [{ c: 3, a: 1, b: 2 }, { a: { b: 1, a: 2 } }],
      id: "x",
      $schema: "s",
    };
    expect(Object.keys(orderKeys(record, things) as JsonObject)).toEqual([
      "$schema",
      "id",
      "name",
      "items",
      "meta",
      "extra",
      "other",
    ]);
    expect(canonicalText(record, things)).toBe(
      `${JSON.stringify(
        {
          $schema: "s",
          id: "x",
          name: "n",
          items: [{ b: 2, a: 1, c: 3 }, { a: { b: 1, a: 2 } }],
          meta: { z: 2, y: 1, q: 0 },
          extra: 1,
          other: 2,
        },
        null,
        2,
      )}\n`,
    );
  });

  it.each([
    [
      "in schema order",
      { $schema: "s", id: "x", items: [{ b: 1, a: 2, c: 3 }], meta: { z: 1 }, u: { b: 1, a: 2 } },
    ],
    ["with only unknown keys", { u: 1, v: [{ y: 1, x: 2 }] }],
    ["with a scalar", "text"],
    ["with an empty list", { items: [] }],
  ])("is the record itself when it is already %s", (_, record) => {
    expect(inSchemaOrder(record, things)).toBe(record);
  });

  it.each([
    ["a known key after an unknown one", { u: 1, id: "x" }],
    ["known keys out of order", { name: "n", id: "x" }],
    [
      "an array item out of order",
      {
        items: [
          { b: 1, a: 2 },
          { a: 1, b: 2 },
        ],
      },
    ],
    ["a nested object out of order", { meta: { y: 1, z: 2 } }],
    ["a nested object out of order after a scalar", { id: "x", meta: { y: 1, z: 2 } }],
    ["an empty key holding an object", { "": { a: 1 } }],
    ["a key with a slash holding an object", { "a/b": { a: 1 } }],
  ])("is a reordered copy with %s", (_, record) => {
    const ordered = inSchemaOrder(record, things);
    expect(ordered).not.toBe(record);
    expect(ordered).toEqual(orderKeys(record, things));
    expect(JSON.stringify(ordered)).toBe(JSON.stringify(orderKeys(record, things)));
  });

  it("orders an object inside an unknown key by its own path, and keeps __proto__ as data", () => {
    const record = JSON.parse('{"__proto__": {"x": 1}, "id": "a"}') as JsonObject;
    const ordered = orderKeys(record, things) as JsonObject;
    expect(Object.keys(ordered)).toEqual(["id", "__proto__"]);
    expect(Object.hasOwn(ordered, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(ordered)).toBe(Object.prototype);
  });
});

describe("ids", () => {
  // Made again for each test: the model's caches are per collection.
  let people: Collection;
  beforeEach(() => {
    people = collection([
      field([]),
      field(["id"], [], { pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", maxLength: 20 }),
    ]);
  });

  it.each([
    ["Sergei Lavrov", "sergei-lavrov"],
    ["  Émile  Zola! ", "emile-zola"],
    ["--A__B--", "a-b"],
    ["ČSSR 1968", "cssr-1968"],
  ])("make %j kebab-case: %s", (text, id) => {
    expect(kebabCase(text)).toBe(id);
  });

  it("are valid by the schema's pattern and length, counted in code points", () => {
    expect(
      ["a", "ab-cd", "", "Ab", "a--b", "a".repeat(20), "a".repeat(21)].map((id) =>
        isValidId(people, id),
      ),
    ).toEqual([true, true, false, false, false, true, false]);
    const emoji = collection([field(["id"], [], { pattern: "^.{2}$", maxLength: 2 })]);
    expect(isValidId(emoji, "😀😀")).toBe(true);
    expect(isValidId(emoji, "😀😀😀")).toBe(false);
    const free = collection([field(["title"], [], { pattern: "^x$" })]);
    expect(isValidId(free, "anything")).toBe(true);
    expect(isValidId(free, "")).toBe(false);
  });

  it("are suggested free, else numbered from 2", () => {
    expect(freeId(people, ["Sergei Lavrov"], new Set())).toBe("sergei-lavrov");
    expect(freeId(people, ["Sergei Lavrov", "Lavrov"], new Set(["sergei-lavrov"]))).toBe("lavrov");
    expect(freeId(people, ["Sergei Lavrov"], new Set(["sergei-lavrov"]))).toBe("sergei-lavrov-2");
    expect(freeId(people, ["Sergei Lavrov"], new Set(["sergei-lavrov", "sergei-lavrov-2"]))).toBe(
      "sergei-lavrov-3",
    );
    expect(freeId(people, ["!!!", "A very long name for an id"], new Set())).toBe("things-2");
    const long = collection([field(["id"], [], { maxLength: 100 })]);
    const name = "a".repeat(70);
    expect(freeId(long, [name], new Set([name]))).toBe(`${"a".repeat(60)}-2`);
  });

  it("are taken by every record and file name but the record's own", () => {
    const record = (id: string, name: string) => ({ id, name }) as RecordFile;
    const own = record("b", "b-file");
    const dataset = {
      unreadable: new Set(["broken"]),
      records: [record("a", "a-file"), own, record("c", "c")],
    } as unknown as Dataset;
    expect([...takenIds(dataset, own)].sort(byCodeUnits)).toEqual(["a", "a-file", "broken", "c"]);
  });
});

describe("fields by role", () => {
  const sources = collection(
    [
      field([]),
      field(["title"], ["label"]),
      field(["quote"], ["span", "anchor"]),
      field(["quote", "exact"], ["span-exact"]),
      field(["quote", "start"], ["span-start"]),
      field(["other"], ["span"]),
      field(["other", "nested"]),
      field(["other", "nested", "exact"], ["span-exact"]),
      field(["note"], ["note"]),
      field(["boxed"], ["summary"]),
      field(["boxed", "exact"], ["span-exact"]),
    ],
    { textExtension: ".txt" },
  );

  it("are found by role, at the top or below a parent", () => {
    expect(withRole(sources, "span").map((f) => f.path.join("."))).toEqual(["quote", "other"]);
    expect(topField(sources, "span-exact")).toBeUndefined();
    expect(topField(sources, "label")?.path).toEqual(["title"]);
    const quote = topField(sources, "span") as Field;
    expect(childKey(sources, quote, "span-exact")).toBe("exact");
    expect(childKey(sources, quote, "span-end")).toBeUndefined();
    const other = withRole(sources, "span")[1] as Field;
    expect(childKey(sources, other, "span-exact")).toBeUndefined();
  });

  it("give a record's text: a string as it is, a span as its exact text", () => {
    expect(textOf({ title: "T", quote: { exact: "Q" } }, sources, "label")).toBe("T");
    expect(textOf({ title: "T", quote: { exact: "Q" } }, sources, "anchor")).toBe("Q");
    expect(textOf({ quote: { exact: 3 } }, sources, "anchor")).toBeUndefined();
    expect(textOf({ quote: "plain" }, sources, "anchor")).toBe("plain");
    expect(textOf({ title: { exact: "T" } }, sources, "label")).toBeUndefined();
    expect(textOf({ note: "n" }, sources, "label")).toBeUndefined();
    expect(textOf({ title: "T" }, sources, "summary")).toBeUndefined();
    // Only a span's exact text stands for it; null is no object.
    expect(textOf({ boxed: { exact: "B" } }, sources, "summary")).toBeUndefined();
    expect(textOf({ quote: null }, sources, "anchor")).toBeUndefined();
  });

  it("name the collection of source texts", () => {
    const plain = collection([], { name: "plain" });
    expect(sourceCollection({ collections: [plain, sources] } as never)).toBe(sources);
    expect(sourceCollection({ collections: [plain] } as never)).toBeUndefined();
  });
});

describe("spans of a record", () => {
  const quotes = collection([
    field([]),
    field(["quotes"]),
    field(["quotes", "*"], ["span"]),
    field(["quotes", "*", "source"], ["span-source"]),
    field(["quotes", "*", "start"], ["span-start"]),
    field(["quotes", "*", "end"], ["span-end"]),
    field(["quotes", "*", "exact"], ["span-exact"]),
    field(["quotes", "*", "prefix"], ["span-prefix"]),
    field(["quotes", "*", "suffix"], ["span-suffix"]),
  ]);
  const keys = {
    source: "source",
    start: "start",
    end: "end",
    exact: "exact",
    prefix: "prefix",
    suffix: "suffix",
  };

  it("are the spans with the types a span needs, their parts by role", () => {
    const value = {
      quotes: [
        { source: "s", start: 1, end: 2, exact: "a", prefix: "p", suffix: "q" },
        { source: "s", start: 1, end: 2 },
        { source: "s", start: 1.5, end: 2, exact: "a" },
        { source: "s", start: 1, end: "2", exact: "a" },
        { source: 1, start: 1, end: 2, exact: "a" },
        "not a span",
        { source: "t", start: 3, end: 4, exact: "b", prefix: 1, suffix: null },
      ],
    };
    expect(spansOf({ collection: quotes, value } as unknown as RecordFile)).toStrictEqual([
      {
        pointer: "/quotes/0",
        keys,
        span: { source: "s", start: 1, end: 2, exact: "a", prefix: "p", suffix: "q" },
      },
      { pointer: "/quotes/6", keys, span: { source: "t", start: 3, end: 4, exact: "b" } },
    ]);
  });
});

describe("parts a schema does not name", () => {
  // A key named "undefined" is what `value[key]` would read for a part with no key.
  const bare = collection([
    field([]),
    field(["q"], ["span", "label"]),
    field(["q", "source"], ["span-source"]),
    field(["q", "start"], ["span-start"]),
    field(["q", "end"], ["span-end"]),
  ]);

  it("are read from no key, not from one named undefined", () => {
    const value = { q: { source: "s", start: 1, end: 2, undefined: "u" } };
    expect(textOf(value, bare, "label")).toBeUndefined();
    const exact = collection([...bare.fields, field(["q", "exact"], ["span-exact"])]);
    expect(
      spansOf({ collection: exact, value: { q: { ...value.q, exact: "a" } } } as never),
    ).toEqual([
      {
        pointer: "/q",
        keys: {
          source: "source",
          start: "start",
          end: "end",
          exact: "exact",
          prefix: undefined,
          suffix: undefined,
        },
        span: { source: "s", start: 1, end: 2, exact: "a" },
      },
    ]);
  });
});

describe("the building blocks, at their edges", () => {
  it("read a date only from the whole text, commas or not", () => {
    expect(isoFromWords("February 5,2003")).toBe("2003-02-05");
    for (const text of [
      "x February 5 2003",
      "February 5 2003 x",
      "x 5 February 2003",
      "5 February 2003 x",
      "May 2013 x",
      "12003/2/5",
      "Fe.b 5 2003",
    ])
      expect(isoFromWords(text), text).toBeUndefined();
  });

  it("count a character below the astral planes as one code unit, wherever it is", () => {
    const text = new CodePointText("a\uffffb");
    expect(text.length).toBe(3);
    expect(text.slice(2, 3)).toBe("b");
    expect(text.toCodePoint(99)).toBe(3);
  });

  it("place a change before any matching character at the start of the text", () => {
    const known = knownCharacters([{ source: "s", start: 3, end: 4, exact: "X" }]);
    expect(firstDeparture(new CodePointText("abcdef"), known)).toEqual({
      at: 0,
      had: "X",
      has: "d",
    });
  });

  it("skip a span whose place holds no object", () => {
    const quotes = collection([
      field([]),
      field(["quotes"]),
      field(["quotes", "*"], ["span"]),
      field(["quotes", "*", "source"], ["span-source"]),
      field(["quotes", "*", "start"], ["span-start"]),
      field(["quotes", "*", "end"], ["span-end"]),
      field(["quotes", "*", "exact"], ["span-exact"]),
    ]);
    const value = { quotes: [null, { source: "s", start: 0, end: 1, exact: "a" }] };
    expect(
      spansOf({ collection: quotes, value } as unknown as RecordFile).map((s) => s.pointer),
    ).toEqual(["/quotes/1"]);
  });

  it("find a child only below the very parent named", () => {
    const nested = collection([
      field([]),
      field(["a"]),
      field(["a", "c"]),
      field(["a", "c", "wrong"], ["span-exact"]),
      field(["a", "b"], ["span"]),
      field(["a", "b", "right"], ["span-exact"]),
    ]);
    const parent = withRole(nested, "span")[0] as Field;
    expect(childKey(nested, parent, "span-exact")).toBe("right");
  });

  it("write a compact list of any items, and a pretty file with a final newline", () => {
    expect([...compactPieces([1, { a: 2 }, new Set([3]), undefined as never])]).toEqual([
      "[1",
      ',{"a":2}',
      ",[3]",
      ",null",
      "]",
    ]);
    expect([...compactPieces([])]).toEqual(["[]"]);
    expect([...prettyFile({ a: [1] }, 1)].join("")).toBe(
      `${JSON.stringify({ a: [1] }, null, 2)}\n`,
    );
    expect([...prettyFile([], 1)]).toEqual(["[]", "\n"]);
  });
});

describe("the canonical order, at its edges", () => {
  // Made again for each test: the model's caches are per collection.
  let things: Collection;
  beforeEach(() => {
    things = collection([
      field([]),
      field(["id"]),
      field(["items"]),
      field(["items", "*"]),
      field(["items", "*", "b"]),
      field(["items", "*", "a"]),
      field(["meta"]),
      field(["meta", "z"]),
      field(["meta", "y"]),
      field(["meta", "deep"]),
      field(["meta", "deep", "q"]),
      field(["meta", "deep", "p"]),
    ]);
  });

  it("orders objects three levels down, by their full path", () => {
    const record = { meta: { deep: { p: 1, q: 2 } }, items: [{ a: 1, b: 2 }] };
    expect(canonicalText(record, things)).toBe(
      `${JSON.stringify({ items: [{ b: 2, a: 1 }], meta: { deep: { q: 2, p: 1 } } }, null, 2)}\n`,
    );
    // An object above a deeper one keeps its own order too.
    expect(canonicalText({ meta: { y: 1, z: 2 } }, things)).toBe(
      '{\n  "meta": {\n    "z": 2,\n    "y": 1\n  }\n}\n',
    );
  });

  it("orders a list of records by its items' paths", () => {
    const list = collection([field([]), field(["*"]), field(["*", "b"]), field(["*", "a"])]);
    expect(JSON.stringify(orderKeys([{ $schema: "s", a: 1, b: 2 }], list))).toBe(
      '[{"b":2,"a":1,"$schema":"s"}]',
    );
  });

  it("takes neither the root nor an array's items for a key of the object above them", () => {
    expect(Object.keys(orderKeys({ undefined: 1, id: "x" }, things) as JsonObject)).toEqual([
      "id",
      "undefined",
    ]);
    const items = (orderKeys({ items: { a: 1, "*": 2 } }, things) as JsonObject).items;
    expect(Object.keys(items as JsonObject)).toEqual(["a", "*"]);
  });

  it("keeps unknown keys last whatever their name, below known and unknown keys alike", () => {
    // The text mutation testing puts into a list it empties: a default list must stay empty.
    const odd = "Stryker was here";
    const ordered = orderKeys({ meta: { [odd]: 1, y: 2 }, extra: { x: 3, [odd]: 4 } }, things);
    expect(JSON.stringify(ordered)).toBe(
      '{"meta":{"y":2,"Stryker was here":1},"extra":{"x":3,"Stryker was here":4}}',
    );
  });

  it("makes a copy whose properties can be changed like any object's", () => {
    const ordered = orderKeys({ id: "x" }, things) as JsonObject;
    expect(Object.getOwnPropertyDescriptor(ordered, "id")).toEqual({
      value: "x",
      writable: true,
      enumerable: true,
      configurable: true,
    });
  });

  it("keeps a record whose lists hold scalars and null, and whose odd keys hold scalars", () => {
    const record = { id: "x", tags: ["a", 1, null, true], "": 1, "a/b": null };
    expect(inSchemaOrder(record, things)).toBe(record);
  });
});

describe("the banner of generated files", () => {
  it("says where the file comes from and how to change it", () => {
    expect(BANNER).toBe(
      "Generated by `npm run build` from schema/ and data/. Do not edit: edit those and rebuild.",
    );
  });
});
