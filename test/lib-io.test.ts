import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../scripts/lib/atomic.mjs";
import { type Command, execute, type Io, parseFlags, UsageError } from "../scripts/lib/cli.ts";
import { requireCached } from "../scripts/lib/code-cache.mjs";
import { fixedText } from "../scripts/lib/fix.ts";
import { MAX_DEPTH, MAX_FILE_BYTES, readLimited, readRecord } from "../scripts/lib/read-record.ts";
import type { RecordFile } from "../scripts/lib/record.ts";
import { loadPackageSchemas, loadSchemas } from "../scripts/lib/schemas/index.ts";
import { validatorsFor } from "../scripts/lib/validators.ts";
import { tempDir } from "./helpers.ts";

// The building blocks between the commands and the machine: running a command, writing a
// file whole, loading kept code, and the validators kept as code.

/** An Io that keeps what a command writes. */
function memoryIo(env: Record<string, string> = {}): Io & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    env,
    isTTY: false,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

const command = (main: Command["main"]): Command => ({ usage: "usage: cmd [--x value]", main });

describe("a command", () => {
  it("parses its flags, and turns node's refusal into a usage error", () => {
    const config = { options: { x: { type: "string" } } } as const;
    expect(parseFlags(["--x", "1"], config).values).toEqual({ x: "1" });
    expect(() => parseFlags(["--y"], config)).toThrow(UsageError);
    expect(() => parseFlags(["--y"], config)).toThrow(/Unknown option '--y'/);
  });

  it.each([["--help"], ["-h"]])("prints its usage for %s, and does not run", async (flag) => {
    const io = memoryIo();
    let ran = false;
    const code = await execute(
      command(() => {
        ran = true;
        return 1;
      }),
      ["a", flag],
      io,
    );
    expect([code, io.out, io.err, ran]).toEqual([0, "usage: cmd [--x value]\n", "", false]);
  });

  it("exits with what its main returns, sync or async", async () => {
    const io = memoryIo();
    expect(
      await execute(
        command(() => 1),
        [],
        io,
      ),
    ).toBe(1);
    expect(
      await execute(
        command(async () => 0),
        [],
        io,
      ),
    ).toBe(0);
    expect(io.out + io.err).toBe("");
  });

  it("exits 2 with the usage after a usage error", async () => {
    const io = memoryIo();
    const code = await execute(
      command(() => {
        throw new UsageError("--x needs a value");
      }),
      [],
      io,
    );
    expect([code, io.out, io.err]).toEqual([2, "", "--x needs a value\nusage: cmd [--x value]\n"]);
  });

  it("exits 2 with one line on an internal fault, the stack only with DEBUG", async () => {
    const fail = command(async () => {
      throw new Error("boom");
    });
    const io = memoryIo();
    expect(await execute(fail, [], io)).toBe(2);
    expect(io.err).toBe("internal error: boom\n");
    const debug = memoryIo({ DEBUG: "1" });
    expect(await execute(fail, [], debug)).toBe(2);
    expect(debug.err).toMatch(/^internal error: boom\nError: boom\n {4}at /);
    const thrown = memoryIo({ DEBUG: "1" });
    await execute(
      command(() => {
        throw "a string";
      }),
      [],
      thrown,
    );
    expect(thrown.err).toBe("internal error: a string\n");
  });
});

describe("writing a file whole", () => {
  it("writes or replaces it, and leaves no temporary file", () => {
    const dir = tempDir();
    const path = join(dir, "a.txt");
    writeFileAtomic(path, "one");
    writeFileAtomic(path, new Uint8Array([116, 119, 111]));
    expect(readFileSync(path, "utf8")).toBe("two");
    expect(readdirSync(dir)).toEqual(["a.txt"]);
  });

  it("leaves nothing behind when it cannot write", () => {
    const dir = tempDir();
    expect(() => writeFileAtomic(join(dir, "none", "a.txt"), "x")).toThrow();
    writeFileSync(join(dir, "b.txt"), "old");
    // A folder in the way of the rename: the old contents stay, the temporary file goes.
    expect(() => writeFileAtomic(dir, "x")).toThrow();
    expect(readdirSync(dir)).toEqual(["b.txt"]);
  });
});

