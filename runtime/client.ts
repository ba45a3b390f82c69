import { rateLimitDelay, sleep } from "./backoff.js";
import { ConnectionError, RefusedPageLinkError, RequestTimeoutError, ResponseTooLargeError } from "./errors.js";
import { regionalHostname } from "./hosts.js";
import { clientLimits, clientSettings } from "./options.js";
import type { ClientLimits, ClientOptions, ClientSettings, SdkDescription } from "./options.js";
import { responseBody } from "./response.js";
import type { RawResponse } from "./response.js";
import { encodeParams } from "./serialize.js";
import type { ParamRecord } from "./serialize.js";
import { chooseTransport } from "./transport.js";
import { AttemptTimeout } from "./wire.js";
import type { Transport } from "./wire.js";

export type { ClientOptions, SdkDescription } from "./options.js";

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
  /** A 3xx with a JSON body is the result (the operation's spec declares it), never followed. */
  redirectIsResult?: boolean;
  signal?: AbortSignal;
}

/** What a request carries besides its target and body, also sent again for each page link. */
type RequestHeaders = Pick<ApiRequest, "headers" | "auth" | "accept">;

/** One request on the wire: what the transport gets, plus what errors name. */
interface Outgoing {
  method: HttpMethod;
  url: string;
  /** Names in lower case, values checked as Headers checks them (see WireRequest). */
  headers: Record<string, string>;
  body?: string;
  redirectIsResult?: boolean;
  signal: AbortSignal | undefined;
}

/** The schemes of an operation that names none. */
const BASIC_ONLY: readonly AuthScheme[] = ["basic"];

/** Most host labels whose base URL a client keeps (see baseUrl). */
const MAX_KNOWN_HOSTS = 256;

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

/**
 * Sends the SDK's requests. Credentials live in private fields, so neither util.inspect,
 * console.log nor JSON.stringify of the client (or of the contexts, pages and instances that
 * hold it) shows them.
 */
export class ApiClient {
  readonly accountSid: string | undefined;
  readonly region: string | undefined;
  readonly edge: string | undefined;
  /** How many pages one `each()` / `list()` (or `for await` over a page) reads at most: the `maxPages` option. */
  readonly maxPages: number;
  readonly #settings: ClientSettings;
  readonly #limits: ClientLimits;
  readonly #overrideOrigins: Set<string>;
  readonly #transport: Transport;
  /** baseUrl's answers by host label: the settings never change, and every request asks. */
  readonly #baseUrls = new Map<string, string>();

