/** A Markdown table cell: one line, with no pipe that would split it. */
export const markdownCell = (text: string) => text.replaceAll("|", "\\|").replace(/\s*\n\s*/g, " ");

/** A Markdown table: the header, its rule, and a line per row. */
export const markdownTable = (header: string[], rows: string[][]) =>
  [header, header.map(() => "---"), ...rows]
    .map((cells) => `| ${cells.map(markdownCell).join(" | ")} |`)
    .join("\n");
