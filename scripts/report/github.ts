import type { Problem } from "../lib/problem.ts";

// Workflow-command values escape %, CR and LF; properties also escape : and ,.
const escapeData = (s: string) =>
  s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
const escapeProperty = (s: string) => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");

/** GitHub Actions annotations, so a pull request shows each problem on the line that caused it. */
export const formatGithub = (problems: readonly Problem[]): string =>
  problems
    .map((p) => {
      const message = p.fix ? `${p.message}. Fix: ${p.fix}` : p.message;
      return `::${p.severity} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},title=${escapeProperty(p.code)}::${escapeData(message)}\n`;
    })
    .join("");