  /** `sdk` is what the generated root client knows: its host labels, name and version. */
  constructor(options: ClientOptions = {}, sdk: SdkDescription = {}) {
    this.#settings = clientSettings(options, sdk);
    ({ accountSid: this.accountSid, region: this.region, edge: this.edge } = this.#settings);
    this.#limits = clientLimits(options);
    this.maxPages = this.#limits.maxPages;
    this.#overrideOrigins = new Set([...this.#settings.baseUrls.values()].map((base) => new URL(base).origin));
    this.#transport = chooseTransport(options.transport ?? "auto", options.fetch);
  }

  /** Base URL for a host label, without a trailing slash: an override, else the (regional) Twilio host. */
  baseUrl(host: string): string {
    let base = this.#baseUrls.get(host);
    if (base === undefined) {
      const { edge, region } = this.#settings;
      base = this.#overrideFor(host) ?? `https://${regionalHostname(`${host}.twilio.com`, edge, region)}`;
      // Generated operations name a few dozen labels; a caller's own labels are answered, not kept.
      if (this.#baseUrls.size < MAX_KNOWN_HOSTS) this.#baseUrls.set(host, base);
    }
    return base;
  }

  async request(request: ApiRequest): Promise<ApiResponse> {
    if (request.form && request.json) {
      throw new TypeError("An ApiRequest has either a form or a json body");
    }
    const headers = await this.#headersFor(request, request.method, request.path);
    let body: string | undefined;
    if (request.form) {
      body = encodeParams(request.form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    } else if (request.json && request.json.value !== undefined) {
      // No body given: send none, rather than an empty body labelled JSON.
      body = JSON.stringify(request.json.value);
      headers["content-type"] = request.json.contentType;
    }
    const query = request.query === undefined ? "" : encodeParams(request.query).toString();
    const url = this.baseUrl(request.host) + request.path;
    // Awaited: an async function that returns a promise takes more turns of the queue to settle.
    return await this.#send({
      method: request.method,
      url: query ? `${url}?${query}` : url,
      headers,
      ...(body !== undefined && { body }),
      ...(request.redirectIsResult && { redirectIsResult: true }),
      signal: request.signal,
    });
  }

  /**
   * GETs an absolute page link with the headers and authentication of the first page's request.
   * A `https://<label>.twilio.com` origin goes to the override of that label when there is one,
   * keeping path and query, else gets the client's region and edge.
   */
  async requestUrl(url: string, first: RequestHeaders & Pick<ApiRequest, "signal"> = {}): Promise<ApiResponse> {
    // A relative link (`//host/...`, `/path`) has no host of its own to check: refused, not guessed.
    const parsed = absoluteUrl(url);
    if (parsed === undefined || !/^https?:$/.test(parsed.protocol)) {
      throw new RefusedPageLinkError(url, "it is not an absolute http(s) URL");
    }
    // Credentials go only to Twilio or to a configured override.
    const isTwilio = parsed.protocol === "https:" && parsed.hostname.endsWith(".twilio.com");
    if (!isTwilio && !this.#overrideOrigins.has(parsed.origin)) {
      throw new RefusedPageLinkError(url, `${parsed.origin} is neither a Twilio host nor one of the client's baseUrls`);
    }
    let target = url;
    if (isTwilio) {
      const label = parsed.hostname.split(".")[0]!;
      const override = this.#overrideFor(label);
      const { edge, region } = this.#settings;
      target =
        override !== undefined
          ? override + parsed.pathname + parsed.search
          : `https://${regionalHostname(parsed.hostname, edge, region)}${parsed.pathname}${parsed.search}`;
    }
    return await this.#send({
      method: "GET",
      url: target,
      headers: await this.#headersFor(first, "GET", parsed.pathname),
      signal: first.signal,
    });
  }

  #overrideFor(host: string): string | undefined {
    const { baseUrls } = this.#settings;
    return baseUrls.get(host) ?? baseUrls.get("*");
  }

  /**
   * Validates the request's own headers before anything else, so a bad value never reaches the
   * network. A plain record, not Headers: building a Headers per request costs more than the rest
   * of the headers' work, and both transports take a record as it is. A promise only for a bearer
   * token: with basic credentials, no async function runs here for nothing to wait for.
   */
  #headersFor(
    request: RequestHeaders,
    method: string,
    path: string,
  ): Record<string, string> | Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      accept: request.accept ?? "application/json",
      "user-agent": this.#settings.userAgent,
    };
    if (request.headers !== undefined) {
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = checkedHeader(name, value);
      }
    }
    const authorization = this.#authorizationFor(request.auth ?? BASIC_ONLY, method, path);
    if (typeof authorization === "string") headers.authorization = authorization;
    else if (authorization !== undefined) {
      return authorization.then((bearer) => {
        headers.authorization = bearer;
        return headers;
      });
    }
    return headers;
  }

  /** The first of the operation's schemes this client has credentials for. */
  #authorizationFor(
    schemes: readonly AuthScheme[],
    method: string,
    path: string,
  ): string | Promise<string> | undefined {
    const { basicAuthorization, accessToken, unauthenticated } = this.#settings;
    for (const scheme of schemes) {
      if (scheme === "none") return undefined;
      if (scheme === "basic" && basicAuthorization !== undefined) return basicAuthorization;
      if (scheme === "bearer" && accessToken !== undefined) {
        return this.#currentToken().then((token) => `Bearer ${token}`);
      }
    }
    // A client made for a local mock sends no credentials; one with the wrong kind would only earn a 401.
    if (unauthenticated) return undefined;
    const wanted = schemes.map((scheme) => CREDENTIALS[scheme as keyof typeof CREDENTIALS]).join(" or ");
    throw new TypeError(`${method} ${path} needs ${wanted}, and the client was not given it; nothing was sent`);
  }

  async #currentToken(): Promise<string> {
    const { accessToken } = this.#settings;
    const token = typeof accessToken === "function" ? await accessToken() : accessToken;
    // Visible ASCII only: Headers would reject anything else in a message that repeats the token.
    if (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token)) {
      throw new TypeError("accessToken must be a non-empty string without CR or LF characters, spaces or controls");
    }
    return token;
  }

  /**
   * Sends `outgoing`, retrying a 429 as the settings allow (a 429 was not acted on, so any method may
   * repeat), and a read once whose connection was reset.
   */
  async #send(outgoing: Outgoing): Promise<ApiResponse> {
    const { maxRetries, maxRetryDelay } = this.#settings;
    const expected = {
      method: outgoing.method,
      url: withoutCredentials(outgoing.url),
      accept: outgoing.headers.accept!,
      redirectIsResult: outgoing.redirectIsResult === true,
    };
    const { observer } = this.#settings;
    let resent = false;
    for (let retry = 0; ; retry += 1) {
      // Hooks run outside the attempt, so that neither their time nor their errors count as the network's.
      const sent =
        observer &&
        (await observer.request(
          outgoing.method,
          outgoing.url,
          new Headers(outgoing.headers),
          outgoing.body,
          retry + 1,
        ));
      let response: RawResponse;
      try {
        response = await this.#attempt(outgoing, expected.url);
      } catch (error) {
        if (resent || !isResetRead(outgoing.method, error)) throw error;
        resent = true;
        continue;
      }
      if (sent) await observer!.response(sent, response.status, response.headers, response.text);
      const rateLimited = retry - (resent ? 1 : 0);
      const delay =
        response.status === 429 && rateLimited < maxRetries
          ? rateLimitDelay(response.headers, rateLimited + 1, maxRetryDelay)
          : undefined;
      if (delay === undefined) {
        return { status: response.status, headers: response.headers, body: responseBody(response, expected) };
      }
      await sleep(delay, outgoing.signal);
    }
  }

  /**
   * One request, body included (at most `maxResponseBytes` of it), within the timeout; redirects
   * come back as responses, never followed.
   */
  async #attempt(outgoing: Outgoing, shownUrl: string): Promise<RawResponse> {
    const { timeout } = this.#settings;
    const { maxResponseBytes } = this.#limits;
    const caller = outgoing.signal;
    try {
      return await this.#transport({
        method: outgoing.method,
        url: outgoing.url,
        headers: outgoing.headers,
        body: outgoing.body,
        signal: caller,
        timeout,
        maxBytes: maxResponseBytes,
        tooLarge: (status, headers) =>
          new ResponseTooLargeError({ method: outgoing.method, url: shownUrl, status, headers, maxResponseBytes }),
      });
    } catch (error) {
      if (error instanceof ResponseTooLargeError) throw error;
      if (caller?.aborted) throw caller.reason;
      if (error instanceof AttemptTimeout) {
        throw new RequestTimeoutError(outgoing.method, shownUrl, timeout, error.cause);
      }
      throw new ConnectionError(outgoing.method, shownUrl, error);
    }
  }
}

