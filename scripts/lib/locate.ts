import { createRequire } from "node:module";
import type { AnyNode, DocumentNode, ElementNode, MemberNode } from "@humanwhocodes/momoa";
import { parsePointer } from "./json.ts";

// The positional parser is loaded when a position is first needed: a clean run never needs
// one, and loading it costs about a tenth of a cold start.
let momoa: typeof import("@humanwhocodes/momoa") | undefined;
const parse: typeof import("@humanwhocodes/momoa").parse = (text, options) => {
  momoa ??= createRequire(import.meta.url)(
    "@humanwhocodes/momoa",
  ) as typeof import("@humanwhocodes/momoa");
  return momoa.parse(text, options);
};

export interface Position {
  line: number;
  column: number;
}

/** Which part of a member a position refers to: its key (for unknown or duplicate keys) or its value. */
export type Part = "key" | "value";

/** Parses JSON text into a syntax tree that keeps line and column of every node. */
export const parseWithPositions = (text: string): DocumentNode =>
  parse(text, { mode: "json", ranges: false, tokens: false });

/**
 * The line and column (1-based) of the node a JSON Pointer names. When the pointer goes past
 * what the file holds (a missing property), the position of the deepest node that exists.
 */
export function locate(doc: DocumentNode, pointer: string, part?: Part): Position {
  let node: AnyNode = doc.body;
  let keyNode: AnyNode | undefined;
  for (const token of parsePointer(pointer)) {
    if (node.type === "Object") {
      // The last member with the name is the one JSON.parse keeps.
      const member: MemberNode | undefined = node.members.findLast(
        (m) => m.name.type === "String" && m.name.value === token,
      );
      if (!member) break;
      keyNode = member.name;
      node = member.value;
    } else if (node.type === "Array") {
      const element: ElementNode | undefined = node.elements[Number(token)];
      if (!element) break;
      keyNode = undefined;
      node = element.value;
    } else {
      break;
    }
  }
  const target = part === "key" && keyNode ? keyNode : node;
  return { line: target.loc.start.line, column: target.loc.start.column };
}

/**
 * Line breaks as the positional parser and editors count them: CR LF, LF, or a CR alone. The
 * capture keeps them in a split, so that lines and breaks alternate.
 */
const LINE_BREAK = /(\r\n?|\n)/;

/** The line and column (1-based, in code points) of a code-unit offset in a text. */
export function positionOfOffset(text: string, offset: number): Position {
  const parts = text.slice(0, offset).split(LINE_BREAK);
  // A split always gives at least one part: the line the offset is on comes last.
  const last = parts[parts.length - 1] as string;
  return { line: (parts.length + 1) / 2, column: [...last].length + 1 };
}
