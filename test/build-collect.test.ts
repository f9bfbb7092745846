import { join } from "node:path";
import { expect, it, vi } from "vitest";
import type { Emitter } from "../scripts/emit/emitter.ts";
import { build } from "../scripts/pipeline/build.ts";
import { BASE, tempDir } from "./helpers.ts";

// When the build collects garbage between emitters: after an emitter that left at least 32 MiB
// more on the heap than after the last collection, never after the last emitter. The heap's
// size and the collector are stand-ins (the mocks are hoisted above the imports, so build.ts
// gets them when it loads), so that the test sees each collection and does not depend on what
// V8 happens to hold.

const MiB = 1024 * 1024;
const heap = vi.hoisted(() => ({ used: 0, log: [] as string[] }));

vi.mock("node:v8", async (actual) => ({
  ...(await actual<typeof import("node:v8")>()),
  setFlagsFromString: () => {},
  getHeapStatistics: () => ({ used_heap_size: heap.used }),
}));
vi.mock("node:vm", async (actual) => ({
  ...(await actual<typeof import("node:vm")>()),
  runInNewContext: (code: string) =>
    code === "gc"
      ? () => {
          heap.log.push("collect");
          heap.used = 20 * MiB;
        }
      : undefined,
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
