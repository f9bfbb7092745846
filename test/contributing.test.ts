import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPackageSchemas, SCHEMA_DIR } from "../scripts/lib/schemas/index.ts";
import { renderSchemaSections, sectionIn } from "../scripts/pipeline/docs.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { command as span } from "../scripts/span.ts";
import { call, ROOT, schemasWith, tempDir } from "./helpers.ts";

// CONTRIBUTING.md's worked example, followed literally: its files, as `npm run fix` leaves them,
// added to a copy of data/, must validate with no problem at all.
const text = readFileSync(join(ROOT, "CONTRIBUTING.md"), "utf8");
const files = [...text.matchAll(/```json (data\/\S+)\n([\s\S]*?)```/g)].map((m) => ({
  path: m[1] ?? "",
  content: m[2] ?? "",
}));

describe("CONTRIBUTING's worked example", () => {
  it("adds a claim and its review", () => {
    expect(files.map((f) => f.path)).toEqual([
      "data/claims/claim-lavrov-russian-foreign-minister.json",
      "data/reviews/review-lavrov-russian-foreign-minister.json",
    ]);
  });

  it("validates with no problem, in the form npm run fix leaves", () => {
    const root = tempDir();
    cpSync(join(ROOT, "data"), join(root, "data"), { recursive: true });
    for (const { path, content } of files) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const { problems, dataset } = validate(join(root, "data"));
    expect(problems).toEqual([]);
    const added = dataset.records.filter((r) => files.some((f) => r.display.endsWith(f.path)));
    expect(added.map((r) => r.isCanonical)).toEqual([true, true]);
  });

  it("names in part_of the existing claim whose words it checks part of, as the rule asks", () => {
    const claim = JSON.parse(files[0]?.content ?? "{}");
    const claims = join(ROOT, "data", "claims");
    const overlapping = readdirSync(claims)
      .map((file) => JSON.parse(readFileSync(join(claims, file), "utf8")))
      .filter(
        (other) =>
          other.text.source === claim.text.source &&
          other.text.start < claim.text.end &&
          claim.text.start < other.text.end,
      )
      .map((other) => other.id);
    expect(overlapping.length).toBeGreaterThan(0);
    expect(overlapping).toEqual([claim.part_of]);
  });

  it("gets its span from npm run span, as it says", async () => {
    const { status, stdout } = await call(span, ["Russian Foreign Minister Sergei Lavrov"]);
    expect(status).toBe(0);
    const printed = JSON.parse(stdout);
    const [claim] = files;
    expect(JSON.parse(claim?.content ?? "{}").text).toEqual(printed);
    expect(text).toContain(`prints \`start\` ${printed.start}, \`end\` ${printed.end}`);
  });
});

/** Every `enum` list and every `x-references` list written anywhere in the schema files. */
function listsIn(value: unknown, key: string, found: unknown[][] = []): unknown[][] {
  if (Array.isArray(value)) for (const item of value) listsIn(item, key, found);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (k === key && Array.isArray(v)) found.push(v);
      else listsIn(v, key, found);
    }
  return found;
}
const rawSchemas = readdirSync(SCHEMA_DIR)
  .filter((file) => file.endsWith(".json"))
  .map((file) => JSON.parse(readFileSync(join(SCHEMA_DIR, file), "utf8")) as unknown);

describe("CONTRIBUTING's sections made from the schemas", () => {
  const sections = renderSchemaSections(loadPackageSchemas());

  it("are as the schemas make them now (else: run npm run build)", () => {
    for (const name of ["allowed-values", "references", "roles"])
      expect(sectionIn(text, name), `section ${name}`).toBe(sections[name]);
  });

  it("list every value of every closed list in schema/, in a row with all of its values", () => {
    const rows = (sections["allowed-values"] ?? "").split("\n");
    const enums = rawSchemas.flatMap((schema) => listsIn(schema, "enum"));
    expect(enums.length).toBeGreaterThan(10);
    for (const values of enums) {
      const cell = values.map((v) => `\`${String(v)}\``).join(", ");
      expect(
        rows.some((row) => row.includes(`| ${cell} |`)),
        cell,
      ).toBe(true);
    }
  });

  it("say what every referencing field may point to", () => {
    const rows = (sections.references ?? "").split("\n");
    for (const names of rawSchemas.flatMap((schema) => listsIn(schema, "x-references"))) {
      const cell = names.map((n) => `\`${String(n)}/\``).join(", ");
      expect(
        rows.some((row) => row.includes(`| ${cell} |`)),
        cell,
      ).toBe(true);
    }
    expect(rows.find((row) => row.startsWith("| `about[]`"))).toContain(
      "`people/`, `organizations/`, `places/`, `events/`",
    );
  });

  it("follow a change of the schemas", () => {
    const changed = renderSchemaSections(
      schemasWith("claim.schema.json", (schema) => {
        const properties = schema.properties as Record<string, Record<string, unknown>>;
        const attribution = properties.attribution;
        if (attribution) attribution.enum = ["author", "reported_speech", "direct_quote", "leak"];
      }),
    );
    expect(changed["allowed-values"]).toContain(
      "`author`, `reported_speech`, `direct_quote`, `leak`",
    );
    expect(changed["allowed-values"]).not.toBe(sections["allowed-values"]);
  });
});
