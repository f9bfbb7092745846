/**
 * The table model of the SQLite database (views, label columns, full-text indexes) on schema
 * shapes the package's own schemas do not have, and the errors for schemas it refuses: each
 * schema here is one the loader accepts.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Database, databaseOf } from "../scripts/emit/sqlite/database.ts";
import { isObject, type JsonObject } from "../scripts/lib/json.ts";
import { loadSchemas, SCHEMA_DIR, type Schemas } from "../scripts/lib/schemas/index.ts";
import { tempDir } from "./helpers.ts";

type Edit = (schema: JsonObject) => void;

/** A copy of the package's schemas with several files changed or added, compiled and accepted as they are. */
function edited(edits: Record<string, Edit>): Schemas {
  const dir = tempDir();
  cpSync(SCHEMA_DIR, dir, { recursive: true });
  for (const [file, change] of Object.entries(edits)) {
    const path = join(dir, file);
    const schema = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as JsonObject) : {};
    change(schema);
    writeFileSync(path, JSON.stringify(schema));
  }
  const schemas = loadSchemas(dir);
  expect(schemas.issues).toEqual([]);
  return schemas;
}

const object = (value: unknown): JsonObject => {
  if (!isObject(value)) throw new Error("not an object");
  return value;
};
const properties = (schema: JsonObject) => object(schema.properties);
const property = (schema: JsonObject, name: string) => object(properties(schema)[name]);

/** Takes `label` out of a node's roles. */
const unlabel = (node: JsonObject) => {
  const roles = [node["x-role"]]
    .flat()
    .filter((r): r is string => typeof r === "string" && r !== "label");
  if (roles.length === 0) delete node["x-role"];
  else node["x-role"] = roles;
};

const view = (database: Database, name: string) => {
  const found = database.views.find((v) => v.name === name);
  if (!found) throw new Error(`no view ${name}`);
  return found;
};
const columnNames = (database: Database, name: string) =>
  view(database, name).columns.map((c) => c.name);
const viewNames = (database: Database) => database.views.map((v) => v.name);

describe("labels", () => {
  it("refuses a label object none of whose fields has the label role", () => {
    const schemas = edited({
      "defs.schema.json": (schema) =>
        unlabel(object(object(object(object(schema.$defs).span).properties).exact)),
    });
    expect(() => databaseOf(schemas)).toThrow(
      new Error(
        "claim.schema.json: text is an object with no field whose role is label to show it by",
      ),
    );
  });

  it("shows a label object by its own labelled field, not by another object's", () => {
    // The quote's cue, a span like its text, comes first.
    const schemas = edited({
      "quote.schema.json": (schema) => {
        const { cue, ...rest } = properties(schema);
        schema.properties = { cue, ...rest } as JsonObject;
      },
    });
    const database = databaseOf(schemas);
    expect(view(database, "record_labels").select).toContain(
      `SELECT "id", 'quotes' AS "collection", "text_exact" AS "label" FROM "quotes"`,
    );
    expect(database.search.find((s) => s.table === "quotes")?.columns).toEqual(["text_exact"]);
  });

  it("falls back to the id of a collection with no label, and joins none for a list pointing only there", () => {
    const schemas = edited({
      "person.schema.json": (schema) => unlabel(property(schema, "name")),
      "citation.schema.json": (schema) => unlabel(property(schema, "title")),
    });
    const database = databaseOf(schemas);
    expect(
      view(database, "claims__about_view").columns.find((c) => c.name === "about_label"),
    ).toEqual({
      name: "about_label",
      type: "string",
      description:
        "The label of the record `about` points to: the id (`people`), `organizations.name`, `places.name`, `events.name`.",
    });
    expect(view(database, "all_mentions").select).toContain(
      [
        `SELECT 'people' AS "collection",`,
        `  k."person_id" AS "record_id",`,
        `  k."person_id" AS "record_label",`,
      ].join("\n"),
    );
    // A review's evidence points only to citations, which now have no label to show.
    expect(viewNames(database)).not.toContain("reviews__evidence_view");
    expect(viewNames(database)).toContain("claims__about_view");
  });

  it("names a list's label column after the record key, cutting only a final _id", () => {
    const schemas = edited({
      "person.schema.json": (schema) => {
        schema.title = "Public Identity";
      },
    });
    expect(columnNames(databaseOf(schemas), "people__roles_view").slice(0, 4)).toEqual([
      "public_identity_id",
      "public_identity_label",
      "position",
      "title",
    ]);
  });
  it("joins labels only for reference columns, whatever a collection is called", () => {
    const schemas = edited({
      "odd.schema.json": (schema) => {
        Object.assign(schema, {
          $id: "odd.schema.json",
          title: "Odd",
          "x-collection": "Stryker was here",
          type: "object",
          required: ["id", "name"],
          properties: {
            id: { $ref: "defs.schema.json#/$defs/id" },
            name: { type: "string", description: "A name.", "x-role": "label" },
          },
        });
      },
    });
    // Only the span's source points to a record: only it has a label column.
    expect(columnNames(databaseOf(schemas), "people_view")).toEqual([
      "id",
      "name",
      "name_provenance_basis",
      "name_provenance_span_source",
      "name_provenance_span_source_label",
      "name_provenance_span_start",
      "name_provenance_span_end",
      "name_provenance_span_exact",
      "name_provenance_span_prefix",
      "name_provenance_span_suffix",
      "name_provenance_note",
      "summary",
    ]);
  });
});

