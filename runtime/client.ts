import { exceptionFromResponse } from "./errors.js";
import { encodeParams } from "./serialize.js";
import type { ParamRecord } from "./serialize.js";

export interface ClientOptions {
  accountSid?: string;
  authToken?: string;
  apiKey?: string;
  apiSecret?: string;
  /** Host label (e.g. `sync`, `flex-api`) or `"*"` → base URL to use instead. */
  baseUrls?: Record<string, string>;
  fetch?: typeof fetch;
  userAgent?: string;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiRequest {
  method: HttpMethod;
  /** Host label: the part of the Twilio host before `.twilio.com`. */
  host: string;
  /** Already expanded and encoded, see expandPath. */
  path: string;
  query?: ParamRecord;
  headers?: Record<string, string | undefined>;
  form?: ParamRecord;
  json?: { contentType: string; value: unknown };
  signal?: AbortSignal;
}

/** One response; headers are returned per call, never kept on the client. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

const TWILIO_ORIGIN = /^https:\/\/([a-z0-9-]+)\.twilio\.com$/;

export class ApiClient {
  readonly accountSid: string | undefined;
  private readonly authorization: string | undefined;
  private readonly baseUrls: Map<string, string>;
  private readonly overrideOrigins: Set<string>;
  private readonly fetchFn: typeof fetch;
  private readonly userAgent: string;

  constructor(options: ClientOptions = {}) {
    this.accountSid = options.accountSid;
    const [user, password] =
      options.apiKey && options.apiSecret
        ? [options.apiKey, options.apiSecret]
        : [options.accountSid, options.authToken];
    this.authorization = user && password ? `Basic ${btoa(`${user}:${password}`)}` : undefined;
    this.baseUrls = new Map(Object.entries(options.baseUrls ?? {}));
    this.overrideOrigins = new Set([...this.baseUrls.values()].map((base) => new URL(base).origin));
    // Bound so that fetch is never called with the client as `this`.
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.userAgent = options.userAgent ?? "twilio-etag-sdk";
  }

  /** Base URL for a host label, without a trailing slash. */
  baseUrl(host: string): string {
    const base = this.overrideFor(host) ?? `https://${host}.twilio.com`;
    return base.replace(/\/+$/, "");
  }

  async request(request: ApiRequest): Promise<ApiResponse> {
    // Validate headers first so that a bad value never reaches the network.
    const headers = this.headersFor(request.headers);
    if (request.form && request.json) {
      throw new TypeError("An ApiRequest has either a form or a json body");
    }
    let body: string | undefined;
    if (request.form) {
      body = encodeParams(request.form).toString();
      headers.set("Content-Type", "application/x-www-form-urlencoded");
    } else if (request.json && request.json.value !== undefined) {
      // No body given: send none, rather than an empty body labelled JSON.
      body = JSON.stringify(request.json.value);
      headers.set("Content-Type", request.json.contentType);
    }
    const query = encodeParams(request.query ?? {}).toString();
    const url = this.baseUrl(request.host) + request.path;
    return this.send(query ? `${url}?${query}` : url, {
      method: request.method,
      headers,
      body: body ?? null,
      signal: request.signal ?? null,
    });
  }

  /**
   * GETs an absolute page link. A `https://<label>.twilio.com` origin is
   * rewritten when baseUrls overrides that label, keeping path and query.
   */
  /** A GET of a page link; `headers` are the first page's request headers, sent again. */
  async requestUrl(
    url: string,
    signal?: AbortSignal,
    headers: Record<string, string | undefined> = {},
  ): Promise<ApiResponse> {
    const parsed = new URL(url);
    // Credentials go only to Twilio or to a configured override.
    const isTwilio = parsed.protocol === "https:" && parsed.hostname.endsWith(".twilio.com");
    if (!isTwilio && !this.overrideOrigins.has(parsed.origin)) {
      throw new Error(`Refusing to follow a page link to ${parsed.origin}`);
    }
    const label = TWILIO_ORIGIN.exec(parsed.origin)?.[1];
    const target =
      label !== undefined && this.overrideFor(label) !== undefined
        ? this.baseUrl(label) + parsed.pathname + parsed.search
        : url;
    return this.send(target, {
      headers: this.headersFor(headers),
      signal: signal ?? null,
    });
  }

  private overrideFor(host: string): string | undefined {
    return this.baseUrls.get(host) ?? this.baseUrls.get("*");
  }

  private headersFor(extra: Record<string, string | undefined> = {}): Headers {
    const headers = new Headers({
      Accept: "application/json",
      "User-Agent": this.userAgent,
    });
    if (this.authorization) headers.set("Authorization", this.authorization);
    for (const [name, value] of Object.entries(extra)) {
      if (value === undefined) continue;
      // Headers would silently trim a trailing CR/LF; refuse it instead.
      if (/[\r\n]/.test(value)) {
        throw new TypeError(`Header "${name}" contains a CR or LF character`);
      }
      headers.set(name, value);
    }
    return headers;
  }

  private async send(url: string, init: RequestInit): Promise<ApiResponse> {
    const response = await this.fetchFn(url, init);
    const body = await readBody(response);
    if (response.status >= 400) {
      throw exceptionFromResponse(response.status, response.headers, body);
    }
    return { status: response.status, headers: response.headers, body };
  }
}

/** JSON when the content type says so, text otherwise, undefined if empty. */
async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  const contentType = response.headers.get("Content-Type") ?? "";
  if (!contentType.toLowerCase().includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text; // Malformed JSON: keep the text rather than lose the status.
  }
}
