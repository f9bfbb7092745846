import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import { type Command, execute } from "../scripts/lib/cli.ts";
import type { JsonObject } from "../scripts/lib/json.ts";
import { loadSchemas, SCHEMA_DIR, type Schemas } from "../scripts/lib/schemas/index.ts";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const FIXTURES = join(ROOT, "test", "fixtures");
export const BASE = join(FIXTURES, "base");

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = "kerry-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

let built: Promise<string> | undefined;

/**
 * data/ built into a temporary `dist/` folder, once per test file: tests of the output read
 * this, never the committed dist/, which only the build on main keeps current. Its parent
 * folder stands for the package root where the README's recipes read `dist/…`.
 */
export function freshBuild(): Promise<string> {
  built ??= (async () => {
    const { build } = await import("../scripts/pipeline/build.ts");
    const out = join(tempDir("kerry-build-"), "dist");
    const { files, problems } = await build(join(ROOT, "data"), out);
    if (!files.length) throw new Error(`data/ does not build: ${problems[0]?.message}`);
    return out;
  })();
  return built;
}

/** The package as \`npm pack\` packs it right after a build: its metadata and a fresh dist/. */
export async function freshPackage(): Promise<string> {
  const dist = await freshBuild();
  const root = dirname(dist);
  for (const file of ["package.json", "README.md", "LICENSE"])
    cpSync(join(ROOT, file), join(root, file));
  return root;
}

/** A copy of a data folder (the small valid base by default), with fixture overlays copied on top. */
export function dataCopy(from: string = BASE, ...overlays: string[]): string {
  const dir = join(tempDir(), "data");
  cpSync(from, dir, { recursive: true });
  for (const overlay of overlays) {
    for (const entry of readdirSync(overlay)) {
      if (entry === "expected.json" || entry === "README.md") continue;
      cpSync(join(overlay, entry), join(dir, entry), { recursive: true, verbatimSymlinks: true });
    }
  }
  return dir;
}

export const isDirectory = (path: string) => statSync(path).isDirectory();

/** Runs a command's main function in this process, capturing what it writes. */
export async function call(
  command: Command,
  args: string[],
  options: { env?: Record<string, string> } = {},
) {
  let stdout = "";
  let stderr = "";
  const status = await execute(command, args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { NO_COLOR: "1", ...options.env },
    isTTY: false,
  });
  return { status, stdout, stderr };
}

/**
 * Runs one of the package's commands in a child process through tsx: for the one end-to-end
 * test per command (exit code, no stack trace). Behaviour is tested with `call`.
 */
export function run(
  script: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; script?: string } = {},
) {
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
      options.script ?? join(ROOT, "scripts", script),
      ...args,
    ],
    {
      cwd: options.cwd ?? ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "", ...options.env },
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command exactly as `npm run <name>` does: `node scripts/run.mjs <name> …`. */
export function runAsNpm(name: string, args: string[], options: { cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, "scripts", "run.mjs"), name, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the package's schemas with one schema file changed, compiled. */
export function schemasWith(file: string, change: (schema: JsonObject) => void): Schemas {
  const dir = tempDir();
  cpSync(SCHEMA_DIR, dir, { recursive: true });
  const schema = JSON.parse(readFileSync(join(dir, file), "utf8")) as JsonObject;
  change(schema);
  writeFileSync(join(dir, file), JSON.stringify(schema));
  return loadSchemas(dir);
}
