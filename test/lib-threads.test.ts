/**
 * What threads share: how long a thread waits for the others to be ready (with the clock and
 * the wait stood in for, so that no test depends on how fast the machine is), and how a worker
 * module is started, from the sources and from a bundle, and what its end means.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BlockQueue } from "../scripts/lib/block-queue.ts";
import { runWorker } from "../scripts/lib/worker.ts";
import { tempDir } from "./helpers.ts";

describe("waiting for the threads to be ready", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A queue with `ready` threads ready, a clock reading `times` in turn, and the waits asked. */
  function waiting(ready: number, times: number[]) {
    const queue = new BlockQueue(4);
    for (let i = 0; i < ready; i++) queue.ready();
    let call = 0;
    vi.spyOn(Date, "now").mockImplementation(() => times[Math.min(call++, times.length - 1)] ?? 0);
    // [the counter waited on, the count it held, the time asked]
    const waits: [number, number, number][] = [];
    vi.spyOn(Atomics, "wait").mockImplementation((_, index, value, timeout) => {
      waits.push([index, Number(value), Number(timeout)]);
      // A thread never answers: after a few waits the limit must have ended the loop.
      if (waits.length > 3) throw new Error("waited past the limit");
      return "timed-out";
    });
    return { queue, waits };
  }

  it("does not wait when every thread is already ready", () => {
    const { queue, waits } = waiting(2, [1000]);
    queue.waitForReady(2, 50);
    expect(waits).toEqual([]);
  });

  it("waits for a thread not yet ready for what is left of the limit, then gives up", () => {
    // The limit ends at 1050; the first wait starts at 1000, and at 1060 the limit is past.
    const { queue, waits } = waiting(1, [1000, 1000, 1060]);
    queue.waitForReady(2, 50);
    expect(waits).toEqual([[1, 1, 50]]);
  });

  it("waits again, for less, while the limit is not reached, and not once it is exactly", () => {
    const { queue, waits } = waiting(0, [1000, 1010, 1030, 1100]);
    queue.waitForReady(1, 100);
    expect(waits).toEqual([
      [1, 0, 90],
      [1, 0, 70],
    ]);
  });

  it("stops waiting as soon as the last thread says it is ready", () => {
    const queue = new BlockQueue(4);
    queue.ready();
    vi.spyOn(Atomics, "wait").mockImplementation(() => {
      queue.ready();
      return "ok";
    });
    queue.waitForReady(2, 60_000);
    expect(Atomics.wait).toHaveBeenCalledTimes(1);
  });
});

describe("a worker module", () => {
  /** A bundle's folder: a caller `run.mjs` and worker modules `NAME.mjs` beside it. */
  function bundle(workers: Record<string, string>): string {
    const dir = tempDir();
    writeFileSync(join(dir, "run.mjs"), "");
    for (const [name, code] of Object.entries(workers))
      writeFileSync(join(dir, `${name}.mjs`), code);
    return pathToFileURL(join(dir, "run.mjs")).href;
  }
  const echo = `import { parentPort, workerData } from "node:worker_threads";
parentPort.postMessage({ echoed: workerData });`;

  it("beside a bundle is the .mjs one, given its data, and resolves with what it posts", async () => {
    const caller = bundle({ echo });
    await expect(runWorker(caller, "echo", { n: 7 })).resolves.toEqual({ echoed: { n: 7 } });
  });

  it("beside the sources is the .ts one, run through tsx", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }');
    writeFileSync(join(dir, "caller.ts"), "");
    writeFileSync(
      join(dir, "typed.ts"),
      `import { parentPort, workerData } from "node:worker_threads";
const data: { n: number } = workerData;
parentPort?.postMessage(data.n + 1);`,
    );
    await expect(
      runWorker(pathToFileURL(join(dir, "caller.ts")).href, "typed", { n: 1 }),
    ).resolves.toBe(2);
  });

  it("that posts nothing fails with its exit code, though the code is 0", async () => {
    const caller = bundle({ silent: "" });
    await expect(runWorker(caller, "silent", null)).rejects.toThrow(
      "worker silent exited with code 0",
    );
  });

  it("that posts and then exits with another code fails with that code", async () => {
    const caller = bundle({
      quits: `import { parentPort } from "node:worker_threads";
parentPort.postMessage("half");
process.exit(3);`,
    });
    await expect(runWorker(caller, "quits", null)).rejects.toThrow(
      "worker quits exited with code 3",
    );
  });

  it("that throws fails with its error", async () => {
    const caller = bundle({ throws: `throw new RangeError("no such block");` });
    await expect(runWorker(caller, "throws", null)).rejects.toThrow(RangeError);
  });
});
