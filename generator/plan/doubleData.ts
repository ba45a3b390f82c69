/**
 * The data of the Twilio double (the SDK's `testing` entry): per resource, what its engine
 * (runtime/testing/) needs to keep instances the way Twilio does: paths, key, SID prefix, typed
 * fields, which parameters name which fields, If-Match, ETag, paging, and which operations it
 * does not store but answers with a body shaped by their schema. Decided here; the templates
 * double.ts.hbs and doubleData.ts.hbs only lay it out.
 */
import { GeneratorError } from "../util/diagnostics.js";
import { snakeCase } from "../util/caseNames.js";
import type { OperationKind, OperationModel, ParameterModel, Schema } from "../model/types.js";
import type { NamedResource, NamedVersion } from "./types.js";
import { importPath } from "./modulePaths.js";
import { constrainedEmpty, resolved, typedSchema } from "./sampleValues.js";
import type { DoubleOperationView, DoubleResourceView, PlannedFile } from "./views.js";

const USUAL_METHOD: Record<OperationKind, string> = {
  create: "POST",
  fetch: "GET",
  update: "POST",
  patch: "PATCH",
  remove: "DELETE",
  page: "GET",
};
const USUAL_STATUS: Partial<Record<OperationKind, number>> = { create: 201, remove: 204 };
/** The operations the double keeps in its store, per side; the others it simulates. */
const STORED: Record<"list" | "instance", readonly OperationKind[]> = {
  list: ["create", "page"],
  instance: ["fetch", "update", "patch", "remove"],
};
const PAGING_PARAMETERS = new Set(["PageSize", "Page", "PageToken"]);
/** Names the compact encoding can hold: no spaces, `:` or `!`. */
const ENCODABLE = /^[^\s:!]+$/;

type Components = Readonly<Record<string, Schema>>;

/** Every resource with operations below `nodes`, depth first, as the double's data. */
export function doubleResources(nodes: readonly NamedResource[], components: (node: NamedResource) => Components) {
  const views: DoubleResourceView[] = [];
  const visit = (node: NamedResource) => {
    const view = doubleResource(node, components(node));
    if (view !== undefined) views.push(view);
    [...node.listChildren, ...node.instanceChildren].forEach(visit);
  };
  nodes.forEach(visit);
  return views;
}

function doubleResource(node: NamedResource, components: Components): DoubleResourceView | undefined {
  const operations = [...node.listOperations, ...node.instanceOperations];
  if (operations.length === 0) return undefined;
  const schema = node.resourceSchema && resolved(node.resourceSchema, components);
  const fields = fieldTypes(schema, components);
  const key = node.keyParameter !== undefined && schema !== undefined ? node.keyProperty : undefined;
  const instance = node.instanceOperations[0]?.path;
  const stores = key !== undefined && ENCODABLE.test(key) && instance !== undefined;
  const side = (list: readonly OperationModel[], name: "list" | "instance") =>
    list.map((operation) =>
      doubleOperation(operation, node, components, fields, stores && STORED[name].includes(operation.kind)),
    );
  return {
    host: operations[0]!.host,
    list: node.listOperations[0]?.path,
    instance,
    key: stores ? key : undefined,
    prefix: stores ? sidPrefix(schema?.properties?.[key!], components) : undefined,
    fields: encodeFields(fields),
    links: instance === undefined ? undefined : links(node, instance),
    listOperations: side(node.listOperations, "list"),
    instanceOperations: side(node.instanceOperations, "instance"),
  };
}

