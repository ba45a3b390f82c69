import { optionProperty } from "./naming.js";
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
/** A parameter as the spec declares it, before it is named, and where: a collision names the second one's place. */
interface Declared {
  parameter: Omit<ParameterModel, "property">;
  pointer: Pointer;
}
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
  const declared = new Map<string, Declared>();
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
      const { location, wireName } = found.parameter;
      if (location === "header" && IGNORED_HEADERS.has(wireName.toLowerCase())) return;
      declared.set(`${location}:${wireName}`, found);
    });
  }
  const parameters = [...declared.values()];
  const body = requestBody(context, operation.requestBody, [...pointer, "requestBody"]);
  // Named once, here: the option objects are the model's parameters (the If-Match option is `ifMatch`).
  const named = ({ parameter, pointer: place }: Declared) => ({
    parameter: { ...parameter, property: optionProperty(parameter.wireName, body.jsonBody !== undefined) },
    pointer: place,
  });
  const isPath = ({ parameter }: Declared) => parameter.location === "path";
  const options = [...parameters.filter((entry) => !isPath(entry)), ...body.formFields].map(named);
  checkUniqueProperties(context, options);
  const optionModels = options.map((option) => option.parameter);
  return {
    pathParameters: parameters.filter(isPath).map((entry) => named(entry).parameter),
    options: optionModels,
    jsonBody: body.jsonBody,
    ifMatch: optionModels.find((p) => p.location === "header" && p.wireName.toLowerCase() === "if-match"),
  };
}

function specParameter(context: SpecContext, entry: unknown, pointer: Pointer): Declared {
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
  const model: Declared["parameter"] = {
    wireName: parameter.name,
    location,
    required: parameter.required === true || location === "path",
    description: describe(parameter.description),
    deprecated: parameter.deprecated === true,
    schema: isRecord(parameter.schema) ? parameter.schema : {},
    wireFormat: wireFormat(parameter.schema),
  };
  return { parameter: model, pointer };
}

function requestBody(
  context: SpecContext,
  value: unknown,
  pointer: Pointer,
): { formFields: Declared[]; jsonBody?: JsonBodyModel } {
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
    const formFields = Object.entries(properties).map(([name, property]): Declared => {
      const field = isRecord(property) ? property : {};
      const model: Declared["parameter"] = {
        wireName: name,
        location: "form",
        required: requiredFields.has(name),
        description: describe(field.description),
        deprecated: field.deprecated === true,
        schema: field,
        wireFormat: wireFormat(field),
      };
      return { parameter: model, pointer: [...schemaPointer, "properties", name] };
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
function checkUniqueProperties(
  context: SpecContext,
  options: readonly { parameter: ParameterModel; pointer: Pointer }[],
): void {
  const seen = new Map<string, ParameterModel>();
  for (const { parameter: option, pointer } of options) {
    const other = seen.get(option.property);
    if (other) {
      context.fail(
        pointer,
        `parameters ${other.wireName} and ${option.wireName} both become the option \`${option.property}\``,
        "rename one of them, or remove the one the API does not read",
      );
    }
    seen.set(option.property, option);
  }
}

/** `application/json` and its structured-syntax relatives (`application/scim+json`), parameters allowed. */
export function isJsonMediaType(type: string): boolean {
  return /^application\/([a-z0-9.-]+\+)?json\s*(;.*)?$/i.test(type);
}

export function describe(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
