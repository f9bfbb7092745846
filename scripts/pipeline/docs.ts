import { readFileSync } from "node:fs";
import { join } from "node:path";
import { averitecLabelTable } from "../emit/averitec.ts";
import type { Output } from "../emit/emitter.ts";
import type { Model } from "../emit/model.ts";
import { databaseOf } from "../emit/sqlite/database.ts";
import { BANNER } from "../lib/banner.ts";
import { type Field, ROLES, type Schemas } from "../lib/schemas/index.ts";
import { ALL_CODES } from "./validate.ts";

/** Documents with generated sections, relative to the package root. */
export const DOCUMENTS = [
  "README.md",
  "CONTRIBUTING.md",
  "docs/averitec.md",
  "docs/sqlite.md",
  "docs/outputs.md",
];

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** The Markdown of each generated section, by name. */
export function renderSections(model: Model, output: Output): Record<string, string> {
  const collections = [
    "| collection | records | what a record is |",
    "| --- | ---: | --- |",
    ...model.collections.map(
      ({ collection, records }) =>
        `| \`${collection.name}\` | ${records.length} | ${cell(String(collection.schema.description ?? ""))} |`,
    ),
  ];
  const byFolder = new Map<string, string[]>();
  for (const path of [...output.keys()].sort()) {
    const slash = path.lastIndexOf("/");
    const folder = slash === -1 ? "" : path.slice(0, slash + 1);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), path.slice(slash + 1)]);
  }
  const files = ["| folder | files |", "| --- | --- |"];
  for (const [folder, names] of byFolder)
    files.push(`| \`dist/${folder}\` | ${names.map((n) => `\`${n}\``).join(", ")} |`);
  const codes = [
    "| code | what it means |",
    "| --- | --- |",
    ...Object.entries(ALL_CODES).map(([code, meaning]) => `| \`${code}\` | ${cell(meaning)} |`),
  ];
  const database = databaseOf(model.schemas);
  const views = [
    "| view or index | what it holds |",
    "| --- | --- |",
    ...database.views.map((view) => `| \`${view.name}\` | ${cell(view.description)} |`),
    ...database.search.map((index) => `| \`${index.name}\` | ${cell(index.description)} |`),
  ];
  return {
    ...renderSchemaSections(model.schemas),
    collections: collections.join("\n"),
    "sqlite-views": views.join("\n"),
    files: files.join("\n"),
    "check-codes": codes.join("\n"),
    "averitec-labels": averitecLabelTable(model.schemas),
  };
}

/** The sections made from the schemas alone, by name: they change only with schema/. */
export function renderSchemaSections(schemas: Schemas): Record<string, string> {
  const roles = [
    "| role | what the field is |",
    "| --- | --- |",
    ...Object.entries(ROLES).map(([role, meaning]) => `| \`${role}\` | ${cell(meaning)} |`),
  ];
  const values = [
    "| field | allowed values | what they mean |",
    "| --- | --- | --- |",
    ...fieldsWhere(schemas, (field) =>
      field.shape.kind === "scalar" && field.shape.enum
        ? field.shape.enum.map((value) => `\`${value}\``).join(", ")
        : undefined,
    ),
  ];
  const references = [
    "| field | may hold the id of a record in | what the field is |",
    "| --- | --- | --- |",
    ...fieldsWhere(schemas, (field) => field.references?.map((name) => `\`${name}/\``).join(", ")),
  ];
  return {
    roles: roles.join("\n"),
    "allowed-values": values.join("\n"),
    references: references.join("\n"),
  };
}

/** A generated section: its opening marker, name, body and closing marker. */
const SECTION = /(<!-- generated:([a-z-]+) -->)([\s\S]*?)(<!-- \/generated:\2 -->)/g;

/** The body of each generated section of a document (between the markers), by name. */
export const sectionsOf = (text: string): Map<string, string> =>
  new Map([...text.matchAll(SECTION)].map((m) => [m[2] ?? "", m[3] ?? ""]));

/** The document with each named section's body replaced as given (and emptied when not given). */
export const withSectionBodies = (text: string, bodies: ReadonlyMap<string, string>): string =>
  text.replace(
    SECTION,
    (_, open: string, name: string, _body: string, close: string) =>
      `${open}${bodies.get(name) ?? "\n"}${close}`,
  );

/**
 * One row per kind of field for which `what` says something, in schema order: the fields with
 * the same name, the same values and the same meaning (a shared definition, used in many
 * places) are one row, naming the collections they are in.
 */
function fieldsWhere(schemas: Schemas, what: (field: Field) => string | undefined): string[] {
  const rows = new Map<
    string,
    { where: Set<string>; paths: string[][]; said: string; meaning: string }
  >();
  for (const collection of schemas.collections)
    for (const field of collection.fields) {
      const said = what(field);
      if (said === undefined) continue;
      // An array's items are described by the array.
      const parent =
        field.path.at(-1) === "*"
          ? collection.fields.find((f) => f.path.join("/") === field.path.slice(0, -1).join("/"))
          : undefined;
      const meaning = (parent ?? field).description ?? "";
      const steps = field.path.map((step) => (step === "*" ? "[]" : step));
      const key = `${field.path.filter((step) => step !== "*").at(-1)}\u0000${said}\u0000${meaning}`;
      const row = rows.get(key) ?? { where: new Set(), paths: [], said, meaning };
      row.where.add(collection.name);
      row.paths.push(steps);
      rows.set(key, row);
    }
  return [...rows.values()].map(
    ({ where, paths, said, meaning }) =>
      `| \`${shared(paths)}\` in ${[...where].join(", ")} | ${said} | ${cell(meaning)} |`,
  );
}

/** The field path the paths share from their end, with `…` where they differ before it. */
function shared(paths: string[][]): string {
  const [first = []] = paths;
  let n = 0;
  while (n < first.length && paths.every((p) => p.at(-1 - n) === first.at(-1 - n))) n++;
  const tail = first.slice(first.length - n);
  const joined = tail.join(".").replaceAll(".[]", "[]");
  return paths.every((p) => p.length === n) ? joined : `….${joined}`.replace("….[]", "…[]");
}

/** The text of a generated section as a document has it, without its banner. */
export function sectionIn(text: string, name: string): string | undefined {
  const open = `<!-- generated:${name} -->\n<!-- ${BANNER} -->\n`;
  const start = text.indexOf(open);
  const end = text.indexOf(`\n<!-- /generated:${name} -->`);
  return start === -1 || end < start ? undefined : text.slice(start + open.length, end);
}

/**
 * Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` with the
 * section of that name. Unknown names are an error, so a typo cannot leave a section stale.
 */
export function applySections(text: string, sections: Record<string, string>): string {
  return text.replace(SECTION, (_, open: string, name: string, _body: string, close: string) => {
    const section = sections[name];
    if (section === undefined) throw new Error(`no generated section is called ${name}`);
    return `${open}\n<!-- ${BANNER} -->\n${section}\n${close}`;
  });
}

/** Each document with its sections brought up to date, by path. */
export function renderDocuments(root: string, model: Model, output: Output): Map<string, string> {
  const sections = renderSections(model, output);
  return new Map(
    DOCUMENTS.map((doc) => [doc, applySections(readFileSync(join(root, doc), "utf8"), sections)]),
  );
}
