/**
 * The contract check of one operation: its SDK call derived from the resource model, arguments
 * synthesized from the spec, the call made through the generated SDK against Prism, and the
 * verdict: accepted (Prism answered with the spec's example and the SDK turned it into the typed
 * result), rejected (Prism refused the request, with its complaint; or the SDK refused Prism's
 * answer by design, a redirect or a 2xx that is not JSON, with its reason) or failed (the SDK went
 * wrong before or after Prism).
 */
import { isDeepStrictEqual } from "node:util";
import { fieldMembers, nestedFieldKey, optionNames } from "../../generator/plan/names.js";
import { domainProperty, namedVersions } from "../../generator/plan/resourceNames.js";
import type { NamedResource } from "../../generator/plan/types.js";
import type { OperationModel, ParameterModel, SpecModel } from "../../generator/model/types.js";
import type * as Runtime from "../../runtime/index.js";
import { instantOf } from "./instant.js";
import { sampleValue, type Components } from "./synthesize.js";

/** What a generated SDK's `index.ts` exports: its copy of the runtime and the root client. */
export type GeneratedSdk = typeof Runtime & {
  Twilio: new (options: Runtime.ClientOptions) => Record<string, unknown>;
};

/** One step below `<domain>.<version>`: a mount getter, or a call with the next key. */
type Step = { mount: string } | { key: true };

export interface ContractOperation {
  /** The spec name: `twilio_taskrouter_v1`. */
  spec: string;
  operation: OperationModel;
  node: NamedResource;
  domain: string;
  version: string;
  steps: Step[];
  /** How the SDK is called, as in the report: `taskrouter.v1.workspaces(WorkspaceSid).tasks(Sid).update()`. */
  call: string;
}

/** Every operation of a spec with the SDK path that reaches it. */
export function contractOperations(model: SpecModel): ContractOperation[] {
  const found: ContractOperation[] = [];
  const visit = (nodes: readonly NamedResource[], version: string, prefix: Step[]) => {
    for (const node of nodes) {
      const list: Step[] = [...prefix, { mount: node.mountName }];
      const instance: Step[] = node.keyParameter ? [...list, { key: true }] : list;
      const add = (operation: OperationModel, steps: Step[]) =>
        found.push({
          spec: model.name,
          operation,
          node,
          domain: domainProperty(model.host),
          version,
          steps,
          call: describeCall(domainProperty(model.host), version, steps, operation),
        });
      node.listOperations.forEach((operation) => add(operation, list));
      node.instanceOperations.forEach((operation) => add(operation, instance));
      visit(node.listChildren, version, list);
      visit(node.instanceChildren, version, instance);
    }
  };
  for (const version of namedVersions(model)) visit(version.resources, version.property, []);
  return found;
}

function describeCall(domain: string, version: string, steps: Step[], operation: OperationModel): string {
  const placeholders = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const parts = steps.map((step) => ("mount" in step ? `.${step.mount}` : `(${placeholders.shift() ?? "key"})`));
  return `${domain}.${version}${parts.join("")}.${methodName(operation)}()`;
}

function methodName(operation: OperationModel): string {
  return operation.kind === "page" ? "page" : operation.kind;
}

/** The request as it left the SDK (and reached Prism). */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Headers;
  text: string;
  url: string;
  redirected: boolean;
}

interface Exchange {
  request: RecordedRequest;
  response?: RecordedResponse;
  exampleDefect?: string;
}

export type Verdict = "accepted" | "rejected" | "failed";

export interface Outcome {
  spec: string;
  operationId: string;
  method: string;
  path: string;
  call: string;
  verdict: Verdict;
  request?: RecordedRequest;
  status?: number;
  /**
   * For rejections, Prism's complaint (its validation messages, or its error title and detail), or
   * the SDK's reason for refusing Prism's answer by design (`302 refused by the SDK: ...`).
   */
  complaint?: string;
  /**
   * Prism's complaint about the spec's own response example (a spec defect): the request was
   * accepted, and the result was checked on a response generated from the schema instead.
   */
  exampleDefect?: string;
  /** Whose response that was: the spec's example, or Prism's sample where the spec has none. */
  exampleOrigin?: "spec" | "prism";
  /** For failures: what went wrong in the SDK or in a check of its result. */
  problems: string[];
}

export interface ExerciseContext {
  sdk: GeneratedSdk;
  prismUrl: string;
  /** Host labels (`taskrouter`, `preview-iam`) pointed at Prism. */
  hosts: readonly string[];
  components: Components;
}

const ACCOUNT_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

