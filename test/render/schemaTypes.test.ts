/**
 * The schema types' text, rule by rule (given a schema, want its text), and the same text as
 * openapi-typescript's transforms and TypeScript's printer give (the oracle, test/support) for
 * generated schemas of every construct the emitter knows: the emitted text may not change by a byte.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Schema } from "../../generator/model/types.js";
import type { RecursiveTypeView } from "../../generator/plan/views.js";
import { SchemaTypes } from "../../generator/render/schemaTypes.js";
import { OracleSchemaTypes } from "../support/oracleSchemaTypes.js";

const COMPONENTS: Record<string, Schema> = {
  Pet: { type: "object", required: ["id"], properties: { id: { type: "string" }, name: { type: "string" } } },
  Tree: { type: "array", items: { $ref: "#/components/schemas/Tree" } },
};
const PET = 'components["schemas"]["Pet"]';

describe("the type of a schema, rule by rule", () => {
  it.each<[string, object, string]>([
    ["a string", { type: "string" }, "string"],
    ["an integer is a number", { type: "integer", format: "int32" }, "number"],
    ["nullable adds null", { type: "boolean", nullable: true }, "boolean | null"],
    ["no type is unknown, nullable or not", { nullable: true }, "unknown"],
    ["an object without properties", { type: "object" }, "Record<string, unknown>"],
    ["an enum lists its values, null once", { type: "string", enum: ["a", null], nullable: true }, '"a" | null'],
    ["enum values of every kind", { enum: [1, -2.5, true, "é\u2028"] }, '1 | -2.5 | true | "é\u2028"'],
    ["an empty enum", { enum: [] }, "never"],
    ["const, an object of values", { const: { a: 1, "b c": [true, null], d: [], e: {} } }, CONST_TYPE],
    ["an array", { type: "array", items: { type: "string" } }, "string[]"],
    ["an array of a union", { type: "array", items: { type: "string", nullable: true } }, "(string | null)[]"],
    ["an array of arrays", { type: "array", items: { type: "array", items: { type: "string" } } }, "string[][]"],
    ["an array without items", { type: "array" }, "unknown[]"],
    [
      "a tuple (prefixItems), on one line",
      { type: "array", prefixItems: [{ type: "string" }, {}] },
      "[string, unknown]",
    ],
    ["a $ref, whatever is beside it", { $ref: "#/components/schemas/Pet", nullable: true }, PET],
    ["properties, required or optional, readOnly", OBJECT, OBJECT_TYPE],
    ["property keys", { type: "object", properties: KEYS }, KEYS_TYPE],
    ["additionalProperties true", { type: "object", additionalProperties: true }, "{\n  [key: string]: unknown;\n}"],
    ["additionalProperties false", { type: "object", additionalProperties: false }, "Record<string, unknown>"],
    ["properties and additionalProperties", MAP, MAP_TYPE],
    [
      "allOf: an intersection",
      { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "string" }] },
      `${PET} & string`,
    ],
    ["required beside a $ref in allOf, for the properties it has", WITH_REQUIRED, WITH_REQUIRED_TYPE],
    ["allOf with a discriminator", { allOf: [{ type: "object", discriminator: { propertyName: "kind" } }] }, OMIT],
    ["oneOf of primitives: a union, each once", ONE_OF, "string | number"],
    [
      "oneOf of others: a union",
      { oneOf: [{ $ref: "#/components/schemas/Pet" }, { type: "string" }] },
      `${PET} | string`,
    ],
    ["anyOf beside a type: a union", { type: "string", anyOf: [{ type: "number" }] }, "string | number"],
    [
      "a union in a union",
      { anyOf: [{ type: "string", nullable: true }, { type: "number" }] },
      "(string | null) | number",
    ],
    ["doc comments: title, format, deprecated, default, example", DOCUMENTED, DOCUMENTED_TYPE],
    ["doc comments: *\\/, @ and controls escaped, lines continued", ESCAPED, ESCAPED_TYPE],
  ])("%s", (_rule, schema, want) => {
    const text = new SchemaTypes(COMPONENTS).typeOf(schema as Schema, "#/rule");
    expect(text).toBe(want);
    expect(text).toBe(new OracleSchemaTypes(COMPONENTS).typeOf(schema as Schema, "#/rule"));
  });

  it("lays the type out to sit at `indent` columns, doc comment lines one column further in", () => {
    const text = new SchemaTypes(COMPONENTS).typeOf(DOCUMENTED as Schema, "#/rule", 4);
    expect(text).toBe(DOCUMENTED_TYPE.replace(/\n/g, "\n    "));
  });

  it("names a named schema in `components` and in the named types, but in a property's own $ref", () => {
    const schemas: Record<string, Schema> = {
      ...COMPONENTS,
      Node: { type: "object", properties: { next: { $ref: "#/components/schemas/Tree" } } },
    };
    const named: RecursiveTypeView[] = [{ schema: "Tree", name: "SchemaTree", doc: "" }];
    const types = new SchemaTypes(schemas, named);
    expect(types.components()).toBe(COMPONENTS_TYPE);
    expect(types.namedType("Tree")).toBe("SchemaTree[]");
    expect(types.namedType("Node")).toBe('{\n  next?: components["schemas"]["Tree"];\n}');
  });
});

const CONST_TYPE = `{
  a: 1;
  "b c": [true, null];
  d: never[];
  e: Record<string, never>;
}`;
const OBJECT = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", readOnly: true }, name: { type: "string" } },
};
const OBJECT_TYPE = "{\n  readonly id: string;\n  name?: string;\n}";
const KEYS = Object.fromEntries(
  ["a_$1", "a-b", "12", "1.5", "-1", "01", "é", "__proto__", 'q"\\'].map((key) => [key, { type: "string" }]),
);
// Keys that are integers come first in a JavaScript object.
const KEYS_TYPE = `{
  12?: string;
  a_$1?: string;
  "a-b"?: string;
  1.5?: string;
  "-1"?: string;
  "01"?: string;
  "\\u00E9"?: string;
  __proto__?: string;
  "q\\"\\\\"?: string;
}`;
const MAP = { type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "number" } };
const MAP_TYPE = "{\n  a?: string;\n} & {\n  [key: string]: number;\n}";
const WITH_REQUIRED = { allOf: [{ $ref: "#/components/schemas/Pet" }], required: ["name", "absent"], nullable: true };
const WITH_REQUIRED_TYPE = `(${PET} & Required<Pick<${PET}, "name">>) | null`;
const OMIT = 'Omit<Record<string, unknown>, "kind">';
const ONE_OF = { oneOf: [{ type: "string" }, { type: "number" }, { type: "string" }] };
const DOCUMENTED = {
  type: "object",
  properties: {
    at: { type: "string", format: "date-time", title: "When", deprecated: true },
    n: { type: "integer", default: 0, example: { a: [1] } },
  },
};
const DOCUMENTED_TYPE = `{
  /**
   * When
   * Format: date-time
   * @deprecated
   */
  at?: string;
  /**
   * @default 0
   * @example {
   *       "a": [
   *         1
   *       ]
   *     }
   */
  n?: number;
}`;
const ESCAPED = {
  type: "object",
  properties: { a: { type: "string", description: "ends */ here, @param x\r\nnext\u202eline \u0000" } },
};
const ESCAPED_TYPE = `{
  /**
   * @description ends *\\/ here, \\@param x
   *     next\\u202eline \\u0000
   */
  a?: string;
}`;
const COMPONENTS_TYPE = `{
  schemas: {
    Pet: {
      id: string;
      name?: string;
    };
    Tree: SchemaTree;
    Node: {
      next?: components["schemas"]["Tree"];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}`;

/** Component names, odd ones among them (a `/`, a `~`, non-ASCII, `__proto__`, a `%` a URI cannot decode). */
const NAMES = ["Pet", "Tree", "a/b", "x~y", "é", "__proto__", "constructor", "a%20b"];
/** A name openapi-typescript cannot place (it URI-decodes pointers): both fail alike, now and then. */
const name = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.constant("100%") },
);
const refTo = (name: string) => `#/components/schemas/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;

/** Text made of pieces that the printer and the doc comment rules treat specially. */
const PIECES = [
  "a",
  " ",
  "*/",
  "/*",
  "@x",
  "\n",
  "\r\n",
  "\r",
  "\t",
  "\u2028",
  "\u202e",
  "\u0000",
  "\u0085",
  "é",
  "😀",
];
const prose = fc
  .array(fc.constantFrom(...PIECES, '"', "\\", "*", "/"), { maxLength: 6 })
  .map((parts) => parts.join(""));
const KEY_PIECES = ["a", "1", "-", "0", "_", "$", " ", "é", '"', "#/", "~", "/", ".", "e", "\n", "%20"];
const ODD_KEYS = ["id", "name", "__proto__", "constructor", "1e+21", "NaN", "Infinity", "01", "-1", "1.5", "$defs"];
/** Property names, odd ones among them; now and then one whose `%` a URI cannot decode. */
const key = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.array(fc.constantFrom(...KEY_PIECES), { minLength: 1, maxLength: 3 }).map((parts) => parts.join("")),
  },
  { weight: 20, arbitrary: fc.constantFrom(...ODD_KEYS) },
  { weight: 1, arbitrary: fc.constant("50%") },
);
const required = fc.array(fc.oneof(key, fc.constantFrom("id", "name")), { maxLength: 3 });
const value = fc.jsonValue({ maxDepth: 2 });
const annotations = fc.record(
  {
    title: prose,
    description: prose,
    format: fc.constantFrom("date-time", "uri", "int32", "a\nb"),
    default: value,
    example: value,
    examples: fc.array(value, { maxLength: 2 }),
    deprecated: fc.boolean(),
    nullable: fc.boolean(),
    readOnly: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Schemas of every construct, nested a few levels, with annotations. */
const { schema } = fc.letrec<{ schema: object; bare: object }>((tie) => ({
  schema: fc.tuple(tie("bare"), annotations).map(([bare, notes]) => ({ ...notes, ...bare })),
  bare: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    fc.record({ type: fc.constantFrom("string", "number", "integer", "boolean") }),
    fc.record({ enum: fc.array(value, { maxLength: 4 }) }, { requiredKeys: ["enum"] }),
    fc.record({ const: value }),
    name.map((target) => ({ $ref: refTo(target) })),
    fc.record({
      allOf: fc.array(
        name.map((target) => ({ $ref: refTo(target) })),
        { minLength: 1, maxLength: 2 },
      ),
      required,
    }),
    fc.record(
      { type: fc.constant("array"), items: tie("schema"), prefixItems: fc.array(tie("schema"), { maxLength: 3 }) },
      { requiredKeys: ["type"] },
    ),
    fc.record(
      {
        type: fc.constant("object"),
        properties: fc.dictionary(key, tie("schema"), { maxKeys: 4, noNullPrototype: true }),
        required,
        additionalProperties: fc.oneof(fc.boolean(), fc.constant({}), tie("schema")),
        discriminator: fc.record({ propertyName: key }),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        allOf: fc.array(tie("schema"), { maxLength: 3 }),
        anyOf: fc.array(tie("schema"), { maxLength: 3 }),
        oneOf: fc.array(tie("schema"), { maxLength: 3 }),
        required,
        type: fc.constantFrom("object", "string"),
      },
      { requiredKeys: [] },
    ),
  ),
}));

/** Generated components, and a Pet with properties that `required` beside a `$ref` to it may name. */
const components = fc
  .dictionary(name, schema, { maxKeys: 5, noNullPrototype: true })
  .map((schemas) => ({ ...schemas, Pet: COMPONENTS.Pet }));
const path = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom("#/rule", "#/operations/list/body", "#/parameters/a%20b", refTo("Pet")) },
  { weight: 1, arbitrary: fc.constant("#/parameters/100%") },
);