describe("code kept as a file", () => {
  it("runs as CommonJS, with require, module and its own paths", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "other.cjs"), "module.exports = 'other';");
    const path = join(dir, "main.cjs");
    writeFileSync(
      path,
      "exports.file = __filename; exports.dir = __dirname; exports.other = require('./other.cjs');",
    );
    expect(requireCached(path)).toEqual({ file: path, dir, other: "other" });
    writeFileSync(path, "module.exports = { a: 1 };");
    expect(requireCached(path)).toEqual({ a: 1 });
  });
});

describe("code kept as a file, with V8's cache of it beside it", () => {
  const v8 = process.versions.v8;

  /** What requireCached returns, and the handlers it left to write the cache as the process exits. */
  function load(path: string): { exports: unknown; atExit: ((code: number) => void)[] } {
    const before = new Set(process.listeners("exit"));
    const exports = requireCached(path);
    const atExit = process.listeners("exit").filter((listener) => !before.has(listener));
    for (const listener of atExit) process.removeListener("exit", listener);
    return { exports, atExit };
  }

  it("writes the cache at exit, named by V8's version and the code's hash, and drops the file's older ones", () => {
    const dir = tempDir();
    const path = join(dir, "main.cjs");
    writeFileSync(path, "module.exports = 1;\n");
    const others = ["main.cjs.notes.txt", "other.cjs.1.cache"];
    for (const name of ["main.cjs.1.cache", ...others]) writeFileSync(join(dir, name), "");
    const first = load(path);
    expect(first.exports).toBe(1);
    expect(first.atExit).toHaveLength(1);
    for (const write of first.atExit) write(0);
    // The first 16 hex digits of the SHA-256 of "module.exports = 1;\n".
    const cache = `main.cjs.${v8}.6e66e366f0aefb84.cache`;
    expect(readdirSync(dir).sort()).toEqual([cache, "main.cjs", ...others].sort());
    expect(readFileSync(join(dir, cache)).length).toBeGreaterThan(0);
    // The next start reads the cache and writes nothing.
    expect(load(path)).toEqual({ exports: 1, atExit: [] });
  });

  it("writes again a cache V8 refuses, named by the hash of the code read as UTF-8", () => {
    const dir = tempDir();
    const path = join(dir, "main.cjs");
    // A byte that is not UTF-8 reads as U+FFFD: the hash is of "// \uFFFD\nmodule.exports = 2;\n".
    writeFileSync(
      path,
      Buffer.from([...Buffer.from("// "), 0xff, ...Buffer.from("\nmodule.exports = 2;\n")]),
    );
    const cache = join(dir, `main.cjs.${v8}.5db101a8cc361bcf.cache`);
    writeFileSync(cache, "not a cache");
    const { exports, atExit } = load(path);
    expect(exports).toBe(2);
    expect(atExit).toHaveLength(1);
    for (const write of atExit) write(0);
    expect(readdirSync(dir).sort()).toEqual(["main.cjs", `main.cjs.${v8}.5db101a8cc361bcf.cache`]);
    expect(readFileSync(cache, "latin1")).not.toBe("not a cache");
  });

  // A file name that is not UTF-8 is listed as another name, which no file has: removing it fails.
  it.skipIf(process.platform !== "linux")(
    "drops every older cache, past one whose name it cannot remove",
    () => {
      const dir = tempDir();
      const path = join(dir, "main.cjs");
      writeFileSync(path, "module.exports = 3;\n");
      const bytes = [...Buffer.from(join(dir, "main.cjs.")), 0xc0, ...Buffer.from(".cache")];
      writeFileSync(Buffer.from(bytes), "");
      writeFileSync(join(dir, "main.cjs.é.cache"), "");
      // Node lists a folder sorted by bytes: the name it cannot remove comes before the other.
      expect(readdirSync(dir)).toEqual(["main.cjs", "main.cjs.\ufffd.cache", "main.cjs.é.cache"]);
      const { atExit } = load(path);
      for (const write of atExit) write(0);
      expect(readdirSync(dir)).toEqual([
        "main.cjs",
        `main.cjs.${v8}.3da84e03a46649da.cache`,
        "main.cjs.\ufffd.cache",
      ]);
    },
  );
});

