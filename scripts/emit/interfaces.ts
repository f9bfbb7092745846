import { compile } from "json-schema-to-typescript";
import ts from "typescript";
import { isObject, type JsonObject, type JsonValue } from "../lib/json.ts";
import { DEFS_ID, type Schemas, sourceCollection } from "../lib/schemas/index.ts";
import { idTypeOf, interfaceName } from "./model.ts";

/*
 * The interfaces of types.d.ts, from the schemas alone: the TypeScript compiler they need is
 * large, so the types emitter runs this in a worker thread (interfaces-worker.ts), and the
 * build never holds the compiler beside the data.
 */

// Conditions TypeScript cannot express on an interface; ajv still enforces them.
const CONDITIONAL_KEYWORDS = new Set(["allOf", "if", "then", "dependentRequired"]);
// Keywords that would change how references resolve inside the one bundled schema.
const BUNDLING_KEYWORDS = new Set(["$id", "$schema"]);
// This package's annotations (x-references becomes a tsType instead).
const isAnnotation = (key: string) => key.startsWith("x-");

/** An interface per schema title, from json-schema-to-typescript, read-only and documented. */
export async function interfacesOf(schemas: Schemas): Promise<string> {
  const interfaces = await compile(bundle(schemas) as never, "Dataset", {
    bannerComment: "",
    additionalProperties: false,
    declareExternallyReferenced: true,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    style: { printWidth: 100, singleQuote: false },
  });
  return asReadonly(interfaces, descriptions(schemas));
}

// json-schema-to-typescript's notes on where a type came from, and on lengths the tuple types
// already express: they say nothing a reader of the types needs.
const BOILERPLATE = [
  /\n \*\n \* This interface was referenced by `[^`]*`'s JSON-Schema\n \* via the `definition` "[^"]*"\./g,
  /\/\*\*\n \* This interface was referenced by `[^`]*`'s JSON-Schema\n \* via the `definition` "[^"]*"\.\n \*\/\n/g,
  /\n {2,}\*(?:\n {2,}\* @(?:minItems|maxItems) \d+)+/g,
  / {2,}\/\*\*(?:\n {2,}\* @(?:minItems|maxItems) \d+)+\n {2,}\*\/\n/g,
];

/**
 * Each property's description, by interface and property name, including those written beside
 * a `$ref`: the bundle drops them there (they would make a new interface per use), so they are
 * put back as doc comments after compiling.
 */
function descriptions(schemas: Schemas): Map<string, Map<string, string>> {
  const found = new Map<string, Map<string, string>>();
  const visit = (node: JsonValue): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObject(node)) return;
    if (typeof node.title === "string" && isObject(node.properties)) {
      const byProperty = new Map<string, string>();
      for (const [name, property] of Object.entries(node.properties)) {
        if (!isObject(property)) continue;
        // A field with no words of its own is described by the definition it refers to.
        const described =
          typeof property.$ref === "string" && property.description === undefined
            ? schemas.resolve(property.$ref, DEFS_ID).node
            : property;
        if (typeof described.description === "string") byProperty.set(name, described.description);
      }
      found.set(interfaceName(node.title), byProperty);
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(schemas.defs);
  // A collection's interface is named by its title, or by its name when it has none.
  for (const collection of schemas.collections)
    visit({ ...collection.schema, title: collection.title });
  return found;
}

/**
 * Makes every property, index signature, array and tuple read-only (the records are frozen at
 * run time, so the one `Person` type is the type of the values), and documents each property
 * from the schema.
 * Done on the syntax tree, by the TypeScript compiler's own printer, not by editing text.
 */
function asReadonly(declarations: string, docs: Map<string, Map<string, string>>): string {
  const text = BOILERPLATE.reduce((t, pattern) => t.replace(pattern, ""), declarations);
  const file = ts.createSourceFile("types.d.ts", text, ts.ScriptTarget.Latest, true);
  const { factory } = ts;
  const readonly = (type: ts.TypeNode) =>
    factory.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, type);
  const hasDocComment = (node: ts.Node) =>
    (ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []).some((range) =>
      text.startsWith("/**", range.pos),
    );
  const transformer: ts.TransformerFactory<ts.SourceFile> = (context) => {
    const visit = (node: ts.Node, owner?: string): ts.Node => {
      if (ts.isInterfaceDeclaration(node))
        return ts.visitEachChild(node, (child) => visit(child, node.name.text), context);
      if (ts.isPropertySignature(node) && node.type) {
        const updated = factory.updatePropertySignature(
          node,
          [factory.createModifier(ts.SyntaxKind.ReadonlyKeyword), ...(node.modifiers ?? [])],
          node.name,
          node.questionToken,
          visit(node.type) as ts.TypeNode,
        );
        const doc = owner && docs.get(owner)?.get(node.name.getText(file));
        if (doc && !hasDocComment(node))
          ts.addSyntheticLeadingComment(
            updated,
            ts.SyntaxKind.MultiLineCommentTrivia,
            `*\n${doc.replace(/\*\//g, "*\\/").replace(/^/gm, " * ")}\n `,
            true,
          );
        return updated;
      }
      if (ts.isIndexSignatureDeclaration(node))
        return factory.updateIndexSignature(
          node,
          [factory.createModifier(ts.SyntaxKind.ReadonlyKeyword), ...(node.modifiers ?? [])],
          node.parameters,
          visit(node.type) as ts.TypeNode,
        );
      // A rest element stays a plain array: `readonly [A, ...A[]]` is the read-only tuple.
      if (ts.isRestTypeNode(node) && ts.isArrayTypeNode(node.type))
        return factory.updateRestTypeNode(
          node,
          factory.updateArrayTypeNode(node.type, visit(node.type.elementType) as ts.TypeNode),
        );
      if (ts.isArrayTypeNode(node) || ts.isTupleTypeNode(node))
        return readonly(ts.visitEachChild(node, (child) => visit(child), context));
      return ts.visitEachChild(node, (child) => visit(child), context);
    };
    return (root) => visit(root) as ts.SourceFile;
  };
  const [result] = ts.transform(file, [transformer]).transformed;
  return ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printFile(result as ts.SourceFile);
}