/** The text `make` gives, or the error it throws. */
function outcome(make: () => string): string {
  try {
    return make();
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** Every text of `types`: components, each named type, and `root`'s type at `path`. */
function texts(types: SchemaTypes | OracleSchemaTypes, named: RecursiveTypeView[], root: Schema, path: string) {
  return [
    outcome(() => types.components()),
    ...named.map((type) => outcome(() => types.namedType(type.schema))),
    outcome(() => types.typeOf(root, path, 2)),
  ];
}

describe("the type of generated schemas, against openapi-typescript and TypeScript's printer", () => {
  const RUNS = 400;
  it(`writes the oracle's text for ${RUNS} generated sets of components, named types and schemas`, () => {
    fc.assert(
      fc.property(components, schema, path, fc.boolean(), (schemas, root, path, withNames) => {
        const named = withNames
          ? Object.keys(schemas).map((schema, index) => ({ schema, name: `Named${index}`, doc: "" }))
          : [];
        const typed = schemas as Record<string, Schema>;
        const made = () => new SchemaTypes(typed, named);
        const oracle = () => new OracleSchemaTypes(typed, named);
        const [ours, theirs] = [
          outcome(() => texts(made(), named, root, path).join("\n---\n")),
          outcome(() => texts(oracle(), named, root, path).join("\n---\n")),
        ];
        expect(ours).toBe(theirs);
      }),
      { seed: 23, numRuns: RUNS },
    );
  });
});
