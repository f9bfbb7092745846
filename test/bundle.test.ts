import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLE_LIMIT, bundle, installedAt, measureBundles } from "../scripts/bench/bundles.ts";
import { camel } from "../scripts/emit/model.ts";
import { loadPackageSchemas } from "../scripts/lib/schemas/index.ts";
import { ROOT } from "./helpers.ts";

// A bundler given one collection's lookup keeps that collection and drops the rest: the entry
// point's modules are side-effect free in fact, as package.json's `sideEffects: false` says.
const dir = installedAt(ROOT);
const withoutSideEffectsField = installedAt(ROOT, false);
afterAll(() => {
  for (const made of [dir, withoutSideEffectsField]) rmSync(made, { recursive: true, force: true });
});
const collections = loadPackageSchemas().collections.map((c) => c.name);
const idsOf = (name: string) =>
  (
    JSON.parse(readFileSync(join(ROOT, "dist", "json", `${name}.json`), "utf8")) as { id: string }[]
  ).map((r) => r.id);
/** The ids of the records a minified bundle holds (`id:"…"`, as esbuild writes a record). */
const recordIds = (code: string) => new Set([...code.matchAll(/\bid:"([^"]+)"/g)].map((m) => m[1]));

describe("a bundle of one collection's lookup", () => {
  it.each(
    collections.flatMap((name) => [
      [name, "with"],
      [name, "without"],
    ]),
  )(
    "from the entry point holds `%s` and no other collection, %s `sideEffects: false`",
    async (name, trust) => {
      const byId = `${camel(name)}ById`;
      const code = await bundle(
        `import { ${byId} } from "kerry-moscow-2013";\nconsole.log(${byId});\n`,
        trust === "with" ? dir : withoutSideEffectsField,
      );
      expect([...recordIds(code)].sort()).toEqual([...idsOf(name)].sort());
      // Nor the source texts, nor the lookups across collections.
      expect(code).not.toContain("no record has the id");
    },
  );

  it(`weighs at most ${BUNDLE_LIMIT}× the collection's minified JSON, for every collection`, async () => {
    const rows = await measureBundles(ROOT);
    expect(rows.map((r) => r.collection)).toEqual(collections);
    const over = rows.filter((r) => Math.max(r.fromModule, r.fromEntry) > BUNDLE_LIMIT * r.json);
    expect(over).toEqual([]);
  }, 120_000);
});
