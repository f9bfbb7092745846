import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BlockQueue } from "../scripts/lib/block-queue.ts";
import { listDataset } from "../scripts/lib/dataset.ts";
import { loadPackageSchemas } from "../scripts/lib/schemas/index.ts";
import { checkShard, recordFrom, type ShardInput } from "../scripts/pipeline/validate.ts";
import { dataCopy } from "./helpers.ts";

// A worker's share of a validation, run here rather than in a thread, so that what it sends
// back is seen whole: in a validation it is put back among this thread's records, where a
// mistake in it would only show when the worker happened to take the block.

const schemas = loadPackageSchemas();

/** The shard's input for a data folder: its record files, `times` over, and a fresh queue. */
function shardOf(dir: string, times = 1): { input: ShardInput; queue: BlockQueue } {
  const listed = listDataset(dir, schemas).entries.map(
    ({ path, name, collection }): ShardInput["entries"][number] => [path, name, collection.name],
  );
  const entries = Array.from({ length: times }, () => listed).flat();
  // Blocks of 16 files, as the validation cuts them.
  const queue = new BlockQueue(Math.ceil(entries.length / 16));
  return { input: { dataDir: dir, entries, queue: queue.memory }, queue };
}

describe("a worker's share of a validation", () => {
  it("takes every block left, in order, and sends each record as its value, without the text of a canonical file", () => {
    const dir = dataCopy();
    // Three times the ten files of the base fixture: two blocks, the second not full.
    const { input } = shardOf(dir, 3);
    const result = checkShard(input);
    expect(result.problems).toEqual([]);
    expect(result.crashed).toEqual([]);
    expect(result.unreadable).toEqual([]);
    expect(result.records.map(([display]) => display)).toEqual(input.entries.map(([p]) => p));
    const [display, name, collection, value, text] = result.records[0] ?? [];
    const [path, firstName, firstCollection] = input.entries[0] ?? [];
    expect([display, name, collection]).toEqual([path, firstName, firstCollection]);
    expect(value).toEqual(JSON.parse(readFileSync(path ?? "", "utf8")));
    expect(text).toBeUndefined();
    expect(result.records.every(([, , , , t]) => t === undefined)).toBe(true);
    // It said it was ready, for a validation asked for threads waits for that: the queue's
    // second counter is the threads ready.
    expect(Atomics.load(new Int32Array(input.queue), 1)).toBe(1);
  });

  it("sends the text of each source read beside its record, with the hash of its bytes", () => {
    const dir = dataCopy();
    const result = checkShard(shardOf(dir).input);
    const textPath = join(dir, "sources", "sample-article.txt");
    const bytes = readFileSync(textPath);
    expect(result.texts).toEqual([
      [
        join(dir, "sources", "sample-article.json"),
        {
          display: textPath,
          text: bytes.toString("utf8"),
          sha256: createHash("sha256").update(bytes).digest("hex"),
        },
      ],
    ]);
  });

  it("keeps the text of a file that is not canonical, and names a file that does not load", () => {
    const dir = dataCopy();
    const person = join(dir, "people", "bo-chen.json");
    const spaced = readFileSync(person, "utf8").replace("{\n  ", "{\n   ");
    writeFileSync(person, spaced);
    writeFileSync(join(dir, "people", "ana-ruiz.json"), "{ not json");
    const result = checkShard(shardOf(dir).input);
    expect(result.unreadable).toEqual(["ana-ruiz"]);
    expect(result.problems.map((p) => [p.file, p.code])).toEqual([
      [join(dir, "people", "ana-ruiz.json"), "json-syntax"],
      [person, "format"],
    ]);
    const kept = result.records.find(([display]) => display === person);
    expect(kept?.[4]).toBe(spaced);
    expect(result.records.filter(([, , , , t]) => t !== undefined)).toHaveLength(1);
  });

  it("takes nothing when the other threads have taken every block", () => {
    const { input, queue } = shardOf(dataCopy());
    while (queue.take() !== undefined);
    const result = checkShard(input);
    expect(result.records).toEqual([]);
    expect(result.texts).toEqual([]);
  });
});

describe("a record a worker read, made a record file again", () => {
  const [path = "", name = "", collection = ""] = shardOf(dataCopy()).input.entries[0] ?? [];
  const text = readFileSync(path, "utf8");
  const value = JSON.parse(text);

  it("is canonical when it came without its text, which is made again from its value", () => {
    const file = recordFrom([path, name, collection, value, undefined], schemas);
    expect([file.display, file.name, file.collection.name, file.value]).toEqual([
      path,
      name,
      collection,
      value,
    ]);
    expect(file.isCanonical).toBe(true);
    expect(file.text).toBe(text);
  });

  it("keeps the text it came with, which is not canonical", () => {
    const spaced = text.replace("{\n  ", "{\n   ");
    const file = recordFrom([path, name, collection, value, spaced], schemas);
    expect(file.isCanonical).toBe(false);
    expect(file.text).toBe(spaced);
  });

  it("names a collection the schemas do not have", () => {
    expect(() => recordFrom([path, name, "no-such", value, undefined], schemas)).toThrow(
      "no collection named no-such",
    );
  });
});