describe("views of each collection", () => {
  it("describes the views of the package's own schemas", () => {
    const database = databaseOf(loadSchemas(SCHEMA_DIR));
    expect(view(database, "people_view").description).toBe(
      "`people`, with the label of each record it points to.",
    );
    expect(view(database, "reviews_view").description).toBe(
      "`reviews`, with the label of each record it points to, ordered by `date` (unknown last), then id.",
    );
  });

  // Every collection's record-level label taken away.
  const unlabelled: Record<string, Edit> = {
    "claim.schema.json": (schema) => unlabel(property(schema, "text")),
    "quote.schema.json": (schema) => unlabel(property(schema, "text")),
    "citation.schema.json": (schema) => unlabel(property(schema, "title")),
    "source.schema.json": (schema) => unlabel(property(schema, "title")),
    "event.schema.json": (schema) => unlabel(property(schema, "name")),
    "organization.schema.json": (schema) => unlabel(property(schema, "name")),
    "person.schema.json": (schema) => unlabel(property(schema, "name")),
    "place.schema.json": (schema) => unlabel(property(schema, "name")),
  };

  it("makes a view only to order by dates where no collection has a label", () => {
    const schemas = edited({
      ...unlabelled,
      "review.schema.json": (schema) => {
        delete property(schema, "claim")["x-shown-in-target"];
      },
    });
    const database = databaseOf(schemas);
    expect(
      viewNames(database).filter((name) => name.endsWith("s_view") && !name.includes("__")),
    ).toEqual(["events_view", "reviews_view", "sources_view"]);
    const events = view(database, "events_view");
    expect(events.description).toBe(
      "`events`, ordered by `start_date_earliest`, `start_date_latest`, `end_date_earliest`, `end_date_latest` (unknown last), then id.",
    );
    expect(events.columns.length).toBe(
      database.tables.find((t) => t.name === "events")?.columns.length,
    );
  });

  it("speaks of no labels in a view that shows only fields of the records pointing here", () => {
    const claims = view(databaseOf(edited(unlabelled)), "claims_view");
    expect(claims.description).toBe(
      "`claims`, the `verdict` of each record in `reviews` whose `claim` points to it (as `review_…`).",
    );
    expect(claims.columns.map((c) => c.name).slice(-3)).toEqual([
      "note",
      "review_id",
      "review_verdict",
    ]);
  });

  it("describes a column the schema leaves undescribed by its table and name", () => {
    const schemas = edited({
      "person.schema.json": (schema) => {
        properties(schema).nickname = { type: "string" };
      },
    });
    expect(
      view(databaseOf(schemas), "people_view").columns.find((c) => c.name === "nickname"),
    ).toEqual({
      name: "nickname",
      type: "string",
      description: "`people.nickname`.",
    });
  });
});

