/**
 * `npm run mutate [-- stryker options]`: Stryker over scripts/ (stryker.config.mjs), then the
 * score of each folder. Exits with Stryker's status, so a score under `thresholds.break` fails.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { printScores, REPORT, ROOT } from "./score.ts";

const stryker = join(ROOT, "node_modules", ".bin", "stryker");
const { status } = spawnSync(stryker, ["run", ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: "inherit",
});
if (existsSync(REPORT)) printScores();
process.exit(status ?? 2);
