import { GeneratorError } from "../util/diagnostics.js";
import { isRecord } from "./documentShape.js";
import { locate, type Pointer } from "./locate.js";

export type Fail = (pointer: Pointer, problem: string, fix: string) => never;

/** The OpenAPI 3.0 schema types (3.0 has no `null` type: it writes `nullable: true`). */
const SCHEMA_TYPES = ["string", "number", "integer", "boolean", "array", "object"];
const OPERATION_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const isString = (value: unknown) => typeof value === "string";
const isBoolean = (value: unknown) => typeof value === "boolean";
const isNumber = (value: unknown) => typeof value === "number" && Number.isFinite(value);

interface KeywordRule {
  valid: (value: unknown) => boolean;
  want: string;
}

/** Schema keywords with a value the type renderer or the model reads, and what that value must be. */
const KEYWORDS: Record<string, KeywordRule> = {
  type: { valid: (value) => SCHEMA_TYPES.includes(value as string), want: `one of ${SCHEMA_TYPES.join(", ")}` },
  properties: { valid: isRecord, want: "a mapping of property names to schemas" },
  additionalProperties: { valid: (value) => isBoolean(value) || isRecord(value), want: "true, false or a schema" },
  items: { valid: isRecord, want: "a schema (a mapping)" },
  not: { valid: isRecord, want: "a schema (a mapping)" },
  allOf: { valid: Array.isArray, want: "a list of schemas" },
  anyOf: { valid: Array.isArray, want: "a list of schemas" },
  oneOf: { valid: Array.isArray, want: "a list of schemas" },
  prefixItems: { valid: Array.isArray, want: "a list of schemas" },
  enum: { valid: Array.isArray, want: "a list of values" },
  required: {
    valid: (value) => Array.isArray(value) && value.every(isString),
    want: "a list of property names",
  },
  discriminator: {
    valid: (value) => isRecord(value) && isString(value.propertyName),
    want: "a mapping with a `propertyName`",
  },
  ...Object.fromEntries(
    ["nullable", "readOnly", "writeOnly", "deprecated", "uniqueItems", "exclusiveMinimum", "exclusiveMaximum"].map(
      (key) => [key, { valid: isBoolean, want: "true or false" }],
    ),
  ),
  ...Object.fromEntries(
    ["format", "pattern", "title", "description"].map((key) => [key, { valid: isString, want: "a string" }]),
  ),
  ...Object.fromEntries(
    [
      "multipleOf",
      "maximum",
      "minimum",
      "maxLength",
      "minLength",
      "maxItems",
      "minItems",
      "maxProperties",
      "minProperties",
    ].map((key) => [key, { valid: isNumber, want: "a number" }]),
  ),
};

/** KEYWORDS as a map, looked up for every key of every schema. */
const KEYWORD_RULES = new Map(Object.entries(KEYWORDS));

/**
 * Checks every schema the model and the type renderer read, where the document enters: schema
 * keywords typed as OpenAPI 3.0 types them, and the objects that hold schemas (parameters, request
 * bodies, responses, headers, media types) as mappings. A `$ref` stands for its component, which
 * is checked where it is defined (`checkTree` has made sure it exists).
 */
export function checkSchemas(file: string, document: Record<string, unknown>): void {
  visitSchemas(file, document, checkSchema);
}

/** What is done with each schema a document holds, at its place: `fail` stops with a located error. */
export type SchemaVisit = (schema: Record<string, unknown>, pointer: Pointer, fail: Fail) => void;

/**
 * Calls `visit` with every schema the document holds where the model and the type renderer read
 * schemas (component schemas, parameters, request bodies, responses, headers), each a mapping:
 * the holders are checked as mappings on the way. Nested schemas are the visitor's to walk.
 */
export function visitSchemas(file: string, document: Record<string, unknown>, visit: SchemaVisit): void {
  const fail: Fail = (pointer, problem, fix) => {
    throw new GeneratorError(locate(file, pointer), problem, fix);
  };
  const walk: Walk = {
    fail,
    schema: (value, pointer) => visit(mapping(value, pointer, "a schema", fail), pointer, fail),
  };
  const components = isRecord(document.components) ? document.components : {};
  const sections: [string, (value: unknown, pointer: Pointer, walk: Walk) => void][] = [
    ["schemas", (value, pointer) => walk.schema(value, pointer)],
    ["parameters", checkParameter],
    ["requestBodies", checkRequestBody],
    ["responses", checkResponse],
    ["headers", checkParameter],
  ];
  for (const [section, check] of sections) {
    const entries = components[section];
    if (isRecord(entries)) for (const name in entries) check(entries[name], ["components", section, name], walk);
  }
  const paths = document.paths as Record<string, unknown>;
  for (const path in paths) checkPathItem(paths[path], ["paths", path], walk);
}

/** The walk through a document's schema holders: where it fails, and what it does with each schema. */
interface Walk {
  fail: Fail;
  schema: (value: unknown, pointer: Pointer) => void;
}

