import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers.ts";

/** The README and every page of docs/, as [path, text], README first. */
export function documents(): [string, string][] {
  const pages = readdirSync(join(ROOT, "docs"))
    .filter((file) => file.endsWith(".md"))
    .sort()
    .map((file) => `docs/${file}`);
  return ["README.md", ...pages].map((path) => [path, readFileSync(join(ROOT, path), "utf8")]);
}

/** Each code block of a language in a text, with the `text` block right after it, if any. */
export function snippets(text: string, language: string): { code: string; shown?: string }[] {
  const pattern = new RegExp(
    `\`\`\`${language}\\n([\\s\\S]*?)\`\`\`(?:\\n\\n\`\`\`text\\n([\\s\\S]*?)\`\`\`)?`,
    "g",
  );
  return [...text.matchAll(pattern)].map((m) => ({ code: m[1] ?? "", shown: m[2] }));
}
