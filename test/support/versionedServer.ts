/**
 * A real node:http server on 127.0.0.1 that keeps resources and versions them the way
 * Twilio does for TaskRouter Tasks and Sync Documents / List Items / Map Items: every GET
 * and every write answers with an ETag; a write with a stale If-Match gets 412, a write
 * without If-Match to a resource that requires it gets 428. For end-to-end tests of
 * generated clients and of retryOnConflict.
 *
 * Resources are keyed by URL path (`/v1/Workspaces/WS1/Tasks/WT1`) and seeded with `put`.
 * Writes merge fields into the stored JSON: form fields (`AssignmentStatus`) are renamed
 * to snake_case (`assignment_status`), JSON body keys are kept as sent. Form fields named in
 * `jsonFormFields` (default `Data`, as in Sync) are parsed and stored as objects; the others
 * stay strings (TaskRouter's `Attributes`), or become numbers / booleans where the stored
 * value is one (`Priority`).
 */
import { createServer } from "node:http";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { listenOnLoopback } from "./loopback.js";

export interface VersionedServerOptions {
  /** Form fields whose value is JSON text, stored parsed. Default `["Data"]`. */
  jsonFormFields?: readonly string[];
}

export interface PutOptions {
  /** Writes without If-Match get 428. Default false: they overwrite (the last write wins). */
  requireIfMatch?: boolean;
  /** False: answers carry no ETag header (If-Match is still checked). Default true. */
  sendETag?: boolean;
}

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  /** The path without the query, as sent (percent-encoded). */
  path: string;
  query: URLSearchParams;
  /** Names lowercased by node: `headers["if-match"]`. */
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stored resource and its version. */
export interface StoredResource {
  resource: Record<string, unknown>;
  /** 0 when put, +1 on every successful write. */
  version: number;
  /** The ETag header value for this version: the version in quotes, `"0"`, `"1"`, ... */
  etag: string;
  requireIfMatch: boolean;
  sendETag: boolean;
}

export interface VersionedServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  /** Every request received, in order; clear it with `requests.length = 0`. */
  readonly requests: RecordedRequest[];
  /** Stores (or replaces) the resource at `path` at version 0. */
  put(path: string, resource: object, options?: PutOptions): void;
  /** A copy of what is stored at `path`, or undefined. */
  get(path: string): StoredResource | undefined;
  close(): Promise<void>;
}

/** ETag header names in turn, so that clients cannot depend on the header's case. */
export const ETAG_HEADER_NAMES = ["ETag", "etag", "Etag"] as const;

interface Entry {
  resource: Record<string, unknown>;
  version: number;
  requireIfMatch: boolean;
  sendETag: boolean;
}

/** A response to send: status, JSON body (none if undefined) and ETag (none if undefined). */
interface Answer {
  status: number;
  body?: unknown;
  etag?: string;
}

class BadRequest extends Error {}

