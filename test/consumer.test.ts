import { execFile, execFileSync, spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { documents, snippets as snippetsOf } from "./documents.ts";
import { freshPackage, ROOT, tempDir } from "./helpers.ts";

// A real consumer: the packed tarball installed into a fresh project, typechecked by the real
// TypeScript compiler under both module resolutions, and run by node through import and require.
// The consumer's code is in test/consumer/, and every TypeScript snippet of the README with it.
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const CODE = join(ROOT, "test", "consumer");
const PACKAGE = "kerry-moscow-2013";
const run = promisify(execFile);

let project = "";
let snippets: { code: string; shown?: string }[] = [];

/**
 * The type name of every schema node a user meets as a value: each definition, each object and
 * each enumeration (the `allOf`/`if` conditions aside, which only constrain), named as
 * json-schema-to-typescript names a title: `Other name` → `OtherName`. An unnamed one is listed
 * by its place, so the test fails on it.
 */
function schemaTypeNames(): { named: string[]; unnamed: string[] } {
  const named: string[] = [];
  const unnamed: string[] = [];
  const visit = (node: unknown, at: string, isDefinition: boolean): void => {
    if (typeof node !== "object" || node === null) return;
    const n = node as Record<string, unknown>;
    if (isDefinition || n.type === "object" || Array.isArray(n.enum)) {
      if (typeof n.title === "string")
        named.push(
          n.title
            .split(/[^A-Za-z0-9]+/)
            .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
            .join(""),
        );
      else unnamed.push(at);
    }
    for (const [key, child] of Object.entries(n)) {
      if (
        ["allOf", "if", "then", "else", "enum", "x-jsonld-where", "x-jsonld-same-as"].includes(key)
      )
        continue;
      if (key === "$defs" && typeof child === "object" && child !== null)
        for (const [name, def] of Object.entries(child)) visit(def, `${at}/$defs/${name}`, true);
      else visit(child, `${at}/${key}`, false);
    }
  };
  for (const file of readdirSync(join(ROOT, "schema")).sort())
    visit(JSON.parse(readFileSync(join(ROOT, "schema", file), "utf8")), file, false);
  return { named: [...new Set(named)].sort(), unnamed };
}

/** The compiler's output for one tsconfig: "" when it compiles. */
const compiled = new Map<string, Promise<string>>();

const STRICTEST = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
};
const RESOLUTIONS = {
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
  bundler: { module: "esnext", moduleResolution: "bundler" },
};

const write = (file: string, text: string) => writeFileSync(join(project, file), text);

let tarball = "";

beforeAll(async () => {
  project = tempDir("kerry-consumer-");
  // Packed from a fresh build of data/, not from the committed dist/.
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", project], {
    cwd: await freshPackage(),
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .at(-1) as string;
  tarball = join(project, packed);
  write("package.json", JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball],
    { cwd: project, stdio: "pipe" },
  );
  cpSync(CODE, project, { recursive: true });
  snippets = documents().flatMap(([, text]) => snippetsOf(text, "ts"));
  for (const [i, { code }] of snippets.entries()) {
    write(`readme-${i + 1}.ts`, `${code}export {};\n`);
    // And as the JavaScript a compiler makes of it, to run.
    const js = ts.transpileModule(code, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    write(`readme-${i + 1}.mjs`, js);
  }
  const readmeFiles = snippets.map((_, i) => `readme-${i + 1}.ts`);
  // Each JSON file as a literal that must satisfy the type its declaration gives it: every
  // value is checked against the declared type, and a member the type lacks is an error.
  const jsonDir = join(project, "node_modules", PACKAGE, "dist", "json");
  const jsonFiles = readdirSync(jsonDir)
    .filter((file) => file.endsWith(".d.json.ts"))
    .map((declaration) => {
      const name = declaration.replace(/\.d\.json\.ts$/, "");
      const text = readFileSync(join(jsonDir, declaration), "utf8");
      const [, imports, type] =
        /(import type \{[^}]*\}) from "\.\.\/types\.js";\ndeclare const value: ([\s\S]*);\nexport = value;/.exec(
          text,
        ) ?? [];
      const json = readFileSync(join(jsonDir, `${name}.json`), "utf8").trim();
      write(
        `json-${name}.ts`,
        `${imports} from "${PACKAGE}";\nexport const value = ${json} satisfies ${type};\n`,
      );
      return `json-${name}.ts`;
    });
  const { named } = schemaTypeNames();
  write(
    "named-types.ts",
    `import type { ${named.join(", ")} } from "${PACKAGE}";\nexport type Named = [${named.join(", ")}];\n`,
  );

  const configs: Record<string, { options: object; include: string[] }> = {
    "nodenext, strictest": {
      options: { ...RESOLUTIONS.nodenext, ...STRICTEST },
      include: ["types.ts", "types.cts", "named-types.ts", ...readmeFiles],
    },
    "bundler, strictest": {
      options: { ...RESOLUTIONS.bundler, ...STRICTEST },
      include: ["types.ts", ...readmeFiles],
    },
    "nodenext, strictest, each JSON file as its declaration says": {
      options: { ...RESOLUTIONS.nodenext, ...STRICTEST },
      include: jsonFiles,
    },
    "nodenext, first use": {
      options: { ...RESOLUTIONS.nodenext, strict: true },
      include: ["first-use.ts"],
    },
    "bundler, first use": {
      options: { ...RESOLUTIONS.bundler, strict: true },
      include: ["first-use.ts"],
    },
  };
  // The compilers run side by side; each test waits for its own.
  for (const [name, { options, include }] of Object.entries(configs)) {
    const file = `tsconfig.${name.replace(/\W+/g, "-")}.json`;
    write(
      file,
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          noEmit: true,
          skipLibCheck: false,
          types: [],
          ...options,
        },
        include,
      }),
    );
    compiled.set(
      name,
      run(process.execPath, [TSC, "-p", file], { cwd: project, encoding: "utf8" }).then(
        ({ stdout }) => stdout,
        (error: { stdout?: string }) => String(error.stdout),
      ),
    );
  }
}, 240_000);

