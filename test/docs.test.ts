import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documents, snippets } from "./documents.ts";
import { freshBuild, freshPackage, ROOT, tempDir } from "./helpers.ts";

// Every shell, Python and R snippet of the README and of docs/ that shows its output (a `text`
// block right after it) runs as written, from a checkout whose dist/ is a build made for the
// tests (never the committed one), and prints exactly that. The TypeScript snippets are
// compiled and run against the packed package in consumer.test.ts.

/** A checkout as a reader has it after `npm run build`: the package root with a fresh dist/. */
let checkout: Promise<string> | undefined;
const builtCheckout = () => {
  checkout ??= freshBuild().then((dist) => {
    const root = tempDir("kerry-checkout-");
    for (const entry of readdirSync(ROOT))
      if (entry !== "dist" && entry !== ".git") symlinkSync(join(ROOT, entry), join(root, entry));
    symlinkSync(dist, join(root, "dist"));
    return root;
  });
  return checkout;
};

/** Whether a command runs; in CI a missing one fails its tests instead of skipping them. */
const has = (command: string, args: string[]) =>
  spawnSync(command, args).status === 0 || Boolean(process.env.CI);

const RUNNERS: Record<string, { command: string; args: (code: string) => string[] }> = {
  sh: { command: "bash", args: (code) => ["-e", "-c", code] },
  python: { command: "python3", args: (code) => ["-c", code] },
  r: { command: "Rscript", args: (code) => ["-e", code] },
};

const shown = documents().flatMap(([path, text]) =>
  Object.keys(RUNNERS).flatMap((language) =>
    snippets(text, language)
      .filter((s) => s.shown !== undefined)
      .map((s, i) => ({ name: `${path}, ${language} #${i + 1}`, language, ...s })),
  ),
);

describe("the README", () => {
  it("is read in two minutes: at most 15 KB, the rest on pages of docs/ it links", () => {
    const [[, readme]] = documents() as [[string, string]];
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024);
    for (const page of ["performance", "sqlite", "outputs", "validation"])
      expect(readme).toContain(`/docs/${page}.md)`);
  });

  it("works on the npm page: each link and image is a shipped file or an absolute URL into the repository", async () => {
    const [[, readme]] = documents() as [[string, string]];
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const repository = String(pkg.repository?.url ?? "").replace(/^git\+|\.git$/g, "");
    expect(repository).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+$/);
    expect(pkg.bugs?.url).toBe(`${repository}/issues`);
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--silent"], {
        cwd: await freshPackage(),
        encoding: "utf8",
      }),
    ) as [{ files: { path: string }[] }];
    const shipped = new Set(packed.files.map((file) => file.path));
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? "");
    expect(targets.length).toBeGreaterThan(5);
    const [owner, name] = repository.split("/").slice(-2);
    const raw = `https://raw.githubusercontent.com/${owner}/${name}/`;
    const wrong = targets.filter((target) =>
      /^https?:/.test(target)
        ? /github(usercontent)?\.com/.test(target) &&
          !target.startsWith(`${repository}/`) &&
          !target.startsWith(raw)
        : !shipped.has(target),
    );
    expect(wrong).toEqual([]);
  });
});

describe("the snippets of the README and docs/", () => {
  it("show their output for shell, Python and R in the README", () => {
    const inReadme = new Set(
      shown.filter((s) => s.name.startsWith("README.md")).map((s) => s.language),
    );
    expect([...inReadme].sort()).toEqual(["python", "r", "sh"]);
  });

  it.each(shown)(
    "$name prints what the text shows",
    async ({ language, code, shown: expected }) => {
      const runner = RUNNERS[language];
      if (!runner) throw new Error(`no runner for ${language}`);
      if (!has(runner.command, ["--version"])) return;
      const cwd = await builtCheckout();
      const result = spawnSync(runner.command, runner.args(code), { cwd, encoding: "utf8" });
      expect(result.stderr, code).toBe("");
      expect(result.stdout, code).toBe(expected);
    },
  );
});
