import type { Emitter } from "../lib/model.ts";

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** `json/<collection>.json` (records sorted by id) and `json/dataset.json` (everything, with each source's text and sha256). */
export const jsonEmitter: Emitter = {
  name: "json",
  emit(model, out) {
    for (const { collection, records } of model.collections)
      out.set(`json/${collection.name}.json`, json(records));
    out.set(
      "json/dataset.json",
      json({
        name: model.name,
        version: model.version,
        texts: Object.fromEntries(
          model.sources.map((s) => [s.id, { sha256: s.sha256, text: s.text }]),
        ),
        ...Object.fromEntries(
          model.collections.map(({ collection, records }) => [collection.name, records]),
        ),
      }),
    );
  },
};
