import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPackageSchemas } from "../scripts/lib/schemas/index.ts";
import { ROOT } from "./helpers.ts";

describe("editor support", () => {
  it("maps every collection folder to its schema in .vscode/settings.json", () => {
    const settings = JSON.parse(readFileSync(join(ROOT, ".vscode", "settings.json"), "utf8"));
    const expected = loadPackageSchemas().collections.map((c) => ({
      fileMatch: [`data/${c.name}/*.json`],
      url: `./schema/${c.schemaFile}`,
    }));
    expect(settings["json.schemas"]).toEqual(expected);
  });

  it("describes every property in every schema, for hover text", () => {
    const undescribed = loadPackageSchemas().collections.flatMap((c) =>
      c.fields
        .filter(
          (f) =>
            f.path.length > 0 &&
            f.path.at(-1) !== "*" &&
            !f.node.description &&
            !f.resolved.description,
        )
        .map((f) => `${c.name}.${f.path.join(".")}`),
    );
    expect(undescribed).toEqual([]);
  });
});
