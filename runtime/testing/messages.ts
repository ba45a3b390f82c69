/** The double's side of HTTP: a request read once (body within a limit), and an answer as a Response. */
import type { OperationKind } from "./data.js";
import type { Answer } from "./handlers.js";

/** One request as the double received it, and how it was answered. */
export interface DoubleRequest {
  method: string;
  url: string;
  /** Header names lowercased. */
  headers: Record<string, string>;
  body: string;
  /** The status answered. */
  status: number;
  /**
   * What answered: the store (create, fetch, update, delete, list of stored instances), a body
   * `simulated` from the operation's schema (actions, singletons, redirects), an injected `fault`,
   * or `none` (no such resource or method).
   */
  answeredBy: "store" | "simulated" | "fault" | "none";
  /** The operation's kind, when the path and method name one. */
  operation?: OperationKind;
  /** The path template of the resource addressed. */
  resource?: string;
  /** The `Twilio-Request-Id` of the answer: `RQ` and 32 hex digits, from the double's seed. */
  requestId: string;
}

export interface ReadRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The user of HTTP Basic credentials: the account SID or API key. */
  basicUser: string | undefined;
  /** Every value of a parameter: the form's, the JSON body's, else the query's. */
  values: (name: string) => unknown[];
  tooLarge: boolean;
  logged: Omit<DoubleRequest, "status" | "answeredBy" | "requestId">;
}

export async function readRequest(request: Request, maxBytes: number): Promise<ReadRequest> {
  const text = await boundedText(request, maxBytes);
  const url = new URL(request.url);
  const contentType = request.headers.get("content-type") ?? "";
  const form = contentType.startsWith("application/x-www-form-urlencoded")
    ? new URLSearchParams(text ?? "")
    : undefined;
  const json = /[/+]json\b/i.test(contentType) ? parsedObject(text ?? "") : undefined;
  const values = (name: string): unknown[] => {
    if (form !== undefined && form.has(name)) return form.getAll(name);
    if (json !== undefined && Object.hasOwn(json, name)) return [json[name]];
    return url.searchParams.getAll(name);
  };
  return {
    method: request.method.toUpperCase(),
    url,
    headers: request.headers,
    basicUser: basicUser(request.headers.get("authorization")),
    values,
    tooLarge: text === undefined,
    logged: {
      method: request.method.toUpperCase(),
      url: request.url,
      headers: headerRecord(request.headers),
      body: text ?? "",
    },
  };
}

/** The body's text, or undefined when it is longer than `maxBytes`. */
async function boundedText(request: Request, maxBytes: number): Promise<string | undefined> {
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return joinedText(chunks);
}

/** The UTF-8 text of `chunks`, one after the other. */
export function joinedText(chunks: readonly Uint8Array[]): string {
  const bytes = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** Header names lowercased, as Headers keeps them (forEach: the DOM lib types Headers without an iterator). */
function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

function parsedObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function basicUser(authorization: string | null): string | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (encoded === undefined) return undefined;
  try {
    return atob(encoded).split(":")[0];
  } catch {
    return undefined;
  }
}

export function toResponse(answer: Answer): Response {
  const headers = new Headers(answer.headers);
  if (answer.etag !== undefined) headers.set("ETag", answer.etag);
  if (answer.body === undefined) return new Response(null, { status: answer.status, headers });
  headers.set("Content-Type", "application/json");
  // Twilio declares its bodies' length; a client that sees one may read the body whole.
  const body = new TextEncoder().encode(JSON.stringify(answer.body));
  headers.set("Content-Length", String(body.byteLength));
  return new Response(body, { status: answer.status, headers });
}
