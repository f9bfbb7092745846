/**
 * A synthetic corpus for the benchmark: N sources, each a short news text with about 64 records
 * grounded in it (people, organizations, places, events, quotes, claims, citations), written
 * as a data folder in canonical form. Deterministic from the seed: same (n, seed), same bytes.
 *
 * The texts carry what makes real data costly and tricky: curly quotes, no-break spaces, dashes,
 * accented names and astral characters (emoji), which shift code-unit offsets against the
 * code-point offsets spans count in.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalText } from "../lib/canonical.ts";
import type { JsonObject, JsonValue } from "../lib/json.ts";
import { loadPackageSchemas, type Schemas } from "../lib/schemas/index.ts";

/** Records per source in each collection: 60 in all. */
export const PER_SOURCE = {
  sources: 1,
  people: 10,
  organizations: 6,
  places: 6,
  events: 8,
  quotes: 5,
  claims: 14,
  /** One per factual claim and prediction (two claims in three), so no claim-unreviewed warning. */
  reviews: 9,
  citations: 5,
} as const;

export const RECORDS_PER_SOURCE = Object.values(PER_SOURCE).reduce((a, b) => a + b, 0);

export interface Corpus {
  dataDir: string;
  sources: number;
  records: number;
  /** Files written: records plus one text per source. */
  files: number;
  bytes: number;
}

/** A small, fast, seedable PRNG (mulberry32): the corpus must not depend on Math.random. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

const FIRST = [
  "José",
  "Zoë",
  "Björn",
  "Łukasz",
  "Ana",
  "Chidi",
  "Mei",
  "Søren",
  "Amélie",
  "Tomás",
  "Ingrid",
  "Ravi",
  "Olumide",
  "Hélène",
  "Dmitri",
  "Aoife",
  "Jürgen",
  "Nuño",
  "Kateřina",
  "Fatima",
];
const LAST = [
  "Álvarez",
  "Chen",
  "Okafor",
  "Müller",
  "Nakamura",
  "Ruiz",
  "Dvořák",
  "Lindqvist",
  "O’Brien",
  "Kowalczyk",
  "Haddad",
  "Petrov",
  "Ferreira",
  "Nguyen",
  "Şahin",
  "Mbeki",
  "Larsen",
  "Ibáñez",
  "Rossi",
  "Kuznetsova",
];
const PLACES: readonly [string, "city" | "country" | "region"][] = [
  ["Genève", "city"],
  ["São Paulo", "city"],
  ["Kraków", "city"],
  ["Zürich", "city"],
  ["Reykjavík", "city"],
  ["Malmö", "city"],
  ["Brașov", "city"],
  ["Moscow", "city"],
  ["Lagos", "city"],
  ["Hanoi", "city"],
  ["Côte d’Ivoire", "country"],
  ["Perú", "country"],
  ["Norway", "country"],
  ["Türkiye", "country"],
  ["the Åland Islands", "region"],
  ["Bavaria", "region"],
];
const ORG_KINDS: readonly [string, string][] = [
  ["Ministry of Foreign Affairs", "government-body"],
  ["Trade Council", "commission"],
  ["Joint Commission", "commission"],
  ["Security Council", "intergovernmental"],
  ["Contact Group", "diplomatic-group"],
  ["Government", "government"],
  ["Harbour Authority", "government-body"],
];
const ROLES = ["envoy", "minister", "spokeswoman", "spokesman", "adviser", "chair", "delegate"];
const DAYS = ["On Monday", "On Tuesday", "On Wednesday", "On Thursday", "This weekend"];
const QUOTES = [
  "We’ll keep talking until there’s a deal",
  "Nobody wants another winter like the last one",
  "The figures don’t lie, and they’re not good",
  "It’s a step—only a step—but a real one",
  "We agree on trade 🤝 and on little else",
  "Let’s not pretend the ports are safe",
  "I have seen the report; it’s “serious”",
  "Peace 🕊 is not a slogan, it’s work",
];
const FACTS = [
  "exports rose by 12\u00a0% in the first quarter",
  "the pipeline runs 340\u00a0km under the sea",
  "talks had stalled since the spring",
  "the harbour would reopen before the end of the month",
  "the ceasefire had held for nine days",
  "at least 1,200 people had left the region 🌍 by boat",
  "the treaty’s second round was “all but agreed”",
  "the budget would be cut by a third",
];
// Factual claims and predictions get a review each; opinions get none (a review of one is an error).
const CLAIM_KINDS = ["factual", "opinion", "prediction"];
const VERDICTS = ["inaccurate", "misleading", "mostly-accurate", "accurate", "unsupported"];
const HEDGES = ["reportedly", "apparently", "it seemed"];
const EMOJI = ["🌍", "📰", "🤝", "🕊"];
const PUBLISHERS = [
  "Nordic Wire",
  "Agência Sul",
  "Le Courrier",
  "Baltic Times",
  "Pan-African Post",
];

/** Code-point length, which spans count in. */
const length = (text: string) => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/** Kebab-case ASCII for an id: accents dropped, everything else turned into dashes. */
const slug = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

