import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { interfacesOf } from "../scripts/emit/interfaces.ts";
import { loadPackageSchemas, loadSchemas } from "../scripts/lib/schemas/index.ts";
import { tempDir } from "./helpers.ts";

// The interfaces of types.d.ts, made in this process (the build makes them in a worker thread):
// a small schema set that holds each shape the bundling and the read-only rewrite handle, then
// the package's own schemas. json-schema-to-typescript is slow: one compile per schema set.

/** A folder holding these schemas as JSON. */
function folder(files: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
}

const DRAFT = "https://json-schema.org/draft/2020-12/schema";

const DEFS = {
  $schema: DRAFT,
  $id: "defs.schema.json",
  title: "Shared",
  $defs: {
    id: { title: "Id", description: "An id of a record.", type: "string", pattern: "^[a-z]+$" },
    text: { title: "Text", description: "Some words.", type: "string", minLength: 1 },
    scores: { title: "Scores", type: "array", items: { type: "integer" } },
    holder: {
      title: "Holder",
      description: "Id of who holds it.",
      type: "string",
      "x-references": ["gadgets"],
    },
    tone: {
      title: "Tone",
      description: "How it sounds.",
      type: "string",
      enum: ["calm", "loud"],
      "x-role": "category",
    },
    box: {
      title: "Box",
      description: "A box of words.\nIts second line has */ inside.",
      type: "object",
      additionalProperties: false,
      required: ["words"],
      properties: {
        words: { $ref: "#/$defs/text", description: "The words in the box." },
        owner: { $ref: "#/$defs/id", "x-references": ["things", "nowhere"] },
        id: { $ref: "#/$defs/id" },
        lid: { $ref: "#/$defs/text" },
      },
      allOf: [
        {
          if: { required: ["owner"] },
          // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword.
          then: { required: ["lid"] },
        },
      ],
    },
    bare: {
      title: "Bare",
      type: "object",
      additionalProperties: false,
      properties: { size: { type: "integer" } },
    },
  },
};

const THING = {
  $schema: DRAFT,
  $id: "thing.schema.json",
  title: "Thing",
  description: "A thing to test with.",
  "x-collection": "things",
  type: "object",
  additionalProperties: false,
  required: ["id", "box"],
  properties: {
    $schema: { $ref: "defs.schema.json#/$defs/text" },
    id: { $ref: "defs.schema.json#/$defs/id" },
    box: {
      $ref: "defs.schema.json#/$defs/box",
      description: "The thing's own box.",
      "x-role": "anchor",
    },
    spare: { $ref: "defs.schema.json#/$defs/box" },
    tone: { $ref: "defs.schema.json#/$defs/tone" },
    note: { $ref: "defs.schema.json#/$defs/text" },
    score: { $ref: "defs.schema.json#/$defs/scores/items" },
    plain: { $ref: "defs.schema.json#/$defs/bare" },
    tags: {
      description: "Tags on it.",
      type: "array",
      minItems: 1,
      items: { $ref: "defs.schema.json#/$defs/text" },
    },
    grid: { type: "array", minItems: 1, items: { type: "array", items: { type: "integer" } } },
    pair: {
      description: "Two ends.",
      type: "array",
      minItems: 2,
      maxItems: 2,
      items: { type: "integer" },
    },
    trio: { type: "array", minItems: 1, maxItems: 3, items: { type: "integer" } },
    labels: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
    gadget: { $ref: "gadget.schema.json" },
    inner: {
      type: "object",
      additionalProperties: false,
      properties: { id: { type: "string" }, box: { type: "string" } },
    },
    variant: {
      oneOf: [
        {
          title: "Inner box",
          type: "object",
          additionalProperties: false,
          properties: {
            box: { $ref: "defs.schema.json#/$defs/box", description: "The box inside." },
            spare: { $ref: "defs.schema.json#/$defs/box" },
          },
        },
        { type: "null" },
      ],
    },
    lead: { type: "string", "x-search": true },
    holder: { $ref: "defs.schema.json#/$defs/holder" },
    // Words beside a plain definition's reference narrow it.
    switch: { $ref: "defs.schema.json#/$defs/text", enum: ["on", "off"] },
  },
  if: { required: ["tone"] },
  // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword.
  then: { required: ["note"] },
  dependentRequired: { note: ["tone"] },
};

