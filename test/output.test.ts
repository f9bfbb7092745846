import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { FolderOutput } from "../scripts/emit/folder-output.ts";
import { compactPieces, type Pieceable, prettyPieces } from "../scripts/lib/json-pieces.ts";
import { tempDir } from "./helpers.ts";

/** Values with every shape JSON.stringify treats apart, at several depths. */
const VALUES: [string, unknown][] = [
  ["a string", "a “curly” string 😀"],
  ["null", null],
  ["a number", 1.5],
  ["an empty array", []],
  ["an empty object", {}],
  [
    "an array of records",
    [
      { a: 1, b: [1, 2, { c: "x\ny" }] },
      { a: 2, b: [] },
    ],
  ],
  [
    "an object of arrays",
    { name: "n", texts: { one: { text: "t\n\tu" } }, list: [{ a: [] }, { b: {} }], empty: [] },
  ],
  ["nested empties", { a: { b: { c: [] } }, d: [[], [{}]] }],
  ["an undefined member, left out", { a: undefined, b: 1 }],
  ["an undefined item, written null", [undefined, 1]],
];

describe("JSON in pieces", () => {
  for (const [what, value] of VALUES)
    for (const depth of [0, 1, 2, 3])
      it(`joins to JSON.stringify's text: ${what}, ${depth} level(s) down`, () => {
        const pieces = [...prettyPieces(value as Pieceable, depth)];
        expect(pieces.join("")).toBe(JSON.stringify(value, null, 2));
      });

  it("writes each item of a list as a piece of its own", () => {
    const records = [{ id: "a" }, { id: "b" }, { id: "c" }];
    expect([...prettyPieces(records, 1)]).toEqual([
      "[\n  ",
      '{\n    "id": "a"\n  }',
      ",\n  ",
      '{\n    "id": "b"\n  }',
      ",\n  ",
      '{\n    "id": "c"\n  }',
      "\n]",
    ]);
  });

  it("takes a generator as a list, one item at a time", () => {
    let made = 0;
    function* items() {
      for (const id of ["a", "b"]) {
        made++;
        yield { id };
      }
    }
    const pieces = prettyPieces({ "@graph": items() }, 2);
    // The opening of the object, then of the list with its first item pulled: not the second.
    const opening = [pieces.next().value, pieces.next().value];
    expect(made).toBe(1);
    const rest = [...pieces];
    expect(made).toBe(2);
    expect([...opening, ...rest].join("")).toBe(
      JSON.stringify({ "@graph": [{ id: "a" }, { id: "b" }] }, null, 2),
    );
    expect([...prettyPieces(items(), 0)].join("")).toBe(
      JSON.stringify([{ id: "a" }, { id: "b" }], null, 2),
    );
  });

  it("writes a compact list item by item", () => {
    for (const list of [[], [1], [{ a: [1, "x"] }, null, "s"]])
      expect([...compactPieces(list)].join("")).toBe(JSON.stringify(list));
  });
});

describe("the build's outputs", () => {
  const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
  const pieces = () => ["a “", "b”\n", Buffer.from("bytes"), "😀"];

  it("write a file from pieces, a stream or a library, with its digest taken as written", async () => {
    const dir = tempDir();
    const folder = new FolderOutput(dir);
    const memory = new MemoryOutput();
    for (const out of [folder, memory]) {
      await out.write("x/pieces.txt", pieces());
      await out.write("x/stream.txt", Readable.from(pieces()));
      out.produce("made.bin", (file) => writeFileSync(file, "made by a library"));
    }
    const expected = Buffer.from("a “b”\nbytes😀");
    for (const path of ["x/pieces.txt", "x/stream.txt"]) {
      expect(readFileSync(join(dir, path))).toEqual(expected);
      expect(Buffer.from(memory.get(path) ?? [])).toEqual(expected);
      const digest = { bytes: expected.byteLength, sha256: sha256(expected) };
      expect(folder.digest(path)).toEqual(digest);
      expect(memory.digest(path)).toEqual(digest);
    }
    expect(readFileSync(join(dir, "made.bin"), "utf8")).toBe("made by a library");
    expect(folder.digest("made.bin")).toEqual(memory.digest("made.bin"));
    expect([...folder.keys()].sort()).toEqual(["made.bin", "x/pieces.txt", "x/stream.txt"]);
  });

  it("write text of any size, in pieces that fill the writer's buffer and pieces larger than it", async () => {
    const dir = tempDir();
    const folder = new FolderOutput(dir);
    // 1 MiB of buffer: these cross its end several times, and one piece is larger than all of it.
    const many = Array.from({ length: 3000 }, (_, i) => `${i} “ü😀” `.repeat(40));
    const pieces = [...many.slice(0, 1000), "x".repeat(1_500_000), ...many.slice(1000)];
    const expected = Buffer.from(pieces.join(""), "utf8");
    await folder.write("large.txt", pieces);
    folder.set("large-set.txt", pieces.join(""));
    folder.set("small-set.txt", many[1] ?? "");
    expect(readFileSync(join(dir, "large.txt")).equals(expected)).toBe(true);
    expect(readFileSync(join(dir, "large-set.txt")).equals(expected)).toBe(true);
    expect(readFileSync(join(dir, "small-set.txt"), "utf8")).toBe(many[1]);
    expect(folder.digest("large.txt")).toEqual({
      bytes: expected.byteLength,
      sha256: sha256(expected),
    });
    expect(folder.digest("small-set.txt")?.sha256).toBe(sha256(Buffer.from(many[1] ?? "")));
  });
});
