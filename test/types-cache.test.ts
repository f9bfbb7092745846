import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import { buildModel, type Model } from "../scripts/emit/model.ts";
import { pageScript } from "../scripts/emit/site/script.ts";
import { typesEmitter } from "../scripts/emit/types.ts";
import { loadSchemas, SCHEMA_DIR } from "../scripts/lib/schemas/index.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { ROOT, tempDir } from "./helpers.ts";

const dataModel = buildModel(validate(join(ROOT, "data")).dataset);

/** types.d.ts as the types emitter writes it for the schemas in `dir`, kept in `cacheDir`. */
async function typesOf(dir: string, cacheDir: string): Promise<string> {
  const model: Model = { ...dataModel, schemas: loadSchemas(dir, { cacheDir }) };
  const out = new MemoryOutput();
  await typesEmitter.emit(model, out);
  return String(out.get("types.d.ts"));
}

const kept = (cacheDir: string) =>
  readdirSync(cacheDir).filter((f) => /^interfaces-[0-9a-f]{16}\.d\.ts$/.test(f));

describe("the interfaces kept between builds", () => {
  it("are the same bytes as those made, are read when the schemas did not change, and are made again when they did", async () => {
    const dir = tempDir();
    cpSync(SCHEMA_DIR, dir, { recursive: true });
    const cacheDir = tempDir();

    const made = await typesOf(dir, cacheDir);
    expect(kept(cacheDir)).toHaveLength(1);
    const [file] = kept(cacheDir) as [string];
    expect(made.endsWith(readFileSync(join(cacheDir, file), "utf8"))).toBe(true);
    expect(await typesOf(dir, cacheDir)).toBe(made);

    // What is kept is what a build with the same schemas reads: no compiler is started.
    writeFileSync(join(cacheDir, file), "export interface Kept {}\n");
    expect(await typesOf(dir, cacheDir)).toContain("export interface Kept {}");

    // A changed schema is another key: its interfaces are made, with the change.
    const schemaFile = join(dir, "person.schema.json");
    const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
    const described = Object.values(schema.properties).find(
      (p) => typeof (p as { description?: unknown }).description === "string",
    ) as { description: string };
    described.description = "A description no schema had.";
    writeFileSync(schemaFile, JSON.stringify(schema));
    const changed = await typesOf(dir, cacheDir);
    expect(changed).not.toContain("export interface Kept {}");
    expect(changed).toContain("A description no schema had.");
    expect(kept(cacheDir)).toHaveLength(2);
  });
});

describe("the pages' script kept between builds", () => {
  it("is the script esbuild makes, is read while its inputs did not change, and is made again when the kept one does not match", async () => {
    const cacheDir = tempDir();
    const made = await pageScript(undefined);
    expect(made).toContain("spanObject");
    expect(await pageScript(cacheDir)).toBe(made);
    const keptAt = join(cacheDir, "site-script.json");
    const kept = JSON.parse(readFileSync(keptAt, "utf8"));
    expect(kept.inputs).toContain("scripts/emit/site/client/site.js");

    // What is kept is what a build reads: esbuild is not asked again.
    writeFileSync(keptAt, JSON.stringify({ ...kept, text: "/* kept */" }));
    expect(await pageScript(cacheDir)).toBe("/* kept */");

    // Inputs whose bytes are not those it was made from are another key: made again.
    writeFileSync(keptAt, JSON.stringify({ ...kept, key: "0".repeat(64), text: "/* stale */" }));
    expect(await pageScript(cacheDir)).toBe(made);
  });
});
