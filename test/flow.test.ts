import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sectionsOf, withSectionBodies } from "../scripts/pipeline/docs.ts";
import { command as span } from "../scripts/span.ts";
import { call, ROOT, tempDir } from "./helpers.ts";

// The whole way of a data contribution, in a Git repository made from the project: two
// contributors add a claim and its review each, on branches that commit data/ only; each
// passes the pull-request checks with dist/ stale; both merge into main without a conflict;
// and the script of the main workflow rebuilds and commits dist/ as the repository's bot.
// The scripts run are the ones the workflows run (scripts/ci/).

const BOT = "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>";
const SLOW = 300_000;

let repo = "";
let origin = "";

const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: "pipe" });

/** Runs a CI script the way the workflow does, with annotations on. */
function ci(script: string, ...args: string[]) {
  const result = spawnSync("bash", [join("scripts", "ci", script), ...args], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, GITHUB_ACTIONS: "true", NO_COLOR: "1", GITHUB_OUTPUT: "" },
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

/** What a contributor writes for a claim that the article states someone's office. */
async function claimAndReview(options: {
  words: string;
  id: string;
  about: string;
  note: string;
  explanation: string;
  evidence: Record<string, string>;
}) {
  const { stdout } = await call(span, [options.words]);
  const claim = {
    $schema: "../../schema/claim.schema.json",
    id: `claim-${options.id}`,
    text: JSON.parse(stdout),
    claimant: "kerry-russia-trip",
    kind: "factual",
    attribution: "author",
    hedges: [],
    about: [options.about],
    note: options.note,
  };
  const review = {
    $schema: "../../schema/review.schema.json",
    id: `review-${options.id}`,
    claim: claim.id,
    verdict: "accurate",
    explanation: options.explanation,
    evidence: [options.evidence],
    date: "2026-11-26",
  };
  return {
    [`data/claims/${claim.id}.json`]: `${JSON.stringify(claim, null, 2)}\n`,
    [`data/reviews/${review.id}.json`]: `${JSON.stringify(review, null, 2)}\n`,
  };
}

/** A branch from main with these files, committed by a contributor. */
function contribute(branch: string, files: Record<string, string>, message: string) {
  git("checkout", "-q", "-b", branch, "main");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  git("add", "--all");
  git(
    "-c",
    "user.name=A Contributor",
    "-c",
    "user.email=contributor@example.org",
    "commit",
    "-q",
    "-m",
    message,
  );
}

/** Back to a clean tree (the checks build into dist/, as a contributor would). */
const clean = () => {
  git("reset", "-q", "--hard");
  git("clean", "-q", "-fd");
};

const changedFiles = (range: string) =>
  git("diff", "--name-only", range).split("\n").filter(Boolean);

beforeAll(() => {
  const root = tempDir("kerry-flow-");
  repo = join(root, "project");
  origin = join(root, "origin.git");
  // The project as its files are now (committed or not), in a repository of its own.
  const files = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  )
    .split("\0")
    .filter((file) => file && existsSync(join(ROOT, file)));
  for (const file of files) cpSync(join(ROOT, file), join(repo, file), { recursive: true });
  // The installed packages, one link each: the commands' own build cache stays in this copy.
  mkdirSync(join(repo, "node_modules"));
  for (const entry of readdirSync(join(ROOT, "node_modules")))
    if (entry !== ".kerry-moscow-2013")
      symlinkSync(join(ROOT, "node_modules", entry), join(repo, "node_modules", entry));
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", origin]);
  git("init", "-q", "-b", "main");
  // Whoever commits without naming themselves: a contributor (the bot names itself).
  git("config", "user.name", "A Contributor");
  git("config", "user.email", "contributor@example.org");
  git("add", "--all");
  git(
    "-c",
    "user.name=The Maintainer",
    "-c",
    "user.email=maintainer@example.org",
    "commit",
    "-q",
    "-m",
    "The dataset",
  );
  git("remote", "add", "origin", origin);
  git("push", "-q", "origin", "main");
}, SLOW);

