import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryOutput } from "../scripts/emit/emitter.ts";
import type { Model } from "../scripts/emit/model.ts";
import { buildModel } from "../scripts/emit/model.ts";
import { BANNER } from "../scripts/lib/banner.ts";
import { loadPackageSchemas } from "../scripts/lib/schemas/index.ts";
import {
  applySections,
  DOCUMENTS,
  renderSchemaSections,
  renderSections,
  sectionIn,
  sectionsOf,
  withSectionBodies,
} from "../scripts/pipeline/docs.ts";
import { ALL_CODES, validate } from "../scripts/pipeline/validate.ts";
import { BASE, ROOT, schemasWith } from "./helpers.ts";

// The generated sections of the documents, made in the test (not while the file loads): the
// committed documents hold what the package's schemas make, which the sections made now must
// match; and the markers, the banner and the table cells, on texts made for the test.

const committed = new Map(DOCUMENTS.map((doc) => [doc, readFileSync(join(ROOT, doc), "utf8")]));
/** Each generated section of the committed documents, by name, as `sectionIn` reads it. */
const committedSection = (name: string) => {
  for (const text of committed.values()) {
    const body = sectionIn(text, name);
    if (body !== undefined) return body;
  }
  return undefined;
};

const SCHEMA_ONLY = ["roles", "allowed-values", "references"];

describe("the sections made from the schemas", () => {
  it("are the committed ones", () => {
    const sections = renderSchemaSections(loadPackageSchemas());
    expect(Object.keys(sections).sort()).toEqual([...SCHEMA_ONLY].sort());
    for (const name of SCHEMA_ONLY) expect(sections[name], name).toBe(committedSection(name));
  });

  it("name one row per kind of field, with the path the fields share from their end", () => {
    const rows = renderSchemaSections(loadPackageSchemas()).references?.split("\n") ?? [];
    // One field in one collection, an item of an array in one, and a shared definition.
    expect(rows).toContain(
      "| `part_of` in claims | `claims/` | Id of the claim this one is a deliberate part of (a sub-claim over some of the same words, checked on its own); overlapping claims may then have verdicts that differ. |",
    );
    expect(rows.find((row) => row.startsWith("| `about[]` in claims |"))).toBe(
      "| `about[]` in claims | `people/`, `organizations/`, `places/`, `events/` | Ids of the records the claim is about. |",
    );
    expect(rows.find((row) => row.startsWith("| `participants[].actor`"))).toBe(
      "| `participants[].actor` in events | `people/`, `organizations/` | Id of the person or organization taking part. |",
    );
    expect(rows.find((row) => row.startsWith("| `….source` "))).toBe(
      "| `….source` in claims, events, organizations, people, places, quotes, sources | `sources/` | Id of the source whose text the offsets point into. |",
    );
  });

  it("escape a | and a line break in a meaning, and give a field without one an empty cell", () => {
    const schemas = schemasWith("place.schema.json", (schema) => {
      const properties = schema.properties as Record<string, Record<string, unknown>>;
      if (properties.kind) properties.kind.description = "What | kind\nof place.";
      properties.side = { type: "string", enum: ["east", "west"] };
    });
    const sections = renderSchemaSections(schemas);
    expect(sections["allowed-values"]?.split("\n")).toContain(
      "| `kind` in places | `country`, `city`, `town`, `building`, `region`, `group-of-countries` | What \\| kind of place. |",
    );
    expect(sections["allowed-values"]?.split("\n")).toContain(
      "| `side` in places | `east`, `west` |  |",
    );
  });

  it("describe the items of an array by the array, and a path shared by all from its start without …", () => {
    const schemas = schemasWith("place.schema.json", (schema) => {
      const properties = schema.properties as Record<string, Record<string, unknown>>;
      properties.neighbours = {
        description: "Places it borders.",
        type: "array",
        items: { type: "string", enum: ["north", "south"], description: "Not read." },
      };
    });
    expect(renderSchemaSections(schemas)["allowed-values"]?.split("\n")).toContain(
      "| `neighbours[]` in places | `north`, `south` | Places it borders. |",
    );
  });
  it("keep fields of other names apart, and shorten the path only where the fields' paths differ", () => {
    const side = (description: string) => ({
      type: "string",
      enum: ["east", "west"],
      description,
    });
    const schemas = schemasWith("place.schema.json", (schema) => {
      const properties = schema.properties as Record<string, unknown>;
      // The same values and meaning under two names: two rows, each with its own name.
      properties.tags = {
        type: "array",
        items: { type: "string", enum: ["p", "q"] },
        description: "Tags.",
      };
      properties.labels = {
        type: "array",
        items: { type: "string", enum: ["p", "q"] },
        description: "Tags.",
      };
      // One name at the top and below an object: one row, `…` before the name.
      properties.side = side("Which side.");
      properties.border = { type: "object", properties: { side: side("Which side.") } };
      // One name in the items of two arrays: one row, `…` before the items.
      const items = { type: "object", properties: { side: side("Which side it faces.") } };
      properties.north = { type: "array", items };
      properties.south = { type: "array", items };
    });
    const rows = renderSchemaSections(schemas)["allowed-values"]?.split("\n") ?? [];
    expect(rows.filter((row) => row.includes("`p`, `q`"))).toEqual([
      "| `tags[]` in places | `p`, `q` | Tags. |",
      "| `labels[]` in places | `p`, `q` | Tags. |",
    ]);
    expect(rows.filter((row) => row.includes("`east`, `west`"))).toEqual([
      "| `….side` in places | `east`, `west` | Which side. |",
      "| `…[].side` in places | `east`, `west` | Which side it faces. |",
    ]);
  });
});