const GADGET = {
  $schema: DRAFT,
  $id: "gadget.schema.json",
  title: "Gadget",
  "x-collection": "gadgets",
  type: "object",
  additionalProperties: false,
  required: ["id"],
  properties: {
    id: { $ref: "defs.schema.json#/$defs/id" },
    maker: {
      description: "Who made it.",
      $ref: "defs.schema.json#/$defs/id",
      "x-references": ["things", "gadgets"],
    },
  },
};

// A collection schema with no title: it is named by its collection.
const WIDGET = {
  $id: "widget.schema.json",
  "x-collection": "widgets",
  type: "object",
  properties: {
    id: { $ref: "defs.schema.json#/$defs/id" },
    holder: { $ref: "defs.schema.json#/$defs/holder" },
    inner: { type: "object", properties: { a: { type: "string" } } },
  },
};

const SMALL = {
  "defs.schema.json": DEFS,
  "thing.schema.json": THING,
  "gadget.schema.json": GADGET,
  "widget.schema.json": WIDGET,
};

/** The lines of a declaration, as the TypeScript printer writes them (four-space indents). */
const lines = (...text: string[]) => text.join("\n");

/** The interface of the `box` definition: its conditions left out, its references typed. */
const BOX = lines(
  "export interface Box {",
  "    /**",
  "     * The words in the box.",
  "     */",
  "    readonly words: string;",
  "    /**",
  "     * An id of a record.",
  "     */",
  "    readonly owner?: ThingId | never;",
  "    /**",
  "     * An id of a record.",
  "     */",
  "    readonly id?: string;",
  "    /**",
  "     * Some words.",
  "     */",
  "    readonly lid?: string;",
  "}",
  "",
);

