import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BlockQueue } from "../scripts/lib/block-queue.ts";
import {
  hashMatches,
  listDataset,
  loadDataset,
  readRecords,
  sourceTextOf,
  storedHash,
} from "../scripts/lib/dataset.ts";
import { MAX_FILE_BYTES } from "../scripts/lib/read-record.ts";
import { RecordFile } from "../scripts/lib/record.ts";
import { loadPackageSchemas, topField } from "../scripts/lib/schemas/index.ts";
import { tempDir } from "./helpers.ts";

// What a data folder may hold, read from a folder made for each test: the collections are the
// package's, named through the model so that no collection name is written here.

const schemas = loadPackageSchemas();
const [first, second] = schemas.collections;
const withText = schemas.collections.find((c) => c.textExtension !== undefined);
if (!first || !second || !withText) throw new Error("the package lacks the collections needed");
const brief = (problems: { file: string; code: string }[], dir: string) =>
  problems.map((p) => [p.file.slice(dir.length + 1), p.code]);

describe("listing a data folder", () => {
  it("reports a folder it cannot read, with the flag to name another", () => {
    const dir = join(tempDir(), "missing");
    expect(listDataset(dir, schemas)).toEqual({
      entries: [],
      unreadable: [],
      problems: [
        expect.objectContaining({
          file: dir,
          code: "data-folder",
          message: `cannot read the data folder ${dir}`,
          fix: "name an existing folder with --data DIR",
        }),
      ],
    });
  });

  it("skips dot folders and files, reports the rest in name order", () => {
    const dir = tempDir();
    for (const folder of ["zz-b", "zz-a", ".hidden", first.name]) mkdirSync(join(dir, folder));
    writeFileSync(join(dir, ".hidden", "x.json"), "{}");
    symlinkSync(join(dir, first.name), join(dir, "zz-link"));
    const files = join(dir, first.name);
    for (const name of ["e", "d", "c", "b", "a"]) writeFileSync(join(files, `${name}.json`), "{}");
    writeFileSync(join(files, ".draft.json"), "{}");
    mkdirSync(join(files, "inner"));
    writeFileSync(join(files, "at-limit.bin"), Buffer.alloc(MAX_FILE_BYTES, 0x20));
    writeFileSync(join(files, "over.bin"), Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    const listed = listDataset(dir, schemas);
    expect(listed.entries.map((e) => e.name)).toEqual(["a", "b", "c", "d", "e"]);
    expect(listed.unreadable).toEqual(["over"]);
    expect(brief(listed.problems, dir)).toEqual([
      [`${first.name}/at-limit.bin`, "unexpected-file"],
      [`${first.name}/inner`, "unexpected-file"],
      [`${first.name}/over.bin`, "file-too-large"],
      ["zz-a", "unknown-collection"],
      ["zz-b", "unknown-collection"],
      ["zz-link", "symlink"],
    ]);
    expect(listed.problems[1]?.message).toBe("a folder inside a collection folder");
    expect(listed.problems[3]?.fix).toContain(`(${first.name}, ${second.name}, `);
    expect(listed.problems[5]).toMatchObject({
      message: "a symbolic link in the data folder",
      fix: "replace the link with the folder itself",
    });
  });

  it("lists nothing as unreadable when every file reads", () => {
    const dir = tempDir();
    mkdirSync(join(dir, first.name));
    writeFileSync(join(dir, first.name, "a.json"), "{}");
    const listed = listDataset(dir, schemas);
    expect(listed.unreadable).toEqual([]);
    const read = readRecords(listed.entries);
    expect([read.records.length, read.unreadable, read.problems]).toEqual([1, [], []]);
  });
});

describe("loading a data folder", () => {
  it("keeps what listing and reading found unreadable, with both their problems", () => {
    const dir = tempDir();
    mkdirSync(join(dir, first.name));
    writeFileSync(join(dir, first.name, "broken.json"), "{");
    writeFileSync(join(dir, first.name, "big.bin"), Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    const { dataset, problems } = loadDataset(dir, schemas);
    expect([...dataset.unreadable].sort()).toEqual(["big", "broken"]);
    expect(brief(problems, dir)).toEqual([
      [`${first.name}/big.bin`, "file-too-large"],
      [`${first.name}/broken.json`, "json-syntax"],
    ]);
  });

  it("reads the text beside a record, and reports one that is not UTF-8", () => {
    const dir = tempDir();
    const folder = join(dir, withText.name);
    mkdirSync(folder);
    for (const name of ["good", "bad"]) writeFileSync(join(folder, `${name}.json`), "{}");
    writeFileSync(join(folder, `good${withText.textExtension}`), "Text.");
    writeFileSync(join(folder, `bad${withText.textExtension}`), Buffer.from([0x41, 0xff]));
    const { dataset, problems } = loadDataset(dir, schemas);
    expect([...dataset.sourceTexts.keys()]).toEqual(["good"]);
    expect(dataset.sourceTexts.get("good")?.text.text).toBe("Text.");
    expect(problems).toEqual([
      expect.objectContaining({
        file: join(folder, `bad${withText.textExtension}`),
        code: "invalid-utf8",
        message: "the source text is not valid UTF-8",
        fix: "save it as UTF-8",
      }),
    ]);
  });
});

describe("the hash a source's record gives", () => {
  const key = topField(withText, "text-sha256")?.path[0];
  if (key === undefined) throw new Error("the collection with texts has no hash field");
  const source = (value: Record<string, unknown>) =>
    sourceTextOf(new RecordFile("x.json", withText, "x", "{}", value as never), {
      display: "x.txt",
      text: "Text.",
      sha256: "abc",
    });

  it("is none when the field is not a string, and then the text matches", () => {
    expect(storedHash(source({ [key]: 7 }))).toBeUndefined();
    expect(hashMatches(source({}))).toBe(true);
    expect(hashMatches(source({ [key]: "abc" }))).toBe(true);
    expect(hashMatches(source({ [key]: "abd" }))).toBe(false);
  });
});

describe("a queue of blocks", () => {
  it("hands out each block once, then none", () => {
    const queue = new BlockQueue(2);
    expect([queue.take(), queue.take(), queue.take()]).toEqual([0, 1, undefined]);
  });
});

describe("a record file", () => {
  const record = (value: Record<string, unknown>) =>
    new RecordFile("x.json", first, "x", "{}", value as never);

  it("has its id when it is a string, else its file name", () => {
    expect(record({ id: "y" }).id).toBe("y");
    expect(record({ id: 5 }).id).toBe("x");
    expect(record({}).id).toBe("x");
  });

  it("is in the wrong folder only when `$schema` names another known collection", () => {
    expect(record({ $schema: second.schemaFile }).declaredCollection(schemas)).toBe(second);
    expect(record({ $schema: `../../schema/${second.schemaFile}` }).isMisplaced(schemas)).toBe(
      true,
    );
    expect(record({ $schema: `../../schema/${first.schemaFile}` }).isMisplaced(schemas)).toBe(
      false,
    );
    expect(record({ $schema: "none.schema.json" }).isMisplaced(schemas)).toBe(false);
    expect(record({}).isMisplaced(schemas)).toBe(false);
  });
});
