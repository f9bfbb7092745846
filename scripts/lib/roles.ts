/**
 * What a field is for, declared in the schemas with `"x-role"` where the field's definition alone
 * does not say. The emitters read roles, never field names; this is the one list of them.
 */
export const ROLES = {
  anchor:
    "A span where the record itself stands in the text: a mention of it, or the words that are it.",
  label: "The record's name or title as a reader would know it (a span gives its exact words).",
  category: "An enum that sorts a collection's records into kinds a reader may show or hide.",
  verdict: "A verdict on a scale, given by the record on the record its `reviewed` field names.",
  reviewed: "The record a verdict is about.",
  start: "When the record (an event) began, or the one day it took place.",
  end: "When the record (an event) ended.",
  earliest: "In a date: the first day it can be.",
  latest: "In a date: the last day it can be.",
  cue: "A span with the words that attribute speech or a claim to someone (PARC cue).",
  hedge: "A span with words that soften or qualify a claim.",
  "attribution-source": "A span where the text names who said the words (PARC source).",
  evidence: "A span where the text states a value, or the words an inference starts from.",
  language: "The language of a source's text, as a BCP 47 tag.",
} as const;

export type Role = keyof typeof ROLES;

export const isRole = (value: unknown): value is Role =>
  typeof value === "string" && Object.hasOwn(ROLES, value);