function doubleOperation(
  operation: OperationModel,
  node: NamedResource,
  components: Components,
  fields: ReadonlyMap<string, string>,
  storable: boolean,
): DoubleOperationView {
  const { kind, success } = operation;
  const sameShape = kind === "page" || kind === "remove" || sameSchema(success.schema, node.resourceSchema);
  const stored = storable && success.status < 300 && sameShape;
  const answerFields = stored ? fields : fieldTypes(success.schema && resolved(success.schema, components), components);
  const { pagination } = operation;
  const paging =
    pagination === undefined
      ? undefined
      : pagination.style === "token"
        ? [
            "token",
            pagination.itemsKey,
            pagination.tokenParam,
            pagination.nextTokenField,
            pagination.previousTokenField,
          ]
        : [pagination.style, pagination.itemsKey];
  const entries = {
    method: operation.method === USUAL_METHOD[kind] ? undefined : operation.method,
    status: success.status === (USUAL_STATUS[kind] ?? 200) ? undefined : success.status,
    ifMatch: operation.ifMatch !== undefined,
    etag: operation.etagResponses.find((response) => response.status === success.status)?.etagHeader,
    // Path values fill the parent's fields of a new instance (created, or seeded under a list, which
    // reads them from the list's create or page) or of an answer; stored instances already hold them.
    params: encodeParams(operation, components, answerFields, kind === "create" || kind === "page" || !stored),
    paging: paging?.filter((part) => part !== undefined).join(" "),
  };
  const simulated = stored ? undefined : encodeFields(answerFields);
  const usual = Object.values(entries).every((value) => value === undefined || value === false);
  return {
    kind,
    ...entries,
    simulated,
    empty: usual && simulated === undefined,
    hasSimulated: simulated !== undefined,
  };
}

/** Path, query (a page's filters) and form parameters, or a JSON body's properties, that name an answer field or are required. */
function encodeParams(
  operation: OperationModel,
  components: Components,
  fields: ReadonlyMap<string, string>,
  withPath: boolean,
) {
  // A required parameter that names no field is kept too (`Url!`): its absence answers 400.
  const named = (name: string, required: boolean) => {
    if (!ENCODABLE.test(name)) return undefined;
    const field = [snakeCase(name), name].find((candidate) => fields.has(candidate));
    if (field === undefined) return required ? `${name}!` : undefined;
    return `${name}:${field}${required ? "!" : ""}`;
  };
  const options = operation.options.filter(
    (option: ParameterModel) => option.location !== "header" && !PAGING_PARAMETERS.has(option.wireName),
  );
  const body = operation.jsonBody && resolved(operation.jsonBody.schema, components);
  const bodyRequired = new Set(body?.required ?? []);
  const entries = [
    ...(withPath ? operation.pathParameters : []).map((parameter) => named(parameter.wireName, false)),
    ...options.map((option) => named(option.wireName, option.required && option.location === "form")),
    ...Object.keys(body?.properties ?? {}).map((name) => named(name, bodyRequired.has(name))),
  ];
  const text = entries.filter((entry) => entry !== undefined).join(" ");
  return text === "" ? undefined : text;
}

/** Each response field's type code (runtime/testing/data.ts FieldType), `?` when nullable, in schema order. */
function fieldTypes(schema: Schema | undefined, components: Components): Map<string, string> {
  const types = new Map<string, string>();
  for (const [name, value] of Object.entries(schema?.properties ?? {})) {
    if (!ENCODABLE.test(name)) continue;
    const field = typedSchema(resolved(value, components), components);
    const nullable =
      field.nullable === true || value.nullable === true || resolved(value, components).nullable === true;
    const empty =
      schemaDefault(value) ??
      schemaDefault(field) ??
      (nullable ? undefined : (field.enum?.[0] ?? constrainedEmpty(field, components)));
    const emptyText = ["string", "number", "boolean"].includes(typeof empty)
      ? String(empty)
      : Array.isArray(empty)
        ? JSON.stringify(empty)
        : undefined;
    const suffix = emptyText !== undefined && ENCODABLE.test(emptyText) ? `=${emptyText}` : "";
    types.set(name, `${typeCode(field)}${nullable ? "?" : ""}${suffix}`);
  }
  return types;
}

/** The schema's `default`, which the model's Schema type leaves out (the SDK's types never read it). */
function schemaDefault(schema: Schema): unknown {
  return (schema as { default?: unknown }).default;
}

