import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus, RECORDS_PER_SOURCE } from "../scripts/bench/corpus.ts";
import { render } from "../scripts/pipeline/build.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { tempDir } from "./helpers.ts";

/** Every file of a data folder, by path relative to it, with its bytes as text. */
const filesOf = (dir: string) =>
  new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [path.slice(dir.length), readFileSync(path, "utf8")];
      }),
  );

describe("the benchmark's corpus (npm run bench)", () => {
  it("validates clean and builds, at 2 sources", async () => {
    const dir = join(tempDir(), "data");
    const corpus = generateCorpus(dir, 2, 1);
    expect(corpus.records).toBe(2 * RECORDS_PER_SOURCE);
    const validation = validate(dir);
    expect(validation.problems).toEqual([]);
    expect(validation.dataset.records).toHaveLength(corpus.records);
    const { output } = await render(validation);
    expect(output.size).toBeGreaterThan(0);
  });

  it("is the same from the same seed, and has what makes offsets hard", () => {
    const [a, b] = [join(tempDir(), "data"), join(tempDir(), "data")] as [string, string];
    generateCorpus(a, 2, 7);
    generateCorpus(b, 2, 7);
    expect(filesOf(a)).toEqual(filesOf(b));
    const text = readFileSync(join(a, "sources", "article-1.txt"), "utf8");
    expect(text).toMatch(/\p{Extended_Pictographic}/u); // astral: two code units, one code point
    expect(text).toMatch(/[\u00a0\u201c\u201d\u2019]/);
  });
});
