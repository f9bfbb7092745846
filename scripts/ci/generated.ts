import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Command, parseFlags, runIfMain, UsageError } from "../lib/cli.ts";
import { PACKAGE_ROOT } from "../lib/root.ts";
import { DOCUMENTS, sectionsOf, withSectionBodies } from "../pipeline/docs.ts";

const USAGE = `usage: npm run generated -- check|drop --base REF [--format text|github]
  What the build writes (dist/ and the generated sections of ${DOCUMENTS.join(" and ")}) is
  committed on main by automation only, never in a pull request.
  check  lists what the commits since REF change of it; exit 1 when they change any.
  drop   puts it back as it is at REF, keeping every other change, and stages the result.
  Exit codes: 0 nothing to drop (check) or dropped (drop), 1 generated files changed, 2 usage.`;

const OUT = "dist";

const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: PACKAGE_ROOT, encoding: "utf8", stdio: "pipe" });

/** A file as committed at a revision, or "" where it does not exist. */
function show(revision: string, path: string): string {
  try {
    return git("show", `${revision}:${path}`);
  } catch {
    return "";
  }
}

/** What the commits on HEAD since it left `base` change of the files only the build writes. */
export interface GeneratedChanges {
  /** Paths under dist/. */
  files: string[];
  /** Generated sections whose body changed, as `DOCUMENT (section NAME)`. */
  sections: string[];
}

export function generatedChanges(base: string): GeneratedChanges {
  const fork = git("merge-base", base, "HEAD").trim();
  const files = git("diff", "--name-only", "--no-renames", fork, "HEAD", "--", OUT)
    .split("\n")
    .filter(Boolean);
  const sections: string[] = [];
  for (const document of DOCUMENTS) {
    const before = sectionsOf(show(fork, document));
    for (const [name, body] of sectionsOf(show("HEAD", document))) {
      // A section a change adds is left empty for the build to fill, and that is no change.
      if (body.trim() === "" || body === before.get(name)) continue;
      sections.push(`${document} (section ${name})`);
    }
  }
  return { files, sections };
}

/** Puts dist/ and the generated sections back as they are at `base`, and stages that. */
export function dropGenerated(base: string): void {
  const fork = git("merge-base", base, "HEAD").trim();
  // --source restores what the branch changed or deleted and removes what it added.
  git("restore", `--source=${fork}`, "--staged", "--worktree", "--", OUT);
  for (const document of DOCUMENTS) {
    const path = join(PACKAGE_ROOT, document);
    const text = readFileSync(path, "utf8");
    const restored = withSectionBodies(text, sectionsOf(show(fork, document)));
    if (restored === text) continue;
    writeFileSync(path, restored);
    git("add", "--", document);
  }
}

/** The command that drops the change, for a branch made from `base`. */
export const dropCommand = (base: string) => `npm run generated -- drop --base ${base}`;

function summary(changes: GeneratedChanges): string {
  const parts = [...changes.sections];
  if (changes.files.length)
    parts.unshift(
      changes.files.length === 1
        ? (changes.files[0] as string)
        : `${changes.files.length} files under ${OUT}/`,
    );
  return parts.join(", ");
}

export const command: Command = {
  usage: USAGE,
  main(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      allowPositionals: true,
      options: { base: { type: "string" }, format: { type: "string" } },
    });
    const [action, ...extra] = positionals;
    if ((action !== "check" && action !== "drop") || extra.length)
      throw new UsageError("say `check` or `drop`");
    if (!values.base) throw new UsageError("--base names the branch the change is made from");
    const format = values.format ?? (io.env.GITHUB_ACTIONS === "true" ? "github" : "text");
    if (format !== "text" && format !== "github")
      throw new UsageError(`unknown format \`${format}\``);
    const base = values.base;
    if (action === "drop") {
      dropGenerated(base);
      io.stdout(`${OUT}/ and the generated sections are as on ${base}: commit the result\n`);
      return 0;
    }
    const changes = generatedChanges(base);
    if (!changes.files.length && !changes.sections.length) {
      io.stdout(`no generated file changed: ${OUT}/ is built and committed on main\n`);
      return 0;
    }
    const what = summary(changes);
    const why = `only the build on main writes ${OUT}/ and the generated sections, so that two pull requests never conflict over them`;
    // Named as a clone of the repository names it (a fork's clone may call it upstream/main).
    const remote = base.includes("/") ? base.slice(0, base.indexOf("/")) : "origin";
    const branch = base.includes("/") ? base.slice(base.indexOf("/") + 1) : base;
    const fix = `git fetch ${remote} ${branch} && ${dropCommand(base.includes("/") ? base : `${remote}/${branch}`)}, then commit`;
    io.stdout(
      format === "github"
        ? `::error title=Generated files in a pull request::This pull request changes ${what}; ${why}. Drop the change: ${fix}\n`
        : `This branch changes ${what}.\nOnly the build on main writes ${OUT}/ and the generated sections, so that two pull requests never conflict over them.\nDrop the change:\n  ${fix}\n`,
    );
    return 1;
  },
};

runIfMain(import.meta.url, command);
