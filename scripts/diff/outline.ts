import type { Classification, TypeChange } from "./classify.ts";
import type { Diff, FieldChange, RecordChange } from "./compare.ts";
import type { SchemaChange } from "./schema.ts";
import type { WordPiece } from "./words.ts";

/*
 * The words of a report for people, in the order a reviewer reads it: the semver class, the
 * exported types that change, verdicts, claims, other records, then schema/. The text and
 * Markdown formats differ only in how they mark things up (a Style).
 */

export interface Style {
  heading(level: 1 | 2, text: string): string;
  /** A list item, `depth` levels in. */
  item(depth: number, text: string): string;
  /** An id, a path or a type name. */
  code(text: string): string;
  /** Words from the data. */
  words(text: string): string;
  strong(text: string): string;
  removed(text: string): string;
  added(text: string): string;
}

const join = (items: string[]) =>
  items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} and ${items.at(-1) as string}`;

export function outline(diff: Diff, meaning: Classification, style: Style): string {
  const { code, words, strong } = style;
  const blocks: string[] = [
    style.heading(1, `Changes from ${diff.from} to ${diff.to}`),
    summary(meaning),
  ];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) blocks.push(style.heading(2, title), lines.join("\n"));
  };
  section(
    "Exported types",
    meaning.types.map((t) => style.item(0, typeLine(t))),
  );
  const records = (filter: (r: RecordChange) => boolean) =>
    diff.records.filter(filter).flatMap((record) => recordLines(record));
  section(
    "Verdicts",
    records((r) => r.verdict !== undefined),
  );
  section(
    "Claims",
    records((r) => !r.verdict && r.isClaim),
  );
  section(
    "Other records",
    records((r) => !r.verdict && !r.isClaim),
  );
  section(
    "Schema",
    diff.schema.map((change) => style.item(0, schemaLine(change))),
  );
  return `${blocks.join("\n\n")}\n`;

  function summary({ semver, reasons }: Classification): string {
    if (semver === "none")
      return `${strong("Semver: none.")} No change to the records or the schemas.`;
    const of = (level: string) => reasons.filter((r) => r.level === level).map((r) => r.what);
    const parts = [
      ["Breaking", of("major")],
      ["Minor", of("minor")],
      ["Patch", of("patch")],
    ] as const;
    return [
      strong(`Semver: ${semver}.`),
      ...parts
        .filter(([, list]) => list.length > 0)
        .map(([name, list]) => `${name}: ${join(list)}.`),
    ].join(" ");
  }

  function typeLine(change: TypeChange): string {
    const ids = (list: string[]) => join(list.map((id) => code(JSON.stringify(id))));
    const parts = [
      ...(change.loses.length ? [`loses ${ids(change.loses)}`] : []),
      ...(change.gains.length ? [`gains ${ids(change.gains)}`] : []),
      ...change.changes,
    ];
    const tail = change.breaking ? ": code that uses what it loses no longer compiles" : "";
    return `${code(change.type)}: ${parts.join("; ")}${tail}`;
  }

  function recordLines(record: RecordChange): string[] {
    const label = record.label === undefined ? "" : ` ${words(`“${record.label}”`)}`;
    const where = `(${record.collection})`;
    const head =
      record.change === "renamed"
        ? `renamed ${code(record.previousId ?? "")} → ${code(record.id)} ${where}${label}`
        : `${record.change} ${code(record.id)} ${where}${label}`;
    const verdict = record.verdict;
    const verdictText = verdict
      ? `: verdict ${strong(`${verdict.from} → ${verdict.to}`)}, ${
          verdict.correction
            ? `corrected${verdict.correction.date ? ` ${verdict.correction.date}` : ""}: was ${verdict.from}`
            : strong("no correction records the change")
        }`
      : "";
    return [
      style.item(0, `${head}${verdictText}`),
      ...record.fields.map((field) => style.item(1, fieldLine(field))),
    ];
  }

  function fieldLine(field: FieldChange): string {
    const path = code(field.path);
    const shown = (text: string | undefined) => words(text ?? "");
    if (field.change === "added") return `${path} added: ${shown(field.toText)}`;
    if (field.change === "removed") return `${path} removed (was ${shown(field.fromText)})`;
    if (field.words) return `${path}: ${wordLine(field.words)}`;
    return `${path}: ${shown(field.fromText)} → ${shown(field.toText)}`;
  }

  function wordLine(pieces: WordPiece[]): string {
    return pieces
      .map((piece) =>
        piece.op === "same"
          ? words(piece.text)
          : piece.op === "removed"
            ? style.removed(piece.text)
            : style.added(piece.text),
      )
      .join("");
  }

  function schemaLine(change: SchemaChange): string {
    const where = change.collection
      ? `${code(change.collection)}${change.field ? `: ${code(change.field)}` : ""}`
      : code(`schema/${change.file ?? ""}`);
    const type = change.type ? ` (${code(change.type)})` : "";
    return `${change.level}: ${where} ${change.what}${type}`;
  }
}
