import { join } from "node:path";
import { writeFileAtomic } from "./lib/atomic.mjs";
import { type Command, parseFlags, runIfMain } from "./lib/cli.ts";
import { loadDataset } from "./lib/dataset.ts";
import { dropByteOrderMarks, fixedText } from "./lib/fix.ts";
import { loadPackageSchemas } from "./lib/schemas/index.ts";
import { formatText } from "./report/text.ts";

const USAGE = `usage: npm run fix -- [--data DIR] [--check]
  Rewrites every record into canonical form (keys in schema order, 2-space indent, LF, final
  newline), adds a missing $schema and removes a byte-order mark. Values are never changed. Files that do not parse are
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
    const schemas = loadPackageSchemas();
    const marked = dropByteOrderMarks(values.data, schemas, !values.check);
    const loaded = loadDataset(values.data, schemas);
    const { dataset } = loaded;
    // With --check the marks are still there: a file that has one is a file fix would fix.
    const problems = loaded.problems.filter((p) => !(p.code === "bom" && marked.includes(p.file)));
    const changed = new Set(marked);
    for (const file of dataset.records) {
      const text = fixedText(file);
      if (text === file.text) continue;
      changed.add(file.display);
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
      `${changed.size} of ${dataset.records.length + (values.check ? marked.length : 0)} files ${values.check ? "need fixing" : "fixed"}\n`,
    );
    return values.check && changed.size > 0 ? 1 : 0;
  },
};

runIfMain(import.meta.url, command);
