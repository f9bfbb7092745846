import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.ts";

// The pull-request workflow picks its checks with this script, from `git diff --name-only`.
const tierOf = (paths: string[]) =>
  spawnSync("bash", [join(ROOT, "scripts", "ci", "tier.sh")], {
    input: paths.join("\n"),
    encoding: "utf8",
  }).stdout.trim();

describe("the checks a pull request gets", () => {
  it.each([
    { paths: ["data/claims/claim-x.json", "data/reviews/review-x.json"], tier: "data-only" },
    { paths: ["data/sources/kerry-russia-trip.txt"], tier: "data-only" },
    { paths: ['"data/people/ren\\303\\251.json"'], tier: "data-only" },
    { paths: ["data/claims/claim-x.json", "", ""], tier: "data-only" },
    { paths: ["data/claims/claim-x.json", "dist/csv/claims.csv"], tier: "full" },
    { paths: ["data/claims/claim-x.json", "README.md"], tier: "full" },
    { paths: ["schema/claim.schema.json"], tier: "full" },
    { paths: ["scripts/checks/spans.ts", "data/claims/claim-x.json"], tier: "full" },
    { paths: ["package-lock.json"], tier: "full" },
    { paths: ["package.json"], tier: "full" },
    { paths: [".github/workflows/pull-request.yml"], tier: "full" },
    { paths: ["test/fixtures/base/people/ana-ruiz.json"], tier: "full" },
    { paths: ["database/x.json"], tier: "full" },
    { paths: ["data"], tier: "full" },
    { paths: [], tier: "full" },
  ])("$paths: $tier", ({ paths, tier }) => {
    expect(tierOf(paths)).toBe(tier);
  });
});
