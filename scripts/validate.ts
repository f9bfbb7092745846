import { type Command, parseFlags, runIfMain, UsageError } from "./lib/cli.ts";
import { exitCodeOf, validate } from "./pipeline/validate.ts";
import { FORMATS, type Format, formatReport } from "./report/index.ts";

const USAGE = `usage: npm run validate -- [--data DIR] [--format ${FORMATS.join("|")}]
  Runs every check on the records in DIR (default: data).
  Exit codes: 0 valid, 1 invalid data, 2 usage or internal error.`;

export const command: Command = {
  usage: USAGE,
  main(argv, io) {
    const { values } = parseFlags(argv, {
      options: {
        data: { type: "string", default: "data" },
        format: { type: "string" },
      },
    });
    const format = values.format ?? (io.env.GITHUB_ACTIONS === "true" ? "github" : "text");
    if (!FORMATS.includes(format as Format)) throw new UsageError(`unknown format \`${format}\``);
    const result = validate(values.data);
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
