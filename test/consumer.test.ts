import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./helpers.ts";

// A real consumer: the packed tarball installed into a fresh project, typechecked by the real
// TypeScript compiler under both module resolutions, and run by node through import and require.
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
let project = "";
let readmeExample = "";

const write = (file: string, text: string) => writeFileSync(join(project, file), text);
const tsconfig = (module: string, moduleResolution: string, include: string[]) =>
  JSON.stringify({
    compilerOptions: {
      module,
      moduleResolution,
      target: "ES2022",
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
    },
    include,
  });

beforeAll(() => {
  project = tempDir("kerry-consumer-");
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", project], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .at(-1) as string;
  write("package.json", JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", join(project, packed)],
    { cwd: project, stdio: "pipe" },
  );

  write(
    "esm.ts",
    `import { type DeepReadonly, getRecord, type OrganizationId, type Person, type PersonId, people, peopleById, texts } from "kerry-moscow-2013";
const kerry: PersonId = "john-kerry";
const person: DeepReadonly<Person> = peopleById[kerry];
const quote = getRecord("kerry-to-putin-on-syria");
const speaker: PersonId | OrganizationId | undefined = quote.speaker;
const text: string = texts[quote.text.source];
// @ts-expect-error: "john-kery" is not the id of any person
const typo: PersonId = "john-kery";
// @ts-expect-error: getRecord takes only ids that exist
getRecord("no-such-record");
export const summary = [person.name, speaker, text.length, people.length, typo];

import peopleJson from "kerry-moscow-2013/json/people.json" with { type: "json" };
const firstId: PersonId = peopleJson[0]!.id;
// @ts-expect-error: the JSON export is typed too, so a person's id is not a place's
const wrongKind: import("kerry-moscow-2013").PlaceId = peopleJson[0]!.id;
export const fromJson = [firstId, wrongKind];
`,
  );
  write(
    "cjs.cts",
    `import k = require("kerry-moscow-2013");
const kerry: k.PersonId = "john-kerry";
const person: k.DeepReadonly<k.Person> = k.peopleById[kerry];
const quote = k.getRecord("kerry-to-putin-on-syria");
const speaker: k.PersonId | k.OrganizationId | undefined = quote.speaker;
// @ts-expect-error: "john-kery" is not the id of any person
const typo: k.PersonId = "john-kery";
export = [person.name, speaker, k.people.length, typo];
`,
  );
  // The README's example, exactly as a reader would copy it.
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  readmeExample = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  write("readme.ts", `${readmeExample}export {};\n`);
  write(
    "tsconfig.nodenext.json",
    tsconfig("nodenext", "nodenext", ["esm.ts", "cjs.cts", "readme.ts"]),
  );
  write("tsconfig.bundler.json", tsconfig("esnext", "bundler", ["esm.ts", "readme.ts"]));
  write(
    "run.mjs",
    `import { createRequire } from "node:module";
import { getRecord, people, texts } from "kerry-moscow-2013";
import peopleJson from "kerry-moscow-2013/json/people.json" with { type: "json" };
const quote = getRecord("kerry-to-putin-on-syria");
const spoken = [...texts[quote.text.source]].slice(quote.text.start, quote.text.end).join("");
console.log(JSON.stringify({ people: people.length, json: peopleJson.length, speaker: quote.speaker, verbatim: spoken === quote.text.exact, frozen: Object.isFrozen(people[0].mentions), shared: createRequire(import.meta.url)("kerry-moscow-2013").people === people }));
`,
  );
  write(
    "run.cjs",
    `const { getRecord, people } = require("kerry-moscow-2013");
let unknown = "";
try { getRecord("no-such-record"); } catch (error) { unknown = error.constructor.name; }
console.log(JSON.stringify({ people: people.length, name: getRecord("john-kerry").name, unknown }));
`,
  );
}, 120_000);

describe("a consumer project", () => {
  it("installs only the built files", () => {
    const installed = readdirSync(join(project, "node_modules", "kerry-moscow-2013")).sort();
    expect(installed).toEqual(["LICENSE", "README.md", "dist", "package.json"]);
  });

  it("typechecks the README's example, which uses ids and a ts-expect-error", () => {
    expect(readmeExample).toContain('getRecord("kerry-to-putin-on-syria")');
    expect(readmeExample).toContain("@ts-expect-error");
  });

  it.each(["nodenext", "bundler"])(
    "typechecks under %s resolution, a wrong id being a compile error",
    (resolution) => {
      const result = (() => {
        try {
          return execFileSync(process.execPath, [TSC, "-p", `tsconfig.${resolution}.json`], {
            cwd: project,
            encoding: "utf8",
          });
        } catch (error) {
          return String((error as { stdout?: string }).stdout);
        }
      })();
      expect(result).toBe("");
    },
  );

  it("runs through import", () => {
    const output = JSON.parse(
      execFileSync(process.execPath, ["run.mjs"], { cwd: project, encoding: "utf8" }),
    );
    expect(output).toMatchObject({
      speaker: "john-kerry",
      verbatim: true,
      frozen: true,
      shared: true,
    });
    expect(output.people).toBe(output.json);
    expect(output.people).toBeGreaterThan(5);
  });

  it("runs through require", () => {
    const output = JSON.parse(
      execFileSync(process.execPath, ["run.cjs"], { cwd: project, encoding: "utf8" }),
    );
    expect(output).toMatchObject({ name: "John Kerry", unknown: "RangeError" });
  });
});
