/**
 * OpenAPI 3.1 schemas read into the 3.0 form every later stage reads (generator/load/openapi31.ts):
 * one row per construct, the schema as written and as read.
 */
import { describe, expect, it } from "vitest";
import { hasSchemasToRead, normalizeSchemas } from "../../generator/load/openapi31.js";

const ADDRESS = "#/components/schemas/address";

/** The component schema `given` as a `version` document's schemas are read, and the warnings. */
function read(given: unknown, version: "3.0" | "3.1" = "3.1") {
  const document = { openapi: `${version}.0`, paths: {}, components: { schemas: { given } } };
  const warnings = normalizeSchemas("twilio_rows_v1.yaml", document, version);
  return { schema: document.components.schemas.given, warnings };
}

describe("3.1 schemas in the 3.0 form", () => {
  it.each([
    ["a list of types with null", { type: ["string", "null"] }, { type: "string", nullable: true }],
    ["null first in the list", { type: ["null", "integer"] }, { type: "integer", nullable: true }],
    ["null alone", { type: "null" }, { nullable: true, enum: [null] }],
    ["a list of null only", { type: ["null"] }, { nullable: true, enum: [null] }],
    ["several types", { type: ["string", "integer"] }, { anyOf: [{ type: "string" }, { type: "integer" }] }],
    [
      "several types beside an anyOf of its own",
      { type: ["string", "integer", "null"], anyOf: [{ minLength: 1 }, { minimum: 1 }] },
      {
        nullable: true,
        anyOf: [{ minLength: 1 }, { minimum: 1 }],
        allOf: [{ anyOf: [{ type: "string" }, { type: "integer" }] }],
      },
    ],
    ["const", { type: "string", const: "badge" }, { type: "string", enum: ["badge"] }],
    ["const beside an enum", { const: 2, enum: [1, 2, 3] }, { enum: [2] }],
    ["const null", { const: null }, { enum: [null] }],
    ["exclusiveMinimum as the bound", { exclusiveMinimum: 0 }, { minimum: 0, exclusiveMinimum: true }],
    [
      "a minimum above the exclusive bound",
      { minimum: 5, exclusiveMinimum: 3 },
      { minimum: 5, exclusiveMinimum: false },
    ],
    [
      "exclusiveMaximum below the maximum",
      { maximum: 10, exclusiveMaximum: 10 },
      { maximum: 10, exclusiveMaximum: true },
    ],
    [
      "examples, a list",
      { type: "string", examples: ["red", "green"] },
      { type: "string", examples: ["red", "green"] },
    ],
    ["$ref with a description", { $ref: ADDRESS, description: "Where." }, { $ref: ADDRESS, description: "Where." }],
    [
      "$ref with required",
      { $ref: ADDRESS, required: ["street"] },
      { required: ["street"], allOf: [{ $ref: ADDRESS }] },
    ],
    [
      "$ref beside an allOf",
      { $ref: ADDRESS, allOf: [{ required: ["city"] }] },
      { allOf: [{ required: ["city"] }, { $ref: ADDRESS }] },
    ],
    [
      "a nullable $ref",
      { anyOf: [{ $ref: ADDRESS }, { type: "null" }] },
      { anyOf: [{ $ref: ADDRESS }], nullable: true },
    ],
    ["a oneOf of null only", { oneOf: [{ type: "null" }] }, { nullable: true, enum: [null] }],
    [
      "a closed, complete tuple",
      { type: "array", prefixItems: [{ type: "number" }, { type: "number" }], items: false, minItems: 2 },
      { type: "array", prefixItems: [{ type: "number" }, { type: "number" }], minItems: 2 },
    ],
    [
      "a tuple closed by maxItems",
      { type: "array", prefixItems: [{ type: "string" }], maxItems: 1, minItems: 1 },
      { type: "array", prefixItems: [{ type: "string" }], maxItems: 1, minItems: 1 },
    ],
    [
      "first items with more of another schema",
      { type: "array", prefixItems: [{ type: "string" }], items: { type: "integer" } },
      { type: "array", items: { anyOf: [{ type: "string" }, { type: "integer" }] } },
    ],
    [
      "first items that may be missing",
      { type: "array", prefixItems: [{ type: "string" }], items: false },
      { type: "array", items: { anyOf: [{ type: "string" }] } },
    ],
    ["no item at all", { type: "array", items: false }, { type: "array", items: { not: {} } }],
    [
      "boolean schemas",
      { type: "object", properties: { any: true, none: false }, additionalProperties: false },
      { type: "object", properties: { any: {}, none: { not: {} } }, additionalProperties: false },
    ],
    [
      "constructs inside nested schemas",
      { type: "object", properties: { tags: { type: "array", items: { type: ["string", "null"], const: "x" } } } },
      {
        type: "object",
        properties: { tags: { type: "array", items: { type: "string", nullable: true, enum: ["x"] } } },
      },
    ],
  ])("%s", (_name, given, want) => {
    expect(read(given)).toEqual({ schema: want, warnings: [] });
  });
});

describe("types Twilio's generator accepts beyond OpenAPI's", () => {
  it.each([
    ["3.1", { type: "decimal" }, { type: "number" }, [["components", "schemas", "given", "type"]]],
    ["3.0", { type: "decimal" }, { type: "number" }, [["components", "schemas", "given", "type"]]],
    [
      "3.1",
      { type: ["decimal", "null"] },
      { type: "number", nullable: true },
      [["components", "schemas", "given", "type", 0]],
    ],
    [
      "3.0",
      { type: "object", properties: { price: { type: "decimal" } } },
      { type: "object", properties: { price: { type: "number" } } },
      [["components", "schemas", "given", "properties", "price", "type"]],
    ],
  ] as const)("OpenAPI %s: %j is read as %j, with a warning at its place", (version, given, want, places) => {
    const { schema, warnings } = read(structuredClone(given), version);
    expect(schema).toEqual(want);
    expect(warnings).toEqual(
      places.map((pointer) => ({
        pointer,
        problem: "`type: decimal` is not an OpenAPI type: it is read as `type: number`",
        fix: "write `type: number` (with a `format` if the precision matters)",
      })),
    );
  });
});

describe("annotations written as 3.0 did", () => {
  it("examples that are no list: kept, with a warning at their place", () => {
    const given = { type: "object", examples: { create: { value: { sid: "NO1" } } } };
    expect(read(structuredClone(given))).toEqual({
      schema: given,
      warnings: [
        {
          pointer: ["components", "schemas", "given", "examples"],
          problem: "`examples` of an OpenAPI 3.1 schema is a list of values: this one only reaches the doc comment",
          fix: "write `examples: [<value>, ...]` in the schema (named examples belong beside `schema`, in the media type)",
        },
      ],
    });
  });
});

describe("3.0 schemas stay as written", () => {
  it.each([
    ["$ref with siblings (3.0 ignores them)", { $ref: ADDRESS, required: ["street"] }],
    ["a flag exclusiveMinimum", { minimum: 0, exclusiveMinimum: true }],
    ["nullable", { type: "string", nullable: true }],
  ])("%s", (_name, given) => {
    expect(read(structuredClone(given), "3.0")).toEqual({ schema: given, warnings: [] });
  });
});

describe("which documents have schemas to read", () => {
  it.each([
    ["3.1", "type: string", true],
    ["3.0", "type: decimal", true],
    ["3.0", "type: number", false],
  ] as const)("OpenAPI %s with %j: %s", (version, text, want) => {
    expect(hasSchemasToRead(version, text)).toBe(want);
  });
});
