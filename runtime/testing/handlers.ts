/**
 * The double's answers to the operations it keeps in its store (create, fetch, update, patch,
 * remove, page) and to those it simulates, with Twilio's errors: 404 (20404), 400 for a missing
 * or invalid parameter, 412 (20412) for a stale If-Match, 428 when If-Match is required.
 */
import { completeFields, fieldsFromParams, missingParameter, pathOf, type RequestParams } from "./fields.js";
import { pageBody, pageWindow } from "./paging.js";
import { decodeParams } from "./data.js";
import type { Operation, Resource, RouteMatch } from "./routes.js";
import {
  etagOf,
  fieldOf,
  instancePath,
  snapshot,
  templateNames,
  type Entry,
  type InstanceStore,
  type StoredInstance,
} from "./store.js";
import { fieldValue, twilioError, type SeededRandom } from "./values.js";

/** An answer: status, JSON body (none when undefined) and an ETag header. */
export interface Answer {
  status: number;
  body?: unknown;
  etag?: string;
  headers?: Record<string, string>;
}

/** What a handler reads besides the route: the request, the store and the double's settings. */
export interface HandlerContext {
  match: RouteMatch;
  operation: Operation;
  request: RequestParams;
  query: URLSearchParams;
  ifMatch: string | null;
  path: string;
  accountSid: string;
  now: number;
  store: InstanceStore;
  random: SeededRandom;
  /** Whether this write must carry If-Match (requireIfMatch). */
  requiresIfMatch: boolean;
  /** Runs the interfering writers of `entry`, just before a write to it. */
  interfere: (entry: Entry) => void;
}

export function notFound(path: string): Answer {
  return { status: 404, body: twilioError(404, 20404, `The requested resource ${path} was not found`) };
}

export function badRequest(message: string, code = 20001): Answer {
  return { status: 400, body: twilioError(400, code, message) };
}

/** The parent values of the matched path (all but the key on the instance side), in template order. */
function parentValues(match: RouteMatch): string[] {
  const values = [...match.values.values()];
  return match.side === "instance" ? values.slice(0, -1) : values;
}

function answerWith(context: HandlerContext, entry: Entry, status = context.operation.status): Answer {
  const etag = context.operation.data.etag === undefined ? undefined : etagOf(entry);
  return { status, body: structuredClone(entry.fields), etag };
}

export function createInstance(context: HandlerContext): Answer {
  const { match, operation, request } = context;
  const { resource } = match;
  const missing = missingParameter(operation.params, request);
  if (missing !== undefined) return badRequest(`Missing required parameter ${missing} in the post body`);
  const given = fieldsFromParams(resource.fields, operation.params, request);
  const keyField = resource.data.key!;
  const parent = parentValues(match);
  const givenKey = given[keyField];
  const key =
    givenKey !== undefined && givenKey !== null
      ? String(givenKey)
      : newKey(context, context.store.collection(resource, parent));
  if (context.store.collection(resource, parent).has(key)) {
    return { status: 409, body: twilioError(409, 20409, `An instance with ${keyField} ${key} already exists`) };
  }
  return answerWith(context, storeNew(context, parent, key, given));
}

/**
 * The key of a new instance: a SID with the resource's prefix, or, where the key is a number (a
 * Sync List Item's `index`), one more than the largest in its collection, from 0.
 */
export function newKey(context: Pick<HandlerContext, "match" | "random">, members: ReadonlyMap<string, Entry>): string {
  const { resource } = context.match;
  if (!numericKey(resource)) return context.random.sid(resource.data.prefix ?? "");
  let largest = -1;
  for (const key of members.keys()) largest = Math.max(largest, Number(key));
  return String(largest + 1);
}

function numericKey(resource: RouteMatch["resource"]): boolean {
  const type = resource.fields.find((field) => field.name === resource.data.key)?.type;
  return type === "i" || type === "n";
}