/** One schema holding every collection and definition, with references typed by their id unions. */
function bundle(schemas: Schemas): JsonObject {
  const texts = sourceCollection(schemas);
  // Definitions keep their names under $defs; each collection schema goes there under its title.
  const bundledRef = (ref: string) => {
    if (ref.startsWith("#")) return ref;
    if (ref.startsWith(`${DEFS_ID}#`)) return ref.slice(DEFS_ID.length);
    const title = schemas.byId.get(ref)?.title;
    if (typeof title !== "string") throw new Error(`cannot bundle $ref ${ref}`);
    return `#/$defs/${title}`;
  };
  // A plain string definition (an id, a text) is inlined where it is used, so a field reads
  // `string`; an object or an enumeration is referred to by its name (`Span`, `Verdict`).
  const primitiveDef = (ref: string): JsonObject | undefined => {
    const name = /^(?:defs\.schema\.json)?#\/\$defs\/([^/]+)$/.exec(ref)?.[1];
    const def = name === undefined ? undefined : (schemas.defs.$defs as JsonObject)[name];
    return isObject(def) && def.type !== "object" && def.enum === undefined ? def : undefined;
  };
  const titleOf = new Map(schemas.collections.map((c) => [c.name, idTypeOf(c)]));
  // A collection's root is rewritten with the type of its ids, which types its `id` field.
  const rewrite = (node: JsonValue, collectionIdType?: string): JsonValue => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n));
    if (!isObject(node)) return node;
    const copy: JsonObject = {};
    // A titled primitive (an id, a text) would become an alias per use (Id1, Id2, …): inline it.
    const target = typeof node.$ref === "string" ? primitiveDef(node.$ref) : undefined;
    if (target) {
      const { title: _, description: __, ...inlined } = target;
      Object.assign(copy, rewrite(inlined));
    }
    // Anything beside a $ref (a description, an annotation) would make a new interface per use
    // (Span1, Span2, …): one type per definition.
    const refersToObject = typeof node.$ref === "string" && !target;
    for (const [key, value] of Object.entries(node)) {
      if ((key === "$ref" && target) || (key !== "$ref" && refersToObject)) continue;
      if (BUNDLING_KEYWORDS.has(key) || CONDITIONAL_KEYWORDS.has(key) || isAnnotation(key))
        continue;
      if (key === "$ref" && typeof value === "string") {
        copy.$ref = bundledRef(value);
      } else if (key === "properties" && isObject(value)) {
        copy.properties = Object.fromEntries(
          Object.entries(value)
            .filter(([name]) => name !== "$schema")
            .map(([name, child]) => [
              name,
              collectionIdType !== undefined && name === "id"
                ? { ...(rewrite(child) as JsonObject), tsType: collectionIdType }
                : rewrite(child),
            ]),
        );
      } else {
        copy[key] = rewrite(value);
      }
    }
    const refs = node["x-references"];
    if (Array.isArray(refs))
      copy.tsType = refs.map((r) => titleOf.get(String(r)) ?? "never").join(" | ");
    return copy;
  };
  const defs = schemas.defs.$defs as JsonObject;
  const $defs: JsonObject = {};
  // Every definition is declared under its title, the plain ones too (`Id`, `EDTFDate`), so a
  // user can name the type of any value the schema defines.
  for (const [name, def] of Object.entries(defs)) $defs[name] = rewrite(def);
  for (const collection of schemas.collections) {
    $defs[collection.title] = rewrite(collection.schema, idTypeOf(collection));
  }
  return {
    title: "Dataset",
    description:
      "The whole dataset: the version, each source's text and every collection's records.",
    type: "object",
    additionalProperties: false,
    required: ["version", "texts", ...schemas.collections.map((c) => c.name)],
    properties: {
      version: { type: "string", description: "The package version the data was built for." },
      texts: {
        description:
          "Each source's full text, by source id: the text every span counts into (in code points).",
        tsType: `{ readonly [id in ${texts ? idTypeOf(texts) : "string"}]: string }`,
      },
      ...Object.fromEntries(
        schemas.collections.map((c) => [
          c.name,
          {
            description: `Every record in \`${c.name}\`, sorted by id.`,
            type: "array",
            items: { $ref: `#/$defs/${c.title}` },
          },
        ]),
      ),
    },
    $defs,
  };
}
