import { checkOptions } from "./callArguments.js";
import type { ApiRequest, AuthScheme, HttpMethod } from "./client.js";
import { InvalidIfMatchError, MissingETagError } from "./errors.js";
import { entityTagProblem } from "./etag.js";
import { ownValue } from "./instance.js";
import type { Pagination } from "./pagination.js";
import { expandPath, formatParam, parsePathTemplate } from "./serialize.js";
import type { ParamFormat, ParamRecord, PathTemplate } from "./serialize.js";

/**
 * One spec operation as data: generated code declares one per operation and
 * builds its requests with `operationRequest`, so each method stays a few lines.
 */
export interface Operation {
  method: HttpMethod;
  /** Host label: the part of the Twilio host before `.twilio.com`. */
  host: string;
  /** The spec path with `{Name}` placeholders. */
  path: string;
  /** Placeholder → key of the class's parameters, where the two names differ. */
  pathParams?: Record<string, string>;
  /** Placeholder → option property, for path parameters the caller passes. */
  pathOptions?: Record<string, string>;
  /** Option property → wire name, per location. */
  query?: Record<string, string>;
  headers?: Record<string, string>;
  form?: Record<string, string>;
  /** Wire name → format, for the query and form parameters not sent as plain text (see ParamFormat). */
  formats?: Record<string, ParamFormat>;
  /** Content type of the JSON body taken from `options.body`. */
  json?: string;
  /** The schemes the spec accepts, in its order; HTTP Basic when absent. */
  auth?: readonly AuthScheme[];
  /** The media types the responses declare; `application/json` when absent. */
  accept?: string;
  /** How a list response pages. */
  pagination?: Pagination;
  /**
   * The spec's success answer is a redirect whose JSON body is the result (`{ redirect_to }`, a
   * download link): a 3xx is returned as the resource, as twilio-node does, and never followed.
   */
  redirectIsResult?: true;
}

/**
 * The request for `operation`, with path values from the class's parameters and the rest from options.
 * `extra` holds the arguments a JavaScript caller passed after the options (checkOptions refuses them).
 */
export function operationRequest(
  operation: Operation,
  params: Record<string, string>,
  options: object,
  extra?: readonly unknown[],
): ApiRequest {
  checkOptions(operation, options, extra);
  const path = pathTemplateOf(operation);
  const pathValues: Record<string, string> = {};
  for (const name of path.names) {
    const option = operation.pathOptions?.[name];
    const param = operation.pathParams?.[name] ?? name;
    const value = option === undefined ? ownValue(params, param) : optionValue(options, option);
    if (typeof value === "string" || typeof value === "number") pathValues[name] = String(value);
  }
  if (operation.headers !== undefined) {
    for (const [property, wireName] of Object.entries(operation.headers)) {
      if (wireName.toLowerCase() === "if-match" && gave(options, property)) {
        checkIfMatch(operation, property, optionValue(options, property));
      }
    }
  }
  return {
    method: operation.method,
    host: operation.host,
    path: expandPath(path, pathValues),
    query: pickOptions(operation, operation.query, options),
    headers: pickOptions(operation, operation.headers, options) as Record<string, string | undefined> | undefined,
    form: pickOptions(operation, operation.form, options),
    json:
      operation.json === undefined ? undefined : { contentType: operation.json, value: optionValue(options, "body") },
    auth: operation.auth,
    accept: operation.accept,
    ...(operation.redirectIsResult && { redirectIsResult: true }),
    signal: optionValue(options, "signal") as AbortSignal | undefined,
  };
}

/**
 * The options of one location (`fields`: option property → wire name) by wire name, formatted where
 * the operation says.
 */
function pickOptions(
  operation: Operation,
  fields: Record<string, string> | undefined,
  options: object,
): ParamRecord | undefined {
  if (fields === undefined) return undefined;
  const picked: ParamRecord = {};
  for (const [property, wireName] of Object.entries(fields)) {
    const format = operation.formats?.[wireName];
    const value = optionValue(options, property);
    if (format === undefined) picked[wireName] = value;
    else Object.assign(picked, formatParam(wireName, value, format));
  }
  return picked;
}

/**
 * Whether the caller gave option `key`: an own enumerable property, as `Object.keys` (and so
 * checkOptions) sees it. An option named `constructor` must not send Object's constructor.
 */
function gave(options: object, key: string): boolean {
  return Object.prototype.propertyIsEnumerable.call(options, key);
}

function optionValue(options: object, key: string): unknown {
  return gave(options, key) ? (options as Record<string, unknown>)[key] : undefined;
}

/** Each operation's path, split at its placeholders on its first request. */
const pathTemplates = new WeakMap<Operation, PathTemplate>();

function pathTemplateOf(operation: Operation): PathTemplate {
  let template = pathTemplates.get(operation);
  if (template === undefined) {
    template = parsePathTemplate(operation.path);
    pathTemplates.set(operation, template);
  }
  return template;
}

/**
 * Refuses an If-Match value given but unusable, before anything is sent: `ifMatch: item.etag` with no
 * ETag, or anything but one entity tag, would silently turn a conditional write into a weaker one.
 */
function checkIfMatch(operation: Operation, property: string, value: unknown): void {
  const name = `${operation.method} ${operation.path}`;
  if (value === undefined) {
    throw new MissingETagError(
      `${name}: ${property} is given but undefined: the instance it came from has no ETag (items of a list ` +
        "page have none; fetch() the resource first). Nothing was sent. Leave ifMatch out to write unconditionally.",
    );
  }
  const problem = entityTagProblem(value);
  if (problem !== undefined) throw new InvalidIfMatchError(name, property, value, problem);
}