function checkPathItem(item: unknown, pointer: Pointer, walk: Walk): void {
  const { fail } = walk;
  if (!isRecord(item)) fail(pointer, "a path item must be a mapping", "write the path's operations as a mapping");
  const pathItem = item as Record<string, unknown>;
  checkParameters(pathItem.parameters, [...pointer, "parameters"], walk);
  for (const method of OPERATION_METHODS) {
    if (pathItem[method] === undefined) continue;
    const operation = mapping(pathItem[method], [...pointer, method], "an operation", fail);
    if (operation.$ref !== undefined) continue;
    checkParameters(operation.parameters, [...pointer, method, "parameters"], walk);
    if (operation.requestBody !== undefined)
      checkRequestBody(operation.requestBody, [...pointer, method, "requestBody"], walk);
    if (operation.responses === undefined) continue;
    const responses = mapping(operation.responses, [...pointer, method, "responses"], "the responses", fail);
    for (const status in responses) checkResponse(responses[status], [...pointer, method, "responses", status], walk);
  }
}

function checkParameters(list: unknown, pointer: Pointer, walk: Walk): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) walk.fail(pointer, "`parameters` must be a list", "write parameters as a YAML list");
  (list as unknown[]).forEach((entry, index) => checkParameter(entry, [...pointer, index], walk));
}

/** A parameter or a header: its schema, or its `content`. */
function checkParameter(value: unknown, pointer: Pointer, walk: Walk): void {
  const parameter = mapping(value, pointer, "a parameter", walk.fail);
  if (parameter.$ref !== undefined) return;
  // Read as `=== true` later: any other value would quietly make the parameter optional.
  if (parameter.required !== undefined && typeof parameter.required !== "boolean")
    walk.fail([...pointer, "required"], "`required` must be true or false", "write `required: true` (or false)");
  if (parameter.schema !== undefined) walk.schema(parameter.schema, [...pointer, "schema"]);
  checkContent(parameter.content, [...pointer, "content"], walk);
}

function checkRequestBody(value: unknown, pointer: Pointer, walk: Walk): void {
  const body = mapping(value, pointer, "a request body", walk.fail);
  if (body.$ref === undefined) checkContent(body.content, [...pointer, "content"], walk);
}

function checkResponse(value: unknown, pointer: Pointer, walk: Walk): void {
  const response = mapping(value, pointer, "a response", walk.fail);
  if (response.$ref !== undefined) return;
  checkContent(response.content, [...pointer, "content"], walk);
  if (response.headers === undefined) return;
  const headers = mapping(response.headers, [...pointer, "headers"], "the headers", walk.fail);
  for (const name in headers) checkParameter(headers[name], [...pointer, "headers", name], walk);
}

/** A `content` mapping: media types to media type objects, each with an optional schema. */
function checkContent(value: unknown, pointer: Pointer, walk: Walk): void {
  if (value === undefined) return;
  const content = mapping(value, pointer, "`content`", walk.fail);
  for (const type in content) {
    const media = mapping(content[type], [...pointer, type], "a media type", walk.fail);
    if (media.schema !== undefined) walk.schema(media.schema, [...pointer, type, "schema"]);
  }
}

const NESTED_SCHEMAS = ["items", "not", "additionalProperties"];
/** The keywords whose value is a list of schemas. */
export const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];

/** A schema and those inside it, depth first, on one pointer that grows and shrinks with the walk. */
function checkSchema(value: unknown, pointer: Pointer, fail: Fail): void {
  checkNested(value, [...pointer], fail);
}

/** `fail` locates its pointer before it throws, so `path` may change after. */
function checkNested(value: unknown, path: (string | number)[], fail: Fail): void {
  const schema = mapping(value, path, "a schema", fail);
  if (schema.$ref !== undefined) return;
  for (const key in schema) {
    const rule = KEYWORD_RULES.get(key);
    if (rule && !rule.valid(schema[key]))
      fail([...path, key], `\`${key}\` must be ${rule.want}`, `write \`${key}\` as ${rule.want}, as OpenAPI 3.0 does`);
  }
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  for (const name in properties) {
    path.push("properties", name);
    checkNested(properties[name], path, fail);
    path.length -= 2;
  }
  for (const key of NESTED_SCHEMAS) {
    if (!isRecord(schema[key])) continue;
    path.push(key);
    checkNested(schema[key], path, fail);
    path.pop();
  }
  for (const key of SCHEMA_LISTS) {
    const list = schema[key] as unknown[] | undefined;
    for (let index = 0; list !== undefined && index < list.length; index++) {
      path.push(key, index);
      checkNested(list[index], path, fail);
      path.length -= 2;
    }
  }
}

function mapping(value: unknown, pointer: Pointer, what: string, fail: Fail): Record<string, unknown> {
  if (!isRecord(value)) fail(pointer, `${what} must be a mapping`, "write it as a mapping (or a $ref to a component)");
  return value as Record<string, unknown>;
}
