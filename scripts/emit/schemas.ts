import { byCodeUnits } from "../lib/order.ts";
import type { Emitter } from "./emitter.ts";

/** A copy of the schemas, so consumers can validate records of their own with them. */
export const schemasEmitter: Emitter = {
  name: "schemas",
  emit(model, out) {
    for (const [file, schema] of [...model.schemas.byId].sort(([a], [b]) => byCodeUnits(a, b))) {
      out.set(`schema/${file}`, `${JSON.stringify(schema, null, 2)}\n`);
    }
  },
};
