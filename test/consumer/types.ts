// Type tests of real user code against the packed package, compiled by tsc with `strict`,
// `noUncheckedIndexedAccess` and `exactOptionalPropertyTypes`. Each `Assert` fails to compile
// when its two types differ; each `@ts-expect-error` fails when the line below it compiles.
import {
  type Attribution,
  type Citation,
  type Claim,
  type ClaimId,
  type ClaimKind,
  type CollectionName,
  type Correction,
  citations,
  claims,
  collectionOf,
  collections,
  type Dataset,
  dataset,
  type Event,
  type EventId,
  type Evidence,
  events,
  getRecord,
  isPersonId,
  isRecordId,
  type Organization,
  type OrganizationId,
  organizations,
  type Participant,
  type Person,
  type PersonId,
  type Place,
  type PlaceId,
  people,
  peopleById,
  places,
  type Quote,
  quotes,
  type RecordId,
  type RecordOf,
  type Review,
  recordsOf,
  reviews,
  type Source,
  type SourceId,
  sources,
  type texts,
  type Verdict,
} from "kerry-moscow-2013";
import datasetJson from "kerry-moscow-2013/json/dataset.json" with { type: "json" };
import peopleJson from "kerry-moscow-2013/json/people.json" with { type: "json" };
import type * as lookup from "kerry-moscow-2013/lookup";
import type * as peopleModule from "kerry-moscow-2013/people";
import type * as textsModule from "kerry-moscow-2013/texts";

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

// One type per record, and it is the type of the values.
export type Checks = [
  Assert<Equal<(typeof people)[number], Person>>,
  Assert<Equal<(typeof peopleById)["john-kerry"], Person>>,
  Assert<Equal<ReturnType<typeof getRecord<"john-kerry">>, Person>>,
  Assert<Equal<ReturnType<typeof getRecord<"kerry-to-putin-on-syria">>, Quote>>,
  Assert<Equal<typeof dataset, Dataset>>,
  Assert<Equal<Dataset["people"], readonly Person[]>>,
  Assert<Equal<(typeof peopleJson)[number], Person>>,
  Assert<Equal<(typeof datasetJson)["claims"][number], Claim>>,
  Assert<Equal<(typeof texts)[SourceId], string>>,
  // Every object and value set inside a record has a name of its own.
  Assert<Equal<Review["evidence"][number], Evidence>>,
  Assert<Equal<Review["verdict"], Verdict>>,
  Assert<Equal<NonNullable<Review["corrections"]>[number], Correction>>,
  Assert<
    Equal<NonNullable<Review["corrections"]>[number]["previous_verdict"], Verdict | undefined>
  >,
  Assert<Equal<Claim["kind"], ClaimKind>>,
  Assert<Equal<Claim["attribution"], Attribution>>,
  Assert<Equal<Event["participants"][number], Participant>>,
  // Each collection's own module, and the lookups across them, have the entry point's types.
  Assert<Equal<typeof peopleModule.peopleById, typeof peopleById>>,
  Assert<Equal<typeof peopleModule.isPersonId, typeof isPersonId>>,
  Assert<Equal<typeof lookup.getRecord, typeof getRecord>>,
  Assert<Equal<lookup.RecordOf<"people">, Person>>,
  Assert<Equal<typeof textsModule.texts, typeof texts>>,
  // Collections by name: the list, the record type by name or by id, and the way back.
  Assert<Equal<(typeof collections)[number], CollectionName>>,
  Assert<Equal<(typeof collections)[4], "people">>,
  Assert<Equal<RecordOf<"people">, Person>>,
  Assert<Equal<RecordOf<"john-kerry">, Person>>,
  Assert<Equal<RecordOf<"reviews" | "red-line">, Review | Quote>>,
  Assert<Equal<ReturnType<typeof collectionOf<"john-kerry">>, "people">>,
  Assert<Equal<ReturnType<typeof collectionOf<RecordId>>, CollectionName>>,
  Assert<Equal<ReturnType<typeof recordsOf<"claims">>, readonly Claim[]>>,
  // A list the schema says is never empty keeps its first item, even with unchecked indexing.
  Assert<Equal<Claim["about"][0], PersonId | OrganizationId | PlaceId | EventId>>,
];

