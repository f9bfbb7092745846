import { appendFileSync } from "node:fs";
import { classify } from "../diff/classify.ts";
import { uncorrectedVerdicts } from "../diff/corrections.ts";
import { markdownReport } from "../diff/markdown.ts";
import { compareVersions } from "../diff/open.ts";
import { type Command, parseFlags, runIfMain } from "../lib/cli.ts";
import { formatGithub } from "../report/github.ts";

const USAGE = `usage: node scripts/run.mjs diff-summary [--base REV]
  For a pull request in CI: writes the Markdown diff of the records and schemas to the job
  summary ($GITHUB_STEP_SUMMARY; stdout without it), and fails with an annotation on each
  review whose verdict changed without a new correction recording the old verdict.
  --base REV   the old version (default: the merge base of HEAD with the pull request's base
               branch, $GITHUB_BASE_REF, else main)
  --repo DIR   the Git repository (default: the current folder)
  Exit codes: 0 every verdict change corrected, 1 one is not (or a file could not be read),
  2 usage or internal error.`;

export const command: Command = {
  usage: USAGE,
  main(argv, io) {
    const { values } = parseFlags(argv, {
      options: { base: { type: "string" }, repo: { type: "string", default: "." } },
    });
    const branch = io.env.GITHUB_BASE_REF || "main";
    const { diff, problems, notes } = compareVersions({
      ...(values.base !== undefined ? { base: values.base } : { branch }),
      repo: values.repo,
    });
    for (const note of notes) io.stderr(`note: ${note}\n`);
    const summary = markdownReport(diff, classify(diff));
    const file = io.env.GITHUB_STEP_SUMMARY;
    if (file) appendFileSync(file, summary);
    else io.stdout(summary);
    const failures = [...problems, ...uncorrectedVerdicts(diff)];
    io.stdout(formatGithub(failures));
    return failures.length > 0 ? 1 : 0;
  },
};

runIfMain(import.meta.url, command);