describe("validators kept as code", () => {
  const files = {
    "defs.schema.json": { $id: "defs.schema.json" },
    "thing.schema.json": {
      $id: "thing.schema.json",
      "x-collection": "things",
      type: "object",
      required: ["id"],
      // No format: code kept outside the package could not require ajv-formats.
      properties: { id: { type: "string" }, when: { type: "string", pattern: "^\\d{4}$" } },
    },
  };
  const folder = () => {
    const dir = tempDir();
    for (const [name, schema] of Object.entries(files))
      writeFileSync(join(dir, name), JSON.stringify(schema));
    return dir;
  };

  it("are written once where the schemas say, and loaded from there after", () => {
    const cacheDir = join(tempDir(), "cache");
    const schemas = loadSchemas(folder(), { cacheDir });
    const validators = validatorsFor(schemas);
    expect(validatorsFor(schemas)).toBe(validators);
    const path = schemas.validatorCode as string;
    expect(existsSync(path)).toBe(true);
    expect(validators("thing.schema.json")({ id: "a", when: "2013" })).toBe(true);
    expect(validators("thing.schema.json")({ id: "a", when: "May" })).toBe(false);
    // Other schemas of the same texts load the written code, which holds each collection.
    const again = loadSchemas(folder(), { cacheDir });
    expect(again.validatorCode).toBe(path);
    writeFileSync(
      path,
      `${readFileSync(path, "utf8")}\nexports["thing.schema.json"] = () => "kept";`,
    );
    expect(validatorsFor(again)("thing.schema.json")({})).toBe("kept");
  });

  it("are compiled in memory where they cannot be written, or the schemas keep none", () => {
    const blocked = join(tempDir(), "file");
    writeFileSync(blocked, "");
    const schemas = loadSchemas(folder(), { cacheDir: join(blocked, "cache") });
    const validate = validatorsFor(schemas)("thing.schema.json");
    expect(validate({ id: 1 })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(["/id"]);
    expect(validatorsFor(loadSchemas(folder()))("thing.schema.json")({ id: "a" })).toBe(true);
  });
});

describe("a record's fixed text", () => {
  const collection = {
    name: "things",
    title: "Thing",
    schemaFile: "thing.schema.json",
    schema: {},
    fields: [],
  };
  const file = (value: object) =>
    ({ value, collection, schemaPath: "../../schema/thing.schema.json" }) as unknown as RecordFile;

  it("adds $schema first when it is missing, and keeps the one it has", () => {
    expect(fixedText(file({ id: "a" }))).toBe(
      '{\n  "$schema": "../../schema/thing.schema.json",\n  "id": "a"\n}\n',
    );
    expect(fixedText(file({ id: "a", $schema: "x" }))).toBe(
      '{\n  "$schema": "x",\n  "id": "a"\n}\n',
    );
    // An empty key is no `$schema`: one is added all the same.
    expect(fixedText(file({ "": 1, id: "a" }))).toBe(
      '{\n  "$schema": "../../schema/thing.schema.json",\n  "": 1,\n  "id": "a"\n}\n',
    );
  });
});

describe("reading a record file", () => {
  const collection = loadPackageSchemas().collections[0];
  if (!collection) throw new Error("the package has no collection");
  /** The problems reading `bytes` reports, and whether a record came out. */
  function read(bytes: Buffer | string) {
    const problems: { code: string; message: string; at?: { line: number; column: number } }[] = [];
    const record = readRecord(
      Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes),
      "f.json",
      "f",
      collection as NonNullable<typeof collection>,
      (_path, code, message, _fix, at) =>
        problems.push(at ? { code, message, at } : { code, message }),
    );
    return { loaded: record !== undefined, problems };
  }
  const codes = (bytes: Buffer | string) => read(bytes).problems.map((p) => p.code);

  it("calls a file of whitespace alone empty, Unicode whitespace too", () => {
    expect(codes(" \n\t")).toEqual(["empty-file"]);
    expect(codes("\u00a0")).toEqual(["empty-file"]);
  });

  it("names a byte-order mark only for the three bytes EF BB BF", () => {
    // U+FFFF is EF BF BF, U+0EFF is E0 BB BF, U+FEFE is EF BB BE: one byte off the mark each.
    for (const text of ["\uffff", "\u0eff", "\ufefe"]) expect(codes(text)).toEqual(["json-syntax"]);
    expect(codes("\ufeff{}")).toEqual(["bom"]);
  });

  it("gives the parser's message without its position, and the position apart", () => {
    const text = `${"\n".repeat(11)}{${" ".repeat(12)}x}`;
    expect(read(text).problems).toEqual([
      {
        code: "json-syntax",
        message: "invalid JSON: Unexpected character 'x' found.",
        at: { line: 12, column: 14 },
      },
    ]);
  });

  it("names a comment only where the parser stopped, on any line", () => {
    expect(read('{"a": x, "b": "http://x"}').problems[0]?.message).toBe(
      "invalid JSON: Unexpected character 'x' found.",
    );
    expect(read('{\n"a": 1\n// c\n}').problems[0]).toMatchObject({
      message: "JSON has no comments: `//` starts one in JavaScript, not in JSON",
      at: { line: 3, column: 1 },
    });
  });

  it("blames a trailing comma only when a closing bracket or brace follows it", () => {
    const comma = "a comma after the last item: JSON allows none before a closing bracket or brace";
    expect(read('{"a":[1,]}').problems).toEqual([
      { code: "json-syntax", message: comma, at: { line: 1, column: 8 } },
    ]);
    expect(read('{"a": }').problems[0]?.message).toBe(
      "invalid JSON: Unexpected token RBrace found.",
    );
    expect(read('{"a":1, x}').problems[0]?.message).toBe(
      "invalid JSON: Unexpected character 'x' found.",
    );
  });

  it("puts invalid UTF-8 at the first byte that cannot be decoded", () => {
    // `{"a":"é` is 7 characters (é two bytes): the stray byte FF is the 8th.
    const bytes = Buffer.concat([
      Buffer.from('{"a":"\u00e9'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    expect(read(bytes).problems).toEqual([
      { code: "invalid-utf8", message: "the file is not valid UTF-8", at: { line: 1, column: 8 } },
    ]);
  });

  /** An object whose field `a` holds arrays nested so that the whole nests `levels` deep. */
  const nested = (levels: number) => `{"a":${"[".repeat(levels - 1)}${"]".repeat(levels - 1)}}`;

  it("takes values nested to the limit, and no deeper", () => {
    expect(MAX_DEPTH).toBe(32);
    expect(read(nested(32))).toEqual({ loaded: true, problems: [] });
    expect(read(nested(33)).problems).toEqual([
      { code: "too-deep", message: "values nest 33 levels deep, over the limit of 32" },
    ]);
    // Counted no further than one level past the limit.
    expect(read(nested(40)).problems[0]?.message).toBe(
      "values nest 33 levels deep, over the limit of 32",
    );
    // A deep value after one at the limit is still seen.
    const both = `{"a":${"[".repeat(31)}${"]".repeat(31)},"b":${"[".repeat(32)}${"]".repeat(32)}}`;
    expect(codes(both)).toEqual(["too-deep"]);
  });
});

describe("reading a file's bytes", () => {
  it("reads a file of exactly the limit, and gives the size of a larger one", () => {
    const dir = tempDir();
    const atLimit = join(dir, "at-limit");
    writeFileSync(atLimit, Buffer.alloc(MAX_FILE_BYTES, 0x20));
    expect((readLimited(atLimit) as Buffer).length).toBe(1024 * 1024);
    const over = join(dir, "over");
    writeFileSync(over, Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    expect(readLimited(over)).toBe(1024 * 1024 + 1);
  });

  it("closes the file it opened", () => {
    const path = join(tempDir(), "f.json");
    writeFileSync(path, "{}");
    const open = () => readdirSync("/proc/self/fd").length;
    const before = open();
    for (let i = 0; i < 5; i++) readLimited(path);
    expect(open()).toBe(before);
  });
});