/** The arguments of one operation: the keys for the SDK path, and the options. */
export function synthesizeArguments(
  entry: ContractOperation,
  components: Components,
): { keys: string[]; options: Record<string, unknown> } {
  const { operation } = entry;
  const keyCount = entry.steps.filter((step) => "key" in step).length;
  const placeholders = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const pathParameter = (name: string): ParameterModel | undefined =>
    operation.pathParameters.find((parameter) => parameter.wireName === name);
  const pathValue = (name: string) => {
    const parameter = pathParameter(name);
    return String(parameter ? sampleValue(parameter.schema, components, { target: "parameter" }) : `${name}1`);
  };
  const keys = placeholders.slice(0, keyCount).map(pathValue);
  const options: Record<string, unknown> = {};
  const { names } = optionNames(operation);
  for (const name of placeholders.slice(keyCount)) {
    const parameter = pathParameter(name);
    if (parameter) options[names.get(parameter)!] = pathValue(name);
  }
  // Every option, required or not: the point is to check how each one is named and serialized.
  for (const parameter of operation.options) {
    options[names.get(parameter)!] = sampleValue(parameter.schema, components, { target: "parameter" });
  }
  if (operation.jsonBody) {
    options.body = sampleValue(operation.jsonBody.schema, components, { target: "json" });
  }
  return { keys, options };
}

/** Calls one operation through the generated SDK against Prism and judges the result. */
export async function exerciseOperation(entry: ContractOperation, context: ExerciseContext): Promise<Outcome> {
  const { operation } = entry;
  const outcome: Outcome = {
    spec: entry.spec,
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    call: entry.call,
    verdict: "failed",
    problems: [],
  };
  const exchanges: Exchange[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const exchange: Exchange = {
      request: {
        method: init?.method ?? "GET",
        url: String(input),
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        body: typeof init?.body === "string" ? init.body : undefined,
      },
    };
    exchanges.push(exchange);
    let response = await fetch(input, init);
    const defect = exampleDefect(response.status, await response.clone().text());
    if (defect !== undefined) {
      // Prism accepted the request but refuses to send the spec's own example, which violates
      // the response schema. Ask for the same request again with a response generated from the
      // schema (seeded, so it is the same every run) to check what the SDK makes of it.
      exchange.exampleDefect = defect;
      const headers = new Headers(init?.headers);
      headers.set("Prefer", "dynamic=true, seed=1");
      response = await fetch(input, { ...init, headers });
    }
    exchange.response = {
      status: response.status,
      headers: response.headers,
      text: await response.clone().text(),
      url: response.url,
      redirected: response.redirected,
    };
    return response;
  };
  const twilio = new context.sdk.Twilio({
    accountSid: ACCOUNT_SID,
    authToken: "contract-test-token",
    accessToken: "contract-test-access-token",
    baseUrls: Object.fromEntries(context.hosts.map((host) => [host, context.prismUrl])),
    fetch: recordingFetch,
  });

  let result: unknown;
  let error: unknown;
  try {
    const { keys, options } = synthesizeArguments(entry, context.components);
    let target = (twilio[entry.domain] as Record<string, unknown>)[entry.version] as unknown;
    for (const step of entry.steps) {
      if ("mount" in step) target = (target as Record<string, unknown>)[step.mount];
      else target = (target as (key: string) => unknown)(keys.shift()!);
    }
    const method = (target as Record<string, unknown>)[methodName(operation)];
    if (typeof method !== "function") throw new Error(`${entry.call}: the SDK has no method ${methodName(operation)}`);
    result = await (method as (options: object) => Promise<unknown>).call(target, options);
  } catch (caught) {
    error = caught;
  }

  const first = exchanges[0];
  outcome.request = first?.request;
  outcome.status = first?.response?.status;
  outcome.exampleDefect = first?.exampleDefect;
  if (exchanges.length !== 1) {
    outcome.problems.push(`expected exactly one request to Prism, the SDK sent ${exchanges.length}`);
  }
  if (error !== undefined) {
    if (error instanceof context.sdk.RestException && first?.response !== undefined && first.response.status >= 400) {
      outcome.verdict = "rejected";
      outcome.complaint = prismComplaint(first.response);
      return outcome;
    }
    if (error instanceof context.sdk.UnexpectedResponseError && error.status === first?.response?.status) {
      // An answer the SDK refuses by design (docs/client.md): a redirect, a 2xx that is not JSON.
      outcome.verdict = "rejected";
      outcome.complaint = refusalComplaint(error);
      return outcome;
    }
    outcome.problems.push(`the call threw: ${error instanceof Error ? error.message : String(error)}`);
    return outcome;
  }
  if (first?.response === undefined) return outcome;
  outcome.problems.push(...checkResult(entry, context.sdk, result, first.response));
  outcome.verdict = outcome.problems.length === 0 ? "accepted" : "failed";
  return outcome;
}

