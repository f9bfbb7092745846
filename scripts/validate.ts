import { readFileSync } from "node:fs";
import { type Command, parseFlags, runIfMain, UsageError } from "./lib/cli.ts";
import { exitCodeOf, validateInParallel } from "./pipeline/validate.ts";
import { FORMATS, type Format, formatReport } from "./report/index.ts";
import { changedFirst } from "./report/order.ts";

const USAGE = `usage: npm run validate -- [--data DIR] [--format ${FORMATS.join("|")}] [--jobs N]
                             [--changed-first LIST]
  Runs every check on the records in DIR (default: data), on N threads (default: one per core
  when there are enough records to share; the output is the same for any N).
  --changed-first LIST reports first the problems that cause others (a changed source text),
  then those on the files named in the file LIST, one path a line (as \`git diff --name-only\`
  prints them), then the rest.
  Exit codes: 0 valid, 1 invalid data, 2 usage or internal error.`;

/** The paths listed in a file, one a line. */
function readList(path: string): Set<string> {
  try {
    return new Set(
      readFileSync(path, "utf8")
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    );
  } catch {
    throw new UsageError(`--changed-first: cannot read the list \`${path}\``);
  }
}

export const command: Command = {
  usage: USAGE,
  async main(argv, io) {
    const { values } = parseFlags(argv, {
      options: {
        data: { type: "string", default: "data" },
        format: { type: "string" },
        jobs: { type: "string" },
        "changed-first": { type: "string" },
      },
    });
    const format = values.format ?? (io.env.GITHUB_ACTIONS === "true" ? "github" : "text");
    if (!FORMATS.includes(format as Format)) throw new UsageError(`unknown format \`${format}\``);
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1))
      throw new UsageError(`--jobs takes a whole number from 1, not \`${values.jobs}\``);
    const changed = values["changed-first"];
    const order = changed === undefined ? undefined : readList(changed);
    const result = await validateInParallel(values.data, jobs === undefined ? {} : { jobs });
    const problems = order ? changedFirst(result.problems, order) : result.problems;
    io.stdout(
      formatReport(format as Format, problems, {
        color: io.isTTY && !io.env.NO_COLOR,
        checked: result.dataset.records.length,
      }),
    );
    return exitCodeOf(result);
  },
};

runIfMain(import.meta.url, command);
