import { GeneratorError } from "../util/diagnostics.js";
import { isRecord } from "./documentShape.js";
import { locate, type Pointer } from "./locate.js";

type Fail = (pointer: Pointer, problem: string, fix: string) => never;

/** The OpenAPI 3.0 schema types (3.0 has no `null` type: it writes `nullable: true`). */
const SCHEMA_TYPES = ["string", "number", "integer", "boolean", "array", "object"];
const OPERATION_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const isString = (value: unknown) => typeof value === "string";
const isBoolean = (value: unknown) => typeof value === "boolean";
const isNumber = (value: unknown) => typeof value === "number" && Number.isFinite(value);

/** Schema keywords with a value the type renderer or the model reads, and what that value must be. */
const KEYWORDS: Record<string, { valid: (value: unknown) => boolean; want: string }> = {
  type: { valid: (value) => SCHEMA_TYPES.includes(value as string), want: `one of ${SCHEMA_TYPES.join(", ")}` },
  properties: { valid: isRecord, want: "a mapping of property names to schemas" },
  additionalProperties: { valid: (value) => isBoolean(value) || isRecord(value), want: "true, false or a schema" },
  items: { valid: isRecord, want: "a schema (a mapping)" },
  not: { valid: isRecord, want: "a schema (a mapping)" },
  allOf: { valid: Array.isArray, want: "a list of schemas" },
  anyOf: { valid: Array.isArray, want: "a list of schemas" },
  oneOf: { valid: Array.isArray, want: "a list of schemas" },
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

/**
 * Checks every schema the model and the type renderer read, where the document enters: schema
 * keywords typed as OpenAPI 3.0 types them, and the objects that hold schemas (parameters, request
 * bodies, responses, headers, media types) as mappings. A `$ref` stands for its component, which
 * is checked where it is defined (`checkTree` has made sure it exists).
 */
export function checkSchemas(file: string, document: Record<string, unknown>): void {
  const fail: Fail = (pointer, problem, fix) => {
    throw new GeneratorError(locate(file, pointer), problem, fix);
  };
  const components = isRecord(document.components) ? document.components : {};
  const sections: [string, (value: unknown, pointer: Pointer, fail: Fail) => void][] = [
    ["schemas", checkSchema],
    ["parameters", checkParameter],
    ["requestBodies", checkRequestBody],
    ["responses", checkResponse],
    ["headers", checkParameter],
  ];
  for (const [section, check] of sections) {
    const entries = components[section];
    if (isRecord(entries)) for (const name in entries) check(entries[name], ["components", section, name], fail);
  }
  const paths = document.paths as Record<string, unknown>;
  for (const path in paths) checkPathItem(paths[path], ["paths", path], fail);
}

function checkPathItem(item: unknown, pointer: Pointer, fail: Fail): void {
  if (!isRecord(item)) fail(pointer, "a path item must be a mapping", "write the path's operations as a mapping");
  const pathItem = item as Record<string, unknown>;
  checkParameters(pathItem.parameters, [...pointer, "parameters"], fail);
  for (const method of OPERATION_METHODS) {
    if (pathItem[method] === undefined) continue;
    const operation = mapping(pathItem[method], [...pointer, method], "an operation", fail);
    if (operation.$ref !== undefined) continue;
    checkParameters(operation.parameters, [...pointer, method, "parameters"], fail);
    if (operation.requestBody !== undefined)
      checkRequestBody(operation.requestBody, [...pointer, method, "requestBody"], fail);
    if (operation.responses === undefined) continue;
    const responses = mapping(operation.responses, [...pointer, method, "responses"], "the responses", fail);
    for (const status in responses) checkResponse(responses[status], [...pointer, method, "responses", status], fail);
  }
}

function checkParameters(list: unknown, pointer: Pointer, fail: Fail): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) fail(pointer, "`parameters` must be a list", "write parameters as a YAML list");
  (list as unknown[]).forEach((entry, index) => checkParameter(entry, [...pointer, index], fail));
}

/** A parameter or a header: its schema, or its `content`. */
function checkParameter(value: unknown, pointer: Pointer, fail: Fail): void {
  const parameter = mapping(value, pointer, "a parameter", fail);
  if (parameter.$ref !== undefined) return;
  if (parameter.schema !== undefined) checkSchema(parameter.schema, [...pointer, "schema"], fail);
  checkContent(parameter.content, [...pointer, "content"], fail);
}

function checkRequestBody(value: unknown, pointer: Pointer, fail: Fail): void {
  const body = mapping(value, pointer, "a request body", fail);
  if (body.$ref === undefined) checkContent(body.content, [...pointer, "content"], fail);
}

function checkResponse(value: unknown, pointer: Pointer, fail: Fail): void {
  const response = mapping(value, pointer, "a response", fail);
  if (response.$ref !== undefined) return;
  checkContent(response.content, [...pointer, "content"], fail);
  if (response.headers === undefined) return;
  const headers = mapping(response.headers, [...pointer, "headers"], "the headers", fail);
  for (const name in headers) checkParameter(headers[name], [...pointer, "headers", name], fail);
}

/** A `content` mapping: media types to media type objects, each with an optional schema. */
function checkContent(value: unknown, pointer: Pointer, fail: Fail): void {
  if (value === undefined) return;
  const content = mapping(value, pointer, "`content`", fail);
  for (const type in content) {
    const media = mapping(content[type], [...pointer, type], "a media type", fail);
    if (media.schema !== undefined) checkSchema(media.schema, [...pointer, type, "schema"], fail);
  }
}

function checkSchema(value: unknown, pointer: Pointer, fail: Fail): void {
  const schema = mapping(value, pointer, "a schema", fail);
  if (schema.$ref !== undefined) return;
  for (const key in schema) {
    const rule = Object.hasOwn(KEYWORDS, key) ? KEYWORDS[key] : undefined;
    if (rule && !rule.valid(schema[key]))
      fail(
        [...pointer, key],
        `\`${key}\` must be ${rule.want}`,
        `write \`${key}\` as ${rule.want}, as OpenAPI 3.0 does`,
      );
  }
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  for (const name in properties) checkSchema(properties[name], [...pointer, "properties", name], fail);
  for (const key of ["items", "not", "additionalProperties"]) {
    if (isRecord(schema[key])) checkSchema(schema[key], [...pointer, key], fail);
  }
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = (schema[key] ?? []) as unknown[];
    list.forEach((entry, index) => checkSchema(entry, [...pointer, key, index], fail));
  }
}

function mapping(value: unknown, pointer: Pointer, what: string, fail: Fail): Record<string, unknown> {
  if (!isRecord(value)) fail(pointer, `${what} must be a mapping`, "write it as a mapping (or a $ref to a component)");
  return value as Record<string, unknown>;
}
