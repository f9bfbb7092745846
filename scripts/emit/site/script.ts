import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { BuildOptions } from "esbuild";
import { writeFileAtomic } from "../../lib/atomic.mjs";
import { isObject } from "../../lib/json.ts";
import { PACKAGE_ROOT } from "../../lib/root.ts";

// Found from the package root, not from this module: npm run starts from a bundle elsewhere.
export const CLIENT = join(PACKAGE_ROOT, "scripts", "emit", "site", "client");

const OPTIONS = {
  entryPoints: [join(CLIENT, "site.js")],
  bundle: true,
  format: "iife",
  target: "es2022",
  charset: "utf8",
  legalComments: "none",
  write: false,
  // Paths in the bundle's comments are from the package root, wherever the build starts.
  absWorkingDir: PACKAGE_ROOT,
} as const satisfies BuildOptions;

/**
 * The pages' script with what it imports (the span object `npm run span` prints), as one classic
 * script: a page opened from disk may not load modules. esbuild makes it; with `cacheDir` it is
 * kept there with the files esbuild read to make it, and read from there while none of them,
 * nor esbuild's version or these options, changed: starting esbuild and bundling took about a
 * third of a second, a tenth of a build of 100 sources.
 */
export async function pageScript(cacheDir: string | undefined): Promise<string> {
  const keptAt = cacheDir && join(cacheDir, "site-script.json");
  const kept = keptAt ? readKept(keptAt) : undefined;
  // esbuild is loaded only when the script is made: a build that reads it kept never needs it.
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  if (kept && kept.key === keyOf(esbuild.version, kept.inputs)) return kept.text;
  const result = await esbuild.build({ ...OPTIONS, metafile: true });
  const text = result.outputFiles[0]?.text ?? "";
  const inputs = Object.keys(result.metafile.inputs).sort();
  const key = keyOf(esbuild.version, inputs);
  if (keptAt && key !== undefined) {
    try {
      writeFileAtomic(keptAt, JSON.stringify({ key, inputs, text } satisfies Kept));
    } catch {
      // The next build makes it again.
    }
  }
  return text;
}

interface Kept {
  key: string;
  /** The files esbuild read, from the package root. */
  inputs: string[];
  text: string;
}

function readKept(path: string): Kept | undefined {
  try {
    const kept: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (!isObject(kept) || !Array.isArray(kept.inputs)) return undefined;
    const { key, inputs, text } = kept;
    if (typeof key !== "string" || typeof text !== "string") return undefined;
    return { key, inputs: inputs.map(String), text };
  } catch {
    return undefined;
  }
}

/** A hash of what makes the script: esbuild's version, the options, and each input's bytes; undefined if one cannot be read. */
function keyOf(version: string, inputs: readonly string[]): string | undefined {
  const hash = createHash("sha256").update(`${version}\0${JSON.stringify(OPTIONS)}`);
  try {
    for (const input of inputs)
      hash.update(`\0${input}\0`).update(readFileSync(join(PACKAGE_ROOT, input)));
  } catch {
    return undefined;
  }
  return hash.digest("hex");
}