/** Stores a new instance of the matched resource under `parent`: version 1, every field filled. */
export function storeNew(
  context: Pick<HandlerContext, "match" | "store" | "accountSid" | "now">,
  parent: readonly string[],
  key: string,
  given: Record<string, unknown>,
): Entry {
  const { resource } = context.match;
  const template = resource.data.instance!;
  const names = templateNames(template);
  const path = pathOf(template, names, parent, key);
  const filling = { accountSid: context.accountSid, now: context.now, path, host: resource.data.host };
  // A numeric key (an `index`) is a number in the answer, though a path gives it as text.
  const keyValue = numericKey(resource) ? fieldValue(fieldOf(resource, resource.data.key!)!, [key], "the key") : key;
  const values = new Map(names.map((name, index) => [name, index < parent.length ? parent[index]! : key]));
  const fromPath = pathFields(resource, values);
  const fields = completeFields(
    resource.fields,
    { ...fromPath, ...given, [resource.data.key!]: keyValue },
    filling,
    resource,
  );
  const entry: Entry = { resource, values, key, fields, version: 1 };
  showVersion(entry);
  context.store.add(entry, parent);
  return entry;
}

/**
 * The fields the path names (`WorkspaceSid` → `workspace_sid`, v2010's `AccountSid` →
 * `account_sid`), as the list's create and page map their path parameters: what a create takes
 * from its path, a seed (a Reservation's too, which has no create) takes from its URL.
 */
function pathFields(resource: Resource, values: ReadonlyMap<string, string>): Record<string, unknown> {
  const params = Object.values(resource.data.listOperations ?? {}).flatMap((operation) =>
    decodeParams(operation.params).filter((param) => values.has(param.name)),
  );
  return fieldsFromParams(resource.fields, params, { path: values, values: () => [] });
}

function found(context: HandlerContext): Entry | undefined {
  const key = [...context.match.values.values()].at(-1)!;
  return context.store.find(context.match.resource, parentValues(context.match), key);
}

export function fetchInstance(context: HandlerContext): Answer {
  const entry = found(context);
  return entry === undefined ? notFound(context.path) : answerWith(context, entry);
}

/** 412 when If-Match names another version, 428 when it is missing and required, else undefined. */
function precondition(context: HandlerContext, entry: Entry): Answer | undefined {
  const { ifMatch, operation } = context;
  if (ifMatch === null) {
    if (!context.requiresIfMatch) return undefined;
    const message = "Precondition Required: this resource can only be changed with an If-Match header";
    return { status: 428, body: twilioError(428, 20428, message) };
  }
  // Twilio ignores If-Match where the operation does not declare it.
  if (!operation.data.ifMatch) return undefined;
  const tags = ifMatch.split(",").map((tag) => tag.trim());
  const revision = revisionOf(entry);
  if (tags.some((tag) => tag === "*" || tag === etagOf(entry) || tag === revision)) return undefined;
  const named = revision === undefined ? "ETag" : "ETag or revision";
  const message = `Precondition Failed: the If-Match value does not match the current ${named}`;
  return { status: 412, body: twilioError(412, 20412, message), etag: etagOf(entry) };
}

/**
 * The instance's `revision` as a bare If-Match matches it, where the resource has that field.
 * Sync says its If-Match compares the `revision` (its Map and List items' spec says so, its
 * Documents' header is described only as "The If-Match HTTP request header"), so the rule follows
 * the data, not the prose: any resource whose answers carry a `revision` takes it back, the
 * current one only, since showVersion keeps it equal to the version the ETag names.
 */
function revisionOf(entry: Entry): string | undefined {
  const revision = entry.fields.revision;
  return fieldOf(entry.resource, "revision") === undefined || revision === undefined || revision === null
    ? undefined
    : String(revision);
}

export function updateInstance(context: HandlerContext): Answer {
  const entry = found(context);
  if (entry === undefined) return notFound(context.path);
  context.interfere(entry);
  const refused = precondition(context, entry);
  if (refused !== undefined) return refused;
  const missing = missingParameter(context.operation.params, context.request);
  if (missing !== undefined) return badRequest(`Missing required parameter ${missing} in the post body`);
  const changes = fieldsFromParams(entry.resource.fields, context.operation.params, context.request);
  writeFields(entry, changes, context.now);
  return answerWith(context, entry);
}

