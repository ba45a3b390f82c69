import { operationParameters, describe } from "./parameters.js";
import { operationSecurity } from "./security.js";
import { isRecord, type Pointer, type SpecContext } from "./specContext.js";
import type { HttpMethod, OperationKind, OperationModel, Pagination, ResponseModel, Schema } from "./types.js";

export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;

const KIND_BY_PREFIX: Record<string, OperationKind> = {
  Create: "create",
  Fetch: "fetch",
  Update: "update",
  Patch: "patch",
  Delete: "remove",
  List: "page",
};

export function operationKind(operationId: string): OperationKind | undefined {
  const prefix = /^[A-Z][a-z]+/.exec(operationId)?.[0];
  return prefix ? KIND_BY_PREFIX[prefix] : undefined;
}

export function buildOperation(
  context: SpecContext,
  path: string,
  method: (typeof HTTP_METHODS)[number],
  apiStandards: string | undefined,
  host: string,
): OperationModel {
  const pointer = ["paths", path, method];
  const pathItem = context.spec.document.paths[path]!;
  const operation = context.resolve(pathItem[method], pointer);
  const operationId = operation.operationId;
  if (typeof operationId !== "string")
    context.fail(pointer, "the operation has no operationId", "add an operationId such as FetchTask");
  const kind = operationKind(operationId);
  if (!kind) {
    context.fail(
      [...pointer, "operationId"],
      `operationId ${operationId} does not start with Create, Fetch, Update, Patch, Delete or List`,
      "rename it with one of those prefixes, as Twilio's specs do",
    );
  }
  const responses = specResponses(context, operation.responses, [...pointer, "responses"]);
  const success = responses.find((response) => response.status < 400) ?? responses[0];
  if (!success)
    context.fail(
      [...pointer, "responses"],
      "the operation declares no responses",
      "declare at least its success response",
    );
  const parameters = operationParameters(context, pathItem, operation, pointer);
  return {
    operationId,
    kind,
    host,
    method: method.toUpperCase() as HttpMethod,
    path,
    description: describe(operation.description) ?? describe(operation.summary),
    deprecated: operation.deprecated === true,
    ...parameters,
    security: operationSecurity(context, operation, pointer),
    responseTypes: [...new Set([success, ...responses].flatMap((response) => response.contentTypes))],
    success,
    etagResponses: responses.filter((response) => response.etagHeader !== undefined),
    pagination:
      kind === "page"
        ? pagination(
            context,
            success,
            parameters.options.map((o) => o.wireName),
            apiStandards,
            pointer,
          )
        : undefined,
  };
}

function specResponses(context: SpecContext, value: unknown, pointer: Pointer): ResponseModel[] {
  if (!isRecord(value)) return [];
  return Object.keys(value)
    .filter((status) => /^\d{3}$/.test(status))
    .sort()
    .map((status) => {
      const response = context.resolve(value[status], [...pointer, status]);
      const headers = isRecord(response.headers) ? Object.keys(response.headers) : [];
      const content = isRecord(response.content) ? response.content : {};
      const media = Object.entries(content).find(([type]) => type.includes("json"))?.[1];
      return {
        status: Number(status),
        contentTypes: Object.keys(content),
        schema: isRecord(media) && isRecord(media.schema) ? (media.schema as Schema) : undefined,
        etagHeader: headers.find((name) => name.toLowerCase() === "etag"),
      };
    });
}

/** How a list response links to its next page, read from the response schema and the API standard. */
function pagination(
  context: SpecContext,
  success: ResponseModel,
  queryNames: string[],
  apiStandards: string | undefined,
  pointer: Pointer,
): Pagination {
  const schema = success.schema ? context.resolve(success.schema, pointer) : {};
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const itemsKey = itemsProperty(context, properties, pointer);
  const meta = isRecord(properties.meta) ? context.resolve(properties.meta, pointer) : undefined;
  const metaFields = meta && isRecord(meta.properties) ? Object.keys(meta.properties) : [];
  if (apiStandards?.startsWith("v1")) {
    const tokenParam = queryNames.find((name) => /^page_?token$/i.test(name));
    const nextTokenField = metaFields.find((name) => /^next_?(page_?)?token$/i.test(name));
    if (tokenParam && nextTokenField) {
      const previousTokenField = metaFields.find((name) => /^prev(ious)?_?(page_?)?token$/i.test(name));
      return { style: "token", itemsKey, tokenParam, nextTokenField, previousTokenField };
    }
  }
  if (metaFields.includes("next_page_url")) return { style: "url", itemsKey };
  if ("next_page_uri" in properties) return { style: "uri", itemsKey };
  return { style: "single", itemsKey };
}

/** The array of resources in a list response: the array property whose items are objects. */
function itemsProperty(context: SpecContext, properties: Record<string, unknown>, pointer: Pointer): string {
  const arrays = Object.entries(properties).filter(
    ([, value]) => isRecord(value) && context.resolve(value, pointer).type === "array",
  );
  const ofObjects = arrays.find(([, value]) => {
    const items = context.resolve<Schema>(value, pointer).items;
    return isRecord(items) && (typeof items.$ref === "string" || items.type === "object" || isRecord(items.properties));
  });
  const chosen = ofObjects ?? arrays[0];
  if (!chosen)
    context.fail(
      pointer,
      "a List operation's response has no array of resources",
      "return the resources in an array property, as Twilio's list responses do",
    );
  return chosen[0];
}