// A function over each record type, called with values from every export.
const personName = (person: Person) => person.name;
const placeName = (place: Place) => place.name;
const organizationName = (organization: Organization) => organization.name;
const eventKind = (event: Event) => event.kind;
const quoteText = (quote: Quote) => quote.text.exact;
const claimText = (claim: Claim) => claim.text.exact;
const verdict = (review: Review) => review.verdict;
const citationTitle = (citation: Citation) => citation.title;
const sourceTitle = (source: Source) => source.title.exact;

export const names = [
  people.map(personName),
  places.map(placeName),
  organizations.map(organizationName),
  events.map(eventKind),
  quotes.map(quoteText),
  claims.map(claimText),
  reviews.map(verdict),
  citations.map(citationTitle),
  sources.map(sourceTitle),
  personName(peopleById["john-kerry"]),
  personName(getRecord("john-kerry")),
  quoteText(getRecord("kerry-to-putin-on-syria")),
  dataset.people.map(personName),
  peopleJson.map(personName),
  datasetJson.claims.map(claimText),
];

// A join: reviews by the claim they review.
const reviewOf = new Map<ClaimId, Review>(reviews.map((review) => [review.claim, review]));
export const reviewed = claims.filter((claim) => reviewOf.has(claim.id)).length;

// Narrowing a field that may point into several collections.
export const claimants = claims.map((claim) => {
  const record = getRecord(claim.claimant);
  const check: Assert<Equal<typeof record, Person | Organization | Source>> = true;
  if (isPersonId(claim.claimant)) {
    const person: Person = getRecord(claim.claimant);
    return [check, person.name];
  }
  return [check, record.id];
});

// A non-empty list's first item is never undefined.
export const firstAbouts: (PersonId | OrganizationId | PlaceId | EventId)[] = claims.map(
  (claim) => claim.about[0],
);

// Ids from outside the program: a string must be checked before it can index.
declare const fromUrl: string;
export const found = isPersonId(fromUrl) ? personName(peopleById[fromUrl]) : undefined;
export const anyRecord = isRecordId(fromUrl) ? getRecord(fromUrl).id : undefined;
const anyId: RecordId | undefined = isRecordId(fromUrl) ? fromUrl : undefined;

// @ts-expect-error: "john-kery" is not the id of any person
export const typo = peopleById["john-kery"];
// @ts-expect-error: a plain string cannot index the lookup
export const unchecked = peopleById[fromUrl];
// @ts-expect-error: getRecord takes only ids that exist
getRecord("no-such-record");
// @ts-expect-error: the records are frozen, and typed read-only
getRecord("john-kerry").name = "someone else";
// @ts-expect-error: the arrays are read-only too
people.push(getRecord("john-kerry"));
for (const person of peopleJson) {
  // @ts-expect-error: and so are the JSON imports
  person.name = "someone else";
}
export const wrongKind = peopleJson.map(
  // @ts-expect-error: a person's id is not a place's
  (person): PlaceId => person.id,
);

// A generic function over any collection keeps the record type of the name it is given.
const labelsOf = <C extends CollectionName>(name: C, label: (record: RecordOf<C>) => string) =>
  recordsOf(name).map(label);
export const labels = [labelsOf("people", personName), labelsOf("claims", claimText)];
export const everyRecord = collections.flatMap((name) =>
  recordsOf(name).map((record): [CollectionName, RecordId] => [collectionOf(record.id), record.id]),
);
// @ts-expect-error: "persons" is not a collection
recordsOf("persons");

export const used = anyId;
