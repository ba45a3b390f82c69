import { requestObserver } from "./debugging.js";
import type { Logger, LogLevel, RequestDetails, RequestObserver, ResponseDetails } from "./debugging.js";
import { SDK_NAME, SDK_VERSION } from "./sdk.js";
import { MAX_TIMER_MS } from "./wire.js";

/**
 * How a client is set up; names follow twilio-node's where it has the option. `Host` is the SDK's
 * host labels (its `HostLabel`), so a misspelt `baseUrls` key is a compile error.
 */
export interface ClientOptions<Host extends string = string> {
  /**
   * The default account: its resources are the ones `twilio.calls`, `twilio.messages`, ... reach.
   * Default: `username` when that is an account SID, else `TWILIO_ACCOUNT_SID`.
   */
  accountSid?: string;
  /**
   * Who authenticates, as twilio-node's first argument: an account SID (a parent of the default
   * account, for subaccounts) or an API key SID, with `password` (its Auth Token or key secret).
   */
  username?: string;
  /** The secret of `username`. */
  password?: string;
  /** Default: `TWILIO_AUTH_TOKEN`, when no `apiKey`, `apiSecret` or `authToken` is given. */
  authToken?: string;
  /** Default: `TWILIO_API_KEY`, when no `apiKey`, `apiSecret` or `authToken` is given. */
  apiKey?: string;
  /** Default: `TWILIO_API_SECRET`, when no `apiKey`, `apiSecret` or `authToken` is given. */
  apiSecret?: string;
  /**
   * An OAuth 2 access token, for the operations whose spec requires one (Organizations): the token,
   * or a function asked before each such request, so that it can hand out a refreshed token.
   */
  accessToken?: string | (() => string | Promise<string>);
  /**
   * Sends no credentials at all, and reads none from the environment: for a local mock. Without
   * it, a client that finds no credentials throws a TypeError when it is created.
   */
  unauthenticated?: boolean;
  /** Where the `TWILIO_*` variables are read; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Twilio region, e.g. `au1`; default `TWILIO_REGION`, else `us1` when an edge is given. */
  region?: string;
  /** Twilio edge location, e.g. `sydney`; default `TWILIO_EDGE`. */
  edge?: string;
  /** Host label (e.g. `sync`, `flex-api`) or `"*"` → base URL to use instead. */
  baseUrls?: { readonly [Label in Host | "*"]?: string };
  /** Milliseconds one attempt may take, response body included; default 30000. */
  timeout?: number;
  /** Whether a 429 (Too Many Requests) is retried; default true. */
  autoRetry?: boolean;
  /** Retries of a 429 before its RestException is thrown; default 3, 0 turns retrying off. */
  maxRetries?: number;
  /** Longest wait before a retry, in milliseconds; default 3000. A longer Retry-After is not waited for. */
  maxRetryDelay?: number;
  /**
   * Largest response body read, in bytes; a larger one stops with a ResponseTooLargeError. Default
   * 52428800 (50 MiB), at most 524288000 (500 MiB: a JavaScript string holds little more).
   */
  maxResponseBytes?: number;
  /** Most pages one `each()` / `list()` reads before a TooManyPagesError; default 10000. */
  maxPages?: number;
  /** Words appended to the User-Agent, e.g. `["my-app/1.2"]`. */
  userAgentExtensions?: string[];
  /** Replaces `<sdk>/<version> (<platform> <arch>) node/<version>` (the extensions are still appended). */
  userAgent?: string;
  /**
   * The fetch to send requests with; default `globalThis.fetch`. A test double's (`<sdk>/testing`)
   * goes here, and so does a proxy-aware one, e.g. undici's with its EnvHttpProxyAgent.
   */
  fetch?: typeof fetch;
  /**
   * How requests are sent. `"auto"` (default): on Node, Node's own HTTP client (node:http and
   * node:https with their keep-alive global agents: less time per request than fetch), unless a
   * `fetch` is given; fetch on every other runtime. `"fetch"`: always fetch.
   */
  transport?: "auto" | "fetch";
  /**
   * `"debug"` logs each request (method, URL, headers) and response (status, headers), credentials
   * redacted, to `logger`; default `TWILIO_LOG_LEVEL` (any case). The other levels log nothing.
   */
  logLevel?: LogLevel;
  /** Where `logLevel: "debug"` writes: an object with a `debug` (or `log`) method; default console.log. */
  logger?: Logger;
  /**
   * Called before each attempt is sent (a retried 429 again), with the request, credentials
   * redacted. If it throws (or rejects), nothing is sent and the call rejects with a HookError.
   */
  onRequest?: (request: RequestDetails) => void | Promise<void>;
  /**
   * Called with each response, body read, before it becomes a result or an error. If it throws (or
   * rejects), the call rejects with a HookError that names the status: the request was sent.
   */
  onResponse?: (response: ResponseDetails) => void | Promise<void>;
}

