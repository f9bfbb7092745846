import { join } from "node:path";
import { writeFileAtomic } from "./lib/atomic.mjs";
import { type Command, parseFlags, runIfMain } from "./lib/cli.ts";
import { loadDataset } from "./lib/dataset.ts";
import { fixedText } from "./lib/fix.ts";
import { formatText } from "./report/text.ts";

const USAGE = `usage: npm run fix -- [--data DIR] [--check]
  Rewrites every record into canonical form (keys in schema order, 2-space indent, LF, final
  newline) and adds a missing $schema. Values are never changed. Files that do not parse are
  left alone and reported. With --check, lists what would change and writes nothing.`;

export const command: Command = {
  usage: USAGE,
  main(argv, io) {
    const { values } = parseFlags(argv, {
      options: {
        data: { type: "string", default: "data" },
        check: { type: "boolean", default: false },
      },
    });
    const { dataset, problems } = loadDataset(values.data);
    const changed: string[] = [];
    for (const file of dataset.records) {
      const text = fixedText(file);
      if (text === file.text) continue;
      changed.push(file.display);
      if (!values.check)
        writeFileAtomic(join(values.data, file.collection.name, `${file.name}.json`), text);
    }
    for (const path of changed) io.stdout(`${values.check ? "would fix" : "fixed"} ${path}\n`);
    if (problems.length) {
      io.stderr("These files were left alone; fix them by hand first:\n");
      io.stderr(formatText(problems, { checked: dataset.records.length }));
      return 1;
    }
    io.stdout(
      `${changed.length} of ${dataset.records.length} files ${values.check ? "need fixing" : "fixed"}\n`,
    );
    return values.check && changed.length > 0 ? 1 : 0;
  },
};

runIfMain(import.meta.url, command);