/** A header's name and value as Headers would take them: a bad one is a TypeError, not a broken request. */
function checkedHeader(name: string, value: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new TypeError(`"${name}" is not a valid header name`);
  // Headers would silently trim a trailing CR/LF; refuse it instead.
  if (/[\r\n]/.test(value)) {
    throw new TypeError(`Header "${name}" contains a CR or LF character`);
  }
  if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) {
    throw new TypeError(`Header "${name}" contains a control character or one beyond U+00FF`);
  }
  // Leading and trailing blanks are not part of a header's value (Headers trims them too).
  return value.replace(/^[\t ]+|[\t ]+$/g, "");
}

/** Error codes of a connection the other side reset or closed: Node's sockets, undici, Bun. */
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);

/**
 * Whether a read (GET, HEAD) failed because its connection was reset: repeated once, at once. A
 * server closing an idle kept-alive connection just as a request goes out on it resets it, and a
 * read is safe to repeat; a write is not, as the server may have acted on it.
 */
function isResetRead(method: string, error: unknown): boolean {
  if ((method !== "GET" && method !== "HEAD") || !(error instanceof ConnectionError)) return false;
  if (error instanceof RequestTimeoutError) return false;
  for (
    let cause: unknown = error.cause, depth = 0;
    typeof cause === "object" && cause !== null && depth < 5;
    depth += 1
  ) {
    if (RESET_CODES.has(String((cause as { code?: unknown }).code))) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** A URL as errors show it: any user name and password in it removed. */
function withoutCredentials(url: string): string {
  // Only a URL with a user part can hold credentials; parsing every request's URL costs time.
  if (!url.includes("@")) return url;
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.href;
}

/** `text` parsed as an absolute URL, or undefined (URL.canParse is too recent for some runtimes). */
function absoluteUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
