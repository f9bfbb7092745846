import type { AnyNode } from "@humanwhocodes/momoa";
import { defineCheck } from "./check.ts";

export const duplicateKeys = defineCheck({
  name: "duplicate-keys",
  description:
    "No object repeats a key: JSON.parse keeps only the last value, so the others would be lost silently.",
  scope: "record",
  codes: { "duplicate-key": "A key appears twice in one object." },
  check(file, report) {
    // The canonical text of the parsed value has no repeated keys: a canonical file cannot have any.
    if (file.isCanonical) return;
    const stack: AnyNode[] = [file.syntaxTree.body];
    while (stack.length) {
      const node = stack.pop() as AnyNode;
      if (node.type === "Array") for (const element of node.elements) stack.push(element.value);
      if (node.type !== "Object") continue;
      const firstLine = new Map<string, number>();
      for (const member of node.members) {
        stack.push(member.value);
        const name = member.name.type === "String" ? member.name.value : member.name.name;
        const earlier = firstLine.get(name);
        if (earlier === undefined) {
          firstLine.set(name, member.name.loc.start.line);
          continue;
        }
        report(file, {
          pointer: "",
          at: { line: member.name.loc.start.line, column: member.name.loc.start.column },
          code: "duplicate-key",
          message: `key \`${name}\` appears again (first on line ${earlier}); JSON.parse would keep only this one and drop the other`,
          fix: "merge the two values under one key, or rename one",
        });
      }
    }
  },
});
