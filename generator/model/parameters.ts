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
      const found = specParameter(context, entry, [...ownerPointer, "parameters", index]);
      const { location, wireName } = found;
      if (location === "header" && IGNORED_HEADERS.has(wireName.toLowerCase())) return;
      declared.set(`${location}:${wireName}`, found);
    });
  }
  const parameters = [...declared.values()];
  const body = requestBody(context, operation.requestBody, [...pointer, "requestBody"]);
  const options = [...parameters.filter((parameter) => parameter.location !== "path"), ...body.formFields];
  return {
    pathParameters: parameters.filter((parameter) => parameter.location === "path"),
    options,
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
  return {
    wireName: parameter.name,
    declaredAt: pointer,
    location,
    required: parameter.required === true || location === "path",
    description: describe(parameter.description),
    deprecated: parameter.deprecated === true,
    schema: isRecord(parameter.schema) ? parameter.schema : {},
    wireFormat: wireFormat(parameter.schema),
  };
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
      return {
        wireName: name,
        declaredAt: [...schemaPointer, "properties", name],
        location: "form",
        required: requiredFields.has(name),
        description: describe(field.description),
        deprecated: field.deprecated === true,
        schema: field,
        wireFormat: wireFormat(field),
      };
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

/** `application/json` and its structured-syntax relatives (`application/scim+json`), parameters allowed. */
export function isJsonMediaType(type: string): boolean {
  return /^application\/([a-z0-9.-]+\+)?json\s*(;.*)?$/i.test(type);
}

export function describe(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
