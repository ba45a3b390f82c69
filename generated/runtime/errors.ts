/** Everything known about a failed response; see RestException. */
export interface RestExceptionInit {
  status: number;
  message: string;
  code?: number | undefined;
  moreInfo?: string | undefined;
  details?: unknown;
  headers: Headers;
  body?: unknown;
  /** RFC 9457 problem details, from an `application/problem+json` body. */
  type?: string | undefined;
  title?: string | undefined;
  detail?: string | undefined;
  instance?: string | undefined;
}

/** An HTTP error response (status >= 400) from a Twilio API. */
export class RestException extends Error {
  readonly status: number;
  /** Twilio's error code, e.g. 20404; see moreInfo for its documentation. */
  readonly code: number | undefined;
  readonly moreInfo: string | undefined;
  readonly details: unknown;
  /** Headers of the failed response (e.g. the current ETag on a 412). */
  readonly headers: Headers;
  /** The parsed response body, or its text when it was not JSON. */
  readonly body: unknown;
  /** RFC 9457 (`application/problem+json`): a URI naming the kind of problem. */
  readonly type: string | undefined;
  /** RFC 9457: a short summary of the kind of problem. */
  readonly title: string | undefined;
  /** RFC 9457: what went wrong this time; the message when there is one. */
  readonly detail: string | undefined;
  /** RFC 9457: a URI naming this occurrence. */
  readonly instance: string | undefined;

  constructor(init: RestExceptionInit) {
    super(init.message);
    this.name = "RestException";
    this.status = init.status;
    this.code = init.code;
    this.moreInfo = init.moreInfo;
    this.details = init.details;
    this.headers = init.headers;
    this.body = init.body;
    this.type = init.type;
    this.title = init.title;
    this.detail = init.detail;
    this.instance = init.instance;
  }
}

/** HTTP 412: the If-Match ETag no longer matches; someone else changed it. */
export class PreconditionFailedException extends RestException {
  constructor(init: RestExceptionInit) {
    super(init);
    this.name = "PreconditionFailedException";
  }
}

/** HTTP 428: the API requires an If-Match header for this request. */
export class PreconditionRequiredException extends RestException {
  constructor(init: RestExceptionInit) {
    super(init);
    this.name = "PreconditionRequiredException";
  }
}

/**
 * Thrown by retryOnConflict (a generated `mutate`) when the current instance carries
 * no ETag: the server sent no ETag header, so there is nothing to put in If-Match and
 * a conditional update is impossible. Nothing was written.
 */
export class MissingETagError extends Error {
  constructor(
    message = "Cannot update conditionally: the response that produced the current instance has no ETag header, " +
      "so there is no value to send in If-Match. Nothing was written. To overwrite without a " +
      "concurrency check (the last write wins), call update() without ifMatch instead.",
  ) {
    super(message);
    this.name = "MissingETagError";
  }
}

/**
 * Builds the exception for an error response from Twilio's error body
 * `{ code, message, more_info, status, details }` or an RFC 9457 problem
 * `{ type, title, detail, instance }`, tolerating any other body. An `application/problem+json`
 * body takes its message from `detail`, else `title`; any other from `message` first.
 */
export function exceptionFromResponse(status: number, headers: Headers, body: unknown): RestException {
  const fields: Record<string, unknown> = typeof body === "object" && body !== null ? { ...body } : {};
  const text = (name: string) => (typeof fields[name] === "string" && fields[name] !== "" ? fields[name] : undefined);
  const isProblem = /^\s*application\/problem\+json\b/i.test(headers.get("Content-Type") ?? "");
  const message = isProblem
    ? (text("detail") ?? text("title") ?? text("message"))
    : (text("message") ?? text("detail") ?? text("title"));
  const init: RestExceptionInit = {
    status,
    message: message ?? `HTTP ${status}`,
    code: typeof fields.code === "number" ? fields.code : undefined,
    moreInfo: typeof fields.more_info === "string" ? fields.more_info : undefined,
    details: fields.details,
    headers,
    body,
    type: text("type"),
    title: text("title"),
    detail: text("detail"),
    instance: text("instance"),
  };
  if (status === 412) return new PreconditionFailedException(init);
  if (status === 428) return new PreconditionRequiredException(init);
  return new RestException(init);
}

/** How much of an unexpected body an error keeps: enough to recognise an HTML page or a proxy's message. */
const BODY_START_LENGTH = 500;

/** Everything known about a response the client refused; see UnexpectedResponseError. */
export interface UnexpectedResponseInit {
  method: string;
  /** The request URL, without credentials. */
  url: string;
  status: number;
  headers: Headers;
  /** The body's text, of which the error keeps the start. */
  text: string;
  /** Why the response is unusable, e.g. "the body is not JSON". */
  reason: string;
}

/**
 * A response the client will not use: a redirect (never followed: a POST re-sent as a GET would
 * look like success though nothing was written), or a 2xx whose body is not the JSON it should be
 * (an HTML page from a proxy, invalid JSON, no body where one is expected).
 */
export class UnexpectedResponseError extends Error {
  readonly status: number;
  readonly headers: Headers;
  /** The first characters of the body. */
  readonly bodyStart: string;

  constructor(init: UnexpectedResponseInit) {
    const bodyStart = init.text.slice(0, BODY_START_LENGTH);
    const shown = bodyStart === "" ? "an empty body" : `a body starting ${JSON.stringify(bodyStart.slice(0, 80))}`;
    super(`${init.method} ${init.url} answered ${init.status} with ${shown}: ${init.reason}`);
    this.name = "UnexpectedResponseError";
    this.status = init.status;
    this.headers = init.headers;
    this.bodyStart = bodyStart;
  }
}

