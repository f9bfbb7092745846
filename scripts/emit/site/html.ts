/** Escaping for HTML text and attributes, and for JSON inside a `<script>` element. */

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

// Built from a string: a regular expression literal may not spell control characters.
const SPECIAL = /[&<>"']|[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Text or an attribute value, escaped. A carriage return and other control characters become
 * character references: the HTML parser would turn a literal CR LF into LF, and the page must
 * keep the text exactly.
 */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']|[\u0000-\u0008\u000b-\u001f\u007f]/g,
    (c) => ENTITIES[c] ?? `&#${c.codePointAt(0)};`,
  );

/** JSON that cannot end its `<script>` element early (`</script>`, `<!--`). */
export const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replaceAll("<", "\\u003c");