interface Mark {
  start: number;
  end: number;
  exact: string;
}

/** Builds a text piece by piece, remembering the code-point offsets of the marked pieces. */
class TextBuilder {
  private readonly parts: string[] = [];
  private at = 0;
  add(text: string): void {
    this.parts.push(text);
    this.at += length(text);
  }
  get position(): number {
    return this.at;
  }
  mark(text: string): Mark {
    const start = this.at;
    this.add(text);
    return { start, end: this.at, exact: text };
  }
  toString(): string {
    return this.parts.join("");
  }
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

interface Person {
  id: string;
  name: string;
  surname: string;
  mentions: Mark[];
  title?: Mark;
  org?: number;
}
interface Named {
  id: string;
  name: string;
  mentions: Mark[];
}

/** Writes one source's text and records into the collection folders of `dataDir`. */
function writeSource(
  dataDir: string,
  schemas: Schemas,
  index: number,
  rng: Random,
  write: (collection: string, id: string, text: string) => void,
): void {
  const tag = `${index}`;
  const sourceId = `article-${tag}`;
  const text = new TextBuilder();

  const places: (Named & { kind: string })[] = [];
  for (let k = 0; k < PER_SOURCE.places; k++) {
    const [name, kind] = PLACES[(index * 5 + k) % PLACES.length] as [string, string];
    places.push({ id: `${slug(name)}-${tag}-${k}`, name, kind, mentions: [] });
  }
  const orgs: (Named & { kind: string })[] = [];
  for (let k = 0; k < PER_SOURCE.organizations; k++) {
    const [base, kind] = ORG_KINDS[(index + k) % ORG_KINDS.length] as [string, string];
    const where = (places[k % places.length] as Named).name.replace(/^the /, "");
    const name = `${base} of ${where}`;
    orgs.push({ id: `${slug(name)}-${tag}-${k}`, name, kind, mentions: [] });
  }
  const people: Person[] = [];
  for (let k = 0; k < PER_SOURCE.people; k++) {
    const first = rng.pick(FIRST);
    const surname = rng.pick(LAST);
    const name = `${first} ${surname}`;
    people.push({ id: `${slug(name)}-${tag}-${k}`, name, surname, mentions: [] });
  }

  // The headline, then one paragraph per kind of statement.
  const placeOf = (k: number) => places[k % places.length] as Named;
  const orgOf = (k: number) => orgs[k % orgs.length] as Named;
  const personOf = (k: number) => people[k % people.length] as Person;
  const title = text.mark(
    `Talks in ${placeOf(0).name} ${rng.pick(EMOJI)} — the ${orgOf(0).name} weighs in`,
  );
  text.add("\n\n");

  for (const [k, person] of people.entries()) {
    person.mentions.push(text.mark(person.name));
    text.add(", ");
    const role = rng.pick(ROLES);
    person.org = k % orgs.length;
    person.title = text.mark(role);
    text.add(" of the ");
    orgOf(k).mentions.push(text.mark(orgOf(k).name));
    if (k % 3 === 0) {
      text.add(", arrived in ");
      placeOf(k).mentions.push(text.mark(placeOf(k).name));
      text.add(` ${rng.pick(EMOJI)}. `);
    } else {
      text.add(", spoke briefly. ");
    }
  }
  text.add("\n\n");

  const events: (Named & {
    who: [number, number];
    where: number;
    day: string;
    dayMark: Mark;
    sentence: Mark;
  })[] = [];
  for (let k = 0; k < PER_SOURCE.events; k++) {
    const a = (k * 2) % people.length;
    const b = (k * 2 + 1) % people.length;
    const day = DAYS[k % DAYS.length] as string;
    const dayMark = text.mark(day);
    text.add(", ");
    const from = text.position;
    personOf(a).mentions.push(text.mark(personOf(a).name));
    text.add(" met ");
    personOf(b).mentions.push(text.mark(`Mr.\u00a0${personOf(b).surname}`));
    text.add(" in ");
    placeOf(k + 1).mentions.push(text.mark(placeOf(k + 1).name));
    text.add(".");
    // Its exact text is known once the whole text is.
    const sentence = { start: from, end: text.position, exact: "" };
    const name = `${personOf(a).surname} and ${personOf(b).surname} meet in ${placeOf(k + 1).name}`;
    events.push({
      id: `meeting-${tag}-${k}`,
      name,
      mentions: [],
      who: [a, b],
      where: (k + 1) % places.length,
      day,
      dayMark,
      sentence,
    });
    text.add(" ");
  }
  text.add("\n\n");

  const quotes: {
    id: string;
    speaker: number;
    addressee: number;
    words: Mark;
    who: Mark;
    cue: Mark;
    event: number;
  }[] = [];
  for (let k = 0; k < PER_SOURCE.quotes; k++) {
    const speaker = (k * 3 + 1) % people.length;
    const addressee = (k * 3 + 2) % people.length;
    const who = text.mark(personOf(speaker).surname);
    personOf(speaker).mentions.push(who);
    text.add(" ");
    const cue = text.mark("told");
    text.add(" ");
    personOf(addressee).mentions.push(text.mark(personOf(addressee).surname));
    text.add(", “");
    const words = text.mark(QUOTES[(index + k) % QUOTES.length] as string);
    text.add(".” ");
    quotes.push({
      id: `quote-${tag}-${k}`,
      speaker,
      addressee,
      words,
      who,
      cue,
      event: k % events.length,
    });
  }
  text.add("\n\n");

  const claims: {
    id: string;
    claimant: number;
    text: Mark;
    cue: Mark;
    hedge?: Mark;
    about: number;
  }[] = [];
  for (let k = 0; k < PER_SOURCE.claims; k++) {
    const claimant = k % orgs.length;
    text.add("The ");
    orgOf(claimant).mentions.push(text.mark(orgOf(claimant).name));
    text.add(" ");
    const hedge = k % 3 === 0 ? text.mark(rng.pick(HEDGES)) : undefined;
    if (hedge) text.add(" ");
    const cue = text.mark("said");
    text.add(" that ");
    const fact = text.mark(FACTS[(index * 3 + k) % FACTS.length] as string);
    text.add(". ");
    claims.push({
      id: `claim-${tag}-${k}`,
      claimant,
      text: fact,
      cue,
      ...(hedge ? { hedge } : {}),
      about: k,
    });
  }
  text.add("\n");

  const body = text.toString();
  const points = [...body];
  const slice = (from: number, to: number) => points.slice(from, to).join("");
  // Span of a marked piece; some spans carry a few characters of context to tell repeats apart.
  const span = (mark: Mark, context = rng.int(4)): JsonObject => {
    const result: JsonObject = {
      source: sourceId,
      start: mark.start,
      end: mark.end,
      exact: mark.exact,
    };
    if (context === 1 && mark.start >= 3) result.prefix = slice(mark.start - 3, mark.start);
    if (context === 2 && mark.end + 4 <= points.length)
      result.suffix = slice(mark.end, mark.end + 4);
    return result;
  };
  for (const event of events)
    event.sentence.exact = slice(event.sentence.start, event.sentence.end);

  const bytes = Buffer.from(body, "utf8");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  writeFileSync(join(dataDir, "sources", `${sourceId}.txt`), bytes);

  const citations = Array.from({ length: PER_SOURCE.citations }, (_, k) => `report-${tag}-${k}`);
  const cite = (k: number): JsonObject => ({
    basis: "external",
    citations: [citations[k % citations.length] as string],
  });
  const stated = (mark: Mark): JsonObject => ({ basis: "stated", span: span(mark) });
  const inferred = (note: string): JsonObject => ({ basis: "inferred", note });
  const mention = (kind: string, mark: Mark): JsonObject => ({ kind, span: span(mark) });

  const day = new Date(Date.UTC(2013, 0, 1 + ((index * 7) % 700)));
  const date = (offset: number, provenance: JsonObject, words?: string): JsonObject => {
    const d = new Date(day.getTime() + offset * 86_400_000);
    const value = iso(d);
    return {
      ...(words ? { text: words } : {}),
      value,
      precision: "day",
      earliest: value,
      latest: value,
      provenance,
    };
  };
  const year = day.getUTCFullYear();
  const put = (collection: string, record: JsonObject) => {
    const c = schemas.collection(collection);
    if (!c) throw new Error(`no collection ${collection}`);
    const value = { $schema: `../../schema/${c.schemaFile}`, ...record };
    write(collection, String(record.id), canonicalText(value, c));
  };

  put("sources", {
    id: sourceId,
    title: span(title, 0),
    language: "en",
    genre: rng.pick(["news", "news-with-opinion"] as const),
    sha256,
    publisher: rng.chance(0.5) ? rng.pick(PUBLISHERS) : null,
    author: rng.chance(0.5) ? `${rng.pick(FIRST)} ${rng.pick(LAST)}` : null,
    url: rng.chance(0.5) ? `https://news.example.org/${year}/${sourceId}` : null,
    published: {
      value: `${iso(day)}/${year}-12-31`,
      precision: "interval",
      earliest: iso(day),
      latest: `${year}-12-31`,
      provenance: inferred(
        "The text reports the first meeting in the past tense and looks ahead within the year.",
      ),
    },
    ...(index % 4 === 0
      ? { note: "Stored as received, with its curly quotes and no-break spaces." }
      : {}),
  });

  const publishers = citations.map(() => rng.pick(PUBLISHERS));
  for (const [k, id] of citations.entries()) {
    put("citations", {
      id,
      title: `Briefing № ${index}-${k}: ${rng.pick(FACTS)}`,
      publisher: publishers[k] as string,
      short_names: [publishers[k] as string],
      ...(k % 2 === 0 ? { date: iso(new Date(day.getTime() + k * 86_400_000)) } : {}),
      ...(k % 3 !== 2
        ? { url: `https://reports.example.org/${index}/${k}` }
        : { access_note: "Seen in print; no copy online was found." }),
      ...(k % 3 === 0 ? { note: "Cited for the dates of the meetings." } : {}),
    });
  }

  for (const [k, place] of places.entries()) {
    put("places", {
      id: place.id,
      name: place.name.replace(/^the /, "The "),
      name_provenance: place.mentions[0] ? stated(place.mentions[0]) : cite(k),
      kind: place.kind,
      ...(k > 0 && place.kind === "city" && (places[0] as { kind: string }).kind !== "city"
        ? { located_in: (places[0] as Named).id }
        : {}),
      other_names:
        k % 2 === 0
          ? [
              {
                name: slug(place.name).toUpperCase(),
                kind: "short",
                provenance: inferred("An abbreviation used by the wire services."),
              },
            ]
          : [],
      identifiers: [
        {
          scheme: "wikidata",
          identifier: `Q${1000 + ((index * 13 + k) % 90000)}`,
          confidence: k % 2 ? "high" : "medium",
          provenance: cite(k),
        },
      ],
      ...(k % 2 ? { summary: `Where the talks of ${year} were held.` } : {}),
      mentions: place.mentions.map((m) => mention("name", m)),
    });
  }

  for (const [k, org] of orgs.entries()) {
    const parent = k > 0 && k % 3 === 0 ? orgs[0] : undefined;
    put("organizations", {
      id: org.id,
      name: org.name,
      name_provenance: org.mentions[0] ? stated(org.mentions[0]) : cite(k),
      classification: org.kind,
      ...(parent
        ? { parent: parent.id, parent_provenance: inferred("Named as one of its bodies.") }
        : {}),
      other_names: [],
      identifiers: [],
      ...(k % 2 === 0 ? { summary: "A body that the article quotes on the talks." } : {}),
      mentions: org.mentions.slice(0, 4).map((m) => mention("name", m)),
    });
  }

  for (const [k, person] of people.entries()) {
    const [first] = person.mentions;
    put("people", {
      id: person.id,
      name: person.name,
      name_provenance: first ? stated(first) : cite(k),
      other_names: [
        {
          name: person.surname,
          kind: "short",
          ...(k % 2 ? { note: "How the article refers to them after the first mention." } : {}),
        },
      ],
      identifiers:
        k % 3 === 0
          ? [
              {
                scheme: "wikidata",
                identifier: `Q${5000 + ((index * 17 + k) % 900000)}`,
                confidence: "medium",
                provenance: cite(k),
              },
            ]
          : [],
      ...(k % 2 === 0
        ? { summary: `A ${person.title?.exact ?? "delegate"} at the talks of ${year}.` }
        : {}),
      roles: person.title
        ? [
            {
              title: person.title.exact,
              organization: orgOf(person.org ?? 0).id,
              ...(k % 4 === 0
                ? {
                    start_date: {
                      value: `${year - 1}`,
                      precision: "year",
                      earliest: `${year - 1}-01-01`,
                      latest: `${year - 1}-12-31`,
                      provenance: cite(k),
                    },
                  }
                : {}),
              provenance: stated(person.title),
            },
          ]
        : [],
      mentions: person.mentions.slice(0, 4).map((m) => mention("name", m)),
    });
  }

  for (const [k, event] of events.entries()) {
    const [a, b] = event.who;
    const relations: JsonValue[] =
      k > 0
        ? [
            {
              type: "follows",
              event: (events[k - 1] as Named).id,
              provenance: inferred("It comes next in the article’s account."),
            },
          ]
        : index > 0
          ? [{ type: "refers_to", event: `meeting-${index - 1}-0`, provenance: cite(k) }]
          : [];
    put("events", {
      id: event.id,
      name: event.name,
      kind: "meeting",
      status: "occurred",
      ...(k % 2 === 0 ? { description: `${event.name}, as the article reports it.` } : {}),
      start_date: date(k, cite(k), event.day.replace(/^On /, "")),
      ...(k % 3 === 0
        ? { end_date: date(k + 1, inferred("The talks ran into a second day.")) }
        : {}),
      location: placeOf(event.where).id,
      location_provenance: stated(placeOf(event.where).mentions.at(-1) ?? title),
      participants: [
        { actor: personOf(a).id, role: "host", provenance: stated(event.sentence) },
        { actor: personOf(b).id, role: "visitor", provenance: stated(event.sentence) },
        ...(k % 2
          ? [
              {
                actor: orgOf(k).id,
                role: "participant",
                provenance: inferred("Its envoy took part."),
              },
            ]
          : []),
      ],
      relations,
      mentions: [mention("nominal", event.sentence), mention("nominal", event.dayMark)],
    });
  }

  for (const [k, quote] of quotes.entries()) {
    put("quotes", {
      id: quote.id,
      kind: "direct",
      text: span(quote.words),
      speaker: personOf(quote.speaker).id,
      speaker_span: span(quote.who),
      cue: span(quote.cue),
      addressee: personOf(quote.addressee).id,
      event: (events[quote.event] as Named).id,
      translated: k % 2 === 0 ? false : null,
      ...(k % 3 === 0 ? { note: "Set off with curly quotation marks in the text." } : {}),
    });
  }

  for (const [k, claim] of claims.entries()) {
    const direct = k < quotes.length;
    const quote = quotes[k];
    const about = [
      personOf(claim.about).id,
      placeOf(claim.about).id,
      ...(k % 2 ? [(events[k % events.length] as Named).id] : []),
    ];
    put("claims", {
      id: claim.id,
      text: direct && quote ? span(quote.words) : span(claim.text),
      claimant: direct && quote ? personOf(quote.speaker).id : orgOf(claim.claimant).id,
      kind: CLAIM_KINDS[k % CLAIM_KINDS.length] as string,
      attribution: direct ? "direct_quote" : "reported_speech",
      cue: direct && quote ? span(quote.cue) : span(claim.cue),
      ...(direct && quote ? { quote: quote.id } : {}),
      hedges: claim.hedge && !direct ? [span(claim.hedge)] : [],
      about,
      ...(k % 4 === 1 ? { note: "Not checked against an outside source." } : {}),
    });
    if (CLAIM_KINDS[k % CLAIM_KINDS.length] === "opinion") continue;
    put("reviews", {
      id: claim.id.replace(/^claim-/, "review-"),
      claim: claim.id,
      verdict: rng.pick(VERDICTS),
      explanation: `${publishers[k % citations.length]} gives a figure within 10\u00a0% of the article’s; the wording “${[...claim.text.exact].slice(0, 20).join("")}” is the article’s own.`,
      evidence: [
        {
          citation: citations[k % citations.length] as string,
          question: "What figure does the briefing give, and for which meeting?",
          locator: "Second paragraph",
          finding: "The briefing gives the figure and the date of the meeting.",
        },
      ],
      date: iso(new Date(day.getTime() + (30 + k) * 86_400_000)),
    });
  }
}

/**
 * Writes a data folder of `n` sources with realistic records into `dir` (as `dir/<collection>/…`)
 * and returns what it wrote. Every record is valid and in canonical form.
 */
export function generateCorpus(dir: string, n: number, seed = 1): Corpus {
  const schemas = loadPackageSchemas();
  for (const c of schemas.collections) mkdirSync(join(dir, c.name), { recursive: true });
  const rng = random(seed);
  let records = 0;
  let bytes = 0;
  const write = (collection: string, id: string, text: string) => {
    writeFileSync(join(dir, collection, `${id}.json`), text);
    records++;
    bytes += Buffer.byteLength(text);
  };
  for (let index = 0; index < n; index++) writeSource(dir, schemas, index, rng, write);
  return { dataDir: dir, sources: n, records, files: records + n, bytes };
}
