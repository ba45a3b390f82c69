import { HookError } from "./errors.js";

/**
 * What a client logs. Only `"debug"` writes anything (each request and response); the others are
 * accepted so that a level set for the whole application, as twilio-node accepts it, is no error.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Where `logLevel: "debug"` writes: console, or a logger such as pino or winston (its `debug` is used). */
export type Logger = { debug(message: string): void } | { log(message: string): void };

/**
 * One request as sent, given to `onRequest` and shown by the debug log. Credentials are redacted
 * (see REDACTED); `headers` is a copy, so changing it changes nothing that is sent.
 */
export interface RequestDetails {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  /** The form or JSON text sent, if any; never redacted (it is what the caller passed). */
  readonly body: string | undefined;
  /** 1 for the first attempt, 2 and up for the retries of a 429. */
  readonly attempt: number;
}

/** One response as received, body read, before it becomes a result or an error; given to `onResponse`. */
export interface ResponseDetails {
  readonly status: number;
  /** A copy, credentials (Set-Cookie) redacted. */
  readonly headers: Headers;
  /** The body's text (at most `maxResponseBytes`). */
  readonly body: string;
  readonly request: RequestDetails;
}

/** The debugging options of ClientOptions. */
export interface DebugOptions {
  logLevel?: LogLevel | undefined;
  logger?: Logger | undefined;
  onRequest?: ((request: RequestDetails) => void | Promise<void>) | undefined;
  onResponse?: ((response: ResponseDetails) => void | Promise<void>) | undefined;
}

/** What stands for a redacted value. */
export const REDACTED = "[redacted]";
const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];
/** Headers that carry credentials whatever their name says. */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);
/** Header and query parameter names that say they hold a secret (`PageToken` is a page cursor, kept). */
const SECRET_NAME = /secret|password|passwd|signature|api[-_]?key|(?:^|[-_])token$|auth[-_]?token|access[-_]?token/i;

/** Calls the hooks and writes the debug log around each attempt; absent when neither is asked for. */
export interface RequestObserver {
  /** Before an attempt is sent; what it returns goes to `response`. */
  request(
    method: string,
    url: string,
    headers: Headers,
    body: string | undefined,
    attempt: number,
  ): Promise<RequestDetails>;
  response(request: RequestDetails, status: number, headers: Headers, body: string): Promise<void>;
}

/**
 * The observer for `options`, or undefined when there is nothing to do, so that a client without
 * logging or hooks pays nothing per request. `TWILIO_LOG_LEVEL` (any case) applies when `logLevel`
 * is not given.
 */
export function requestObserver(
  options: DebugOptions,
  env: Record<string, string | undefined>,
): RequestObserver | undefined {
  const level = logLevelOf(options.logLevel, env.TWILIO_LOG_LEVEL);
  const { onRequest, onResponse } = options;
  for (const [name, hook] of [
    ["onRequest", onRequest],
    ["onResponse", onResponse],
  ] as const) {
    if (hook !== undefined && typeof hook !== "function") throw new TypeError(`${name} must be a function`);
  }
  // The logger is checked even when the level leaves it unused, so that a wrong one shows at once.
  const logger = writerFor(options.logger);
  const write = level === "debug" ? logger : undefined;
  if (write === undefined && onRequest === undefined && onResponse === undefined) return undefined;
  return {
    async request(method, url, headers, body, attempt) {
      const details: RequestDetails = {
        method,
        url: redactedUrl(url),
        headers: redactedHeaders(headers),
        body,
        attempt,
      };
      if (write !== undefined) await guarded("logger", details, undefined, () => logRequest(write, details));
      if (onRequest !== undefined) await guarded("onRequest", details, undefined, () => onRequest(details));
      return details;
    },
    async response(request, status, headers, body) {
      const details: ResponseDetails = { status, headers: redactedHeaders(headers), body, request };
      if (write !== undefined) await guarded("logger", request, status, () => logResponse(write, details));
      if (onResponse !== undefined) await guarded("onResponse", request, status, () => onResponse(details));
    },
  };
}

function logLevelOf(given: LogLevel | undefined, fromEnv: string | undefined): LogLevel | undefined {
  const valid = LOG_LEVELS.map((level) => JSON.stringify(level)).join(", ");
  if (given !== undefined) {
    if (!LOG_LEVELS.includes(given)) throw new TypeError(`logLevel must be one of ${valid}; got ${String(given)}`);
    return given;
  }
  if (fromEnv === undefined || fromEnv === "") return undefined;
  const level = fromEnv.toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new TypeError(`TWILIO_LOG_LEVEL must be one of ${valid} (any case); got ${JSON.stringify(fromEnv)}`);
  }
  return level;
}

/** The logger's `debug`, else its `log`; console.log by default, where twilio-node writes. */
function writerFor(logger: Logger | undefined): (line: string) => void {
  if (logger === undefined) return (line) => console.log(line);
  if (typeof logger !== "object" || logger === null) {
    throw new TypeError("logger must be an object with a debug or log method, such as console");
  }
  if ("debug" in logger && typeof logger.debug === "function") return (line) => logger.debug(line);
  if ("log" in logger && typeof logger.log === "function") return (line) => logger.log(line);
  throw new TypeError("logger must be an object with a debug or log method, such as console");
}

/** Lines as twilio-node's `logLevel: "debug"` writes them, with the header values it leaves out. */
function logRequest(write: (line: string) => void, request: RequestDetails): void {
  write(`-- BEGIN Twilio API Request --${request.attempt > 1 ? ` (attempt ${request.attempt})` : ""}`);
  write(`${request.method} ${request.url}`);
  write("Headers:");
  // forEach, not for-of: the SDK's own tsconfig has the DOM lib without DOM.Iterable.
  request.headers.forEach((value, name) => write(`${name}: ${value}`));
  write("-- END Twilio API Request --");
}

function logResponse(write: (line: string) => void, response: ResponseDetails): void {
  write(`response.statusCode: ${response.status}`);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  write(`response.headers: ${JSON.stringify(headers)}`);
}

/** Runs a hook (or the logger); what it throws or rejects with becomes a HookError. */
async function guarded(
  hook: HookError["hook"],
  request: RequestDetails,
  status: number | undefined,
  call: () => void | Promise<void>,
): Promise<void> {
  try {
    await call();
  } catch (error) {
    throw new HookError(hook, request.method, request.url, status, error);
  }
}

/** A copy of `headers` with the values of credential headers replaced (an Authorization keeps its scheme). */
export function redactedHeaders(headers: Headers): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    if (!SECRET_HEADERS.has(name) && !SECRET_NAME.test(name)) copy.append(name, value);
    else copy.append(name, name.endsWith("authorization") ? value.replace(/^(\S+\s).*$/s, `$1${REDACTED}`) : REDACTED);
  });
  return copy;
}

/** `url` without a user part, and with the values of query parameters named as secrets replaced. */
export function redactedUrl(url: string): string {
  if (!url.includes("@") && !url.includes("?")) return url;
  const parsed = new URL(url);
  // Rebuilt by hand, so that the rest of the query stays exactly as it was sent.
  const query = parsed.search
    .slice(1)
    .split("&")
    .map((pair) => {
      const name = pair.split("=")[0]!;
      return SECRET_NAME.test(decodeURIComponent(name.replace(/\+/g, " "))) ? `${name}=${REDACTED}` : pair;
    })
    .join("&");
  return `${parsed.origin}${parsed.pathname}${query === "" ? "" : `?${query}`}`;
}