describe("x-shown-in-target", () => {
  it("shows several fields of the records that point here, one without a description", () => {
    const schemas = edited({
      "review.schema.json": (schema) => {
        properties(schema).grade = { type: "string" };
        property(schema, "claim")["x-shown-in-target"] = ["verdict", "grade"];
        // Not on a reference, or on one in a list: nothing to show.
        property(schema, "explanation")["x-shown-in-target"] = ["verdict"];
        const evidence = object(object(property(schema, "evidence").items).properties);
        object(evidence.citation)["x-shown-in-target"] = ["finding"];
        // Nor on an object, which has no column to join on.
        properties(schema).pair = {
          type: "object",
          required: ["first"],
          properties: { first: { type: "string" } },
          "x-references": ["claims"],
          "x-shown-in-target": ["verdict"],
        };
      },
    });
    const claims = view(databaseOf(schemas), "claims_view");
    expect(claims.description).toBe(
      "`claims`, with the label of each record it points to, the `verdict`, `grade` of each record in `reviews` whose `claim` points to it (as `review_…`).",
    );
    expect(claims.columns.slice(-3)).toEqual([
      {
        name: "review_id",
        type: "string",
        description:
          "`id` of a record in `reviews` whose `claim` points here (one row for each such record; empty when there is none): A record id: kebab-case, unique across all collections, equal to the record's file name without `.json`.",
      },
      expect.objectContaining({ name: "review_verdict" }),
      {
        name: "review_grade",
        type: "string",
        description:
          "`grade` of a record in `reviews` whose `claim` points here (one row for each such record; empty when there is none):",
      },
    ]);
    expect(claims.select).toContain(`LEFT JOIN "reviews" AS s_6 ON s_6."claim" = t."id"`);
    expect(claims.select).toContain(`s_6."grade" AS "review_grade"`);
  });

  it("shows the fields beside a reference inside an object", () => {
    const schemas = edited({
      "review.schema.json": (schema) => {
        delete property(schema, "claim")["x-shown-in-target"];
        properties(schema).second = {
          type: "object",
          required: ["claim"],
          properties: {
            claim: { type: "string", "x-references": ["claims"], "x-shown-in-target": ["score"] },
            score: { type: "integer", description: "A score." },
          },
        };
      },
    });
    const names = columnNames(databaseOf(schemas), "claims_view");
    expect(names.filter((name) => name.startsWith("review_"))).toEqual([
      "review_id",
      "review_second_score",
    ]);
  });

  it("names every collection that shows fields beside the record", () => {
    const schemas = edited({
      "claim.schema.json": (schema) => {
        property(schema, "part_of")["x-shown-in-target"] = ["kind"];
      },
    });
    const claims = view(databaseOf(schemas), "claims_view");
    expect(claims.description).toBe(
      "`claims`, with the label of each record it points to, the `kind` of each record in `claims` whose `part_of` points to it (as `claim_…`), the `verdict` of each record in `reviews` whose `claim` points to it (as `review_…`).",
    );
    expect(claims.columns.map((c) => c.name).slice(-4)).toEqual([
      "claim_id",
      "claim_kind",
      "review_id",
      "review_verdict",
    ]);
  });

  it("refuses two references into one collection that would show fields under one name", () => {
    const schemas = edited({
      "review.schema.json": (schema) => {
        properties(schema).second_claim = {
          type: "string",
          "x-references": ["claims"],
          "x-shown-in-target": ["verdict"],
        };
      },
    });
    expect(() => databaseOf(schemas)).toThrow(
      new Error("two columns of the SQLite view claims_view would be called review_id"),
    );
  });

  it("refuses a name that is no field of the record", () => {
    const schemas = edited({
      "review.schema.json": (schema) => {
        property(schema, "claim")["x-shown-in-target"] = ["verdict", "grade"];
      },
    });
    expect(() => databaseOf(schemas)).toThrow(
      new Error("review.schema.json: x-shown-in-target names grade, which has no column"),
    );
  });
});

