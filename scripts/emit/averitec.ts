import { isObject, type JsonObject, type JsonValue } from "../lib/json.ts";
import { markdownTable } from "../lib/markdown.ts";
import {
  AVERITEC_LABELS,
  type Collection,
  childKey,
  type Field,
  type Role,
  type Schemas,
  sourceCollection,
  textOf,
  topField,
} from "../lib/schemas/index.ts";
import type { Emitter } from "./emitter.ts";
import type { Model } from "./model.ts";

/*
 * The reviews in the format of the AVeriTeC shared task (FEVER 2024): one claim object per
 * reviewed claim, its evidence as question-answer pairs. The format is the one published in
 * README.md of github.com/MichSchli/AVeriTeC (commit 1aa763c2a7e45e53d831db7e05c6cddbbb6c2f16);
 * docs/averitec.md says how each field is filled. Every value is found by role.
 */

export const AVERITEC_FILE = "averitec.json";

export type AveritecLabel = (typeof AVERITEC_LABELS)[number];

/** A verdict's AVeriTeC label, or `null` where it has none, and why: `x-averitec-label`. */
export interface LabelMapping {
  verdict: string;
  label: AveritecLabel | null;
  why: string;
}

/** The mapping a verdict field declares, in the order of its values; empty when it declares none. */
export function averitecMapping(field: Field): LabelMapping[] {
  const declared = field.node["x-averitec-label"] ?? field.resolved["x-averitec-label"];
  if (!isObject(declared)) return [];
  const values = Array.isArray(field.resolved.enum)
    ? field.resolved.enum.map(String)
    : Object.keys(declared);
  return values.flatMap((verdict) => {
    const entry = declared[verdict];
    if (!isObject(entry)) return [];
    const label = AVERITEC_LABELS.find((l) => l === entry.label) ?? null;
    return [{ verdict, label, why: String(entry.why) }];
  });
}

/** The collection of reviews: the one whose verdict field declares an AVeriTeC mapping. */
export function reviewsWithMapping(
  schemas: Schemas,
): { collection: Collection; verdict: Field; mapping: LabelMapping[] } | undefined {
  for (const collection of schemas.collections) {
    const verdict = topField(collection, "verdict");
    const mapping = verdict ? averitecMapping(verdict) : [];
    if (verdict && mapping.length > 0 && topField(collection, "reviewed-claim"))
      return { collection, verdict, mapping };
  }
  return undefined;
}

/** The mapping as a Markdown table (verdict, label, why), for the data dictionary and the docs. */
export function averitecLabelTable(schemas: Schemas): string {
  const rows = (reviewsWithMapping(schemas)?.mapping ?? []).map((m) => [
    `\`${m.verdict}\``,
    m.label ?? "(left out)",
    m.why,
  ]);
  return markdownTable(["Verdict", "AVeriTeC label", "Why"], rows);
}

/** `2013-05-07` → `07-05-2013`, the day-month-year of AVeriTeC's `claim_date`. */
const dayMonthYear = (day: string): string | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : null;
};

interface Located {
  record: JsonObject;
  collection: Collection;
}

/** The key, in an array field's items, of the item field with a role (`evidence-question` → `question`). */
function itemKey(collection: Collection, list: string, role: Role): string {
  const field = collection.fields.find(
    (f) => f.path.length === 3 && f.path[0] === list && f.path[1] === "*" && f.roles.includes(role),
  );
  return field?.path[2] ?? "";
}

/** Where a review's evidence is: the list whose items have a question, and the keys in an item. */
function evidenceKeys(reviews: Collection) {
  const list = reviews.fields.find((f) => f.roles.includes("evidence-question"))?.path[0] ?? "";
  return {
    list,
    question: itemKey(reviews, list, "evidence-question"),
    finding: itemKey(reviews, list, "evidence-finding"),
    citation: itemKey(reviews, list, "evidence-citation"),
  };
}