/** What the generated SDK tells its client about itself. */
export interface SdkDescription {
  /** Package name and version for the User-Agent. */
  name?: string;
  version?: string;
  /** The host labels the SDK's operations use: the valid `baseUrls` keys besides `"*"`. */
  hosts?: readonly string[];
}

/** The options, checked, with defaults and the environment applied. */
export interface ClientSettings {
  accountSid: string | undefined;
  basicAuthorization: string | undefined;
  accessToken: ClientOptions["accessToken"];
  unauthenticated: boolean;
  region: string | undefined;
  edge: string | undefined;
  baseUrls: Map<string, string>;
  timeout: number;
  maxRetries: number;
  maxRetryDelay: number;
  userAgent: string;
  /** The hooks and the debug log; undefined when the client has neither. */
  observer: RequestObserver | undefined;
}

/** What the client reads at most, checked, with defaults applied. */
export interface ClientLimits {
  maxResponseBytes: number;
  maxPages: number;
}

const DEFAULTS = {
  timeout: 30_000,
  maxRetries: 3,
  maxRetryDelay: 3000,
  maxResponseBytes: 50 * 1024 * 1024,
  maxPages: 10_000,
} as const;
/** Above this a body could not become one string anyway (V8 strings stop near 2^29 characters). */
const MAX_RESPONSE_BYTES = 500 * 1024 * 1024;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

interface Platform {
  env?: Record<string, string | undefined>;
  platform?: string;
  arch?: string;
  version?: string;
}
/** Node's `process`, read without depending on Node's types; absent in other runtimes. */
const platform = (): Platform => (globalThis as { process?: Platform }).process ?? {};

/**
 * The process's environment for the `TWILIO_*` variables. A runtime may refuse a read (Deno without
 * `--allow-env` throws): a refused variable counts as unset, so options alone still make a client.
 */
export function processEnv(): Record<string, string | undefined> {
  const env = platform().env;
  if (env === undefined) return {};
  const read = (name: string | symbol) => {
    try {
      return typeof name === "string" ? env[name] : undefined;
    } catch {
      return undefined;
    }
  };
  return new Proxy({}, { get: (_target, name) => read(name) });
}

export function clientSettings(options: ClientOptions, sdk: SdkDescription): ClientSettings {
  const environment = options.env ?? processEnv();
  const env = options.unauthenticated ? {} : environment;
  const region = options.region ?? env.TWILIO_REGION;
  const edge = options.edge ?? env.TWILIO_EDGE;
  for (const [name, value] of [
    ["region", region],
    ["edge", edge],
  ] as const) {
    if (value !== undefined && !HOST_LABEL.test(value)) {
      throw new TypeError(`${name} must be a DNS label such as "au1" or "sydney" (lowercase letters, digits, -)`);
    }
  }
  const maxRetries = options.autoRetry === false ? 0 : (options.maxRetries ?? DEFAULTS.maxRetries);
  return {
    ...credentials(options, env),
    unauthenticated: options.unauthenticated === true,
    region,
    edge,
    baseUrls: checkedBaseUrls(options.baseUrls ?? {}, sdk.hosts),
    timeout: checkedNumber("timeout", options.timeout ?? DEFAULTS.timeout, 1, MAX_TIMER_MS),
    maxRetries: checkedNumber("maxRetries", maxRetries, 0, 100),
    maxRetryDelay: checkedNumber("maxRetryDelay", options.maxRetryDelay ?? DEFAULTS.maxRetryDelay, 0, MAX_TIMER_MS),
    userAgent: userAgent(options, sdk),
    // The log level is no credential: read even by a client made for a local mock.
    observer: requestObserver(options, environment),
  };
}

