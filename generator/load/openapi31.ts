/**
 * OpenAPI 3.1 schemas read into the OpenAPI 3.0 form every later stage reads (model, plan, the
 * double's data, the spec diff, the schema types), one transform per construct, so 3.0 and 3.1
 * specs meet in one run as one kind of document. Runs after `checkTree` (every `$ref` leads to a
 * component) and before `checkSchemas`, which then checks the 3.0 form. The document is the
 * parser's own copy, changed in place: its schemas keep their places, so errors still point into
 * the file. Types that Twilio's generator accepts but OpenAPI has not (`decimal`) become their
 * nearest OpenAPI type in both versions, with a warning at their place.
 */
import { isRecord } from "./documentShape.js";
import type { PendingWarning, Pointer } from "./locate.js";
import { SCHEMA_LISTS, visitSchemas, type Fail } from "./schemaShape.js";

type Schema = Record<string, unknown>;

/** What a transform may do besides changing the schema: stop with a located error, or warn. */
interface Reading {
  fail: Fail;
  warn: (warning: PendingWarning) => void;
}

type Transform = (schema: Schema, pointer: Pointer, reading: Reading) => void;

/** The OpenAPI types a schema may name; 3.1 adds `null` (inside a list of types, or alone). */
const OPENAPI_TYPES = ["string", "number", "integer", "boolean", "array", "object"];

/** Types that Twilio's generator accepts beyond OpenAPI's, and the OpenAPI type nearest each. */
const NEAREST_TYPES: Readonly<Record<string, string>> = { decimal: "number" };

/** Keywords beside a `$ref` that only annotate it (3.0 ignores every sibling; these change no type). */
const ANNOTATIONS = new Set([
  "description",
  "summary",
  "title",
  "deprecated",
  "readOnly",
  "writeOnly",
  "default",
  "example",
  "examples",
  "$comment",
]);

/**
 * Whether a document of `version` and `text` has schemas to read: every 3.1 one, and a 3.0 one
 * that names a type of NEAREST_TYPES somewhere. The walk costs about as much as `checkSchemas` on
 * a cold run, and Twilio's 3.0 specs seldom need it. (A type spelt with JSON escapes is not found
 * here; `checkSchemas` then refuses it, naming its place.)
 */
export function hasSchemasToRead(version: "3.0" | "3.1", text: string): boolean {
  return version === "3.1" || Object.keys(NEAREST_TYPES).some((type) => text.includes(type));
}

/**
 * Reads every schema of an OpenAPI `version` (`3.0` or `3.1`) document into the 3.0 form, in
 * place; gives the warnings of the types it mapped.
 */
export function normalizeSchemas(file: string, document: Schema, version: "3.0" | "3.1"): PendingWarning[] {
  const warnings: PendingWarning[] = [];
  const transforms = version === "3.1" ? OPENAPI_31 : OPENAPI_30;
  visitSchemas(file, document, (schema, pointer, fail) => {
    normalizeSchema(schema, pointer, transforms, { fail, warn: (warning) => warnings.push(warning) });
  });
  return warnings;
}

/** One schema and those inside it, the inner ones first: a transform may move them, but not before they are read at their places. */
function normalizeSchema(schema: Schema, pointer: Pointer, transforms: readonly Transform[], reading: Reading): void {
  if (typeof schema.$ref === "string" && transforms === OPENAPI_30) return; // 3.0: the siblings do not count
  const nested = (value: unknown, at: Pointer): unknown => {
    const member = transforms === OPENAPI_31 ? booleanSchema(value) : value;
    if (isRecord(member)) normalizeSchema(member, at, transforms, reading);
    return member;
  };
  // `items: false` is read with `prefixItems` beside it (prefixItems, closedItems).
  if (schema.items !== undefined && schema.items !== false) schema.items = nested(schema.items, [...pointer, "items"]);
  if (schema.not !== undefined) schema.not = nested(schema.not, [...pointer, "not"]);
  // `additionalProperties: false` (or true) is a flag in 3.0 too.
  if (isRecord(schema.additionalProperties)) nested(schema.additionalProperties, [...pointer, "additionalProperties"]);
  for (const key of SCHEMA_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((member, index) => (list[index] = nested(member, [...pointer, key, index])));
  }
  const properties = schema.properties;
  if (isRecord(properties))
    for (const name in properties) properties[name] = nested(properties[name], [...pointer, "properties", name]);
  for (const transform of transforms) transform(schema, pointer, reading);
}

