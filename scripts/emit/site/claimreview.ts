/**
 * The schema.org `ClaimReview` markup of a page, as fact-checkers publish it: the nodes of the
 * JSON-LD export for the page's reviews, for the claims they review and for who makes each claim
 * and where it appears, so that `itemReviewed` is a `Claim` with its `author` and `appearance`.
 * Each review also gets the `url` of its claim on this page.
 */
import type { JsonObject } from "../../lib/json.ts";
import { topField } from "../../lib/schemas/index.ts";
import { JSONLD_CONTEXT, type jsonldNodes } from "../jsonld.ts";
import type { RecordIndex } from "./records.ts";

export function claimReviewGraph(
  index: RecordIndex,
  nodes: ReturnType<typeof jsonldNodes>,
  page: string,
  ids: string[],
): JsonObject | undefined {
  const verdict = index.scheme.verdict;
  if (!verdict) return undefined;
  const reviews = ids.filter((id) => index.entries.get(id)?.collection.name === verdict.collection);
  if (reviews.length === 0) return undefined;
  const graph = new Map<string, JsonObject>();
  const add = (id: string, extra: JsonObject = {}) => {
    const node = nodes.node(id);
    if (node && !graph.has(id)) graph.set(id, { ...node, ...extra });
  };
  for (const id of reviews) {
    const claim = index.entries.get(id)?.record[verdict.reviewed];
    if (typeof claim !== "string") continue;
    add(id, { url: `${page}#${claim}` });
    add(claim);
    const entry = index.entries.get(claim);
    const claimant = entry && topField(entry.collection, "claimant");
    const who = claimant ? entry.record[claimant.path[0] as string] : undefined;
    if (typeof who === "string") add(who);
    // Where the claim appears: the sources of its words.
    for (const source of index.groundedIn.get(claim) ?? []) add(source);
  }
  return {
    "@context": JSONLD_CONTEXT,
    "@graph": [nodes.dataset, ...graph.values()],
  };
}