/** Prism's complaint when its answer is a 500 for a response example that violates the schema. */
function exampleDefect(status: number, text: string): string | undefined {
  if (status !== 500) return undefined;
  let body: { validation?: { location?: string[] }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return undefined;
  }
  const validation = body.validation;
  if (!Array.isArray(validation) || validation.length === 0) return undefined;
  if (!validation.every((entry) => entry.location?.[0] === "response")) return undefined;
  return prismComplaint({ status, text }).replace(/^500: /, "");
}

/** `302 refused by the SDK: redirects are not followed; ...`: the reason after the error's URL and body start. */
function refusalComplaint(error: Runtime.UnexpectedResponseError): string {
  const reason = /answered \d{3} with (?:an empty body|a body starting "(?:[^"\\]|\\.)*"): ([\s\S]*)$/.exec(
    error.message,
  );
  return `${error.status} refused by the SDK: ${reason?.[1] ?? error.message}`;
}

type Violation = { location?: string[]; message?: string };

/**
 * Prism's 422 validation messages, or the title and detail of its other errors (401, 404, 405,
 * ...). When the spec declares the error response itself, Prism sends that response's example
 * and puts the violations in its `sl-violations` header instead.
 */
function prismComplaint(response: { status: number; text: string; headers?: Headers }): string {
  const describe = (violations: Violation[]) =>
    `${response.status}: ${violations
      .map((entry) => `${(entry.location ?? []).join(".")}: ${entry.message ?? "?"}`)
      .join("; ")}`;
  const header = response.headers?.get("sl-violations");
  if (header) {
    try {
      const violations = JSON.parse(header) as Violation[];
      if (Array.isArray(violations) && violations.length > 0) return describe(violations);
    } catch {
      // not JSON: fall through to the body
    }
  }
  let body: { title?: string; detail?: string; validation?: Violation[] };
  try {
    body = JSON.parse(response.text) as typeof body;
  } catch {
    return `${response.status}: ${response.text.slice(0, 300)}`;
  }
  if (Array.isArray(body.validation) && body.validation.length > 0) return describe(body.validation);
  return `${response.status}: ${body.title ?? ""}${body.detail ? ` (${body.detail})` : ""}`;
}

type ReturnKind = "page" | "instance" | "removal" | "response";