const NO_CREDENTIALS =
  "The client has no credentials: pass `accountSid` and `authToken` (or `apiKey` and `apiSecret`, or " +
  "`accessToken`), or set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET). " +
  "For a local mock, pass `unauthenticated: true`. Nothing was sent.";

/**
 * Given secrets win over the environment as a whole, so a key pair in the environment never
 * replaces an auth token passed in code; within either source an API key pair wins over the token.
 * `username` and `password` authenticate apart from the default account, as in twilio-node.
 */
function credentials(options: ClientOptions, env: Record<string, string | undefined>) {
  const { accessToken } = options;
  if (options.unauthenticated) {
    const any = [options.apiKey, options.apiSecret, options.authToken, options.username, options.password];
    if (any.some((value) => value !== undefined) || options.accountSid !== undefined || accessToken !== undefined) {
      throw new TypeError("`unauthenticated: true` and credentials exclude each other; pass one or the other");
    }
    return { accountSid: undefined, basicAuthorization: undefined, accessToken: undefined };
  }
  const { accountSid, pair } =
    options.username !== undefined || options.password !== undefined ? userPair(options) : accountPair(options, env);
  // As twilio-node checks: a key or another SID here would only earn a 401 or a 404 later.
  if (accountSid !== undefined && !accountSid.startsWith("AC")) {
    const hint = accountSid.startsWith("SK")
      ? "; an API key SID goes in `apiKey` (or `username`), with its account in `accountSid`"
      : "";
    throw new TypeError(`accountSid must start with AC${hint}`);
  }
  if (pair === undefined && accessToken === undefined) throw new TypeError(NO_CREDENTIALS);
  return { accountSid, basicAuthorization: pair && basicAuthorization(pair[0], pair[1]), accessToken };
}

/** `username` and `password`: they authenticate, and the default account is `accountSid`, else `username`. */
function userPair(options: ClientOptions) {
  const { username, password } = options;
  if (!username || !password) throw new TypeError("`username` and `password` go together; one is missing");
  if (options.apiKey !== undefined || options.apiSecret !== undefined || options.authToken !== undefined) {
    throw new TypeError("`username` and `password` replace `authToken` and `apiKey`/`apiSecret`; pass one of the two");
  }
  return { accountSid: options.accountSid ?? username, pair: [username, password] as const };
}

/** `authToken`, or `apiKey` and `apiSecret`, from the options or else from the environment. */
function accountPair(options: ClientOptions, env: Record<string, string | undefined>) {
  const accountSid = options.accountSid ?? env.TWILIO_ACCOUNT_SID;
  const given = options.apiKey !== undefined || options.apiSecret !== undefined || options.authToken !== undefined;
  const [apiKey, apiSecret, authToken] = given
    ? [options.apiKey, options.apiSecret, options.authToken]
    : [env.TWILIO_API_KEY, env.TWILIO_API_SECRET, env.TWILIO_AUTH_TOKEN];
  if (!apiKey !== !apiSecret) {
    throw new TypeError("`apiKey` and `apiSecret` go together (TWILIO_API_KEY and TWILIO_API_SECRET); one is missing");
  }
  if (!apiKey && authToken && !accountSid) {
    throw new TypeError("`authToken` needs `accountSid` (or TWILIO_ACCOUNT_SID)");
  }
  const pair =
    apiKey && apiSecret
      ? ([apiKey, apiSecret] as const)
      : accountSid && authToken
        ? ([accountSid, authToken] as const)
        : undefined;
  return { accountSid, pair };
}

