import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvEmitter } from "../scripts/emit/csv.ts";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import type { Model } from "../scripts/emit/model.ts";
import { render } from "../scripts/pipeline/build.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE, FIXTURES } from "./helpers.ts";

// The CSV emitter writes a table a few rows at a time: a table longer than one piece must read
// as one table, its header once, every row once and in order.
const EXPECTED_CSV = join(FIXTURES, "base-expected", "csv");

describe("a CSV table of more rows than one piece holds", () => {
  it("has its header once, then every row once, in order", async () => {
    const { model } = await render(validate(BASE), []);
    const [header, , bo] = readFileSync(join(EXPECTED_CSV, "people.csv"), "utf8").split("\n");
    const people = model.collections.find((c) => c.collection.name === "people");
    const ana = people?.records.find((r) => r.id === "ana-ruiz");
    if (!people || !ana) throw new Error("the base fixture has no ana-ruiz in people");
    // 200 copies of one person (ana-ruiz-000 … ana-ruiz-199), then the other person.
    const ids = Array.from({ length: 200 }, (_, i) => `ana-ruiz-${String(i).padStart(3, "0")}`);
    const many: Model = {
      ...model,
      collections: model.collections.map((c) =>
        c === people
          ? {
              ...c,
              records: [
                ...ids.map((id) => ({ ...ana, id })),
                ...c.records.filter((r) => r !== ana),
              ],
            }
          : c,
      ),
    };
    const out = new MemoryOutput();
    await csvEmitter.emit(many, out);
    const expected = [
      header,
      ...ids.map((id) => `${id},Ana Ruiz,stated,sample-article,17,25,Ana Ruiz,,,,`),
      bo,
      "",
    ].join("\n");
    expect(Buffer.from(out.get("csv/people.csv") ?? "").toString("utf8")).toBe(expected);
  });
});