/** Every reviewed claim whose verdict has an AVeriTeC label, as an AVeriTeC claim object, in review order. */
export function averitecClaims(model: Model): JsonObject[] {
  const found = reviewsWithMapping(model.schemas);
  if (!found) return [];
  const { collection: reviews, verdict, mapping } = found;
  const byId = new Map<string, Located>(
    model.collections.flatMap(({ collection, records }) =>
      records.map((record) => [String(record.id), { record, collection }] as const),
    ),
  );
  const labelOf = new Map(mapping.map((m) => [m.verdict, m.label]));
  const reviewedKey = keyOf(topField(reviews, "reviewed-claim"));
  const evidence = evidenceKeys(reviews);
  const texts = sourceCollection(model.schemas);
  const records = model.collections.find((c) => c.collection === reviews)?.records ?? [];

  return records.flatMap((review) => {
    const label = labelOf.get(String(review[keyOf(verdict)]));
    const claim = byId.get(String(review[reviewedKey]));
    if (!label || !claim) return [];
    const source = sourceOf(claim, byId);
    const items = review[evidence.list];
    return [
      {
        claim: textOf(claim.record, claim.collection, "claim-text") ?? "",
        required_reannotation: false,
        label,
        justification: textOf(review, reviews, "explanation") ?? "",
        claim_date: source ? claimDate(source) : null,
        speaker: speakerOf(claim, byId, texts),
        original_claim_url: source
          ? optional(textOf(source.record, source.collection, "link"))
          : null,
        cached_original_claim_url: null,
        fact_checking_article: `${model.homepage}#${String(review.id)}`,
        reporting_source: source
          ? optional(textOf(source.record, source.collection, "publisher"))
          : null,
        location_ISO_code: null,
        claim_types: [],
        fact_checking_strategies: [],
        questions: (Array.isArray(items) ? items : []).filter(isObject).map((item) => {
          const cited = byId.get(String(item[evidence.citation]));
          const link = cited && topField(cited.collection, "link");
          const url = cited ? textOf(cited.record, cited.collection, "link") : undefined;
          const medium = link?.node["x-averitec-medium"];
          return {
            question: String(item[evidence.question]),
            answers: [
              {
                // The finding is the reviewer's own words, not a copy of the source.
                answer: String(item[evidence.finding]),
                answer_type: "Abstractive",
                source_url: url ?? "",
                source_medium: url && typeof medium === "string" ? medium : "",
              },
            ],
          };
        }),
      },
    ];
  });
}

const optional = (text: string | undefined): string | null => text ?? null;

/** The source text a claim's words are in (the `span-source` of its `claim-text`). */
function sourceOf(claim: Located, byId: Map<string, Located>): Located | undefined {
  const field = topField(claim.collection, "claim-text");
  const span = claim.record[keyOf(field)];
  const sourceKey = field && childKey(claim.collection, field, "span-source");
  return isObject(span) && sourceKey ? byId.get(String(span[sourceKey])) : undefined;
}

/** The key of a top-level field, or one no record has. */
const keyOf = (field: Field | undefined): string => field?.path[0] ?? "";

/** The first day the claim can have appeared: the earliest day its source can have been published. */
function claimDate(source: Located): string | null {
  const field = topField(source.collection, "published");
  const date: JsonValue | undefined = source.record[keyOf(field)];
  const earliest = field && childKey(source.collection, field, "date-earliest");
  return isObject(date) && earliest ? dayMonthYear(String(date[earliest])) : null;
}

/** Who made the claim: a person's or organization's label; for a source, its author, if known. */
function speakerOf(
  claim: Located,
  byId: Map<string, Located>,
  texts: Collection | undefined,
): string | null {
  const field = topField(claim.collection, "claimant");
  const who = byId.get(String(claim.record[keyOf(field)]));
  if (!who) return null;
  return optional(
    textOf(who.record, who.collection, who.collection === texts ? "author" : "label"),
  );
}

/** `averitec.json`: the AVeriTeC claims, as a JSON array. */
export const averitecEmitter: Emitter = {
  name: "averitec",
  emit(model, out) {
    out.set(AVERITEC_FILE, `${JSON.stringify(averitecClaims(model), null, 2)}\n`);
  },
};
