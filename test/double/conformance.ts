/**
 * Every operation of a Twilio spec exercised against a Twilio double, and every answer checked
 * against the spec's own response schema by a JSON-Schema validator (Ajv, the validator Prism
 * itself runs, in-process): the instance an operation addresses is seeded first, the request
 * carries the required parameters (sampled from the spec's schemas, SIDs from their patterns), and
 * the verdict says whether the status is one the operation declares and the body fits its schema.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { default as addFormatsModule } from "ajv-formats";
import type { TwilioDouble } from "../../runtime/testing/index.js";
import { resolveSchema, sampleValue, type Components, type Schema } from "../contract/synthesize.js";

// ajv-formats is CommonJS: its default export is the plugin, under `default` once more from ESM.
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** The parts of an OpenAPI document the check reads. */
export interface SpecDocument {
  servers?: { url: string }[];
  paths: Record<string, PathItem>;
  components?: { schemas?: Components };
}
type PathItem = Partial<Record<(typeof METHODS)[number], OperationObject>> & { servers?: { url: string }[] };
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/** One operation's outcome: `conformant`, or the reason it is not. */
export interface Verdict {
  /** `twilio_taskrouter_v1 POST /v1/Workspaces`. */
  operation: string;
  status: number;
  answeredBy: string;
  problem?: string;
}

/** Twilio's own formats the validator can check; any other unknown format is not checked. */
const TWILIO_FORMATS: Record<string, RegExp> = {
  "date-time-rfc-2822": /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/,
};

/** A validator for the response schemas of `document`, its `$ref`s resolved within it. */
function schemaValidator(document: SpecDocument): (pointer: string) => ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
  addFormats(ajv);
  for (const [name, pattern] of Object.entries(TWILIO_FORMATS)) ajv.addFormat(name, pattern);
  ajv.addSchema(jsonSchemaOf(document) as object, "spec");
  return (pointer) => {
    const validate = ajv.getSchema(`spec#${pointer}`);
    if (validate === undefined) throw new Error(`No schema at ${pointer}`);
    return validate;
  };
}

/**
 * The document with OpenAPI 3.0's `nullable: true` spelt as JSON Schema: `null` joins the type
 * (and the enum), or, beside a `$ref` or a composition, an alternative of its own.
 */
function jsonSchemaOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonSchemaOf);
  if (typeof value !== "object" || value === null) return value;
  const { nullable, example: _example, examples: _examples, ...rest } = value as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, entry]) => [key, jsonSchemaOf(entry)]));
  // A property named `nullable` (an object, not the keyword) stays a property.
  if (nullable !== true) {
    return nullable === undefined || typeof nullable === "boolean"
      ? converted
      : { ...converted, nullable: jsonSchemaOf(nullable) };
  }
  if (typeof converted.type === "string") {
    const enumeration = Array.isArray(converted.enum) ? { enum: [...converted.enum, null] } : {};
    return { ...converted, type: [converted.type, "null"], ...enumeration };
  }
  return { anyOf: [converted, { type: "null" }] };
}

function pointerEscape(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Exercises every operation of `document` (spec `name`) against `double`, one verdict each. */
export async function exerciseSpec(name: string, document: SpecDocument, double: TwilioDouble): Promise<Verdict[]> {
  const validatorAt = schemaValidator(document);
  const components = document.components?.schemas ?? {};
  const verdicts: Verdict[] = [];
  for (const [path, item] of Object.entries(document.paths).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const origin = (item.servers ?? document.servers)?.[0]?.url;
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const label = `${name} ${method.toUpperCase()} ${path}`;
      const pointer = `/paths/${pointerEscape(path)}/${method}`;
      verdicts.push(
        await exercise({ label, pointer, origin, path, method, operation, components, double, validatorAt }),
      );
    }
  }
  return verdicts;
}

interface Exercise {
  label: string;
  pointer: string;
  origin: string | undefined;
  path: string;
  method: string;
  operation: OperationObject;
  components: Components;
  double: TwilioDouble;
  validatorAt: (pointer: string) => ValidateFunction;
}

async function exercise(run: Exercise): Promise<Verdict> {
  const { operation, components, double } = run;
  const parameters = operation.parameters ?? [];
  const sample = (parameter: Parameter) => sampleValue(parameter.schema ?? {}, components, { target: "parameter" });
  const path = run.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = parameters.find((entry) => entry.in === "path" && entry.name === name);
    return encodeURIComponent(text(sampleValue(pathSchema(run, name, parameter), components, { target: "parameter" })));
  });
  const url = new URL(`${run.origin ?? "https://api.twilio.com"}${path}`);
  for (const parameter of parameters) {
    if (parameter.in === "query" && parameter.required) url.searchParams.set(parameter.name, text(sample(parameter)));
  }
  const headers: Record<string, string> = {};
  for (const parameter of parameters) {
    if (parameter.in === "header" && parameter.required) headers[parameter.name] = text(sample(parameter));
  }
  const body = requestBody(operation, components, headers);
  prepare(double, url);
  const response = await double.fetch(url, { method: run.method.toUpperCase(), headers, body });
  const answered = double.requests.at(-1)!;
  const verdict: Verdict = { operation: run.label, status: response.status, answeredBy: answered.answeredBy };
  const problem = await check(run, response);
  return problem === undefined ? verdict : { ...verdict, problem };
}

