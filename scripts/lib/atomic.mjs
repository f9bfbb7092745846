// Plain JavaScript, so that scripts/run.mjs can use it before any TypeScript is compiled.
import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file by writing a temporary sibling and renaming it: readers see the old or the new
 * file, never half of one.
 * @param {string} path
 * @param {string | Uint8Array} data
 */
export function writeFileAtomic(path, data) {
  // Worker threads share the process id: a random part keeps their temporary files apart.
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
