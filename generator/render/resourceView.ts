import type { OperationModel, ParameterModel, Schema } from "../model/types.js";
import { memberAccess } from "../plan/planResource.js";
import type { OperationPlan, ParameterMapping, ResourcePlan } from "../plan/types.js";
import type { SchemaTypes } from "./schemaTypes.js";
import { compareText } from "../ordering.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RETURN_TYPES = { page: "Page", instance: "Instance", boolean: "boolean", response: "ApiResponse" } as const;

interface OptionField {
  doc?: string;
  property: string;
  required: boolean;
  type: string;
}

/** Turns a resource plan into the data the resource template reads: names plus rendered types. */
export function resourceView(plan: ResourcePlan, types: SchemaTypes, header: string): Record<string, unknown> {
  const className = plan.className;
  const optionTypes: { name: string; method: string; fields: OptionField[] }[] = [];
  const listKinds = new Set(plan.listOperations.map((entry) => entry.operation.kind));
  const operation = (entry: OperationPlan, side: "List" | "Context", instanceParams: string) => {
    const { operation: model } = entry;
    const name = model.kind === "page" ? "page" : model.kind;
    const optionsType =
      side === "Context" && listKinds.has(model.kind)
        ? `${className}Context${entry.optionsType.slice(className.length)}`
        : entry.optionsType;
    const fields = optionFields(model, entry.classParameters, types);
    optionTypes.push({ name: optionsType, method: name, fields });
    const returns =
      model.kind === "page"
        ? "page"
        : model.kind === "remove"
          ? "boolean"
          : entry.returnsInstance
            ? "instance"
            : "response";
    const extraPath = model.pathParameters.filter(
      (parameter) => !entry.classParameters.some((supplied) => supplied.name === parameter.wireName),
    );
    return {
      doc: operationDoc(model),
      name,
      className,
      optionsType,
      optionsOptional: fields.every((field) => !field.required),
      returnType:
        returns === "page" || returns === "instance" ? `${className}${RETURN_TYPES[returns]}` : RETURN_TYPES[returns],
      returns,
      method: model.method,
      host: model.host,
      path: model.path,
      pathParams: [
        ...entry.classParameters,
        ...extraPath.map((parameter) => ({ name: parameter.wireName, source: `options.${parameter.property}` })),
      ],
      query: model.options.filter((option) => option.location === "query"),
      headers: model.options.filter((option) => option.location === "header"),
      form: model.options.filter((option) => option.location === "form"),
      jsonContentType: model.jsonBody?.contentType,
      pagination: model.pagination,
      pageSizeOption: model.options.some((option) => option.location === "query" && option.property === "pageSize"),
      instanceParams,
    };
  };
  const listOperations = plan.listOperations.map((entry) => operation(entry, "List", "this.params"));
  const toListParams = objectLiteral(
    plan.listParameters.map((name, index) => ({
      name,
      source: memberAccess("this.params", plan.contextParameters[index]!),
    })),
  );
  const contextOperations = plan.contextOperations.map((entry) => operation(entry, "Context", toListParams));
  const keyed = plan.node.keyParameter !== undefined;
  const resourceType = plan.resourceSchema ? types.typeOf(plan.resourceSchema, `#/resources/${className}`) : undefined;
  const view = {
    header,
    className,
    runtimeImport: plan.runtimeImport,
    schemasImport: plan.schemasImport,
    imports: plan.imports.map((entry) => ({ from: entry.from, names: entry.names.join(", ") })),
    resourceType,
    listDoc: `The ${className} resources${plan.node.listOperations.length ? "" : " (reached through their keys)"}.`,
    optionTypes,
    listParamsType: paramsType(plan.listParameters),
    contextParamsType: paramsType(plan.contextParameters),
    get: keyed
      ? [
          ...plan.listParameters.map((name, index) => ({
            name: plan.contextParameters[index]!,
            source: memberAccess("this.params", name),
          })),
          { name: plan.node.keyParameter!, source: "key" },
        ]
      : undefined,
    listOperations,
    listChildren: plan.listChildren,
    context: keyed ? { operations: contextOperations, children: plan.contextChildren } : undefined,
    properties: plan.properties.map((property) => ({
      ...property,
      memberKey: IDENTIFIER.test(property.member) ? property.member : JSON.stringify(property.member),
    })),
    instanceContext: plan.instanceContext && {
      ...plan.instanceContext,
      mapping: [
        ...plan.instanceContext.mapping.map((entry) => ({
          ...entry,
          source: entry.source.replace(/^this\.params/, "this.listParams"),
        })),
        {
          name: plan.node.keyParameter!,
          source: `String(this.resource[${JSON.stringify(plan.instanceContext.keyProperty)}])`,
        },
      ],
      operations: contextOperations,
      children: plan.contextChildren,
    },
    page: [...listOperations, ...contextOperations].some((entry) => entry.returns === "page"),
  };
  const text = JSON.stringify([resourceType, optionTypes]);
  return { ...view, usesComponents: text.includes("components["), runtimeNames: runtimeNames(view) };
}

