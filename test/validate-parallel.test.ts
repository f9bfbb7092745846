import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateCorpus } from "../scripts/bench/corpus.ts";
import { BlockQueue } from "../scripts/lib/block-queue.ts";
import type { Schemas } from "../scripts/lib/schemas/index.ts";
import { loadSchemas, SCHEMA_DIR } from "../scripts/lib/schemas/index.ts";
import { validateInParallel } from "../scripts/pipeline/validate.ts";
import { tempDir } from "./helpers.ts";

// Validation on several threads when something outside the data goes wrong: the package's own
// schemas are broken, or a worker thread fails. Both are stood in for here, in this process:
// the schemas the package loads, and the start of a worker.

const stand = vi.hoisted(() => ({
  schemas: undefined as Schemas | undefined,
  workerFailure: undefined as Error | undefined,
}));

vi.mock("../scripts/lib/schemas/index.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../scripts/lib/schemas/index.ts")>();
  return { ...original, loadPackageSchemas: () => stand.schemas ?? original.loadPackageSchemas() };
});

vi.mock("../scripts/lib/worker.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../scripts/lib/worker.ts")>();
  return {
    ...original,
    runWorker: <T>(url: string, name: string, input: { queue: SharedArrayBuffer }): Promise<T> => {
      if (!stand.workerFailure) return original.runWorker<T>(url, name, input);
      // The worker says it is ready, as a real one does before it takes blocks, then fails.
      new BlockQueue(0, input.queue).ready();
      return Promise.reject(stand.workerFailure);
    },
  };
});

afterEach(() => {
  stand.schemas = undefined;
  stand.workerFailure = undefined;
});

describe("validation shared between threads, when something outside the data fails", () => {
  it("refuses broken package schemas as the single-thread validation does, reading no record", async () => {
    const dir = tempDir();
    cpSync(SCHEMA_DIR, dir, { recursive: true });
    const file = join(dir, "citation.schema.json");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace('"x-role": "note"', '"x-role": "notes"'),
    );
    stand.schemas = loadSchemas(dir);
    const data = tempDir();
    generateCorpus(data, 2, 1);
    const { problems, crashed, dataset } = await validateInParallel(data, { jobs: 2 });
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ["schema-role", "x-role `notes` is not a role"],
    ]);
    expect(crashed).toEqual([]);
    expect(dataset.records).toEqual([]);
  });

  it("fails with the failure of a worker, not with what the others found", async () => {
    const data = tempDir();
    generateCorpus(data, 2, 1);
    const failure = new Error("the worker stopped");
    stand.workerFailure = failure;
    await expect(validateInParallel(data, { jobs: 2 })).rejects.toBe(failure);
  });
});
