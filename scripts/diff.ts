import { classify } from "./diff/classify.ts";
import { jsonReport } from "./diff/json.ts";
import { markdownReport } from "./diff/markdown.ts";
import { compareVersions } from "./diff/open.ts";
import { textReport } from "./diff/text.ts";
import { type Command, parseFlags, runIfMain, UsageError } from "./lib/cli.ts";
import { formatReport } from "./report/index.ts";

const FORMATS = { text: textReport, markdown: markdownReport, json: jsonReport };
type Format = keyof typeof FORMATS;

const USAGE = `usage: npm run diff -- [--base REV | --from DIR] [--to DIR] [--format text|markdown|json]
  Reports what changed between two versions of the records and schemas, record by record:
  verdicts first, then claims, then the rest, then schema/, with the semver class of the change
  and the exported types it changes.
  --base REV   the old version is a Git revision, read with git (default: the merge base of
               HEAD with main); a release tag vX.Y.Z that does not exist stands for the first
               commit whose package.json has version X.Y.Z
  --from DIR   the old version is a folder: a tree holding data/ (and schema/), or a data folder
  --to DIR     the new version (default: the work tree the command runs in)
  --repo DIR   the Git repository to read revisions from (default: the current folder)
  Exit codes: 0 compared, 1 a file either side could not be read, 2 usage or internal error.`;

export const command: Command = {
  usage: USAGE,
  main(argv, io) {
    const { values } = parseFlags(argv, {
      options: {
        base: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        repo: { type: "string", default: "." },
        format: { type: "string", default: "text" },
      },
    });
    if (!Object.hasOwn(FORMATS, values.format))
      throw new UsageError(`unknown format \`${values.format}\``);
    const { diff, problems, notes } = compareVersions({
      ...(values.base !== undefined ? { base: values.base } : {}),
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
      repo: values.repo,
    });
    for (const note of notes) io.stderr(`note: ${note}\n`);
    if (problems.length > 0) {
      io.stderr(formatReport("text", problems, { color: false, checked: 0 }));
      return 1;
    }
    io.stdout(FORMATS[values.format as Format](diff, classify(diff)));
    return 0;
  },
};

runIfMain(import.meta.url, command);