describe("views of lists", () => {
  const tagged = (tags: JsonObject) => (schema: JsonObject) => {
    properties(schema).groups = {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["tags"],
        properties: { tags: { type: "array", minItems: 1, items: tags } },
      },
    };
  };

  it("makes no view or union of a list inside list items", () => {
    const tags = { type: "string", "x-references": ["places"] };
    const schemas = edited({
      "person.schema.json": tagged(tags),
      "organization.schema.json": tagged(tags),
    });
    const database = databaseOf(schemas);
    expect(database.tables.map((t) => t.name).filter((name) => name.includes("groups"))).toEqual([
      "organizations__groups",
      "organizations__groups__tags",
      "people__groups",
      "people__groups__tags",
    ]);
    expect(viewNames(database).filter((name) => /groups|tags/.test(name))).toEqual(["all_groups"]);
  });

  it("makes a view of a list only for references one step into its items", () => {
    const schemas = edited({
      "person.schema.json": (schema) => {
        properties(schema).links = {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            required: ["to"],
            properties: {
              to: {
                type: "object",
                required: ["person"],
                properties: { person: { type: "string", "x-references": ["people"] } },
              },
            },
          },
        };
      },
    });
    const database = databaseOf(schemas);
    expect(
      database.tables.find((t) => t.name === "people__links")?.columns.map((c) => c.name),
    ).toEqual(["person_id", "position", "to_person"]);
    expect(viewNames(database)).not.toContain("people__links_view");
  });

  it("makes a view of a list whose items point to source texts and to other records", () => {
    const schemas = edited({
      "claim.schema.json": (schema) => {
        object(property(schema, "about").items)["x-references"] = ["sources", "people"];
      },
    });
    expect(columnNames(databaseOf(schemas), "claims__about_view")).toEqual([
      "claim_id",
      "claim_label",
      "position",
      "about",
      "about_label",
      "about_collection",
    ]);
  });

  it("makes the views of lists when no collection holds source texts", () => {
    const schemas = edited({
      "source.schema.json": (schema) => {
        delete schema["x-source-text"];
      },
    });
    expect(viewNames(databaseOf(schemas))).toContain("claims__about_view");
  });

  it("makes no union of lists of one name whose columns differ in type", () => {
    const nicknames = (type: string) => (schema: JsonObject) => {
      properties(schema).nicknames = { type: "array", minItems: 1, items: { type } };
    };
    const database = databaseOf(
      edited({
        "person.schema.json": nicknames("string"),
        "organization.schema.json": nicknames("integer"),
      }),
    );
    expect(database.tables.map((t) => t.name)).toContain("people__nicknames");
    expect(database.tables.map((t) => t.name)).toContain("organizations__nicknames");
    expect(viewNames(database).filter((name) => name.includes("nicknames"))).toEqual([]);
  });

  it("makes no union of lists whose column names differ, even where run together they read the same", () => {
    const items = (fields: Record<string, JsonObject>) => (schema: JsonObject) => {
      properties(schema).notes = {
        type: "array",
        minItems: 1,
        items: { type: "object", required: Object.keys(fields), properties: fields },
      };
    };
    const text = { type: "string" };
    const database = databaseOf(
      edited({
        "person.schema.json": items({ x: text, y: text }),
        "organization.schema.json": items({ "x:stringy": text }),
      }),
    );
    expect(viewNames(database).filter((name) => name.includes("notes"))).toEqual([]);
  });
});

describe("full-text indexes and names", () => {
  it("indexes several fields of a record, and none inside a list", () => {
    const schemas = edited({
      "claim.schema.json": (schema) => {
        property(schema, "note")["x-search"] = true;
        object(property(schema, "hedges").items)["x-search"] = true;
      },
    });
    expect(databaseOf(schemas).search.find((s) => s.table === "claims")).toEqual({
      name: "claims_fts",
      table: "claims",
      columns: ["text_exact", "note"],
      description:
        "Full-text index (FTS5) over `claims.text_exact`, `claims.note`: `SELECT * FROM claims WHERE rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'words')`.",
    });
  });

  it("refuses a table and a view of one name", () => {
    const schemas = edited({
      "claim.schema.json": (schema) => {
        properties(schema).about_view = { type: "array", minItems: 1, items: { type: "string" } };
      },
    });
    expect(() => databaseOf(schemas)).toThrow(
      new Error("two tables or views of the SQLite database would be called claims__about_view"),
    );
  });
});