function typeCode(schema: Schema): string {
  const dates: Record<string, string> = { "date-time": "d", "date-time-rfc-2822": "r", date: "t" };
  switch (schema.type) {
    case "string":
      return dates[schema.format ?? ""] ?? "s";
    case "integer":
      return "i";
    case "number":
      return "n";
    case "boolean":
      return "b";
    case "array":
      return "a";
    case "object":
      return "o";
    default:
      return schema.properties ? "o" : schema.enum ? "s" : "u";
  }
}

/** The response fields of `schema` as the double's data writes them (runtime/testing/data.ts ResourceData.fields). */
export function encodedFields(schema: Schema | undefined, components: Components): string {
  return encodeFields(fieldTypes(schema && resolved(schema, components), components));
}

/** `name` for a nullable string (most of Twilio's fields), `name:type` otherwise, separated by spaces. */
function encodeFields(fields: ReadonlyMap<string, string>): string {
  return [...fields].map(([name, type]) => (type === "s?" ? name : `${name}:${type}`)).join(" ");
}

/** The two capitals before 32 hex digits in the key field's pattern: `^WT[0-9a-fA-F]{32}$` → `WT`. */
export function sidPrefix(schema: Schema | undefined, components: Components): string | undefined {
  const pattern = schema && resolved(schema, components).pattern;
  // `^(SM|MM)[0-9a-fA-F]{32}$` (a Message, SMS or MMS) takes the first.
  return pattern === undefined
    ? undefined
    : /^\^\(?([A-Z]{2})(?:\|[A-Z]{2})*\)?\[0-9a-fA-F\]\{32\}\$$/.exec(pattern)?.[1];
}

/** The instance's sub-resources: `name:path below the instance` (`reservations:Reservations`). */
function links(node: NamedResource, instance: string): string | undefined {
  const depth = instance.split("/").length;
  const entries = node.instanceChildren
    .map((child) => child.listOperations[0]?.path)
    .filter((path): path is string => path !== undefined)
    .map((path) => {
      const below = path.split("/").slice(depth);
      const name = snakeCase(below.at(-1)!.replace(/\.json$/, ""));
      return `${name}:${below.join("/")}`;
    })
    .filter((entry) => ENCODABLE.test(entry.replace(":", "")) && !entry.includes("{"));
  return entries.length > 0 ? [...new Set(entries)].join(" ") : undefined;
}

function sameSchema(a: Schema | undefined, b: Schema | undefined): boolean {
  return a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** The engine module the `testing` entry binds to the data. */
const DOUBLE_ENGINE = "runtime/testing/index.ts";
const DOUBLE_DATA_TYPES = "runtime/testing/data.ts";

/** One service's resources as the double's data: `testing/data/<service folder>.ts`. */
export function doubleDataFile(folder: string, versions: readonly NamedVersion[]): PlannedFile {
  const path = `testing/data/${folder}.ts`;
  const resources = versions.flatMap((version) =>
    doubleResources(version.resources, (node) => version.specOf.get(node)!.componentSchemas),
  );
  return {
    path,
    kind: "doubleData",
    view: { domain: folder, dataImport: importPath(path, DOUBLE_DATA_TYPES), resources },
  };
}

/** The package entry `testing/index.ts` (`createTwilioDouble` over every service's data) and its command. */
export function doubleEntryFiles(domains: readonly { property: string; folder: string }[]): PlannedFile[] {
  if (domains.some(({ folder }) => folder === "testing")) {
    throw new GeneratorError(
      { file: "specs" },
      "a service named testing would share the folder testing/ with the SDK's Twilio double",
      "rename the spec's domain (its file name, twilio_<domain>_<version>.yaml)",
    );
  }
  const path = "testing/index.ts";
  const services = domains.map(({ property, folder }) => ({
    name: `${property}Resources`,
    from: `./data/${folder}.js`,
  }));
  const engineImport = importPath(path, DOUBLE_ENGINE);
  return [
    { path, kind: "double", view: { engineImport, services } },
    { path: "testing/cli.ts", kind: "doubleCli", view: { engineImport } },
  ];
}