/** Applies `changes` and moves the version and `date_updated`. */
export function writeFields(entry: Entry, changes: Record<string, unknown>, now: number): void {
  const filling = {
    accountSid: String(entry.fields.account_sid ?? ""),
    now,
    path: instancePath(entry),
    host: entry.resource.data.host,
  };
  const updated = completeFields(entry.resource.fields, {}, filling, entry.resource);
  entry.fields = { ...entry.fields, ...changes };
  for (const name of ["date_updated", "dateUpdated"]) if (name in entry.fields) entry.fields[name] = updated[name];
  entry.version += 1;
  showVersion(entry);
}

/** A resource that shows its version in a field (`revision`, `version`) shows the entry's. */
function showVersion(entry: Entry): void {
  for (const field of entry.resource.fields) {
    if (field.name !== "revision" && field.name !== "version") continue;
    entry.fields[field.name] = field.type === "s" ? String(entry.version) : entry.version;
  }
}

export function removeInstance(context: HandlerContext): Answer {
  const entry = found(context);
  if (entry === undefined) return notFound(context.path);
  context.interfere(entry);
  const refused = precondition(context, entry);
  if (refused !== undefined) return refused;
  context.store.remove(entry, parentValues(context.match));
  return { status: context.operation.status };
}

export function listInstances(context: HandlerContext): Answer {
  const { match, operation, query } = context;
  // The path's own parameters name the collection, not a filter, even when a query repeats them.
  const filters = operation.params.filter((param) => query.has(param.name) && !match.values.has(param.name));
  const members = [...context.store.collection(match.resource, parentValues(match)).values()];
  const items = members
    .filter((entry) => filters.every((param) => matchesFilter(entry.fields[param.field], query.getAll(param.name))))
    .map((entry) => structuredClone(entry.fields));
  const paging = operation.data.paging ?? "single";
  const window = pageWindow(query, paging.split(" ")[2]);
  const origin = `https://${match.resource.data.host}.twilio.com`;
  const body = pageBody({ paging, items, window, path: context.path, origin, query });
  const etag = operation.data.etag === undefined ? undefined : listETag(members);
  return { status: operation.status, body, etag };
}

function matchesFilter(value: unknown, wanted: readonly string[]): boolean {
  const values = Array.isArray(value) ? value : [value];
  return wanted.every((text) => values.some((item) => item !== null && String(item) === text));
}

/** A list's own ETag: weak, it moves when any member changes. */
function listETag(members: readonly Entry[]): string {
  const versions = members.reduce((sum, entry) => sum + entry.version, 0);
  return `W/"list-${members.length}-${versions}"`;
}

/** An operation the store does not keep (an action, a singleton, a redirect): a body shaped by its schema. */
export function simulate(context: HandlerContext): Answer {
  const { match, operation, request, query } = context;
  const missing = missingParameter(operation.params, request);
  if (missing !== undefined) return badRequest(`Missing required parameter ${missing}`);
  if (operation.data.paging !== undefined) {
    const origin = `https://${match.resource.data.host}.twilio.com`;
    const window = pageWindow(query, operation.data.paging.split(" ")[2]);
    return {
      status: operation.status,
      body: pageBody({ paging: operation.data.paging, items: [], window, path: context.path, origin, query }),
    };
  }
  if (operation.status === 204) return { status: 204 };
  const fields = operation.simulated ?? [];
  const given = fieldsFromParams(fields, operation.params, request);
  const filling = {
    accountSid: context.accountSid,
    now: context.now,
    path: context.path,
    host: match.resource.data.host,
  };
  const body = completeFields(fields, given, filling, undefined);
  return { status: operation.status, body, etag: operation.data.etag === undefined ? undefined : `"1"` };
}

export type { StoredInstance };
export { snapshot };
