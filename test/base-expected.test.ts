import jsonld from "jsonld";
import { describe, expect, it } from "vitest";
import { jsonldEmitter } from "../scripts/emit/jsonld.ts";
import { render } from "../scripts/pipeline/build.ts";
import { validate } from "../scripts/pipeline/validate.ts";
import { BASE } from "./helpers.ts";

const SCHEMA = "https://schema.org/";

describe("the JSON-LD graph of the base fixture", async () => {
  const { model, output } = await render(validate(BASE), [jsonldEmitter]);
  const doc = JSON.parse(Buffer.from(output.get("jsonld/dataset.jsonld") ?? "").toString("utf8"));
  const expanded = (await jsonld.expand(doc)) as { "@id"?: string; "@type"?: string[] }[];

  it("types the dataset node itself as a schema.org Dataset", () => {
    const dataset = expanded.find((node) => node["@id"] === model.homepage);
    expect(dataset?.["@type"]).toEqual([`${SCHEMA}Dataset`]);
  });
});
