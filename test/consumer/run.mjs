// Runs the package as an ES module would: the entry point, a JSON import, and every guard.
import { createRequire } from "node:module";
import * as entry from "kerry-moscow-2013";
import {
  collectionOf,
  collections,
  getRecord,
  isPersonId,
  isRecordId,
  people,
  recordsOf,
  texts,
} from "kerry-moscow-2013";
import peopleJson from "kerry-moscow-2013/json/people.json" with { type: "json" };

const quote = getRecord("kerry-to-putin-on-syria");
const spoken = [...texts[quote.text.source]].slice(quote.text.start, quote.text.end).join("");
console.log(
  JSON.stringify({
    people: people.length,
    json: peopleJson.length,
    speaker: quote.speaker,
    verbatim: spoken === quote.text.exact,
    frozen: Object.isFrozen(people[0].mentions) && Object.isFrozen(collections),
    collections: collections.length,
    // Every record's collection, found from its id alone, is the one it was listed in.
    misplaced: collections.flatMap((name) =>
      recordsOf(name).filter((record) => collectionOf(record.id) !== name),
    ).length,
    person: collectionOf("john-kerry"),
    // require loads the CommonJS files: a copy of its own, with the same records.
    sameAsRequire:
      JSON.stringify(createRequire(import.meta.url)("kerry-moscow-2013").people) ===
      JSON.stringify(people),
    // Each collection's own module holds the very values the entry point re-exports.
    modules: await Promise.all(
      collections.map(async (name) => {
        const module = await import(`kerry-moscow-2013/${name}`);
        return Object.values(module).every((value) => Object.values(entry).includes(value));
      }),
    ),
    guards: [
      isPersonId("john-kerry"),
      isPersonId("syria"),
      isRecordId("syria"),
      isRecordId("toString"),
    ],
  }),
);
