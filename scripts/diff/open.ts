import { rmSync } from "node:fs";
import { UsageError } from "../lib/cli.ts";
import type { Problem } from "../lib/problem.ts";
import { compareSides, type Diff } from "./compare.ts";
import { extractTree, mergeBase, resolveRevision, workTreeOf } from "./git.ts";
import { readSide, type Side } from "./sides.ts";

/** The two versions to compare, as the command line names them. */
export interface Versions {
  /** A folder holding the old version. */
  from?: string;
  /** A folder holding the new version (default: the work tree of `repo`). */
  to?: string;
  /** A Git revision holding the old version (default: the merge base with main). */
  base?: string;
  /** The branch whose merge base with HEAD is the old version when no other is named (`main`). */
  branch?: string;
  /** A folder inside the Git repository to read revisions from. */
  repo: string;
}

export interface Compared {
  diff: Diff;
  /** Files either side that could not be read. */
  problems: Problem[];
  /** What the user should know about how the versions were found. */
  notes: string[];
}

/** Reads both versions and compares them; an old version from Git is read and then removed. */
export function compareVersions(versions: Versions): Compared {
  if (versions.from !== undefined && versions.base !== undefined)
    throw new UsageError("give the old version once: --from DIR or --base REV");
  const notes: string[] = [];
  let temporary: string | undefined;
  try {
    let from: Side;
    if (versions.from !== undefined) from = readSide(versions.from);
    else {
      const repo = workTreeOf(versions.repo);
      const revision =
        versions.base === undefined
          ? mergeBase(repo, versions.branch)
          : resolveRevision(repo, versions.base);
      if (revision.note) notes.push(revision.note);
      temporary = extractTree(repo, revision.commit);
      from = readSide(temporary, revision.label);
    }
    const to =
      versions.to !== undefined
        ? readSide(versions.to)
        : readSide(workTreeOf(versions.repo), "the working tree");
    const problems = [...from.problems, ...to.problems];
    return { diff: compareSides(from, to), problems, notes };
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}
