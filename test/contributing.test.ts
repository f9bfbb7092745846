import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { validate } from "../scripts/pipeline/validate.ts";
import { command as span } from "../scripts/span.ts";
import { call, ROOT, tempDir } from "./helpers.ts";

// CONTRIBUTING.md's worked example, followed literally: its files, as `npm run fix` leaves them,
// added to a copy of data/, must validate with no problem at all.
const text = readFileSync(join(ROOT, "CONTRIBUTING.md"), "utf8");
const files = [...text.matchAll(/```json (data\/\S+)\n([\s\S]*?)```/g)].map((m) => ({
  path: m[1] ?? "",
  content: m[2] ?? "",
}));

describe("CONTRIBUTING's worked example", () => {
  it("adds a claim and its review", () => {
    expect(files.map((f) => f.path)).toEqual([
      "data/claims/claim-lavrov-russian-foreign-minister.json",
      "data/reviews/review-lavrov-russian-foreign-minister.json",
    ]);
  });

  it("validates with no problem, in the form npm run fix leaves", () => {
    const root = tempDir();
    cpSync(join(ROOT, "data"), join(root, "data"), { recursive: true });
    for (const { path, content } of files) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const { problems, dataset } = validate(join(root, "data"));
    expect(problems).toEqual([]);
    const added = dataset.records.filter((r) => files.some((f) => r.display.endsWith(f.path)));
    expect(added.map((r) => r.isCanonical)).toEqual([true, true]);
  });

  it("gets its span from npm run span, as it says", async () => {
    const { status, stdout } = await call(span, ["Russian Foreign Minister Sergei Lavrov"]);
    expect(status).toBe(0);
    const printed = JSON.parse(stdout);
    const [claim] = files;
    expect(JSON.parse(claim?.content ?? "{}").text).toEqual(printed);
    expect(text).toContain(`prints \`start\` ${printed.start}, \`end\` ${printed.end}`);
  });
});
