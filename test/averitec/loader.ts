import { readFileSync } from "node:fs";

/*
 * An AVeriTeC file read the way the task's own code reads it, so that a field it needs and we
 * leave out, or spell differently, fails here as it would there. Followed:
 * github.com/MichSchli/AVeriTeC at commit 2178d0bbe0103f40eba2b0f3555f0e15df146052:
 * - data_loaders/SequenceClassificationDataLoader.py, `load_averitec_file`: the label through
 *   `label_map` (an unknown label is a KeyError), then for every question every answer, its
 *   `answer`, `answer_type` and, where present, `boolean_explanation`;
 * - eval.py, `extract_full_comparison_strings`: the evidence strings it scores, "question
 *   answer" (plus ". boolean_explanation" for a Boolean answer, read without a default), and
 *   "question No answer could be found." for a question with no answers; and, of a reference,
 *   `justification` (evaluate_justifications) and the list `claim_types`
 *   (evaluate_averitec_veracity_by_type).
 */

/** `label_map` of load_averitec_file. */
export const LABEL_MAP: Readonly<Record<string, number>> = {
  Supported: 0,
  Refuted: 1,
  "Not Enough Evidence": 2,
  "Conflicting Evidence/Cherrypicking": 3,
};

export interface LoadedClaim {
  claim: string;
  label: number;
  /** (claim, question, answer, boolean explanation) for every answer, as the loader makes them. */
  quadruples: [string, string, string, string][];
  /** The strings eval.py compares with a reference's. */
  comparisonStrings: string[];
  /** What eval.py reads of a reference besides its evidence: the justification and claim types. */
  justification: string;
  claimTypes: unknown[];
  /** Every answer's `source_url`, in order (not read by the task's code; kept for the tests). */
  sourceUrls: string[];
}

type Obj = Record<string, unknown>;

/** Python's `d[key]`: a missing key is an error, not `undefined`. */
function get(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null || !(key in value))
    throw new Error(`KeyError: ${JSON.stringify(key)}`);
  return (value as Obj)[key];
}

const str = (value: unknown, key: string): string => {
  const found = get(value, key);
  if (typeof found !== "string") throw new Error(`${key} is not a string`);
  return found;
};

const list = (value: unknown, key: string): unknown[] => {
  const found = get(value, key);
  if (!Array.isArray(found)) throw new Error(`${key} is not a list`);
  return found;
};

export function loadAveritecFile(path: string): LoadedClaim[] {
  const examples = JSON.parse(readFileSync(path, "utf8")) as unknown;
  if (!Array.isArray(examples)) throw new Error("an AVeriTeC file is a list of claims");
  return examples.map((example) => {
    const label = get(LABEL_MAP, str(example, "label")) as number;
    const claim = str(example, "claim");
    const quadruples: LoadedClaim["quadruples"] = [];
    const comparisonStrings: string[] = [];
    const sourceUrls: string[] = [];
    for (const question of list(example, "questions")) {
      const asked = str(question, "question");
      const answers = list(question, "answers");
      for (const answer of answers) {
        const explanation =
          typeof answer === "object" && answer !== null && "boolean_explanation" in answer
            ? str(answer, "boolean_explanation")
            : "";
        // The loader reads answer_type for every answer.
        const type = str(answer, "answer_type");
        quadruples.push([claim, asked, str(answer, "answer"), explanation]);
        comparisonStrings.push(
          `${asked} ${str(answer, "answer")}${type === "Boolean" ? `. ${str(answer, "boolean_explanation")}` : ""}`,
        );
        sourceUrls.push(str(answer, "source_url"));
      }
      if (answers.length === 0) comparisonStrings.push(`${asked} No answer could be found.`);
    }
    const justification = str(example, "justification");
    const claimTypes = list(example, "claim_types");
    return { claim, label, quadruples, comparisonStrings, justification, claimTypes, sourceUrls };
  });
}
