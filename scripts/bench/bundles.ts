/**
 * What a program pays for one collection: esbuild bundles a program that imports one
 * collection's lookup by id, minified, and the bundle is set beside that collection's JSON,
 * minified. Once through the collection's own module (`kerry-moscow-2013/people`) and once
 * through the entry point, which must let the bundler drop every other collection.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { camel } from "../emit/model.ts";
import { PACKAGE_ROOT } from "../lib/root.ts";
import { loadPackageSchemas } from "../lib/schemas/index.ts";

export interface BundleRow {
  collection: string;
  /** The collection's `json/<name>.json`, minified, in bytes. */
  json: number;
  /** The bundle of a program importing the lookup from the collection's module. */
  fromModule: number;
  /** The same program importing it from the entry point. */
  fromEntry: number;
  /** Gzipped sizes of the JSON and of the bundle from the collection's module. */
  jsonGzip: number;
  fromModuleGzip: number;
}

/** The most a bundle may weigh, as a multiple of the collection's minified JSON. */
export const BUNDLE_LIMIT = 1.3;

/** The program: one lookup, used. */
const programOf = (specifier: string, byId: string) =>
  `import { ${byId} } from "${specifier}";\nconsole.log(Object.keys(${byId}).length);\n`;

/** The minified bundle of a program, resolving the package as an installed dependency would. */
export async function bundle(program: string, resolveDir: string): Promise<string> {
  const result = await build({
    stdin: { contents: program, resolveDir, sourcefile: "program.mjs" },
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform: "neutral",
    logLevel: "silent",
    // The package.json beside the installed package, not the one its link points back to.
    preserveSymlinks: true,
  });
  return result.outputFiles[0]?.text ?? "";
}

/**
 * A folder where `kerry-moscow-2013` resolves to the package at `root`; remove it when done.
 * Without `trustSideEffects`, its package.json loses `sideEffects`, as for a bundler that does
 * not read it: unused values must then go because their modules have no effect in fact.
 */
export function installedAt(root: string, trustSideEffects = true): string {
  const dir = mkdtempSync(join(tmpdir(), "kerry-bundle-"));
  const { sideEffects: _, ...pkg } = JSON.parse(
    readFileSync(join(root, "package.json"), "utf8"),
  ) as { name: string; sideEffects?: boolean };
  const installed = join(dir, "node_modules", pkg.name);
  if (trustSideEffects) {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(root, installed, "dir");
  } else {
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(installed, "package.json"), JSON.stringify(pkg));
    symlinkSync(join(root, "dist"), join(installed, "dist"), "dir");
  }
  return dir;
}

/** One row per collection, from the package's built `dist/`. */
export async function measureBundles(root: string = PACKAGE_ROOT): Promise<BundleRow[]> {
  const name = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string })
    .name;
  const dir = installedAt(root);
  try {
    const rows: BundleRow[] = [];
    for (const collection of loadPackageSchemas().collections) {
      const byId = `${camel(collection.name)}ById`;
      const json = JSON.stringify(
        JSON.parse(readFileSync(join(root, "dist", "json", `${collection.name}.json`), "utf8")),
      );
      const fromModule = await bundle(programOf(`${name}/${collection.name}`, byId), dir);
      const fromEntry = await bundle(programOf(name, byId), dir);
      rows.push({
        collection: collection.name,
        json: Buffer.byteLength(json),
        fromModule: Buffer.byteLength(fromModule),
        fromEntry: Buffer.byteLength(fromEntry),
        jsonGzip: gzipSync(json).length,
        fromModuleGzip: gzipSync(fromModule).length,
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bytes = (n: number) => n.toLocaleString("en-US");

/** The Markdown table of the rows, with whether each meets the limit. */
export function bundleTable(rows: BundleRow[]): string {
  const lines = [
    `| collection | JSON, minified (B) | bundle from its module (B) | × JSON | bundle from the entry point (B) | × JSON | gzip: JSON / bundle (B) | ≤ ${BUNDLE_LIMIT}× |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const row of rows) {
    const [a, b] = [row.fromModule / row.json, row.fromEntry / row.json];
    lines.push(
      `| \`${row.collection}\` | ${bytes(row.json)} | ${bytes(row.fromModule)} | ${a.toFixed(2)}× | ${bytes(row.fromEntry)} | ${b.toFixed(2)}× | ${bytes(row.jsonGzip)} / ${bytes(row.fromModuleGzip)} | ${Math.max(a, b) <= BUNDLE_LIMIT ? "met" : "NOT met"} |`,
    );
  }
  return lines.join("\n");
}
