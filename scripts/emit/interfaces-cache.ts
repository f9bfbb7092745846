import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../lib/atomic.mjs";
import { byCodeUnits } from "../lib/order.ts";
import { PACKAGE_ROOT } from "../lib/root.ts";
import type { Schemas } from "../lib/schemas/index.ts";

/*
 * The interfaces are made from the schemas alone, by code that does not change between builds:
 * kept on disk, named by a hash of exactly what makes them, so that a build whose schemas did
 * not change reads them instead of starting the TypeScript compiler (about a second and a half).
 */

/** Every module file under a folder, by path, in a fixed order. */
export function moduleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => /\.(?:ts|mjs)$/.test(file))
    .sort()
    .map((file) => join(dir, file));
}

/**
 * The code that makes the interfaces: the worker's bundle, when running from the commands'
 * bundles (scripts/run.mjs makes it, with the packages left outside), else the sources it is
 * made from (the emitters and the shared building blocks); and the lockfile, for the versions
 * of json-schema-to-typescript, TypeScript and what they use.
 */
export function codeFiles(callerUrl: string): string[] {
  const here = fileURLToPath(callerUrl);
  const lockfile = join(PACKAGE_ROOT, "package-lock.json");
  if (extname(here) !== ".ts") return [join(dirname(here), "interfaces-worker.mjs"), lockfile];
  const scripts = join(PACKAGE_ROOT, "scripts");
  return [...moduleFiles(join(scripts, "emit")), ...moduleFiles(join(scripts, "lib")), lockfile];
}

/** Where the interfaces of these schemas are kept, or undefined when they are not kept. */
export function interfacesCachePath(schemas: Schemas, callerUrl: string): string | undefined {
  if (!schemas.cacheDir) return undefined;
  const hash = createHash("sha256");
  try {
    for (const file of codeFiles(callerUrl))
      hash.update(`\0${relative(PACKAGE_ROOT, file)}\0`).update(readFileSync(file));
  } catch {
    // Code that cannot be read cannot be named: the interfaces are made each time.
    return undefined;
  }
  for (const [file, text] of [...schemas.texts].sort(([a], [b]) => byCodeUnits(a, b)))
    hash.update(`\0${file}\0${text}`);
  return join(schemas.cacheDir, `interfaces-${hash.digest("hex").slice(0, 16)}.d.ts`);
}

/** The kept interfaces at `path`, if there are. */
export function readKeptInterfaces(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Keeps the interfaces at `path`; a folder that cannot be written only loses the saving. */
export function keepInterfaces(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, text);
  } catch {
    // The next build makes them again.
  }
}
