/**
 * What a field is for, declared in the schema with `x-role`, so that checks and emitters find
 * fields by meaning rather than by name. A role on a shared definition holds wherever it is used.
 */
export const ROLES = {
  span: "Exact characters of a source text, checked against it.",
  "span-source": "The id of the source a span points into.",
  "span-start": "A span's first offset, in code points.",
  "span-end": "A span's offset just past its end.",
  "span-exact": "A span's text, verbatim.",
  "span-prefix": "The text just before a span, verbatim.",
  "span-suffix": "The text just after a span, verbatim.",
  date: "A date with its precision and bounds.",
  "date-value": "A date's value, in EDTF.",
  "date-precision": "The precision the value of a date has.",
  "date-earliest": "The earliest calendar day a date can be.",
  "date-latest": "The latest calendar day a date can be.",
  edtf: "A date or interval in EDTF.",
  "calendar-date": "One calendar day, YYYY-MM-DD.",
  starts: "When something starts; paired with `ends` in the same object.",
  ends: "When something ends; paired with `starts` in the same object.",
  "text-sha256": "The SHA-256 of a source's stored text.",
  label:
    "What shows a record (its name, its title, or the span of its words), or an object (a span's exact text) wherever it stands for it.",
  publisher: "Who published a work.",
  author: "Who wrote a work.",
  published: "When a work was published, as a date with bounds.",
  link: "Where a work can be read.",
  "claim-kind": "What kind of claim it is; `x-checkable` lists the kinds a review may check.",
  "claim-text": "The words a claim makes.",
  claimant: "Who makes a claim: a person, an organization, or a source (meaning its author).",
  "sub-claim-of": "The claim this one is a deliberate part of.",
  "reviewed-claim": "The claim a review checks.",
  verdict:
    "A review's verdict; `x-verdict-sides` says which verdicts hold a claim and which fail it.",
  explanation: "A review's reasoning, in which the sources are named.",
  "evidence-question": "The question an evidence item answers; its finding is the answer.",
  corrections: "A review's corrections log, oldest first: what changed, when and why.",
  "correction-date": "The day a correction was made.",
  "previous-verdict": "The verdict a correction replaced.",
  "source-name": "The names an explanation uses for a source.",
  "evidence-citation": "The citation of the source an evidence item's passage is in.",
  "evidence-finding":
    "What an evidence item's passage says, in the reviewer's words: the answer to its question.",
  anchor:
    "A span where the record itself stands in the text: a mention of it, or the words that are it.",
  category: "An enum that sorts a collection's records into kinds a reader may show or hide.",
  cue: "A span with the words that attribute speech or a claim to someone (PARC cue).",
  hedge: "A span with words that soften or qualify a claim.",
  "attribution-source": "A span where the text names who said the words (PARC source).",
  evidence: "A span where the text states a value, or the words an inference starts from.",
  note: "A remark on the record, in prose, for readers: where a contributor's comment on it goes.",
  language: "The language of a source's text, as a BCP 47 tag.",
  summary: "A sentence or two on what a record is, to read before its details.",
  quoted: "Words of an outside source, verbatim, that a piece of evidence turns on.",
} as const;
export type Role = keyof typeof ROLES;

/** The roles whose strings must equal the source text: exempt from rules of style. */
export const VERBATIM_ROLES: ReadonlySet<Role> = new Set([
  "span-exact",
  "span-prefix",
  "span-suffix",
]);
