import { parseFlags, runCli, UsageError } from "./lib/cli.ts";
import { exitCodeOf, validate } from "./lib/validate.ts";
import { FORMATS, type Format, formatReport } from "./report/index.ts";

const USAGE = `usage: npm run validate -- [--data DIR] [--format ${FORMATS.join("|")}]
  Runs every check on the records in DIR (default: data).
  Exit codes: 0 valid, 1 invalid data, 2 usage or internal error.`;

runCli(USAGE, () => {
  const { values } = parseFlags({
    options: {
      data: { type: "string", default: "data" },
      format: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format ?? (process.env.GITHUB_ACTIONS === "true" ? "github" : "text");
  if (!FORMATS.includes(format as Format)) throw new UsageError(`unknown format \`${format}\``);
  const result = validate(values.data);
  process.stdout.write(
    formatReport(format as Format, result.problems, {
      color: process.stdout.isTTY === true && !process.env.NO_COLOR,
      checked: result.dataset.records.length,
    }),
  );
  return exitCodeOf(result);
});