/** JSON Schema's `true` (anything) and `false` (nothing) as the schemas OpenAPI 3.0 writes for them. */
function booleanSchema(value: unknown): unknown {
  if (value === true) return {};
  if (value === false) return { not: {} };
  return value;
}

/** `type: decimal` → `type: number`, with a warning naming the place (in a 3.1 list of types too). */
export const nearestType: Transform = (schema, pointer, { warn }) => {
  const map = (type: unknown, at: Pointer): unknown => {
    if (typeof type !== "string" || !Object.hasOwn(NEAREST_TYPES, type)) return type;
    const nearest = NEAREST_TYPES[type]!;
    warn({
      pointer: at,
      problem: `\`type: ${type}\` is not an OpenAPI type: it is read as \`type: ${nearest}\``,
      fix: `write \`type: ${nearest}\` (with a \`format\` if the precision matters)`,
    });
    return nearest;
  };
  if (Array.isArray(schema.type))
    schema.type = schema.type.map((type, index) => map(type, [...pointer, "type", index]));
  else schema.type = map(schema.type, [...pointer, "type"]);
  if (schema.type === undefined) delete schema.type;
};

/**
 * A list of types: `null` among them becomes `nullable: true`; one other type stays `type`, several
 * become an `anyOf` of one type each (inside an `allOf` when the schema has an `anyOf` of its own).
 */
export const typeList: Transform = (schema, pointer, { fail }) => {
  const types = schema.type;
  if (!Array.isArray(types)) return;
  const want = `a list of distinct types among ${[...OPENAPI_TYPES, "null"].join(", ")}`;
  types.forEach((type, index) => {
    if (typeof type !== "string" || ![...OPENAPI_TYPES, "null"].includes(type) || types.indexOf(type) !== index)
      fail([...pointer, "type", index], `\`type\` must be ${want}`, `write \`type\` as ${want}`);
  });
  if (types.length === 0) fail([...pointer, "type"], `\`type\` must be ${want}`, `write \`type\` as ${want}`);
  const others = types.filter((type) => type !== "null") as string[];
  if (others.length < types.length) schema.nullable = true;
  delete schema.type;
  if (others.length === 0) schema.enum = [null];
  else if (others.length === 1) schema.type = others[0];
  else if (schema.anyOf === undefined) schema.anyOf = others.map((type) => ({ type }));
  else schema.allOf = [...((schema.allOf as unknown[]) ?? []), { anyOf: others.map((type) => ({ type })) }];
};

/** `type: 'null'` alone: the one value null. */
export const nullType: Transform = (schema) => {
  if (schema.type !== "null") return;
  delete schema.type;
  schema.nullable = true;
  schema.enum = [null];
};

/** `const: v` → `enum: [v]` (the values of an `enum` beside it that equal it, which is `v` or nothing). */
export const constValue: Transform = (schema) => {
  if (!Object.hasOwn(schema, "const")) return;
  const value = schema.const;
  const same = (other: unknown) => JSON.stringify(other) === JSON.stringify(value);
  schema.enum = Array.isArray(schema.enum) ? schema.enum.filter(same) : [value];
  delete schema.const;
};

/**
 * `exclusiveMinimum: 5` (3.1, a number) → `minimum: 5, exclusiveMinimum: true` (3.0, a flag on
 * `minimum`), unless a `minimum` beside it is the higher bound; `exclusiveMaximum` likewise.
 */