describe("the packed package", () => {
  // Each tool exits 0 only when it finds no problem (the node10 resolution is not supported).
  const check = (tool: string, args: string[]) =>
    spawnSync(join(ROOT, "node_modules", ".bin", tool), args, { encoding: "utf8" });

  it("passes publint, strict", async () => {
    const { status, stdout } = check("publint", ["--strict", await freshPackage()]);
    expect(status, stdout).toBe(0);
  });

  it("has types that resolve under node16, from import and require (attw)", () => {
    const excluded = ["./data-dictionary.md", "./kerry-moscow-2013.sqlite"];
    const args = [tarball, "--profile", "node16", "--exclude-entrypoints", ...excluded];
    const { status, stdout } = check("attw", args);
    expect(status, stdout).toBe(0);
  });
});

describe("a consumer project", () => {
  it("installs only the built files", () => {
    const installed = readdirSync(join(project, "node_modules", PACKAGE)).sort();
    expect(installed).toEqual(["LICENSE", "README.md", "dist", "package.json"]);
  });

  it("exports a documented type for every definition, object and enumeration of the schema", () => {
    const { named, unnamed } = schemaTypeNames();
    expect(unnamed).toEqual([]);
    expect(named).toEqual(
      expect.arrayContaining(["Evidence", "Verdict", "ClaimKind", "Attribution"]),
    );
    // Imported by named-types.ts, compiled below; here, each declaration has its doc comment.
    const types = readFileSync(
      join(project, "node_modules", PACKAGE, "dist", "types.d.ts"),
      "utf8",
    );
    const undocumented = named.filter(
      (name) => !new RegExp(`\\*/\\nexport (?:type|interface) ${name}\\b`).test(types),
    );
    expect(undocumented).toEqual([]);
  });

  it("has a declaration beside every JSON file", () => {
    const files = readdirSync(join(project, "node_modules", PACKAGE, "dist", "json"));
    const json = files.filter((file) => file.endsWith(".json") && file !== "package.json");
    expect(json.length).toBeGreaterThan(5);
    expect(json.filter((file) => !files.includes(file.replace(/\.json$/, ".d.json.ts")))).toEqual(
      [],
    );
  });

  it("gets every TypeScript snippet of the README and docs/ to compile", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(4);
    expect(snippets.map((s) => s.code).join("\n")).toContain("@ts-expect-error");
  });

  it("runs every TypeScript snippet, and each prints what the text after it shows", () => {
    expect(snippets.filter((s) => s.shown !== undefined).length).toBeGreaterThanOrEqual(4);
    for (const [i, { code, shown }] of snippets.entries()) {
      const result = spawnSync(process.execPath, [`readme-${i + 1}.mjs`], {
        cwd: project,
        encoding: "utf8",
      });
      expect(result.stderr, code).toBe("");
      expect(result.status, code).toBe(0);
      if (shown !== undefined) expect(result.stdout, code).toBe(shown);
    }
  }, 180_000);

  it.each([
    "nodenext, strictest",
    "bundler, strictest",
    "nodenext, strictest, each JSON file as its declaration says",
    "nodenext, first use",
    "bundler, first use",
  ])(
    "typechecks under %s with no error",
    async (name) => {
      expect(await compiled.get(name)).toBe("");
    },
    240_000,
  );

  it("reaches every file of the package through its exports", () => {
    const dist = join(project, "node_modules", PACKAGE, "dist");
    const requireFrom = createRequire(join(project, "index.js"));
    const files = readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dist, join(entry.parentPath, entry.name)))
      // The modules of the entry point are reached by name (".", "./people", "./lookup", …; run
      // below), declarations of the JSON files through their `types` condition, and
      // json/package.json only marks that folder.
      .filter(
        (file) =>
          !/^(index|types|lookup|texts)\.|^(collections|internal)\/|\.d\.json\.ts$|^json\/package\.json$/.test(
            file,
          ),
      );
    const unreachable = files.filter((file) => {
      try {
        return requireFrom.resolve(`${PACKAGE}/${file}`) !== join(dist, file);
      } catch {
        return true;
      }
    });
    expect(files).toContain("jsonld/dataset.jsonld");
    expect(files).toContain("data-dictionary.md");
    expect(unreachable).toEqual([]);
  });

  it("runs through import", () => {
    const output = JSON.parse(
      execFileSync(process.execPath, ["run.mjs"], { cwd: project, encoding: "utf8" }),
    );
    expect(output).toMatchObject({
      speaker: "john-kerry",
      verbatim: true,
      frozen: true,
      sameAsRequire: true,
      guards: [true, false, true, false],
      misplaced: 0,
      person: "people",
    });
    expect(output.collections).toBe(readdirSync(join(ROOT, "schema")).length - 1);
    expect(output.modules).toEqual(Array(output.collections).fill(true));
    expect(output.people).toBe(output.json);
    expect(output.people).toBeGreaterThan(5);
  });

  it("runs through require, JSON included", () => {
    const output = JSON.parse(
      execFileSync(process.execPath, ["run.cjs"], { cwd: project, encoding: "utf8" }),
    );
    expect(output).toMatchObject({ name: "John Kerry", unknown: "RangeError" });
    expect(output.modules.length).toBeGreaterThan(5);
    expect(output.modules.every((same: boolean) => same)).toBe(true);
    expect(output.json).toBe(output.people);
  });
});
