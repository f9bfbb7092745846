import type { Problem } from "../lib/problem.ts";

const paint = (on: boolean) => (code: number, text: string) =>
  on ? `\u001b[${code}m${text}\u001b[0m` : text;

/** Human-readable report, grouped by file; colour only when writing to a terminal. */
export function formatText(
  problems: readonly Problem[],
  { color = false, checked = 0 } = {},
): string {
  const c = paint(color);
  const lines: string[] = [];
  let current = "";
  for (const p of problems) {
    if (p.file !== current) {
      if (current) lines.push("");
      lines.push(c(4, p.file));
      current = p.file;
    }
    const severity = p.severity === "error" ? c(31, "error") : c(33, "warning");
    lines.push(`  ${p.file}:${p.line}:${p.column}  ${severity}  ${c(2, p.code)}  ${p.message}`);
    if (p.fix) lines.push(`      ${c(36, "fix:")} ${p.fix}`);
  }
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  if (lines.length) lines.push("");
  lines.push(
    errors + warnings === 0
      ? c(32, `✓ ${checked} records valid`)
      : `${errors > 0 ? c(31, `✗ ${errors} error${errors === 1 ? "" : "s"}`) : c(32, "✓ no errors")}, ${warnings} warning${warnings === 1 ? "" : "s"} in ${checked} records`,
  );
  return `${lines.join("\n")}\n`;
}
