import type { OperationModel, ParameterModel, Schema } from "../model/types.js";
import { reachableSchemas } from "../util/refs.js";
import type { OperationPlan, ResourcePlan } from "./types.js";
import { importedNames, typeName, valueName } from "./modulePaths.js";
import { nestedFieldKey } from "./names.js";
import { hasIntegerKey } from "./planResource.js";
import type {
  ImportedName,
  ImportPlan,
  MethodView,
  MutationView,
  OperationConstView,
  OptionTypeView,
  ResourceView,
  ReturnKind,
  TypeSource,
  ValueMapping,
} from "./views.js";

const RETURN_TYPES = { page: "Page", instance: "Instance", removal: "boolean", response: "ApiResponse" } as const;

type OptionField = OptionTypeView["fields"][number];

/** What the resource template renders of one resource plan: names, docs, wiring, and the schemas of its types. */
export function resourceView(plan: ResourcePlan): ResourceView {
  const className = plan.className;
  const keyed = plan.node.keyParameter !== undefined;
  const wiring = methodWiring(plan);
  const list = plan.listOperations.map((entry) => methodParts(plan, entry, wiring.list));
  const context = plan.contextOperations.map((entry) => methodParts(plan, entry, wiring.context));
  const listOperations = list.map((part) => part.method);
  const contextOperations = context.map((part) => part.method);
  const optionTypes = [...list, ...context].map((part) => part.optionType);
  const descriptors = [...list, ...context].map((part) => part.descriptor);
  const mutation = conditionalMutation(className, contextOperations);
  const resourceType: TypeSource | undefined = plan.resourceSchema && {
    schema: plan.resourceSchema,
    path: `#/resources/${className}`,
    indent: 0,
  };
  const page = [...listOperations, ...contextOperations].some((entry) => entry.returns === "page");
  const typeSchemas = [resourceType, ...optionTypes.flatMap((type) => type.fields.map((field) => field.type))].map(
    (type) => (type && "schema" in type ? type.schema : undefined),
  );
  const components = reachableSchemas(typeSchemas, plan.spec.componentSchemas);
  const runtime = runtimeNames(plan, descriptors.length > 0, page, resourceType !== undefined, mutation !== undefined);
  return {
    source: baseName(plan.spec.file),
    className,
    imports: [
      { from: plan.runtimeImport, names: runtime, typeOnly: false },
      // A type that reaches a component schema refers to it as `components["schemas"][...]`.
      ...(Object.keys(components).length > 0 ? [schemasImport(plan.schemasImport)] : []),
      ...plan.imports,
    ],
    resourceType,
    listDoc: `The ${className} resources${plan.node.listOperations.length ? "" : " (reached through their keys)"}.`,
    optionTypes,
    operations: descriptors,
    listParams: plan.listParameters,
    contextParams: plan.contextParameters,
    get: keyed ? contextKeys(plan) : undefined,
    integerKey: hasIntegerKey(plan.node),
    listOperations: listOperations,
    listPaging: paging(listOperations, className),
    listChildren: plan.listChildren,
    context: keyed
      ? {
          operations: contextOperations,
          paging: paging(contextOperations, className),
          children: plan.contextChildren,
          mutation,
        }
      : undefined,
    properties: plan.properties.map(({ wireName, member, description, date, integer, nested }) => ({
      wireName,
      member,
      description,
      date,
      integer,
      nested: nested && {
        list: nested.list,
        keys: nested.wireNames.map((wireName) => ({ name: nestedFieldKey(wireName), wireName })),
      },
      readType: date ? "ParsedDate" : nested ? (nested.list ? "ReadObjects" : "ReadObject") : undefined,
    })),
    instanceMembers: plan.properties.length > 0 || plan.instanceContext !== undefined,
    instanceContext: instanceContextView(plan, contextOperations, mutation !== undefined),
    page,
    components,
  };
}

/** `import type { components }` from the spec's schemas module. */
function schemasImport(from: string): ImportPlan {
  return { from, names: [typeName("components")], typeOnly: true };
}