export const exclusiveBounds: Transform = (schema, pointer, { fail }) => {
  for (const [exclusive, inclusive, tighter] of [
    ["exclusiveMinimum", "minimum", (a: number, b: number) => a >= b],
    ["exclusiveMaximum", "maximum", (a: number, b: number) => a <= b],
  ] as [string, string, (a: number, b: number) => boolean][]) {
    const bound = schema[exclusive];
    if (bound === undefined) continue;
    if (typeof bound !== "number" || !Number.isFinite(bound))
      fail(
        [...pointer, exclusive],
        `\`${exclusive}\` must be a number in OpenAPI 3.1`,
        `write the bound itself (\`${exclusive}: 0\`), not true or false as OpenAPI 3.0 did`,
      );
    const other = schema[inclusive];
    const exclusiveWins = typeof other !== "number" || tighter(bound as number, other);
    if (exclusiveWins) schema[inclusive] = bound;
    schema[exclusive] = exclusiveWins;
  }
};

/**
 * `examples` of a 3.1 schema: a list of values (the schema types write them into doc comments).
 * Any other value only annotates, so it is a warning: Twilio's specs hold media type `examples`
 * (a mapping) inside schemas.
 */
export const examplesList: Transform = (schema, pointer, { warn }) => {
  if (schema.examples !== undefined && !Array.isArray(schema.examples))
    warn({
      pointer: [...pointer, "examples"],
      problem: "`examples` of an OpenAPI 3.1 schema is a list of values: this one only reaches the doc comment",
      fix: "write `examples: [<value>, ...]` in the schema (named examples belong beside `schema`, in the media type)",
    });
};

/**
 * A `$ref` with siblings that constrain (3.1 applies them; 3.0 ignored them) → the reference
 * becomes the last member of an `allOf` beside them, so every stage reads both. Siblings that only
 * annotate stay beside the `$ref`.
 */
export const refSiblings: Transform = (schema) => {
  if (typeof schema.$ref !== "string") return;
  if (Object.keys(schema).every((key) => key === "$ref" || ANNOTATIONS.has(key) || key.startsWith("x-"))) return;
  const ref = { $ref: schema.$ref };
  delete schema.$ref;
  schema.allOf = [...((schema.allOf as unknown[] | undefined) ?? []), ref];
};

/**
 * A `null` member of an `anyOf` or `oneOf` (3.1's nullable `$ref`) → `nullable: true` beside the
 * other members, as 3.0 writes it.
 */
export const nullMember: Transform = (schema) => {
  for (const key of ["anyOf", "oneOf"]) {
    const members = schema[key];
    if (!Array.isArray(members) || !members.some(isNullOnly)) continue;
    const others = members.filter((member) => !isNullOnly(member));
    schema.nullable = true;
    if (others.length > 0) schema[key] = others;
    else {
      delete schema[key];
      schema.enum = [null];
    }
  }
};

/** A schema (read by nullType already) that holds null and nothing else. */
function isNullOnly(schema: unknown): boolean {
  return (
    isRecord(schema) &&
    Array.isArray(schema.enum) &&
    schema.enum.length === 1 &&
    schema.enum[0] === null &&
    Object.keys(schema).every((key) => ["enum", "nullable", "title", "description"].includes(key))
  );
}

/**
 * `prefixItems` → a tuple type only where every item is there and no other may follow (`items:
 * false` or `maxItems`, with `minItems` its length): the schema types type `prefixItems` as
 * that exact tuple. Any other array whose first items have their own schemas holds items of any of
 * those schemas (and of `items`, or anything when there is none), in any number.
 */
export const prefixItems: Transform = (schema) => {
  const prefix = schema.prefixItems;
  if (!Array.isArray(prefix)) return;
  const closed = schema.items === false || (typeof schema.maxItems === "number" && schema.maxItems <= prefix.length);
  const complete = typeof schema.minItems === "number" && schema.minItems >= prefix.length;
  if (closed && complete) {
    delete schema.items;
    return;
  }
  const rest = schema.items === false ? [] : [isRecord(schema.items) ? schema.items : {}];
  schema.items = { anyOf: [...prefix, ...rest] };
  delete schema.prefixItems;
};

/** `items: false` without `prefixItems`: an array that holds no item. */
export const closedItems: Transform = (schema) => {
  if (schema.items === false) schema.items = { not: {} };
};

const OPENAPI_30: readonly Transform[] = [nearestType];
const OPENAPI_31: readonly Transform[] = [
  nearestType,
  typeList,
  nullType,
  constValue,
  exclusiveBounds,
  examplesList,
  nullMember,
  prefixItems,
  closedItems,
  refSiblings,
];