/**
 * The request got no response: the connection failed (refused, reset, DNS, TLS) or the body broke
 * off. `cause` is the underlying error. Whether the server acted on the request is unknown.
 */
export class ConnectionError extends Error {
  readonly method: string;
  /** The request URL, without credentials. */
  readonly url: string;

  constructor(method: string, url: string, cause: unknown, message = `${method} ${url} failed: ${describe(cause)}`) {
    super(message, { cause });
    this.name = "ConnectionError";
    this.method = method;
    this.url = url;
  }
}

/** No complete response within the client's `timeout`; the request was aborted. */
export class RequestTimeoutError extends ConnectionError {
  readonly timeoutMs: number;

  constructor(method: string, url: string, timeoutMs: number, cause: unknown) {
    super(
      method,
      url,
      cause,
      `${method} ${url} got no complete response within ${timeoutMs} ms (the client's timeout)`,
    );
    this.name = "RequestTimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A response whose body is larger than the client's `maxResponseBytes`: reading stopped there (or
 * before the body, when its Content-Length said so) and the connection was given up.
 */
export class ResponseTooLargeError extends Error {
  readonly method: string;
  /** The request URL, without credentials. */
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  /** The limit the body went over, in bytes. */
  readonly maxResponseBytes: number;

  constructor(init: { method: string; url: string; status: number; headers: Headers; maxResponseBytes: number }) {
    super(
      `${init.method} ${init.url} answered ${init.status} with a body over ${init.maxResponseBytes} bytes ` +
        "(the client's maxResponseBytes); it was not read further",
    );
    this.name = "ResponseTooLargeError";
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.headers = init.headers;
    this.maxResponseBytes = init.maxResponseBytes;
  }
}

/**
 * `each()` / `list()` met a page link it had already followed, or one back to the page it is on
 * (path and query compared, the parameters in any order): the server's paging loops.
 */
export class RepeatedPageLinkError extends Error {
  constructor(link: string) {
    super(`The page link ${shown(link)} was already followed: the pages loop, so iteration stopped`);
    this.name = "RepeatedPageLinkError";
  }
}

/** `each()` / `list()` read `maxPages` pages and the last one links to another: iteration stopped. */
export class TooManyPagesError extends Error {
  readonly maxPages: number;

  constructor(maxPages: number) {
    super(
      `each() / list() read ${maxPages} pages (the client's maxPages) and the last one links to another, so ` +
        "iteration stopped; create the client with a larger maxPages, or pass a limit, to read further",
    );
    this.name = "TooManyPagesError";
    this.maxPages = maxPages;
  }
}

/**
 * A page link the client will not follow, so that credentials never go to another host: one that
 * is not an absolute http(s) URL, or that points neither to Twilio nor to a configured `baseUrls`.
 */
export class RefusedPageLinkError extends Error {
  /** The link as the response gave it. */
  readonly link: string;

  constructor(link: string, reason: string) {
    super(`Refusing to follow the page link ${shown(link)}: ${reason}; nothing was sent`);
    this.name = "RefusedPageLinkError";
    this.link = link;
  }
}

/**
 * An `ifMatch` that is not one entity tag (null, empty, a list, `*`, a value with spaces or
 * control characters): sent, it would weaken or garble the precondition. Nothing was sent.
 */
export class InvalidIfMatchError extends TypeError {
  /** The operation refused, as `<method> <spec path>`. */
  readonly operation: string;
  /** The value given. */
  readonly value: unknown;

  /** `problem` says what is wrong with `value`, e.g. "it is empty". */
  constructor(operation: string, property: string, value: unknown, problem: string) {
    super(
      `${operation}: ${property} must be one entity tag, the etag of an instance you fetched (e.g. "3" or ` +
        `W/"3"); got ${shown(value)}: ${problem}. Nothing was sent; leave ${property} out to write unconditionally.`,
    );
    this.name = "InvalidIfMatchError";
    this.operation = operation;
    this.value = value;
  }
}

/** A value as an error message shows it: JSON (control characters escaped), cut after 100 characters. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

/** An underlying error's message and code (undici's `fetch failed` hides the useful part in `cause`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error ? error.cause : undefined;
  const code = (inner as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  const detail = inner ? `${error.message} (${inner.message})` : error.message;
  return typeof code === "string" && !detail.includes(code) ? `${detail} [${code}]` : detail;
}

/**
 * A client's `onRequest` or `onResponse` hook, or its debug `logger`, threw; `cause` is what it threw.
 * From `onRequest` (and from the logger before sending) nothing was sent. From `onResponse` the
 * request was sent and answered with `status`: the server may have acted on it.
 */
export class HookError extends Error {
  readonly hook: "onRequest" | "onResponse" | "logger";
  readonly method: string;
  /** The request URL, credentials redacted. */
  readonly url: string;
  /** The response's status when the response had arrived, else undefined (nothing was sent). */
  readonly status: number | undefined;

  constructor(hook: HookError["hook"], method: string, url: string, status: number | undefined, cause: unknown) {
    const when =
      status === undefined
        ? `before ${method} ${url} was sent; nothing was sent`
        : `after ${method} ${url} answered ${status}; the request was sent and may have been acted on`;
    super(`The client's ${hook} threw ${when}: ${describe(cause)}`, { cause });
    this.name = "HookError";
    this.hook = hook;
    this.method = method;
    this.url = url;
    this.status = status;
  }
}
