import { describe, isJsonMediaType, operationParameters } from "./parameters.js";
import { operationSecurity } from "./security.js";
import { isRecord, type Pointer, type SpecContext } from "./specContext.js";
import { collectionPath } from "./resourcePaths.js";
import type {
  HttpMethod,
  OperationKind,
  OperationModel,
  Pagination,
  ResourceNode,
  ResponseModel,
  Schema,
} from "./types.js";

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
  if (typeof operationId !== "string") {
    context.fail(
      operationId === undefined ? pointer : [...pointer, "operationId"],
      operationId === undefined ? "the operation has no operationId" : "`operationId` must be a string",
      "add an operationId such as FetchTask",
    );
  }
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
      const other = Object.keys(content).find((type) => !isJsonMediaType(type));
      if (other !== undefined)
        context.fail(
          [...pointer, status, "content", other],
          `unsupported response content type ${other}: the SDK reads JSON responses only`,
          "declare application/json (or another JSON media type such as application/scim+json), or leave the operation out",
        );
      const media = Object.values(content)[0];
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
  const tokenParam = queryNames.find((name) => /^page_?token$/i.test(name));
  const nextTokenField = metaFields.find((name) => /^next_?(page_?)?token$/i.test(name));
  if (tokenParam && nextTokenField && apiStandards?.startsWith("v1")) {
    const previousTokenField = metaFields.find((name) => /^prev(ious)?_?(page_?)?token$/i.test(name));
    return { style: "token", itemsKey, tokenParam, nextTokenField, previousTokenField };
  }
  if (tokenParam && nextTokenField && apiStandards === undefined) {
    context.warn(
      pointer,
      `the spec declares no \`info.x-twilio.apiStandards\`, so this List operation's token paging (${tokenParam}, meta.${nextTokenField}) is not followed: it reads one page`,
      "add `x-twilio: {apiStandards: v1.0}` under `info` when the API follows Twilio's v1 API standards",
    );
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

/**
 * An operation's kind is its SDK method (`update()`, `page()`): two operations of one resource
 * with the same kind on the same side (list or instance) would be one method twice.
 */
export function checkMethodNames(context: SpecContext, resources: readonly ResourceNode[]): void {
  for (const node of resources) {
    for (const operations of [node.listOperations, node.instanceOperations]) {
      const byKind = new Map<OperationKind, OperationModel>();
      for (const operation of operations) {
        const other = byKind.get(operation.kind);
        if (other) {
          context.fail(
            ["paths", operation.path, operation.method.toLowerCase(), "operationId"],
            `${other.operationId} (${other.method} ${other.path}) and ${operation.operationId} (${operation.method} ${operation.path}) both become the method \`${operation.kind}\` of the resource ${collectionPath(node)}`,
            "keep one of them, or give one another prefix (Create, Fetch, Update, Patch, Delete, List) or an `x-twilio.mountName` of its own",
          );
        }
        byKind.set(operation.kind, operation);
      }
    }
    checkMethodNames(context, [...node.listChildren, ...node.instanceChildren]);
  }
}
