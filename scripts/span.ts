import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Command, parseFlags, runIfMain, UsageError } from "./lib/cli.ts";
import { CodePointText, codePointLength } from "./lib/codepoints.ts";
import { byCodeUnits } from "./lib/order.ts";
import { loadPackageSchemas, sourceCollection } from "./lib/schemas/index.ts";
import { spanObject } from "./lib/span-object.mjs";

// Characters a keyboard types for the typographic ones a source text holds.
const LOOKALIKES: Record<string, string> = {
  '"': '"“”„',
  "'": "'‘’",
  " ": " \u00a0",
  "-": "-–—",
};

/** The distinct passages of `text` that equal `typed` once quotes, dashes and spaces are read loosely. */
function typographicMatches(text: string, typed: string): string[] {
  const pattern = [...typed]
    .map((c) => {
      const alternatives = LOOKALIKES[c];
      return alternatives ? `[${alternatives}]` : c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
    })
    .join("");
  return [...new Set(text.match(new RegExp(pattern, "gu")) ?? [])].filter((m) => m !== typed);
}

const USAGE = `usage: npm run span -- "exact text" [--source ID] [--data DIR] [--context N] [--nth K]
  Prints the span object for a piece of a source text: start, end (code points), prefix, suffix.
  --source may be left out when the data holds one source text.`;

export const command: Command = {
  usage: USAGE,
  main(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      allowPositionals: true,
      options: {
        source: { type: "string" },
        data: { type: "string", default: "data" },
        context: { type: "string", default: "16" },
        nth: { type: "string" },
      },
    });
    const [exact] = positionals;
    if (!exact || positionals.length > 1)
      throw new UsageError("give exactly one piece of text, in quotes");
    const context = Number(values.context);
    if (!Number.isInteger(context) || context < 0)
      throw new UsageError("--context takes a whole number");
    const texts = sourceCollection(loadPackageSchemas());
    if (!texts?.textExtension) throw new UsageError("the schemas declare no collection of texts");
    const folder = join(values.data, texts.name);
    const ids = existsSync(folder)
      ? readdirSync(folder)
          .filter((file) => file.endsWith(texts.textExtension ?? ""))
          .map((file) => file.slice(0, -(texts.textExtension ?? "").length))
          .sort(byCodeUnits)
      : [];
    // With one text in the data, it is the one meant; with several, say which.
    const source = values.source ?? (ids.length === 1 ? ids[0] : undefined);
    if (source === undefined)
      throw new UsageError(`name the text with --source ID (one of: ${ids.join(", ") || "none"})`);
    const path = join(folder, `${source}${texts.textExtension}`);
    let raw: string;
    try {
      raw = readFileSync(path, "utf8");
    } catch {
      throw new UsageError(`cannot read ${path}: is --source the id of a ${texts.title}?`);
    }
    const text = new CodePointText(raw);
    const found = text.occurrences(exact);
    const length = codePointLength(exact);
    if (found.length === 0) {
      io.stderr(
        `not found in ${path}: copy the characters exactly (curly quotes, no-break spaces)\n`,
      );
      for (const match of typographicMatches(raw, exact))
        io.stderr(
          `with the source's own quotes and spaces it is there: npm run span -- '${match}'\n`,
        );
      return 1;
    }
    const nth = values.nth === undefined ? undefined : Number(values.nth);
    if (found.length > 1 && nth === undefined) {
      io.stderr(
        `occurs ${found.length} times, at ${found.map((s) => `[${s}, ${s + length})`).join(", ")}: pick one with --nth 1..${found.length}; each span below carries prefix and suffix to tell them apart\n`,
      );
    }
    const picks = nth === undefined ? found : [found[nth - 1]];
    if (picks[0] === undefined) throw new UsageError(`--nth takes 1..${found.length}`);
    for (const start of picks as number[]) {
      const span = spanObject(text, source, start, start + length, context);
      io.stdout(`${JSON.stringify(span, null, 2)}\n`);
    }
    return 0;
  },
};

runIfMain(import.meta.url, command);