/**
 * A client's constructor arguments in twilio-node's forms, as options: `(options?)`, or
 * `(username?, password?, options?)` where a missing one is read from the environment
 * (`TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN`) as twilio-node reads it.
 */
export function clientOptionsFrom(args: readonly unknown[]): ClientOptions {
  const [first, second, third] = args;
  if (first !== undefined && first !== null && typeof first === "object" && args.length <= 1) return first;
  if ((first === undefined || typeof first === "string") && (second === undefined || typeof second === "string")) {
    if (third !== undefined && (third === null || typeof third !== "object")) throw formsError(third);
    const options = (third ?? {}) as ClientOptions;
    if (first === undefined && second === undefined) return options;
    const env = options.env ?? processEnv();
    return {
      ...options,
      username: first ?? env.TWILIO_ACCOUNT_SID,
      password: second ?? env.TWILIO_AUTH_TOKEN,
    };
  }
  throw formsError(first);
}

function formsError(given: unknown): TypeError {
  const what = given === null ? "null" : typeof given;
  return new TypeError(
    `a client takes (options) or (username, password, options), as twilio-node's does; got ${what} ` +
      `where ${typeof given === "function" ? "options go (this SDK returns Promises and takes no callbacks)" : "they go"}`,
  );
}

/** HTTP Basic of UTF-8 `user:password`, as twilio-node sends it. */
function basicAuthorization(user: string, password: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(`${user}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

function checkedBaseUrls(
  baseUrls: NonNullable<ClientOptions["baseUrls"]>,
  hosts: readonly string[] | undefined,
): Map<string, string> {
  const checked = new Map<string, string>();
  for (const [label, base] of Object.entries(baseUrls)) {
    if (base === undefined) continue; // an optional key left unset, as under exactOptionalPropertyTypes
    if (hosts !== undefined && label !== "*" && !hosts.includes(label)) {
      const valid = ["*", ...hosts].map((host) => JSON.stringify(host)).join(", ");
      throw new TypeError(
        `baseUrls has the key ${JSON.stringify(label)}, which is no host of this SDK; valid keys: ${valid}`,
      );
    }
    let url: URL | undefined;
    try {
      url = new URL(base);
    } catch {
      url = undefined;
    }
    if (url === undefined || !/^https?:$/.test(url.protocol) || url.username !== "" || url.password !== "") {
      throw new TypeError(`baseUrls[${JSON.stringify(label)}] must be an http(s) URL without credentials`);
    }
    checked.set(label, base.replace(/\/+$/, ""));
  }
  return checked;
}

/** The limits of `options` with their defaults; a RangeError names one out of range. */
export function clientLimits(options: ClientOptions): ClientLimits {
  const { maxResponseBytes = DEFAULTS.maxResponseBytes, maxPages = DEFAULTS.maxPages } = options;
  return {
    maxResponseBytes: checkedNumber("maxResponseBytes", maxResponseBytes, 1, MAX_RESPONSE_BYTES),
    maxPages: checkedNumber("maxPages", maxPages, 1, Number.MAX_SAFE_INTEGER),
  };
}

function checkedNumber(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** `<sdk>/<version> (<platform> <arch>) node/<version>` and the extensions, as twilio-node builds it. */
function userAgent(options: ClientOptions, sdk: SdkDescription): string {
  const { platform: os = "unknown", arch = "unknown", version = "unknown" } = platform();
  const base =
    options.userAgent ?? `${sdk.name ?? SDK_NAME}/${sdk.version ?? SDK_VERSION} (${os} ${arch}) node/${version}`;
  const text = [base, ...(options.userAgentExtensions ?? [])].join(" ");
  // Headers would reject (or trim) these later, in a message that repeats the value.
  if (/[^\x20-\x7e]/.test(text)) {
    throw new TypeError("userAgent and userAgentExtensions must be printable ASCII (no CR, LF or other controls)");
  }
  return text;
}