/** What a side's methods share: which kinds the list has (a context method of one gets its own options type), and how a context's instances reach their list. */
function methodWiring(plan: ResourcePlan) {
  const listKinds = new Set(plan.listOperations.map((entry) => entry.operation.kind));
  const toListParams = plan.listParameters.map((name, index) => ({
    name,
    source: { params: plan.contextParameters[index]! },
  }));
  return {
    list: { side: "List" as const, listKinds, instanceParams: undefined },
    context: {
      side: "Context" as const,
      listKinds,
      instanceParams: toListParams.length > 0 ? toListParams : undefined,
    },
  };
}

/** One operation as its class's method, its options type and its `Operation` constant. */
function methodParts(
  plan: ResourcePlan,
  entry: OperationPlan,
  wiring: ReturnType<typeof methodWiring>["list" | "context"],
) {
  const { className } = plan;
  const { operation: model } = entry;
  const name = model.kind === "page" ? "page" : model.kind;
  // A context method named like a list method (a keyed `fetch` beside a list `fetch`) gets its own options type.
  const optionsType =
    wiring.side === "Context" && wiring.listKinds.has(model.kind)
      ? `${className}Context${entry.optionsType.slice(className.length)}`
      : entry.optionsType;
  const fields = optionFields(entry);
  const returns = returnKind(entry);
  const method: MethodView = {
    doc: operationDoc(model),
    name,
    className,
    constName: entry.constName,
    optionsType,
    optionsOptional: fields.every((field) => !field.required),
    returnType:
      returns === "page" || returns === "instance" ? `${className}${RETURN_TYPES[returns]}` : RETURN_TYPES[returns],
    returns,
    instanceParams: wiring.instanceParams,
    ifMatch: model.ifMatch !== undefined,
  };
  return { method, optionType: { name: optionsType, method: name, fields }, descriptor: descriptor(entry) };
}

/** The path values a list passes to the context of one key: its own, then the key. */
function contextKeys(plan: ResourcePlan): ResourceView["get"] {
  return [
    ...plan.listParameters.map((name, index) => ({ name: plan.contextParameters[index]!, source: { params: name } })),
    { name: plan.node.keyParameter!, source: { key: hasIntegerKey(plan.node) ? "integer" : "text" } },
  ];
}

/** The paging a class inherits (runtime PagedList) when one of its methods returns a page. */
function paging(operations: readonly MethodView[], className: string) {
  const page = operations.find((entry) => entry.returns === "page");
  return page && { optionsType: page.optionsType, className };
}

/** How an instance reaches its context (list parameters and its key field) and what it sends through it. */
function instanceContextView(plan: ResourcePlan, contextOperations: MethodView[], mutates: boolean) {
  const { instanceContext } = plan;
  if (instanceContext === undefined) return undefined;
  return {
    doc: `The context of this ${plan.className}, keyed by its \`${instanceContext.keyProperty}\`.`,
    mapping: [
      ...instanceContext.mapping.map((entry): ValueMapping => ({
        name: entry.name,
        source: { listParams: entry.from },
      })),
      { name: plan.node.keyParameter!, source: { keyField: instanceContext.keyProperty } },
    ],
    delegated: delegatedMembers(contextOperations, mutates, plan.contextChildren),
  };
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop()!;
}

/**
 * The `mutate` helper of a context: generated where a write that returns the resource declares
 * `If-Match` (update, else patch) and a fetch needs no options, so the helper can read, write
 * conditionally and read again on 412.
 */
function conditionalMutation(className: string, operations: MethodView[]): MutationView | undefined {
  const fetch = operations.find((entry) => entry.name === "fetch" && entry.optionsOptional);
  const write = ["update", "patch"]
    .map((name) => operations.find((entry) => entry.name === name && entry.ifMatch && entry.returns === "instance"))
    .find((entry) => entry !== undefined);
  if (!fetch || !write) return undefined;
  return { write: write.name, typeName: `${className}Mutation`, writeOptions: write.optionsType, className };
}

/** The context's members an instance sends through it (runtime delegateToContext): methods, then sub-resources. */
function delegatedMembers(operations: { name: string }[], mutates: boolean, children: { mountName: string }[]) {
  const methods = [...operations.map((entry) => entry.name), ...(mutates ? ["mutate"] : [])];
  const getters = children.map((child) => child.mountName);
  return methods.length + getters.length > 0 ? { methods, getters, all: [...methods, ...getters] } : undefined;
}

