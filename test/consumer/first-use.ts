// The first code a user writes, as the issue that asked for these types showed it: it must
// compile with `strict` alone (no unchecked-index option), under nodenext and bundler.
import {
  type Person,
  people,
  peopleById,
  type Quote,
  quotes,
  type Review,
  reviews,
} from "kerry-moscow-2013";

function describe(p: Person) {
  return p.name;
}
describe(people[0]);
describe(peopleById["john-kerry"]);
const q: Quote = quotes[0];
const byClaim = new Map<string, Review>(reviews.map((r) => [r.claim, r]));

export const firstUse = [q, byClaim];
