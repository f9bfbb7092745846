import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../scripts/lib/atomic.mjs";
import { type Command, execute, type Io, parseFlags, UsageError } from "../scripts/lib/cli.ts";
import { requireCached } from "../scripts/lib/code-cache.mjs";
import { fixedText } from "../scripts/lib/fix.ts";
import type { RecordFile } from "../scripts/lib/record.ts";
import { loadSchemas } from "../scripts/lib/schemas/index.ts";
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
