import type { Check } from "./check.ts";
import { checkableClaims } from "./checkable-claims.ts";
import { claimOverlap } from "./claim-overlap.ts";
import { dates } from "./dates.ts";
import { duplicateKeys } from "./duplicate-keys.ts";
import { format } from "./format.ts";
import { id } from "./id.ts";
import { oneReview } from "./one-review.ts";
import { references } from "./references.ts";
import { reviewSources } from "./review-sources.ts";
import { schema } from "./schema.ts";
import { schemaRef } from "./schema-ref.ts";
import { sourceHash } from "./source-hash.ts";
import { spans } from "./spans.ts";
import { strings } from "./strings.ts";
import { uniqueIds } from "./unique-ids.ts";

/** Every check, in the order their problems are most useful to read. */
export const CHECKS: readonly Check[] = [
  duplicateKeys,
  strings,
  schemaRef,
  schema,
  id,
  format,
  uniqueIds,
  references,
  spans,
  dates,
  sourceHash,
  checkableClaims,
  oneReview,
  reviewSources,
  claimOverlap,
];