describe("a data contribution", () => {
  let lavrov: Record<string, string> = {};
  let kerry: Record<string, string> = {};
  let before = "";

  beforeAll(async () => {
    lavrov = await claimAndReview({
      words: "Russian Foreign Minister Sergei Lavrov",
      id: "lavrov-russian-foreign-minister",
      about: "sergei-lavrov",
      note: "The article states his office in passing, in the words that name him.",
      explanation:
        "The article calls Lavrov Russia's Foreign Minister. The State Department's transcript of the joint press conference that day names him so in its title.",
      evidence: {
        citation: "state-department-remarks-2013-05-07",
        question:
          "How does the State Department's transcript of 7 May 2013 name the Russian Foreign Minister?",
        locator: "The transcript's title",
        finding:
          "The transcript of 7 May 2013 is headed as remarks with the Russian Foreign Minister, naming him.",
        quoted: "Russian Foreign Minister Sergey Lavrov",
      },
    });
    kerry = await claimAndReview({
      words: "United States Secretary of State John Kerry",
      id: "kerry-secretary-of-state",
      about: "john-kerry",
      note: "The article states his office in passing, in the words that name him.",
      explanation:
        "The article calls Kerry the United States Secretary of State. The Kremlin's record of his meeting with Putin that day, on kremlin.ru, is headed with that office and his name.",
      evidence: {
        citation: "kremlin-meeting-with-kerry-2013-05-07",
        question: "How does the Kremlin's record of 7 May 2013 name the US Secretary of State?",
        locator: "The record's title",
        finding:
          "The record of 7 May 2013 is headed as a meeting with the US Secretary of State, naming him.",
        quoted: "US Secretary of State John Kerry",
      },
    });
    before = git("rev-parse", "main").trim();
  });

  it(
    "passes the pull-request checks on each branch, committing data/ only, with dist/ stale",
    () => {
      for (const [branch, files] of [
        ["lavrov-office", lavrov],
        ["kerry-office", kerry],
      ] as const) {
        contribute(branch, files, "A claim of an office the article states, and its review");
        expect(changedFiles("main...HEAD")).toEqual(Object.keys(files).sort());
        const { status, out } = ci("pull-request.sh", "main");
        expect(out).toContain("tier: data-only");
        expect(out).not.toContain("::error");
        expect(out).toMatch(/built \d+ files in dist\//);
        expect(status, out).toBe(0);
        // The build wrote a dist/ the branch does not commit: stale, and nothing failed.
        expect(git("status", "--porcelain", "--", "dist")).not.toBe("");
        clean();
      }
    },
    SLOW,
  );

  it("merges both into main without a conflict, and the merged data validates", () => {
    git("checkout", "-q", "main");
    for (const branch of ["lavrov-office", "kerry-office"])
      git(
        "-c",
        "user.name=The Maintainer",
        "-c",
        "user.email=maintainer@example.org",
        "merge",
        "-q",
        "--no-ff",
        "-m",
        `Merge ${branch}`,
        branch,
      );
    expect(changedFiles(`${before}..main`).sort()).toEqual(
      [...Object.keys(lavrov), ...Object.keys(kerry)].sort(),
    );
    git("push", "-q", "origin", "main");
    const { status, stdout } = spawnSync(process.execPath, ["scripts/run.mjs", "validate"], {
      cwd: repo,
      encoding: "utf8",
      env: { ...process.env, GITHUB_ACTIONS: "", NO_COLOR: "1" },
    });
    expect(stdout).toMatch(/^✓ \d+ records valid$/m);
    expect(status).toBe(0);
  });

  it(
    "gets dist/ and the generated sections rebuilt and committed on main by the bot",
    () => {
      const merged = git("rev-parse", "main").trim();
      const { status, out } = ci("main.sh", "--push");
      expect(status, out).toBe(0);
      const head = (format: string) =>
        execFileSync("git", ["log", "-1", `--format=${format}`, "main"], {
          cwd: origin,
          encoding: "utf8",
        }).trim();
      expect(head("%P")).toBe(merged);
      expect(head("%an <%ae>")).toBe(BOT);
      expect(head("%cn <%ce>")).toBe(BOT);
      git("fetch", "-q", "origin", "main");
      const touched = changedFiles(`${merged}..FETCH_HEAD`);
      expect(touched).toContain("dist/csv/claims.csv");
      expect(touched).toContain("dist/kerry-moscow-2013.sqlite");
      expect(touched.filter((path) => !path.startsWith("dist/"))).toEqual(["README.md"]);
      // Of the README, only what the build writes: its generated sections.
      const readme = (rev: string) => git("show", `${rev}:README.md`);
      const rebuilt = readme("FETCH_HEAD");
      expect(withSectionBodies(readme(merged), sectionsOf(rebuilt))).toBe(rebuilt);
      const claims = (text: string) => Number(text.match(/^\| `claims` \| (\d+) \|/m)?.[1]);
      expect(claims(rebuilt)).toBe(claims(readme(merged)) + 2);
      const csv = git("show", "FETCH_HEAD:dist/csv/claims.csv");
      expect(csv).toContain("claim-lavrov-russian-foreign-minister");
      expect(csv).toContain("claim-kerry-secretary-of-state");
    },
    SLOW,
  );
});

describe("a pull request that commits generated files", () => {
  it(
    "fails with one annotation that names them and the command that drops them",
    () => {
      clean();
      git("checkout", "-q", "-B", "main", "origin/main");
      git("checkout", "-q", "-b", "with-dist", "main");
      const csv = join(repo, "dist", "csv", "claims.csv");
      writeFileSync(csv, readFileSync(csv, "utf8").replace(/\n$/, "\n\n"));
      const readme = join(repo, "README.md");
      writeFileSync(
        readme,
        readFileSync(readme, "utf8").replace(/^(\| `claims` \| )\d+/m, "$1999"),
      );
      git("commit", "-q", "-am", "The files the build wrote");
      const { status, out } = ci("pull-request.sh", "main");
      expect(status).toBe(1);
      const annotations = out.split("\n").filter((line) => line.startsWith("::error"));
      expect(annotations).toEqual([
        "::error title=Generated files in a pull request::This pull request changes dist/csv/claims.csv, README.md (section collections); only the build on main writes dist/ and the generated sections, so that two pull requests never conflict over them. Drop the change: git fetch origin main && npm run generated -- drop --base origin/main, then commit",
      ]);
      // The command, as printed, leaves the branch with no generated change.
      clean();
      const dropped = spawnSync(
        process.execPath,
        ["scripts/run.mjs", "generated", "drop", "--base", "main"],
        {
          cwd: repo,
          encoding: "utf8",
        },
      );
      expect(dropped.status, dropped.stderr).toBe(0);
      git("commit", "-q", "-m", "Drop the generated files");
      expect(changedFiles("main...HEAD")).toEqual([]);
      const check = spawnSync(
        process.execPath,
        ["scripts/run.mjs", "generated", "check", "--base", "main"],
        {
          cwd: repo,
          encoding: "utf8",
        },
      );
      expect(check.status).toBe(0);
    },
    SLOW,
  );
});
