import { camelCase, optionProperty } from "./naming.js";
import { isRecord, type Pointer, type SpecContext } from "./specContext.js";
import type { JsonBodyModel, ParameterLocation, ParameterModel, Schema } from "./types.js";

export interface OperationParameters {
  pathParameters: ParameterModel[];
  options: ParameterModel[];
  jsonBody?: JsonBodyModel;
  ifMatch?: ParameterModel;
}

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
const SPEC_LOCATIONS: Record<string, ParameterLocation> = { path: "path", query: "query", header: "header" };
/** Where each parameter is declared, so a collision names the second one's place. */
const declaredAt = new WeakMap<ParameterModel, Pointer>();
/** OpenAPI 3.0: header parameters with these names "SHALL be ignored"; security and content decide them. */
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization"]);
/** RFC 9110 `token`: what a header name may be spelled with. */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Path-level and operation-level parameters (the operation's win) plus the request body's fields. */
export function operationParameters(
  context: SpecContext,
  pathItem: Record<string, unknown>,
  operation: Record<string, unknown>,
  pointer: Pointer,
): OperationParameters {
  const declared = new Map<string, ParameterModel>();
  const pathPointer = pointer.slice(0, -1);
  for (const [owner, ownerPointer] of [
    [pathItem, pathPointer],
    [operation, pointer],
  ] as const) {
    const list = owner.parameters;
    if (list === undefined) continue;
    if (!Array.isArray(list))
      context.fail([...ownerPointer, "parameters"], "`parameters` must be a list", "write parameters as a YAML list");
    list.forEach((entry, index) => {
      const parameter = specParameter(context, entry, [...ownerPointer, "parameters", index]);
      if (parameter.location === "header" && IGNORED_HEADERS.has(parameter.wireName.toLowerCase())) return;
      declared.set(`${parameter.location}:${parameter.wireName}`, parameter);
    });
  }
  const parameters = [...declared.values()];
  const body = requestBody(context, operation.requestBody, [...pointer, "requestBody"]);
  // Named once, here: the option objects are the model's parameters (the If-Match option is `ifMatch`),
  // and each keeps the place it was declared at, for collision errors.
  const named = (parameter: ParameterModel): ParameterModel => {
    const option = { ...parameter, property: optionProperty(parameter.wireName, body.jsonBody !== undefined) };
    const place = declaredAt.get(parameter);
    if (place) declaredAt.set(option, place);
    return option;
  };
  const options = [...parameters.filter((p) => p.location !== "path"), ...body.formFields].map(named);
  return {
    pathParameters: parameters.filter((p) => p.location === "path").map(named),
    options: uniqueProperties(context, options, pointer),
    jsonBody: body.jsonBody,
    ifMatch: options.find((p) => p.location === "header" && p.wireName.toLowerCase() === "if-match"),
  };
}

function specParameter(context: SpecContext, entry: unknown, pointer: Pointer): ParameterModel {
  const parameter = context.resolve(entry, pointer);
  const location = SPEC_LOCATIONS[String(parameter.in)];
  if (typeof parameter.name !== "string" || !location) {
    context.fail(
      pointer,
      "a parameter needs a `name` and `in: path | query | header`",
      "add the missing field (cookie parameters are not supported)",
    );
  }
  if (location === "header" && !HTTP_TOKEN.test(parameter.name)) {
    context.fail(
      [...pointer, "name"],
      `header name ${JSON.stringify(parameter.name)} is not an HTTP token: no request could send it`,
      "spell the header with letters, digits and !#$%&'*+-.^_`|~ only",
    );
  }
  const model: ParameterModel = {
    wireName: parameter.name,
    property: camelCase(parameter.name),
    location,
    required: parameter.required === true || location === "path",
    description: describe(parameter.description),
    deprecated: parameter.deprecated === true,
    schema: isRecord(parameter.schema) ? parameter.schema : {},
    wireFormat: wireFormat(parameter.schema),
  };
  declaredAt.set(model, pointer);
  return model;
}

function requestBody(
  context: SpecContext,
  value: unknown,
  pointer: Pointer,
): { formFields: ParameterModel[]; jsonBody?: JsonBodyModel } {
  if (value === undefined) return { formFields: [] };
  const body = context.resolve(value, pointer);
  const content = isRecord(body.content) ? body.content : {};
  const required = body.required === true;
  const form = content[FORM_CONTENT_TYPE];
  if (isRecord(form)) {
    const schemaPointer = [...pointer, "content", FORM_CONTENT_TYPE, "schema"];
    const schema = form.schema === undefined ? {} : context.resolve(form.schema, schemaPointer);
    const requiredFields = new Set(Array.isArray(schema.required) ? schema.required : []);
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const formFields = Object.entries(properties).map(([name, property]): ParameterModel => {
      const field = isRecord(property) ? property : {};
      const model: ParameterModel = {
        wireName: name,
        property: camelCase(name),
        location: "form",
        required: requiredFields.has(name),
        description: describe(field.description),
        deprecated: field.deprecated === true,
        schema: field,
        wireFormat: wireFormat(field),
      };
      declaredAt.set(model, [...schemaPointer, "properties", name]);
      return model;
    });
    return { formFields };
  }
  const jsonType = Object.keys(content).find(isJsonMediaType);
  if (jsonType) {
    const media = content[jsonType];
    const schema = isRecord(media) && isRecord(media.schema) ? (media.schema as Schema) : {};
    return { formFields: [], jsonBody: { contentType: jsonType, required, schema } };
  }
  const types = Object.keys(content).join(", ") || "none";
  return context.fail(
    Object.keys(content).length > 0 ? [...pointer, "content", Object.keys(content)[0]!] : pointer,
    `unsupported request body content type (${types})`,
    `use ${FORM_CONTENT_TYPE} or a JSON media type`,
  );
}

/** The format of a value (or of an array's items) that is not sent as its plain text: a day or a prefixed map. */
function wireFormat(schema: unknown): string | undefined {
  const value = isRecord(schema) && schema.type === "array" ? schema.items : schema;
  const format = isRecord(value) ? value.format : undefined;
  if (format === "date" || (typeof format === "string" && /^prefixed-collapsible-map-\w*$/.test(format))) return format;
  return undefined;
}

/** Two wire names that camel-case alike (`PageSize`, `pageSize`) would collide as options. */
function uniqueProperties(context: SpecContext, options: ParameterModel[], pointer: Pointer): ParameterModel[] {
  const seen = new Map<string, ParameterModel>();
  for (const option of options) {
    const other = seen.get(option.property);
    if (other) {
      context.fail(
        declaredAt.get(option) ?? pointer,
        `parameters ${other.wireName} and ${option.wireName} both become the option \`${option.property}\``,
        "rename one of them, or remove the one the API does not read",
      );
    }
    seen.set(option.property, option);
  }
  return options;
}

/** `application/json` and its structured-syntax relatives (`application/scim+json`), parameters allowed. */
export function isJsonMediaType(type: string): boolean {
  return /^application\/([a-z0-9.-]+\+)?json\s*(;.*)?$/i.test(type);
}

export function describe(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