/**
 * The schema of path parameter `name`: its own when it has a pattern, else the pattern of the
 * response field it fills (`ChannelSid` fills `channel_sid`; a page's in its items), so that the
 * value is a real SID as a client would send, not the unique name or `Twilio.CURRENT` the spec
 * also allows there (an integer field, a Flow's `revision`, gives an integer rather than `LatestPublished`).
 */
function pathSchema(run: Exercise, name: string, parameter: Parameter | undefined): Schema {
  const own = parameter?.schema ?? { type: "string" };
  if (typeof own.pattern === "string") return own;
  const field = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  for (const [status, response] of Object.entries(run.operation.responses ?? {})) {
    const schema = response.content?.["application/json"]?.schema;
    if (!status.startsWith("2") || schema === undefined) continue;
    const property = fieldSchema(resolveSchema(schema, run.components), field, run.components);
    if (typeof property?.pattern === "string") return { type: "string", pattern: property.pattern };
    if (property?.type === "integer") return { type: "integer" };
  }
  return own;
}

/** The schema of `field` in an answer: a property of it, or of the items of a page's list. */
function fieldSchema(answer: Schema, field: string, components: Components): Schema | undefined {
  const properties = (answer.properties ?? {}) as Record<string, Schema>;
  if (properties[field] !== undefined) return resolveSchema(properties[field], components);
  for (const property of Object.values(properties)) {
    const items = resolveSchema(property, components).items as Schema | undefined;
    const member = items && (resolveSchema(items, components).properties as Record<string, Schema> | undefined);
    if (member?.[field] !== undefined) return resolveSchema(member[field], components);
  }
  return undefined;
}

/**
 * Seeds what the operation addresses: the instance of an instance URL, or one member of a list
 * URL (so a page has an item to check). A URL the double does not store (an action, a singleton)
 * is answered by a simulated body instead, and needs nothing.
 */
function prepare(double: TwilioDouble, url: URL): void {
  const target = `${url.origin}${url.pathname}`;
  try {
    double.seed(target);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}

/** The form (or JSON) body with the required parameters, its content type set in `headers`. */
function requestBody(
  operation: OperationObject,
  components: Components,
  headers: Record<string, string>,
): string | undefined {
  const content = operation.requestBody?.content ?? {};
  const [type, media] = Object.entries(content)[0] ?? [];
  if (type === undefined || media?.schema === undefined) return undefined;
  const schema = resolveSchema(media.schema, components);
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  headers["Content-Type"] = type;
  if (type.includes("json")) {
    const json = Object.fromEntries(
      required.map((name) => [name, sampleValue(properties[name] ?? {}, components, { target: "json" })]),
    );
    return JSON.stringify(json);
  }
  const form = new URLSearchParams();
  for (const name of required) {
    const value = sampleValue(properties[name] ?? {}, components, { target: "parameter" });
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, text(item));
  }
  return form.toString();
}

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}

/** Undefined when the answer's status is declared and its body fits the declared schema; else why not. */
async function check(run: Exercise, response: Response): Promise<string | undefined> {
  const declared = run.operation.responses ?? {};
  const status = String(response.status);
  const raw = await response.text();
  if (declared[status] === undefined) {
    return `status ${status} is not declared (${Object.keys(declared).join(", ")}): ${raw.slice(0, 200)}`;
  }
  const content = declared[status]!.content ?? {};
  const media = Object.keys(content).find((type) => type.includes("json"));
  if (media === undefined || content[media]!.schema === undefined) {
    return raw === "" ? undefined : `status ${status} declares no JSON body, but one came: ${raw.slice(0, 200)}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return `the body is no JSON: ${raw.slice(0, 200)}`;
  }
  let validate: ValidateFunction;
  try {
    validate = run.validatorAt(`${run.pointer}/responses/${status}/content/${pointerEscape(media)}/schema`);
  } catch (error) {
    return `the spec's response schema does not compile: ${(error as Error).message}`;
  }
  return validate(body) ? undefined : describeErrors(validate.errors ?? []);
}

function describeErrors(errors: readonly ErrorObject[]): string {
  return errors
    .slice(0, 3)
    .map((error) => `${error.instancePath || "/"} ${error.message ?? error.keyword}`)
    .join("; ");
}