function optionFields(model: OperationModel, supplied: ParameterMapping[], types: SchemaTypes): OptionField[] {
  const extraPath = model.pathParameters.filter(
    (parameter) => !supplied.some((entry) => entry.name === parameter.wireName),
  );
  const fields = [...extraPath, ...model.options].map((parameter) => ({
    doc:
      parameter.description ??
      (parameter.location === "header" ? `The ${parameter.wireName} request header.` : undefined),
    property: parameter.property,
    required: parameter.required,
    type: optionType(parameter, types),
  }));
  if (model.jsonBody) {
    fields.push({
      doc: `The request body, sent as ${model.jsonBody.contentType}.`,
      property: "body",
      required: model.jsonBody.required,
      type: types.typeOf(model.jsonBody.schema, `#/operations/${model.operationId}/body`),
    });
  }
  return fields;
}

/** Dates may be passed as `Date` objects; the runtime sends them as ISO 8601. */
function optionType(parameter: ParameterModel, types: SchemaTypes): string {
  const schema = parameter.schema;
  const isDate = (value: Schema | undefined) =>
    value?.type === "string" && (value.format === "date-time" || value.format === "date");
  if (isDate(schema)) return "Date | string";
  if (schema.type === "array" && isDate(schema.items as Schema | undefined)) return "(Date | string)[]";
  return types.typeOf(schema, `#/parameters/${parameter.wireName}`);
}

function operationDoc(model: OperationModel): string {
  const summary = model.description ?? `${model.operationId}: ${model.method} ${model.path}`;
  const ifMatch = model.ifMatch
    ? "\n\nDeclares `If-Match`: pass the `etag` of the instance you read as `ifMatch`, and the request succeeds only if nobody changed the resource since (412 otherwise)."
    : "";
  return `${summary}${ifMatch}${model.deprecated ? "\n\n@deprecated" : ""}`;
}

function paramsType(names: string[]): string {
  return `{ ${names.map((name) => `${JSON.stringify(name)}: string`).join("; ")} }`;
}

function objectLiteral(entries: ParameterMapping[]): string {
  return `{ ${entries.map((entry) => `${JSON.stringify(entry.name)}: ${entry.source}`).join(", ")} }`;
}

function runtimeNames(view: {
  listOperations: { returns: string }[];
  context?: { operations: { returns: string }[]; children: { keyed: boolean }[] };
  listChildren: { keyed: boolean }[];
  resourceType?: string;
  page: boolean;
}): string {
  const names = new Set(["type ApiClient"]);
  const operations = [...view.listOperations, ...(view.context?.operations ?? [])];
  if (operations.length > 0) ["type ApiRequest", "expandPath"].forEach((name) => names.add(name));
  if (operations.some((entry) => entry.returns === "response")) names.add("type ApiResponse");
  if (view.page) ["Page", "collectItems", "eachItem", "pageSizeFor"].forEach((name) => names.add(name));
  if (view.resourceType) names.add("ResourceInstance");
  if ([...view.listChildren, ...(view.context?.children ?? [])].some((child) => child.keyed))
    ["mountList", "type MountedList"].forEach((name) => names.add(name));
  return [...names].sort((a, b) => compareText(a.replace("type ", ""), b.replace("type ", ""))).join(", ");
}
