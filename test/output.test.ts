import { createHash } from "node:crypto";
import {
  existsSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { eachPiece, MemoryOutput } from "../scripts/emit/emitter.ts";
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

describe("the build's outputs, file by file", () => {
  const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
  const digestOfText = (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    return { bytes: bytes.byteLength, sha256: sha256(bytes) };
  };

  /** The files under a folder that this process holds open. */
  const openIn = (dir: string) =>
    readdirSync("/proc/self/fd").flatMap((fd) => {
      try {
        const target = readlinkSync(join("/proc/self/fd", fd));
        return target.startsWith(dir) ? [target] : [];
      } catch {
        return [];
      }
    });

  it("hands every piece of a list to the taker before the first turn", async () => {
    const taken: (string | Uint8Array)[] = [];
    const done = eachPiece(["a", "b"], (piece) => taken.push(piece));
    expect(taken).toEqual(["a", "b"]);
    await done;
  });

  it("keep text in memory as UTF-8 bytes, and bytes as given", async () => {
    const memory = new MemoryOutput();
    const bytes = new Uint8Array([0x61, 0xe2, 0x80, 0x9c]);
    memory.set("text.txt", "a “ü”");
    memory.set("bytes.bin", bytes);
    expect(memory.get("text.txt")).toEqual(Buffer.from("a “ü”", "utf8"));
    expect(memory.digest("text.txt")).toEqual(digestOfText("a “ü”"));
    expect(memory.get("bytes.bin")).toBe(bytes);
  });

  it("let a library write a file in a folder of its own, named for the package, removed after", () => {
    const memory = new MemoryOutput();
    let made = "";
    memory.produce("made.bin", (file) => {
      made = file;
      writeFileSync(file, "made");
    });
    expect(Buffer.from(memory.get("made.bin") ?? []).toString("utf8")).toBe("made");
    expect(dirname(made).startsWith(join(tmpdir(), "kerry-moscow-2013-"))).toBe(true);
    expect(existsSync(dirname(made))).toBe(false);
  });

  it("report a file a library did not make, also when it removed its folder", () => {
    const memory = new MemoryOutput();
    expect(() =>
      memory.produce("gone.bin", (file) => rmSync(dirname(file), { recursive: true })),
    ).toThrow(/^ENOENT: no such file or directory, open '.*\/file'$/);
    expect(memory.has("gone.bin")).toBe(false);
  });

  it("write two files at once, and text set while a file is written, each whole", async () => {
    const dir = tempDir();
    const folder = new FolderOutput(dir);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow() {
      yield "first “";
      await held;
      yield "end”";
    }
    const first = folder.write("first.txt", slow());
    await new Promise((resolve) => setImmediate(resolve));
    await folder.write("second.txt", ["second ", Buffer.from("bytes"), " “ü”"]);
    folder.set("third.txt", "third “ü”");
    release();
    await first;
    expect(readFileSync(join(dir, "first.txt"), "utf8")).toBe("first “end”");
    expect(readFileSync(join(dir, "second.txt"), "utf8")).toBe("second bytes “ü”");
    expect(readFileSync(join(dir, "third.txt"), "utf8")).toBe("third “ü”");
    expect(folder.digest("first.txt")).toEqual(digestOfText("first “end”"));
    expect(folder.digest("second.txt")).toEqual(digestOfText("second bytes “ü”"));
    expect(folder.digest("third.txt")).toEqual(digestOfText("third “ü”"));
  });

  it("take the digest of text too large for the buffer as its UTF-8 bytes", () => {
    const folder = new FolderOutput(tempDir());
    const text = "ü“".repeat(200_000);
    folder.set("large.txt", text);
    expect(folder.digest("large.txt")).toEqual(digestOfText(text));
  });

  it("give back the bytes of a file written to the folder, and nothing for one not written", () => {
    const folder = new FolderOutput(tempDir());
    folder.set("a/b.txt", "written “ü”");
    expect(Buffer.from(folder.get("a/b.txt") ?? []).toString("utf8")).toBe("written “ü”");
    expect(folder.get("a/c.txt")).toBeUndefined();
  });

  it.skipIf(!existsSync("/proc/self/fd"))(
    "close each file they write or read back for its digest",
    async () => {
      const dir = tempDir();
      const folder = new FolderOutput(dir);
      await folder.write("pieces.txt", ["a", "b"]);
      folder.produce("made.txt", (file) => writeFileSync(file, "made"));
      expect(openIn(dir)).toEqual([]);
      expect(folder.digest("made.txt")).toEqual(digestOfText("made"));
    },
  );
});