describe("the sections made from the data and the output", () => {
  const model = (): Model => buildModel(validate(BASE).dataset);
  const output = () => {
    const out = new MemoryOutput();
    for (const path of ["z.txt", "a/b.txt", "a/c/d.txt", "a/a.txt"]) out.set(path, "");
    return out;
  };

  it("are the sections of the schemas too, and the ones from the schemas are the committed ones", () => {
    const sections = renderSections(model(), output());
    expect(Object.keys(sections).sort()).toEqual(
      [
        ...SCHEMA_ONLY,
        "collections",
        "sqlite-views",
        "files",
        "check-codes",
        "averitec-labels",
      ].sort(),
    );
    for (const name of [...SCHEMA_ONLY, "sqlite-views", "check-codes", "averitec-labels"])
      expect(sections[name], name).toBe(committedSection(name));
  });

  it("list the files by folder, the folders and the names in order", () => {
    expect(renderSections(model(), output()).files).toBe(
      [
        "| folder | files |",
        "| --- | --- |",
        "| `dist/a/` | `a.txt`, `b.txt` |",
        "| `dist/a/c/` | `d.txt` |",
        "| `dist/` | `z.txt` |",
      ].join("\n"),
    );
  });

  it("count each collection's records, with what a record is", () => {
    const rows = renderSections(model(), output()).collections?.split("\n") ?? [];
    expect(rows.slice(0, 2)).toEqual([
      "| collection | records | what a record is |",
      "| --- | ---: | --- |",
    ]);
    expect(rows).toContain(
      "| `people` | 2 | A person named or referred to in a source (after Popolo `Person`). |",
    );
    expect(rows).toHaveLength(2 + 9);
  });

  it("escape a | in what a record is, and leave it empty when the schema does not say", () => {
    const base = model();
    const described = (description?: string): Model => ({
      ...base,
      collections: base.collections.map(({ collection, records }) => {
        const { description: _, ...schema } = collection.schema;
        return {
          records,
          collection: {
            ...collection,
            schema: description === undefined ? schema : { ...schema, description },
          },
        };
      }),
    });
    const rows = (m: Model) => renderSections(m, output()).collections?.split("\n") ?? [];
    expect(rows(described("A | B\nC"))).toContain("| `people` | 2 | A \\| B C |");
    expect(rows(described(undefined))).toContain("| `people` | 2 |  |");
  });

  it("give each check code a row with its meaning", () => {
    const rows = renderSections(model(), output())["check-codes"]?.split("\n") ?? [];
    expect(rows.slice(0, 2)).toEqual(["| code | what it means |", "| --- | --- |"]);
    expect(rows).toContain(
      "| `check-crashed` | A check failed with an internal error; please report it. |",
    );
    expect(rows).toHaveLength(2 + Object.keys(ALL_CODES).length);
  });
});

describe("the generated sections of a document", () => {
  const doc = [
    "# Title",
    "<!-- generated:one -->old one<!-- /generated:one -->",
    "between",
    "<!-- generated:two-b -->",
    "<!-- /generated:two-b -->",
    "end",
  ].join("\n");

  it("are read by name, their bodies between the markers", () => {
    expect([...sectionsOf(doc)]).toEqual([
      ["one", "old one"],
      ["two-b", "\n"],
    ]);
  });

  it("take the bodies given, and an empty line where none is given", () => {
    expect(withSectionBodies(doc, new Map([["one", "new"]]))).toBe(doc.replace("old one", "new"));
    expect(withSectionBodies(doc, new Map([["two-b", "B"]]))).toBe(
      doc
        .replace("old one", "\n")
        .replace("-->\n<!-- /generated:two-b", "-->B<!-- /generated:two-b"),
    );
  });

  it("are replaced by the section of their name, under the banner", () => {
    expect(applySections(doc, { one: "ONE", "two-b": "| a |" })).toBe(
      [
        "# Title",
        "<!-- generated:one -->",
        `<!-- ${BANNER} -->`,
        "ONE",
        "<!-- /generated:one -->",
        "between",
        "<!-- generated:two-b -->",
        `<!-- ${BANNER} -->`,
        "| a |",
        "<!-- /generated:two-b -->",
        "end",
      ].join("\n"),
    );
  });

  it("may not have a name no section has", () => {
    expect(() => applySections(doc, { one: "ONE" })).toThrow(
      new Error("no generated section is called two-b"),
    );
  });

  it("are found under their banner, or not at all", () => {
    const applied = applySections(doc, { one: "ONE\nTWO", "two-b": "" });
    expect(sectionIn(applied, "one")).toBe("ONE\nTWO");
    expect(sectionIn(applied, "two-b")).toBe("");
    expect(sectionIn(applied, "three")).toBeUndefined();
    // Without the banner, without the closing marker, or closed before it opens.
    expect(sectionIn(doc, "one")).toBeUndefined();
    const open = `<!-- generated:one -->\n<!-- ${BANNER} -->\nbody`;
    expect(sectionIn(`${open}\n`, "one")).toBeUndefined();
    expect(sectionIn(`\n<!-- /generated:one -->\n${open}`, "one")).toBeUndefined();
  });
});
