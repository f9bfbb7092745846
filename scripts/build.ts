import { type Command, parseFlags, runIfMain } from "./lib/cli.ts";
import { PACKAGE_ROOT } from "./lib/root.ts";
import { build } from "./pipeline/build.ts";
import { exitCodeOf } from "./pipeline/validate.ts";
import { formatText } from "./report/text.ts";

const USAGE = `usage: npm run build -- [--data DIR] [--out DIR]
  Validates the records in DIR (default: data) and, only if they are valid, writes every
  export to the output folder (default: dist), replacing it as a whole.`;

export const command: Command = {
  usage: USAGE,
  async main(argv, io) {
    const { values } = parseFlags(argv, {
      options: {
        data: { type: "string", default: "data" },
        out: { type: "string", default: "dist" },
      },
    });
    // Generated sections of README.md and CONTRIBUTING.md follow the package's own data only.
    const docsRoot = values.data === "data" ? PACKAGE_ROOT : undefined;
    const result = await build(values.data, values.out, { docsRoot });
    const { files, documents, records } = result;
    const code = exitCodeOf(result);
    if (code !== 0) {
      io.stderr(formatText(result.problems, { checked: records }));
      io.stderr(`build refused: fix the problems above; ${values.out}/ was left as it was\n`);
      return code;
    }
    io.stdout(`built ${files.length} files in ${values.out}/ from ${records} records\n`);
    for (const doc of documents) io.stdout(`updated the generated sections of ${doc}\n`);
    return 0;
  },
};

runIfMain(import.meta.url, command);
