/** Escaping for HTML text and attributes, and for JSON inside a `<script>` element. */

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** A control character other than tab and line feed: written as a character reference. */
const isControl = (code: number) =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f;

/**
 * Text or an attribute value, escaped. A carriage return and other control characters become
 * character references: the HTML parser would turn a literal CR LF into LF, and the page must
 * keep the text exactly.
 */
export function escapeHtml(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const code = text.charCodeAt(i);
    const entity = ENTITIES[c] ?? (isControl(code) ? `&#${code};` : undefined);
    if (entity === undefined) continue;
    out += text.slice(from, i) + entity;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** JSON that cannot end its `<script>` element early (`</script>`, `<!--`). */
export const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replaceAll("<", "\\u003c");
