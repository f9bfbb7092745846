import { BANNER } from "../lib/banner.ts";
import { prettyFile } from "../lib/json-pieces.ts";
import type { Emitter } from "./emitter.ts";
import { textIdType, typeNameOf } from "./model.ts";

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * `json/<collection>.json` (records sorted by id) and `json/dataset.json` (everything, with each
 * source's text and sha256), each with a declaration beside it (`<name>.d.json.ts`) that
 * describes exactly that file, read-only: its records have the entry point's types, and the
 * dataset file its own shape (a `name`, and each text with its sha256).
 */
export const jsonEmitter: Emitter = {
  name: "json",
  async emit(model, out) {
    const declaration = (imports: string[], type: string) =>
      `/* ${BANNER} */\nimport type { ${imports.sort().join(", ")} } from "../types.js";\ndeclare const value: ${type};\nexport = value;\n`;
    for (const { collection, records } of model.collections) {
      await out.write(`json/${collection.name}.json`, prettyFile(records, 1));
      out.set(
        `json/${collection.name}.d.json.ts`,
        declaration([typeNameOf(collection)], `readonly ${typeNameOf(collection)}[]`),
      );
    }
    // The declarations use `export =`, as a JSON module's one value; that is CommonJS syntax,
    // so this folder's .ts declarations are marked CommonJS (the JSON files are unaffected).
    out.set("json/package.json", json({ type: "commonjs" }));
    // A source's text and a record are each written whole; the collections, record by record.
    await out.write(
      "json/dataset.json",
      prettyFile(
        {
          name: model.name,
          version: model.version,
          texts: Object.fromEntries(
            model.sources.map((s) => [s.id, { sha256: s.sha256, text: s.text }]),
          ),
          ...Object.fromEntries(
            model.collections.map(({ collection, records }) => [collection.name, records]),
          ),
        },
        2,
      ),
    );
    const fields = model.collections.map(
      ({ collection }) => `readonly ${collection.name}: readonly ${typeNameOf(collection)}[]`,
    );
    out.set(
      "json/dataset.d.json.ts",
      declaration(
        // Texts are keyed by source id, like the entry point's `texts`.
        [...model.collections.map(({ collection }) => typeNameOf(collection)), textIdType(model)],
        `{ readonly name: string; readonly version: string; readonly texts: { readonly [id in ${textIdType(model)}]: { readonly sha256: string; readonly text: string } }; ${fields.join("; ")} }`,
      ),
    );
  },
};
