/** Everything known about a failed response; see RestException. */
export interface RestExceptionInit {
  status: number;
  message: string;
  code?: number | undefined;
  moreInfo?: string | undefined;
  details?: unknown;
  headers: Headers;
  body?: unknown;
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

  constructor(init: RestExceptionInit) {
    super(init.message);
    this.name = "RestException";
    this.status = init.status;
    this.code = init.code;
    this.moreInfo = init.moreInfo;
    this.details = init.details;
    this.headers = init.headers;
    this.body = init.body;
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
 * `{ code, message, more_info, status, details }`, tolerating any other body.
 */
export function exceptionFromResponse(status: number, headers: Headers, body: unknown): RestException {
  const fields: Record<string, unknown> = typeof body === "object" && body !== null ? { ...body } : {};
  const init: RestExceptionInit = {
    status,
    message: typeof fields.message === "string" && fields.message !== "" ? fields.message : `HTTP ${status}`,
    code: typeof fields.code === "number" ? fields.code : undefined,
    moreInfo: typeof fields.more_info === "string" ? fields.more_info : undefined,
    details: fields.details,
    headers,
    body,
  };
  if (status === 412) return new PreconditionFailedException(init);
  if (status === 428) return new PreconditionRequiredException(init);
  return new RestException(init);
}