describe("the interfaces of a small schema set", () => {
  let types = "";
  beforeAll(async () => {
    types = await interfacesOf(loadSchemas(folder(SMALL)));
  });

  /** The interface named, from its first line to its closing brace. */
  const declaration = (name: string): string => {
    const start = types.indexOf(`export interface ${name} {`);
    expect(start).toBeGreaterThanOrEqual(0);
    return types.slice(start, types.indexOf("\n}\n", start) + 3);
  };

  it("starts with the first declaration, with no banner", () => {
    expect(types.startsWith("/**\n * How it sounds.\n */\nexport type Tone = ")).toBe(true);
  });

  it("declares every definition, the plain ones too, under its title", () => {
    expect(types).toContain(
      lines(
        "/**",
        " * How it sounds.",
        " */",
        'export type Tone = "calm" | "loud";',
        "/**",
        " * An id of a record.",
        " */",
        "export type Id = string;",
        "/**",
        " * Some words.",
        " */",
        "export type Text = string;",
        "export type Scores = readonly number[];",
        "/**",
        " * Id of who holds it.",
        " */",
        "export type Holder = GadgetId;",
        "",
      ),
    );
  });

  it("makes the dataset: the version, the texts by id and each collection's records", () => {
    expect(types).toContain(
      lines(
        "/**",
        " * The whole dataset: the version, each source's text and every collection's records.",
        " */",
        "export interface Dataset {",
        "    /**",
        "     * The package version the data was built for.",
        "     */",
        "    readonly version: string;",
        "    /**",
        "     * Each source's full text, by source id: the text every span counts into (in code points).",
        "     */",
        "    readonly texts: {",
        // No collection of source texts here: the texts are keyed by any string.
        "        readonly [id in string]: string;",
        "    };",
        "    /**",
        "     * Every record in `gadgets`, sorted by id.",
        "     */",
        "    readonly gadgets: readonly Gadget[];",
        "    /**",
        "     * Every record in `things`, sorted by id.",
        "     */",
        "    readonly things: readonly Thing[];",
        "    /**",
        "     * Every record in `widgets`, sorted by id.",
        "     */",
        "    readonly widgets: readonly Widgets[];",
        "}",
        "",
      ),
    );
  });

  it("types a collection's id by its collection, and a reference by the union of its targets", () => {
    expect(declaration("Gadget")).toBe(
      lines(
        "export interface Gadget {",
        "    /**",
        "     * An id of a record.",
        "     */",
        "    readonly id: GadgetId;",
        "    /**",
        "     * Who made it.",
        "     */",
        "    readonly maker?: ThingId | GadgetId;",
        "}",
        "",
      ),
    );
    // A collection the schemas do not have is no type at all; an `id` below the root is a string.
    expect(declaration("Box")).toBe(BOX);
    expect(declaration("Thing")).toContain(
      lines(
        "    readonly inner?: {",
        "        readonly id?: string;",
        "        readonly box?: string;",
        "    };",
      ),
    );
  });

  it("writes a collection with its description, required fields and plain fields", () => {
    const thing = declaration("Thing");
    expect(types).toContain("/**\n * A thing to test with.\n */\nexport interface Thing {\n");
    // The record's `$schema` path is for editors: no field of the type.
    expect(thing).not.toContain("$schema");
    expect(thing).toContain(
      lines(
        "    /**",
        "     * An id of a record.",
        "     */",
        "    readonly id: ThingId;",
        "    /**",
        "     * The thing's own box.",
        "     */",
        "    readonly box: Box;",
      ),
    );
    expect(thing).toContain(
      lines(
        "    readonly lead?: string;",
        "    /**",
        "     * Id of who holds it.",
        "     */",
        "    readonly holder?: GadgetId;",
        "    /**",
        "     * Some words.",
        "     */",
        '    readonly switch?: "on" | "off";',
      ),
    );
    expect(thing).toContain("\n    readonly gadget?: Gadget;\n");
    expect(thing).toContain("\n    readonly plain?: Bare;\n");
  });

  it("inlines a plain definition where it is used, and names an enumeration or an object", () => {
    const thing = declaration("Thing");
    expect(thing).toContain(
      lines(
        "    /**",
        "     * How it sounds.",
        "     */",
        "    readonly tone?: Tone;",
        "    /**",
        "     * Some words.",
        "     */",
        "    readonly note?: string;",
        // A reference into a plain definition's inside is followed, not taken for the definition.
        "    readonly score?: number;",
      ),
    );
    expect(declaration("Box")).toContain(
      lines("    /**", "     * The words in the box.", "     */", "    readonly words: string;"),
    );
    // One type per definition, however many fields refer to it, and whatever is written beside.
    expect(types).not.toMatch(/\b(?:Box|Text|Id|Tone|Bare|Gadget)\d/);
  });

  it("puts back the description written beside a reference, or else the definition's", () => {
    expect(declaration("Thing")).toContain(
      lines(
        "    /**",
        "     * A box of words.",
        "     * Its second line has *\\/ inside.",
        "     */",
        "    readonly spare?: Box;",
      ),
    );
    // On a titled object inside a list of choices too.
    expect(declaration("InnerBox")).toBe(
      lines(
        "export interface InnerBox {",
        "    /**",
        "     * The box inside.",
        "     */",
        "    readonly box?: Box;",
        "    /**",
        "     * A box of words.",
        "     * Its second line has *\\/ inside.",
        "     */",
        "    readonly spare?: Box;",
        "}",
        "",
      ),
    );
    expect(declaration("Thing")).toContain("\n    readonly variant?: InnerBox | null;\n");
    // A description json-schema-to-typescript wrote already is not written twice.
    expect(types.split("The words in the box.").length).toBe(2);
    expect(types.split("Who made it.").length).toBe(2);
  });

  it("leaves out the conditions TypeScript cannot express", () => {
    expect(declaration("Box")).toBe(BOX);
    expect(types).toContain("export interface Thing {\n");
    expect(types).not.toMatch(/export type (?:Thing|Box) =/);
    expect(types).not.toContain("&");
  });

  it("drops json-schema-to-typescript's notes on where a type came from and on lengths", () => {
    expect(types).not.toContain("referenced by");
    expect(types).not.toMatch(/@minItems|@maxItems/);
    // The note was the whole comment of an interface with no description: no empty comment.
    expect(types).toContain("}\nexport interface Gadget {\n");
    expect(types).toContain("}\nexport interface Bare {\n    readonly size?: number;\n}\n");
    // The note was appended to a description: the description stays.
    expect(types).toContain(
      lines(
        "/**",
        " * A box of words.",
        " * Its second line has * / inside.",
        " */",
        "export interface Box {",
      ),
    );
  });

  it("makes arrays and tuples read-only, a rest element a plain array in the tuple", () => {
    const thing = declaration("Thing");
    expect(thing).toContain(
      lines(
        "    /**",
        "     * Tags on it.",
        "     */",
        "    readonly tags?: readonly [",
        "        string,",
        "        ...string[]",
        "    ];",
      ),
    );
    expect(thing).toContain(
      lines(
        "    readonly grid?: readonly [",
        "        readonly number[],",
        "        ...(readonly number[])[]",
        "    ];",
      ),
    );
    // A tuple of fixed length, and lengths from one to three: the types say the lengths.
    expect(thing).toContain(
      lines(
        "    /**",
        "     * Two ends.",
        "     */",
        "    readonly pair?: readonly [",
        "        number,",
        "        number",
        "    ];",
        "    readonly trio?: readonly [",
        "        number",
        "    ] | readonly [",
        "        number,",
        "        number",
        "    ] | readonly [",
        "        number,",
        "        number,",
        "        number",
        "    ];",
      ),
    );
    // A map is read-only too, and its values may be missing: strict index signatures.
    expect(thing).toContain(
      lines(
        "    readonly labels?: {",
        "        readonly [k: string]: readonly string[] | undefined;",
        "    };",
      ),
    );
    // No other index signature: every object is closed.
    expect(types.split("[k: string]").length).toBe(2);
  });
  it("names a collection with no title by its collection, and documents it all the same", () => {
    expect(types).not.toContain("SchemaJson");
    expect(declaration("Widgets")).toContain(
      lines(
        "    /**",
        "     * Id of who holds it.",
        "     */",
        "    readonly holder?: GadgetId;",
        // An object that does not close itself is closed all the same.
        "    readonly inner?: {",
        "        readonly a?: string;",
        "    };",
        "}",
      ),
    );
  });
});

