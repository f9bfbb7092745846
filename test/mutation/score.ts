/**
 * Prints the mutation score of each folder of scripts/ from Stryker's JSON report
 * (reports/mutation/mutation.json, written by `npm run mutate`), as Stryker counts it: mutants
 * killed or timed out, out of those killed, timed out, survived or not covered by any test.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const REPORT = join(ROOT, "reports", "mutation", "mutation.json");
export const FOLDERS = ["scripts/checks", "scripts/lib", "scripts/pipeline", "scripts/emit"];

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

export interface Tally {
  folder: string;
  killed: number;
  survived: number;
  noCoverage: number;
  /** Mutants that could not run (a compile or runtime error) or were ignored: not scored. */
  other: number;
}

const DETECTED = new Set(["Killed", "Timeout"]);

/** The counts of each folder (and of the rest of scripts/ as `scripts`), in FOLDERS order. */
export function tally(report: Report): Tally[] {
  const folders = [...FOLDERS, "scripts"];
  const tallies = folders.map((folder) => ({
    folder,
    killed: 0,
    survived: 0,
    noCoverage: 0,
    other: 0,
  }));
  for (const [path, { mutants }] of Object.entries(report.files)) {
    const file = path.replaceAll("\\", "/");
    const index = folders.findIndex((folder) => file.startsWith(`${folder}/`));
    const t = tallies[index === -1 ? folders.length - 1 : index] as Tally;
    for (const { status } of mutants) {
      if (DETECTED.has(status)) t.killed++;
      else if (status === "Survived") t.survived++;
      else if (status === "NoCoverage") t.noCoverage++;
      else t.other++;
    }
  }
  return tallies.filter((t) => t.killed + t.survived + t.noCoverage + t.other > 0);
}

/** Killed out of scored, as a percentage; undefined when nothing was scored. */
export function score(t: Tally): number | undefined {
  const scored = t.killed + t.survived + t.noCoverage;
  return scored === 0 ? undefined : (100 * t.killed) / scored;
}

/** Prints the table of scores per folder from the last report. */
export function printScores() {
  const report = JSON.parse(readFileSync(REPORT, "utf8")) as Report;
  const column = (value: string | number, width: number) => String(value).padStart(width);
  console.log("folder            score  killed survived no-cover  not-run");
  for (const t of tally(report)) {
    const s = score(t);
    console.log(
      `${t.folder.padEnd(17)} ${column(s === undefined ? "-" : s.toFixed(2), 6)} ${column(t.killed, 7)} ${column(t.survived, 8)} ${column(t.noCoverage, 8)} ${column(t.other, 8)}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printScores();