function returnKind(entry: OperationPlan): ReturnKind {
  if (entry.operation.kind === "page") return "page";
  if (entry.operation.kind === "remove") return "removal";
  return entry.returnsInstance ? "instance" : "response";
}

/** The `Operation` constant of one operation: its request shape as data. */
function descriptor(entry: OperationPlan): OperationConstView {
  const { operation: model, optionNames } = entry;
  const renamed = entry.classParameters.filter((parameter) => parameter.name !== parameter.from);
  const supplied = new Set(entry.classParameters.map((parameter) => parameter.name));
  const pathOptions = model.pathParameters.filter((parameter) => !supplied.has(parameter.wireName));
  const byLocation = (location: ParameterModel["location"]) =>
    model.options
      .filter((option) => option.location === location)
      .map((option) => ({ name: optionNames.get(option)!, value: option.wireName }));
  const records: OperationConstView["records"] = [
    { label: "pathParams", entries: renamed.map((parameter) => ({ name: parameter.name, value: parameter.from })) },
    {
      label: "pathOptions",
      entries: pathOptions.map((parameter) => ({ name: parameter.wireName, value: optionNames.get(parameter)! })),
    },
    { label: "query", entries: byLocation("query") },
    { label: "headers", entries: byLocation("header") },
    { label: "form", entries: byLocation("form") },
    {
      label: "formats",
      entries: model.options
        .filter((option) => option.wireFormat !== undefined && option.location !== "header")
        .map((option) => ({ name: option.wireName, value: option.wireFormat! })),
    },
    {
      label: "pagination",
      entries: Object.entries(model.pagination ?? {}).map(([name, value]) => ({ name, value: String(value) })),
    },
  ];
  return {
    constName: entry.constName,
    method: model.method,
    host: model.host,
    path: model.path,
    records: records.filter((record) => record.entries.length > 0),
    json: model.jsonBody?.contentType,
    // Only what differs from the runtime's defaults: Basic auth, `Accept: application/json`.
    auth: model.security.length === 1 && model.security[0] === "basic" ? undefined : model.security,
    accept: isDefaultAccept(model.responseTypes) ? undefined : model.responseTypes.join(", "),
    redirectIsResult: model.success.status >= 300 && model.success.status < 400,
  };
}

function isDefaultAccept(types: readonly string[]): boolean {
  return types.length === 0 || (types.length === 1 && types[0] === "application/json");
}

function optionFields({ operation: model, classParameters: supplied, optionNames }: OperationPlan): OptionField[] {
  const extraPath = model.pathParameters.filter(
    (parameter) => !supplied.some((entry) => entry.name === parameter.wireName),
  );
  const fields = [...extraPath, ...model.options].map((parameter) => ({
    doc:
      parameter.description ??
      (parameter.location === "header" ? `The ${parameter.wireName} request header.` : undefined),
    property: optionNames.get(parameter)!,
    required: parameter.required,
    type: isIfMatch(parameter, model) ? IF_MATCH_TYPE : optionType(parameter),
  }));
  if (model.jsonBody) {
    fields.push({
      doc: `The request body, sent as ${model.jsonBody.contentType}.`,
      property: "body",
      required: model.jsonBody.required,
      type: { schema: model.jsonBody.schema, path: `#/operations/${model.operationId}/body`, indent: 2 },
    });
  }
  if (model.kind === "page" && takesPageNumber(model, optionNames)) fields.push(PAGE_NUMBER_FIELD);
  return fields;
}

/** twilio-node's name of the `Page` parameter, accepted beside it (the runtime sends it as `Page`). */
const PAGE_NUMBER_FIELD = {
  doc: "The page index, as twilio-node names it: sent as `Page`.",
  property: "pageNumber",
  required: false,
  type: { text: "number" },
};

function takesPageNumber(model: OperationModel, optionNames: OperationPlan["optionNames"]): boolean {
  return (
    model.options.some((option) => option.location === "query" && option.wireName === "Page") &&
    !model.options.some((option) => optionNames.get(option) === "pageNumber")
  );
}

