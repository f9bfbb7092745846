import { createRequire } from "node:module";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);

/**
 * Runs a worker module that sits beside the calling module (`callerUrl`, its import.meta.url)
 * and resolves with the one message it posts: `NAME.ts` beside it in the sources, `NAME.mjs`
 * beside the bundle a command runs from (scripts/run.mjs bundles every `*-worker.ts` there).
 */
export function runWorker<T>(callerUrl: string, name: string, workerData: unknown): Promise<T> {
  const fromSources = extname(fileURLToPath(callerUrl)) === ".ts";
  const module = new URL(`./${name}${fromSources ? ".ts" : ".mjs"}`, callerUrl);
  // Loaded when first needed, and at once, so that the worker starts before this thread goes
  // back to its own work: loading it costs a command that starts no worker about 30 ms.
  const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
  return new Promise((resolve, reject) => {
    const worker = start(Worker, module, workerData);
    let result: { value: T } | undefined;
    worker.once("message", (value: T) => {
      result = { value };
    });
    worker.once("error", reject);
    worker.once("exit", (code) =>
      result && code === 0
        ? resolve(result.value)
        : reject(new Error(`worker ${name} exited with code ${code}`)),
    );
  });
}

function start(
  Worker: typeof import("node:worker_threads").Worker,
  module: URL,
  workerData: unknown,
): Worker {
  if (module.pathname.endsWith(".mjs")) return new Worker(module, { workerData });
  // From the sources, under tsx: a worker does not inherit tsx's loader, so it registers it
  // before it loads the module.
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
