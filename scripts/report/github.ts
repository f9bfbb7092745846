import type { Problem } from "../lib/problem.ts";

// Workflow-command values escape %, CR and LF; properties also escape : and ,.
const escapeData = (s: string) =>
  s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
const escapeProperty = (s: string) => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");

/** GitHub shows this many annotations of each severity per step, and drops the rest unseen. */
export const SHOWN_PER_STEP = 10;

const messageOf = (p: Problem) => (p.fix ? `${p.message}. Fix: ${p.fix}` : p.message);

/**
 * GitHub Actions annotations, so a pull request shows each problem on the line that caused it.
 * Past what GitHub shows, the last annotation says how many more there are, and they are
 * printed to the log as plain lines, where they are not lost.
 */
export function formatGithub(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const annotated = new Set<Problem>();
  for (const [severity, count] of [
    ["error", errors],
    ["warning", warnings],
  ] as const) {
    const of = problems.filter((p) => p.severity === severity);
    for (const p of count > SHOWN_PER_STEP ? of.slice(0, SHOWN_PER_STEP - 1) : of) annotated.add(p);
  }
  const lines: string[] = [];
  for (const p of problems) {
    if (!annotated.has(p)) continue;
    lines.push(
      `::${p.severity} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},title=${escapeProperty(p.code)}::${escapeData(messageOf(p))}`,
    );
  }
  const rest = problems.filter((p) => !annotated.has(p));
  for (const severity of ["error", "warning"] as const) {
    const more = rest.filter((p) => p.severity === severity).length;
    if (more > 0)
      lines.push(
        `::${severity} title=${more} more ${severity}s::${more} more ${severity}s are listed in this step's log; \`npm run validate\` shows them all`,
      );
  }
  for (const p of rest)
    lines.push(`${p.file}:${p.line}:${p.column}  ${p.severity}  ${p.code}  ${messageOf(p)}`);
  return lines.map((line) => `${line}\n`).join("");
}