/**
 * `ifMatch: instance.etag` must compile under `exactOptionalPropertyTypes` too: `etag` is
 * `string | undefined`, and an undefined one is refused at run time (MissingETagError).
 */
const IF_MATCH_TYPE: TypeSource = { text: "string | undefined" };

/** Compared by value: a model read back from the cache holds copies, not the same objects. */
function isIfMatch(parameter: ParameterModel, model: OperationModel): boolean {
  const ifMatch = model.ifMatch;
  return ifMatch !== undefined && parameter.location === ifMatch.location && parameter.wireName === ifMatch.wireName;
}

/** Dates may be passed as `Date` objects; the runtime sends them as ISO 8601. */
function optionType(parameter: ParameterModel): TypeSource {
  const schema = parameter.schema;
  const isDate = (value: Schema | undefined) =>
    value?.type === "string" && (value.format === "date-time" || value.format === "date");
  if (isDate(schema)) return { text: "Date | string" };
  if (schema.type === "array" && isDate(schema.items)) return { text: "(Date | string)[]" };
  return { schema, path: `#/parameters/${parameter.wireName}`, indent: 2 };
}

function operationDoc(model: OperationModel): string {
  const summary = model.description ?? `${model.operationId}: ${model.method} ${model.path}`;
  const ifMatch = model.ifMatch
    ? "\n\nDeclares `If-Match`: pass the `etag` of the instance you read as `ifMatch`, and the request succeeds only if nobody changed the resource since (412 otherwise)."
    : "";
  return `${summary}${ifMatch}${model.deprecated ? "\n\n@deprecated" : ""}`;
}

function runtimeNames(
  plan: ResourcePlan,
  hasOperations: boolean,
  page: boolean,
  hasResource: boolean,
  mutates: boolean,
): ImportedName[] {
  const names: ImportedName[] = [];
  const values = (...list: string[]) => names.push(...list.map(valueName));
  const types = (...list: string[]) => names.push(...list.map(typeName));
  const operations = [...plan.listOperations, ...plan.contextOperations];
  if (hasOperations) types("Operation", "NoCallback");
  // Every method but a page (requestPage) builds its request with operationRequest.
  if (operations.some((entry) => returnKind(entry) !== "page")) values("operationRequest");
  if (operations.some((entry) => returnKind(entry) === "response")) types("ApiResponse");
  if (page) {
    values("Page", "requestPage");
    types("PageItem");
  }
  // The base of each class (resource.ts.hbs): PagedList where it pages, ResourceHandle otherwise.
  const pages = (entries: OperationPlan[]) => entries.some((entry) => entry.operation.kind === "page");
  const classes =
    plan.node.keyParameter === undefined ? [plan.listOperations] : [plan.listOperations, plan.contextOperations];
  new Set(classes.map((entries) => (pages(entries) ? "PagedList" : "ResourceHandle"))).forEach((name) => values(name));
  if (hasResource) values("ContextualInstance");
  if (plan.instanceContext && plan.contextOperations.length + plan.contextChildren.length > 0)
    values("delegateToContext");
  if (hasResource && plan.properties.length > 0) values("declareFields");
  if (hasResource && plan.properties.some((property) => property.date)) types("ParsedDate");
  if (hasResource && plan.properties.some((property) => property.nested?.list === false)) types("ReadObject");
  if (hasResource && plan.properties.some((property) => property.nested?.list)) types("ReadObjects");
  if (mutates) {
    types("ComputeChanges", "MutateOptions");
    values("mutateContext");
  }
  const children = [...plan.listChildren, ...plan.contextChildren];
  if (children.some((child) => child.keyed)) {
    values("mountList");
    types("MountedList");
  }
  // `get(key: IntegerKey)` writes the key with keyText; a mount's type names IntegerKey.
  if (hasIntegerKey(plan.node)) values("keyText");
  if (hasIntegerKey(plan.node) || children.some((child) => child.integerKey)) types("IntegerKey");
  if (children.some((child) => !child.keyed)) {
    values("mountSingleton");
    types("MountedSingleton");
  }
  return importedNames(names);
}
