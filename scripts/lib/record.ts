import type { DocumentNode } from "@humanwhocodes/momoa";
import { canonicalText } from "./canonical.ts";
import type { JsonObject } from "./json.ts";
import { locate, type Part, type Position, parseWithPositions } from "./locate.ts";
import type { Collection, Schemas } from "./schemas/index.ts";

/** A parsed record file. */
export class RecordFile {
  private doc: DocumentNode | undefined;
  private canonical: boolean | undefined;
  private held: string | undefined;

  constructor(
    /** Path as shown to users. */
    readonly display: string,
    readonly collection: Collection,
    /** The file name without `.json`: the id the record must have. */
    readonly name: string,
    text: string,
    readonly value: JsonObject,
    /** Whether the text is canonical, when that is known already. */
    canonical?: boolean,
  ) {
    this.held = text;
    this.canonical = canonical;
  }

  /** The file's text, as read. */
  get text(): string {
    return this.held ?? canonicalText(this.value, this.collection);
  }

  /**
   * Lets the text of a canonical file go, once the checks that read it have run: it is the
   * canonical serialization of the value, made again if a problem must be placed in it. At
   * corpus scale the texts are more memory than the values.
   */
  releaseText(): void {
    if (this.isCanonical) this.held = undefined;
  }

  /** The relative path from the record file to its collection's schema, as `$schema` names it. */
  get schemaPath(): string {
    return `../../schema/${this.collection.schemaFile}`;
  }

  get id(): string {
    return typeof this.value.id === "string" ? this.value.id : this.name;
  }

  /** The syntax tree with positions, parsed on first use: clean files never need it. */
  get syntaxTree(): DocumentNode {
    this.doc ??= parseWithPositions(this.text);
    return this.doc;
  }

  /** Whether the text is exactly the canonical serialization of its value. */
  get isCanonical(): boolean {
    this.canonical ??= this.held === canonicalText(this.value, this.collection);
    return this.canonical;
  }

  /** The collection the record's `$schema` names, if it names one. */
  declaredCollection(schemas: Schemas): Collection | undefined {
    const named = this.value.$schema;
    if (typeof named !== "string") return undefined;
    return schemas.collections.find(
      (c) => named === c.schemaFile || named.endsWith(`/${c.schemaFile}`),
    );
  }

  /** Whether the record names another collection's schema: it sits in the wrong folder. */
  isMisplaced(schemas: Schemas): boolean {
    const declared = this.declaredCollection(schemas);
    return declared !== undefined && declared !== this.collection;
  }

  locate(pointer: string, part: Part = "value"): Position {
    return locate(this.syntaxTree, pointer, part);
  }
}