export async function startVersionedServer(options: VersionedServerOptions = {}): Promise<VersionedServer> {
  const jsonFormFields = new Set(options.jsonFormFields ?? ["Data"]);
  const store = new Map<string, Entry>();
  const requests: RecordedRequest[] = [];
  let etagResponses = 0;

  const answer = (request: RecordedRequest, origin: string): Answer => {
    const key = storeKey(request.path);
    const entry = store.get(key);
    if (request.method === "GET") {
      if (entry) return { status: 200, body: entry.resource, etag: etagFor(entry) };
      return listOf(key, origin) ?? notFound(request.path);
    }
    if (!["POST", "PUT", "PATCH", "DELETE"].includes(request.method)) {
      return twilioError(405, 20004, `Method ${request.method} not allowed`);
    }
    if (!entry) return notFound(request.path);
    const precondition = checkIfMatch(entry, request.headers["if-match"]);
    if (precondition) return precondition;
    if (request.method === "DELETE") {
      store.delete(key);
      return { status: 204 };
    }
    let changes: Record<string, unknown>;
    try {
      changes = changesFrom(request, entry.resource, jsonFormFields);
    } catch (error) {
      if (error instanceof BadRequest) return twilioError(400, 20001, error.message);
      throw error;
    }
    entry.resource = { ...entry.resource, ...changes };
    entry.version += 1;
    return { status: 200, body: entry.resource, etag: etagFor(entry) };
  };

  /** The resources directly under `key`, as one Twilio list page (`meta.key` is the items key). */
  const listOf = (key: string, origin: string): Answer | undefined => {
    const prefix = `${key}/`;
    const members = [...store].filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes("/"));
    if (members.length === 0) return undefined;
    const itemsKey = snakeCase(key.slice(key.lastIndexOf("/") + 1));
    const url = origin + key;
    const versions = members.reduce((sum, [, entry]) => sum + entry.version, 0);
    return {
      status: 200,
      // A list has an ETag of its own; it versions the list, not any one item.
      etag: `W/"list-${members.length}-${versions}"`,
      body: {
        [itemsKey]: members.map(([, entry]) => entry.resource),
        meta: {
          key: itemsKey,
          page: 0,
          page_size: members.length,
          first_page_url: url,
          previous_page_url: null,
          next_page_url: null,
          url,
        },
      },
    };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const target = new URL(req.url ?? "/", origin);
      const request: RecordedRequest = {
        method: req.method ?? "",
        path: target.pathname,
        query: target.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      let reply: Answer;
      try {
        reply = answer(request, origin);
      } catch (error) {
        reply = twilioError(500, 20500, error instanceof Error ? error.message : String(error));
      }
      if (reply.etag !== undefined) {
        const name = ETAG_HEADER_NAMES[etagResponses % ETAG_HEADER_NAMES.length]!;
        etagResponses += 1;
        // node sends a header name with the case it was set with.
        res.setHeader(name, reply.etag);
      }
      if (reply.body === undefined) {
        res.writeHead(reply.status).end();
      } else {
        res.setHeader("Content-Type", "application/json");
        res.writeHead(reply.status).end(JSON.stringify(reply.body));
      }
    });
  });
  await listenOnLoopback(server);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    requests,
    put(path, resource, putOptions = {}) {
      store.set(storeKey(path), {
        resource: structuredClone({ ...resource }),
        version: 0,
        requireIfMatch: putOptions.requireIfMatch ?? false,
        sendETag: putOptions.sendETag ?? true,
      });
    },
    get(path) {
      const entry = store.get(storeKey(path));
      if (!entry) return undefined;
      return {
        resource: structuredClone(entry.resource),
        version: entry.version,
        etag: etagOf(entry.version),
        requireIfMatch: entry.requireIfMatch,
        sendETag: entry.sendETag,
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function etagOf(version: number): string {
  return `"${version}"`;
}

/** The ETag header to send for `entry`, if any. */
function etagFor(entry: Entry): string | undefined {
  return entry.sendETag ? etagOf(entry.version) : undefined;
}

/** 412 when If-Match names another version, 428 when it is missing and required, else undefined. */
function checkIfMatch(entry: Entry, ifMatch: string | undefined): Answer | undefined {
  if (ifMatch === undefined) {
    if (!entry.requireIfMatch) return undefined;
    return twilioError(428, 20428, "Precondition Required: this resource can only be changed with an If-Match header");
  }
  const current = etagOf(entry.version);
  const tags = ifMatch.split(",").map((tag) => tag.trim());
  if (tags.includes("*") || tags.includes(current)) return undefined;
  return twilioError(412, 20412, "Precondition Failed: the If-Match value does not match the current ETag");
}

/** The fields a write changes, named as in the stored resource. */
function changesFrom(
  request: RecordedRequest,
  current: Record<string, unknown>,
  jsonFormFields: ReadonlySet<string>,
): Record<string, unknown> {
  const contentType = (request.headers["content-type"] ?? "").toLowerCase();
  if (request.body === "") return {};
  if (contentType.includes("json")) {
    const value = parseJson(request.body, "the request body");
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new BadRequest("The JSON request body must be an object");
    }
    return value as Record<string, unknown>;
  }
  if (!contentType.startsWith("application/x-www-form-urlencoded")) {
    throw new BadRequest(`Unsupported Content-Type "${contentType}"`);
  }
  const form = new URLSearchParams(request.body);
  const changes: Record<string, unknown> = {};
  for (const name of new Set(form.keys())) {
    const field = snakeCase(name);
    const values = form
      .getAll(name)
      .map((text) => (jsonFormFields.has(name) ? parseJson(text, name) : coerceLike(current[field], text)));
    changes[field] = values.length === 1 ? values[0] : values;
  }
  return changes;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest(`Invalid JSON in ${what}`);
  }
}

/** A form value as a number or boolean when the stored value is one, else the text. */
function coerceLike(stored: unknown, text: string): unknown {
  if (typeof stored === "number" && text.trim() !== "" && Number.isFinite(Number(text))) return Number(text);
  if (typeof stored === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

/** `AssignmentStatus` → `assignment_status`, `TTL` → `ttl`, `SMSUrl` → `sms_url`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

/** Percent-decoded segments without a trailing slash, so that `/Items/a%20b` and `/Items/a b` are one key. */
function storeKey(path: string): string {
  const segments = path.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  const key = segments.join("/");
  return key.length > 1 ? key.replace(/\/+$/, "") : key;
}

function notFound(path: string): Answer {
  return twilioError(404, 20404, `The requested resource ${path} was not found`);
}

/** Twilio's error body: `{ code, message, more_info, status }`. */
function twilioError(status: number, code: number, message: string): Answer {
  return {
    status,
    body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
  };
}