/** What the generated method returns, by the generator's rules. */
function returnKind(entry: ContractOperation): ReturnKind {
  const { operation, node } = entry;
  if (operation.kind === "page") return "page";
  if (operation.kind === "remove") return "removal";
  return operation.success.schema !== undefined && node.resourceSchema !== undefined ? "instance" : "response";
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The checks of a successful call: the typed result, its data and fields, and its ETag. */
function checkResult(
  entry: ContractOperation,
  sdk: GeneratedSdk,
  result: unknown,
  response: RecordedResponse,
): string[] {
  const problems: string[] = [];
  const { node, operation } = entry;
  const body = parseJson(response.text);
  const kind = returnKind(entry);
  const className = (value: unknown) => (value as object | null)?.constructor?.name ?? String(value);
  let headers: Headers | undefined;
  switch (kind) {
    case "removal":
      if (result !== true) problems.push(`remove() returned ${String(result)} instead of true`);
      break;
    case "response": {
      const status = (result as { status?: unknown } | undefined)?.status;
      if (status !== response.status) problems.push(`the returned response has status ${String(status)}`);
      headers = (result as { headers?: Headers } | undefined)?.headers;
      break;
    }
    case "instance": {
      if (!(result instanceof sdk.ResourceInstance) || className(result) !== `${node.className}Instance`) {
        problems.push(`expected a ${node.className}Instance, got ${className(result)}`);
        break;
      }
      problems.push(...checkInstance(node, result, body, "the instance"));
      headers = result.headers;
      break;
    }
    case "page": {
      if (!(result instanceof sdk.Page) || className(result) !== `${node.className}Page`) {
        problems.push(`expected a ${node.className}Page, got ${className(result)}`);
        break;
      }
      const page = result as Runtime.Page<unknown>;
      headers = page.headers;
      const itemsKey = operation.pagination?.itemsKey;
      const items = itemsKey === undefined ? undefined : (body as Record<string, unknown> | undefined)?.[itemsKey];
      if (!Array.isArray(items)) {
        problems.push(`the response has no "${itemsKey}" array, the SDK's items key`);
        break;
      }
      if (page.instances.length !== items.length) {
        problems.push(`the page has ${page.instances.length} instances for ${items.length} items`);
      }
      page.instances.forEach((instance, index) => {
        if (!(instance instanceof sdk.ResourceInstance) || className(instance) !== `${node.className}Instance`) {
          problems.push(`item ${index} is a ${className(instance)}, not a ${node.className}Instance`);
        } else {
          problems.push(...checkInstance(node, instance, items[index], `item ${index}`));
        }
      });
      break;
    }
  }
  if (response.redirected) problems.push(`fetch followed a redirect to ${response.url}`);
  // remove() returns nothing by design: the ETag of a delete response has nothing to be kept on.
  const declared = operation.etagResponses.find((declaredResponse) => declaredResponse.status === response.status);
  if (declared !== undefined && kind !== "removal") {
    const sent = response.headers.get(declared.etagHeader ?? "ETag");
    const kept = kind === "instance" ? (result as Runtime.ResourceInstance<object>).etag : headers?.get("ETag");
    if (sent === null) problems.push(`the spec declares ${declared.etagHeader} but Prism sent none`);
    else if (kept !== sent) problems.push(`etag is ${JSON.stringify(kept)}, Prism sent ${JSON.stringify(sent)}`);
  }
  return problems;
}

/**
 * An object field (or a list of objects) with declared keys, as docs/values.md says it is read: its
 * declared keys in camel case and nothing else, values as received; absent or `null` is `null`.
 */
function readsNested(nested: NonNullable<NamedResource["properties"][number]["nested"]>) {
  const renamed = (item: unknown): unknown => {
    if (item === null || item === undefined) return null;
    if (typeof item !== "object" || Array.isArray(item)) return item;
    const source = item as Record<string, unknown>;
    return Object.fromEntries(
      nested.wireNames.map((wireName) => [
        nestedFieldKey(wireName),
        Object.hasOwn(source, wireName) ? source[wireName] : undefined,
      ]),
    );
  };
  return (value: unknown, raw: unknown): boolean => {
    const expected = nested.list ? (Array.isArray(raw) ? raw.map(renamed) : (raw ?? null)) : renamed(raw);
    return isDeepStrictEqual(value, expected);
  };
}

/**
 * The instance keeps the resource exactly as received (`raw()`), and holds each field as its own
 * data property: as received, or for a date field (docs/values.md) as a `Date` naming the instant
 * its text names, or for an integer field as twilio-node's parseInt reads it.
 */
function checkInstance(
  node: NamedResource,
  instance: Runtime.ResourceInstance<object>,
  body: unknown,
  what: string,
): string[] {
  const problems: string[] = [];
  if (!isDeepStrictEqual(instance.raw(), body)) problems.push(`${what}'s raw() differs from the response body`);
  const record = (body ?? {}) as Record<string, unknown>;
  const members = instance as unknown as Record<string, unknown>;
  // Field names by the naming rule (docs/naming.md): `mutate` is read as `mutateField`.
  const fields = fieldMembers(node.properties.map((property) => property.wireName));
  node.properties.forEach((property, index) => {
    const member = fields[index]!;
    const raw = record[property.wireName];
    const reads = property.date
      ? readsDate
      : property.integer
        ? readsInteger
        : property.nested
          ? readsNested(property.nested)
          : isDeepStrictEqual;
    if (!hasDataProperty(instance, member) || !reads(members[member], raw)) {
      const as = property.date && typeof raw === "string" ? " as a Date" : "";
      problems.push(`${what} has no field ${member} reading "${property.wireName}"${as}`);
    }
  });
  return problems;
}

/** A date field's value for the field's raw value: a Date at the text's instant; null or absent as they are. */
function readsDate(value: unknown, raw: unknown): boolean {
  if (typeof raw !== "string") return isDeepStrictEqual(value, raw);
  return value instanceof Date && Object.is(value.getTime(), instantOf(raw));
}

/** An integer field's value: the raw value as parseInt reads it (twilio-node's), else the raw value. */
function readsInteger(value: unknown, raw: unknown): boolean {
  const parsed = Number.parseInt(raw as string);
  return isDeepStrictEqual(value, Number.isNaN(parsed) ? raw : parsed);
}

function hasDataProperty(object: object, name: string): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(object, name);
  return descriptor !== undefined && descriptor.enumerable === true && "value" in descriptor;
}

/** One line for a report: `POST /v1/...?... [If-Match: x] body: A=1&B=2`. */
export function describeRequest(request: RecordedRequest | undefined, limit = 600): string {
  if (request === undefined) return "(no request sent)";
  const url = new URL(request.url);
  const notable = Object.entries(request.headers)
    .filter(([name]) => !["accept", "user-agent", "authorization"].includes(name))
    .map(([name, value]) => `${name}: ${value}`);
  const text = `${request.method} ${url.pathname}${url.search}${notable.length ? ` [${notable.join("; ")}]` : ""}${
    request.body ? ` body: ${request.body}` : ""
  }`;
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/** Runs `work` over `items` with at most `size` in flight; results keep the input order. */
export async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}
