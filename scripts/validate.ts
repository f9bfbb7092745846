import { type Command, parseFlags, runIfMain, UsageError } from "./lib/cli.ts";
import { exitCodeOf, validateInParallel } from "./pipeline/validate.ts";
import { FORMATS, type Format, formatReport } from "./report/index.ts";

const USAGE = `usage: npm run validate -- [--data DIR] [--format ${FORMATS.join("|")}] [--jobs N]
  Runs every check on the records in DIR (default: data), on N threads (default: one per core
  when there are enough records to share; the output is the same for any N).
  Exit codes: 0 valid, 1 invalid data, 2 usage or internal error.`;

export const command: Command = {
  usage: USAGE,
  async main(argv, io) {
    const { values } = parseFlags(argv, {
      options: {
        data: { type: "string", default: "data" },
        format: { type: "string" },
        jobs: { type: "string" },
      },
    });
    const format = values.format ?? (io.env.GITHUB_ACTIONS === "true" ? "github" : "text");
    if (!FORMATS.includes(format as Format)) throw new UsageError(`unknown format \`${format}\``);
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1))
      throw new UsageError(`--jobs takes a whole number from 1, not \`${values.jobs}\``);
    const result = await validateInParallel(values.data, jobs === undefined ? {} : { jobs });
    io.stdout(
      formatReport(format as Format, result.problems, {
        color: io.isTTY && !io.env.NO_COLOR,
        checked: result.dataset.records.length,
      }),
    );
    return exitCodeOf(result);
  },
};

runIfMain(import.meta.url, command);
