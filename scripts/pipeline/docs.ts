import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Output } from "../emit/emitter.ts";
import type { Model } from "../emit/model.ts";
import { databaseOf } from "../emit/sqlite/database.ts";
import { BANNER } from "../lib/banner.ts";
import { ROLES } from "../lib/schemas/index.ts";
import { ALL_CODES } from "./validate.ts";

/** Documents with generated sections, relative to the package root. */
export const DOCUMENTS = ["README.md", "CONTRIBUTING.md", "docs/sqlite.md", "docs/outputs.md"];

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
  const roles = [
    "| role | what the field is |",
    "| --- | --- |",
    ...Object.entries(ROLES).map(([role, meaning]) => `| \`${role}\` | ${cell(meaning)} |`),
  ];
  return {
    roles: roles.join("\n"),
    collections: collections.join("\n"),
    "sqlite-views": views.join("\n"),
    files: files.join("\n"),
    "check-codes": codes.join("\n"),
  };
}

/**
 * Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` with the
 * section of that name. Unknown names are an error, so a typo cannot leave a section stale.
 */
export function applySections(text: string, sections: Record<string, string>): string {
  const pattern = /(<!-- generated:([a-z-]+) -->)[\s\S]*?(<!-- \/generated:\2 -->)/g;
  return text.replace(pattern, (_, open: string, name: string, close: string) => {
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