describe("the interfaces of schemas that cannot be bundled", () => {
  it("refuse a reference to a schema with no title", async () => {
    const dir = folder({
      "defs.schema.json": { $id: "defs.schema.json", $defs: {} },
      "thing.schema.json": {
        "x-collection": "things",
        type: "object",
        properties: { other: { $ref: "other.schema.json" } },
      },
      "other.schema.json": { type: "object" },
    });
    await expect(interfacesOf(loadSchemas(dir, { metaCheck: false }))).rejects.toThrow(
      "cannot bundle $ref other.schema.json",
    );
  });

  it("refuse a reference into another schema's definitions", async () => {
    const dir = folder({
      "defs.schema.json": { $id: "defs.schema.json", $defs: { id: { type: "string" } } },
      "thing.schema.json": {
        "x-collection": "things",
        title: "Thing",
        type: "object",
        $defs: { id: { type: "string" } },
        properties: { other: { $ref: "other.schema.json#/$defs/id" } },
      },
      "other.schema.json": { title: "Other", $defs: { id: { type: "string" } } },
    });
    await expect(interfacesOf(loadSchemas(dir, { metaCheck: false }))).rejects.toThrow(
      "cannot bundle $ref other.schema.json#/$defs/id",
    );
  });
});

describe("the interfaces of the package's schemas", () => {
  let types = "";
  beforeAll(async () => {
    types = await interfacesOf(loadPackageSchemas());
  });

  it("key the texts by the ids of the collection of source texts", () => {
    expect(types).toContain(
      lines("    readonly texts: {", "        readonly [id in SourceId]: string;", "    };"),
    );
  });

  it("type references by the ids of the collections they name", () => {
    expect(types).toContain("\n    readonly claimant: PersonId | OrganizationId | SourceId;\n");
    expect(types).toContain(
      lines(
        "    readonly about: readonly [",
        "        PersonId | OrganizationId | PlaceId | EventId,",
        "        ...(PersonId | OrganizationId | PlaceId | EventId)[]",
        "    ];",
      ),
    );
    expect(types).toContain("\n    readonly source: SourceId;\n");
  });

  it("declare each definition once, documented from the schema", () => {
    expect(types).toContain(
      lines(
        "export interface Mention {",
        "    /**",
        '     * How the text refers to it: `name` (a proper name, whole or part), `nominal` (a title or description such as "the two nations"), `pronoun`, `modifier` (a name used as an adjective or inside another name, such as "Russian" or "post-Saddam"), or `trigger` (the verb or shortest phrase that denotes an event, as in ACE and TimeML, such as "sat down").',
        "     */",
        "    readonly kind: MentionKind;",
        "    /**",
        "     * The characters of the mention.",
        "     */",
        "    readonly span: Span;",
        "    /**",
        "     * Why this mention refers to this record, where it is not obvious from the text.",
        "     */",
        "    readonly note?: string;",
        "}",
      ),
    );
    expect(types.match(/^export interface Span \{$/gm)).toHaveLength(1);
    expect(types).not.toMatch(/\b(?:Span|Provenance|DateRange|Mention)\d/);
    expect(types).not.toMatch(/referenced by|@minItems|\[k: string\]/);
  });
});
