import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../lib/cli.ts";

/*
 * Another version of the package, read with Git itself: the folders of a revision are written
 * out by `git archive` into a temporary folder, and the work tree is never checked out.
 */

/** The top-level folders a version's records and schemas are in. */
const TREE_FOLDERS = ["data", "schema"];

/** Runs git in a repository; its output, or a UsageError with what git said. */
function git(repo: string, args: string[], input?: Buffer): Buffer {
  const result = spawnSync("git", ["-C", repo, ...args], {
    maxBuffer: 1024 * 1024 * 1024,
    ...(input ? { input } : {}),
  });
  if (result.error) throw new UsageError(`cannot run git: ${result.error.message}`);
  if (result.status !== 0)
    throw new UsageError(
      `git ${args[0]} failed in ${repo}: ${result.stderr.toString("utf8").trim() || `exit ${result.status}`}`,
    );
  return result.stdout;
}

const gitText = (repo: string, args: string[]) => git(repo, args).toString("utf8").trim();

/** The commit a revision names, or undefined when it names none. */
function commitOf(repo: string, rev: string): string | undefined {
  const result = spawnSync(
    "git",
    ["-C", repo, "rev-parse", "--verify", "--quiet", `${rev}^{commit}`],
    {
      encoding: "utf8",
    },
  );
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The top folder of the work tree a folder is in. */
export const workTreeOf = (dir: string): string => gitText(dir, ["rev-parse", "--show-toplevel"]);

/** The package version in package.json at a commit, if it has one. */
function versionAt(repo: string, commit: string): string | undefined {
  const result = spawnSync("git", ["-C", repo, "show", `${commit}:package.json`], {
    encoding: "utf8",
  });
  if (result.status !== 0) return undefined;
  try {
    const version = (JSON.parse(result.stdout) as { version?: unknown }).version;
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The commit a release tag such as `v0.2.0` stands for, when the tag itself is missing: the
 * first commit whose package.json has that version, the one a release of it would be tagged on.
 */
function releaseCommit(repo: string, tag: string): string | undefined {
  const version = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(tag)?.[1];
  if (version === undefined) return undefined;
  const commits = gitText(repo, ["log", "--reverse", "--format=%H", "--", "package.json"])
    .split("\n")
    .filter(Boolean);
  return commits.find((commit) => versionAt(repo, commit) === version);
}

export interface Revision {
  commit: string;
  /** How the report names it: as given, with the commit it stands for. */
  label: string;
  /** Said to the user when the revision was found other than by its name. */
  note?: string;
}

/**
 * The commit a revision names. A release tag that does not exist (`v0.2.0`) stands for the
 * commit where package.json became that version.
 */
export function resolveRevision(repo: string, rev: string): Revision {
  const commit = commitOf(repo, rev);
  if (commit) return { commit, label: `${rev} (${commit.slice(0, 7)})` };
  const release = releaseCommit(repo, rev);
  if (release)
    return {
      commit: release,
      label: `${rev} (${release.slice(0, 7)})`,
      note: `there is no tag ${rev}: comparing with ${release.slice(0, 7)}, the first commit whose package.json has version ${rev.slice(1)}`,
    };
  throw new UsageError(`\`${rev}\` names no commit in ${repo}`);
}

/**
 * The merge base of the work tree's HEAD with a branch (`main`), or with its remote-tracking
 * branch where only that exists, as in a clone made for CI.
 */
export function mergeBase(repo: string, branch = "main"): Revision {
  for (const name of [branch, `origin/${branch}`]) {
    if (!commitOf(repo, name)) continue;
    const commit = gitText(repo, ["merge-base", "HEAD", name]);
    return { commit, label: `the merge base with ${name} (${commit.slice(0, 7)})` };
  }
  throw new UsageError(
    `there is no branch ${branch} to compare with: name a revision with --base REV`,
  );
}

/** Writes a commit's data and schema folders into a new temporary folder, and returns it. */
export function extractTree(repo: string, commit: string): string {
  const present = new Set(gitText(repo, ["ls-tree", "--name-only", commit]).split("\n"));
  const folders = TREE_FOLDERS.filter((folder) => present.has(folder));
  const dir = mkdtempSync(join(tmpdir(), "kerry-diff-"));
  if (folders.length === 0) return dir;
  const archive = git(repo, ["archive", "--format=tar", commit, "--", ...folders]);
  const result = spawnSync("tar", ["-x", "-f", "-", "-C", dir], { input: archive });
  if (result.status !== 0)
    throw new Error(`tar could not unpack ${commit}: ${result.stderr.toString("utf8").trim()}`);
  return dir;
}
