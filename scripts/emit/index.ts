import { averitecEmitter } from "./averitec.ts";
import { csvEmitter } from "./csv.ts";
import { datapackageEmitter } from "./datapackage.ts";
import { dictionaryEmitter } from "./dictionary.ts";
import type { Emitter } from "./emitter.ts";
import { entryEmitter } from "./entry.ts";
import { jsonEmitter } from "./json.ts";
import { jsonldEmitter } from "./jsonld.ts";
import { schemasEmitter } from "./schemas.ts";
import { siteEmitter } from "./site/index.ts";
import { sqliteEmitter } from "./sqlite.ts";
import { typesEmitter } from "./types.ts";

/**
 * Every emitter, in order: later ones may read what earlier ones wrote (the Data Package hashes
 * the CSVs; the SQLite database repeats the Data Package's title, licence and sources).
 */
export const EMITTERS: readonly Emitter[] = [
  schemasEmitter,
  typesEmitter,
  entryEmitter,
  jsonEmitter,
  jsonldEmitter,
  averitecEmitter,
  csvEmitter,
  datapackageEmitter,
  sqliteEmitter,
  dictionaryEmitter,
  siteEmitter,
];
