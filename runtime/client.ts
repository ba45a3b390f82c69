import { exceptionFromResponse } from "./errors.js";
import { encodeParams } from "./serialize.js";
import type { ParamRecord } from "./serialize.js";

export interface ClientOptions {
  accountSid?: string;
  authToken?: string;
  apiKey?: string;
  apiSecret?: string;
  /**
   * An OAuth 2 access token, for the operations whose spec requires one (Organizations): the token,
   * or a function asked before each such request, so that it can hand out a refreshed token.
   */
  accessToken?: string | (() => string | Promise<string>);
  /** Host label (e.g. `sync`, `flex-api`) or `"*"` → base URL to use instead. */
  baseUrls?: Record<string, string>;
  fetch?: typeof fetch;
  userAgent?: string;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** How a request may authenticate: HTTP Basic, an OAuth 2 bearer token, or not at all. */
export type AuthScheme = "basic" | "bearer" | "none";

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
  /** The schemes the operation accepts, in the spec's order; HTTP Basic when absent. */
  auth?: readonly AuthScheme[];
  /** The Accept header; `application/json` when absent. */
  accept?: string;
  signal?: AbortSignal;
}

/** What a request carries besides its target and body, also sent again for each page link. */
type RequestHeaders = Pick<ApiRequest, "headers" | "auth" | "accept">;

const CREDENTIALS: Record<Exclude<AuthScheme, "none">, string> = {
  basic: "`accountSid` and `authToken` (or `apiKey` and `apiSecret`)",
  bearer: "`accessToken` (an OAuth 2 access token)",
};

/** One response; headers are returned per call, never kept on the client. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

const TWILIO_ORIGIN = /^https:\/\/([a-z0-9-]+)\.twilio\.com$/;

export class ApiClient {
  readonly accountSid: string | undefined;
  private readonly basicAuthorization: string | undefined;
  private readonly accessToken: ClientOptions["accessToken"];
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
    this.basicAuthorization = user && password ? `Basic ${btoa(`${user}:${password}`)}` : undefined;
    this.accessToken = options.accessToken;
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
    if (request.form && request.json) {
      throw new TypeError("An ApiRequest has either a form or a json body");
    }
    const headers = await this.headersFor(request, `${request.method} ${request.path}`);
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
   * GETs an absolute page link with the headers and authentication of the first page's request.
   * A `https://<label>.twilio.com` origin is rewritten when baseUrls overrides that label,
   * keeping path and query.
   */
  async requestUrl(url: string, first: RequestHeaders & Pick<ApiRequest, "signal"> = {}): Promise<ApiResponse> {
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
      headers: await this.headersFor(first, `GET ${parsed.pathname}`),
      signal: first.signal ?? null,
    });
  }

  private overrideFor(host: string): string | undefined {
    return this.baseUrls.get(host) ?? this.baseUrls.get("*");
  }

  /** Validates the request's own headers before anything else, so a bad value never reaches the network. */
  private async headersFor(request: RequestHeaders, target: string): Promise<Headers> {
    const headers = new Headers({
      Accept: request.accept ?? "application/json",
      "User-Agent": this.userAgent,
    });
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (value === undefined) continue;
      // Headers would silently trim a trailing CR/LF; refuse it instead.
      if (/[\r\n]/.test(value)) {
        throw new TypeError(`Header "${name}" contains a CR or LF character`);
      }
      headers.set(name, value);
    }
    const authorization = await this.authorizationFor(request.auth ?? ["basic"], target);
    if (authorization !== undefined) headers.set("Authorization", authorization);
    return headers;
  }

  /** The first of the operation's schemes this client has credentials for. */
  private async authorizationFor(schemes: readonly AuthScheme[], target: string): Promise<string | undefined> {
    for (const scheme of schemes) {
      if (scheme === "none") return undefined;
      if (scheme === "basic" && this.basicAuthorization !== undefined) return this.basicAuthorization;
      if (scheme === "bearer" && this.accessToken !== undefined) return `Bearer ${await this.currentToken()}`;
    }
    // A client without any credentials talks to a local mock; one with the wrong kind would only earn a 401.
    if (this.basicAuthorization === undefined && this.accessToken === undefined) return undefined;
    const wanted = schemes.map((scheme) => CREDENTIALS[scheme as keyof typeof CREDENTIALS]).join(" or ");
    throw new TypeError(`${target} needs ${wanted}, and the client was not given it; nothing was sent`);
  }

  private async currentToken(): Promise<string> {
    const token = typeof this.accessToken === "function" ? await this.accessToken() : this.accessToken;
    if (typeof token !== "string" || token === "" || /[\r\n]/.test(token)) {
      throw new TypeError("accessToken must be a non-empty string without CR or LF characters");
    }
    return token;
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
