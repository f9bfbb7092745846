import type { Problem } from "../lib/problem.ts";
import { formatGithub } from "./github.ts";
import { formatJson } from "./json.ts";
import { formatText } from "./text.ts";

export const FORMATS = ["text", "json", "github"] as const;
export type Format = (typeof FORMATS)[number];

export function formatReport(
  format: Format,
  problems: readonly Problem[],
  options: { color: boolean; checked: number },
): string {
  if (format === "json") return formatJson(problems);
  if (format === "github") return formatGithub(problems);
  return formatText(problems, options);
}
