import { join } from "node:path";
import { expect, it, vi } from "vitest";
import type { Emitter } from "../scripts/emit/emitter.ts";
// What build.ts imports is loaded with the file; build.ts itself is loaded in the test, so that
// the test sees how it sets up the collector when it loads.
import "../scripts/emit/folder-output.ts";
import "../scripts/emit/index.ts";
import "../scripts/pipeline/docs.ts";
import "../scripts/pipeline/validate.ts";
import { BASE, tempDir } from "./helpers.ts";

// When the build collects garbage between emitters: after an emitter that left at least 32 MiB
// more on the heap than after the last collection, never after the last emitter. V8's flags,
// the heap's size and the collector are stand-ins (the mocks are hoisted above the imports),
// so that the test sees each collection and does not depend on what V8 happens to hold.

const MiB = 1024 * 1024;
const heap = vi.hoisted(() => ({ used: 0, log: [] as string[], refuse: false }));

vi.mock("node:v8", async (actual) => ({
  ...(await actual<typeof import("node:v8")>()),
  setFlagsFromString: (flags: string) => {
    heap.log.push(flags);
    if (heap.refuse && flags === "--expose-gc") throw new Error("flag refused");
  },
  getHeapStatistics: () => ({ used_heap_size: heap.used }),
}));
vi.mock("node:vm", async (actual) => ({
  ...(await actual<typeof import("node:vm")>()),
  runInNewContext: (code: string) => {
    heap.log.push(`run ${code}`);
    return code === "gc"
      ? () => {
          heap.log.push("collect");
          heap.used = 20 * MiB;
        }
      : undefined;
  },
}));

/** An emitter that writes a file and leaves `grows` more bytes on the heap. */
const growing = (name: string, grows: number): Emitter => ({
  name,
  emit(_, out) {
    out.set(`${name}.txt`, "");
    heap.log.push(name);
    heap.used += grows;
  },
});

it("collects after an emitter that left 32 MiB or more since the last collection, but not after the last", async () => {
  heap.log = [];
  const { build } = await import("../scripts/pipeline/build.ts");
  // The collector is reached while --expose-gc is set, and the flag cleared at once.
  expect(heap.log).toEqual(["--expose-gc", "run gc", "--no-expose-gc"]);
  heap.used = 0;
  heap.log = [];
  const { files } = await build(BASE, join(tempDir(), "dist"), {
    emitters: [
      growing("40 MiB", 40 * MiB),
      growing("32 MiB", 32 * MiB),
      growing("1 MiB", 1 * MiB),
      growing("last", 40 * MiB),
    ],
  });
  expect(files).toEqual(["1 MiB.txt", "32 MiB.txt", "40 MiB.txt", "last.txt"]);
  expect(heap.log).toEqual(["40 MiB", "collect", "32 MiB", "collect", "1 MiB", "last"]);
});

it("collects nothing where V8 refuses --expose-gc, and clears the flag all the same", async () => {
  const { garbageCollector } = await import("../scripts/pipeline/build.ts");
  heap.refuse = true;
  heap.log = [];
  const collect = garbageCollector();
  expect(heap.log).toEqual(["--expose-gc", "--no-expose-gc"]);
  heap.used = 100 * MiB;
  collect();
  expect(heap.log).toEqual(["--expose-gc", "--no-expose-gc"]);
});
