import { exceptionFromResponse, UnexpectedResponseError } from "./errors.js";

/** A response as received: status, headers and the whole body's text. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** What a request expects back, and how to name it in an error. */
export interface Expectation {
  method: string;
  /** The request URL, without credentials. */
  url: string;
  /** The Accept header sent: when every type in it is JSON, a 2xx body must be JSON. */
  accept: string;
  /** A 3xx is the result, read as a 2xx is (its spec declares a redirect with a JSON body). */
  redirectIsResult?: boolean;
}

/**
 * The parsed body of a usable response. Throws a RestException for a status >= 400, and an
 * UnexpectedResponseError for a redirect or for a 2xx whose body is not the JSON it should be.
 */
export function responseBody(response: RawResponse, expected: Expectation): unknown {
  const { status, headers, text } = response;
  const refuse = (reason: string) => new UnexpectedResponseError({ ...expected, status, headers, text, reason });
  if (status >= 400) throw exceptionFromResponse(status, headers, lenientBody(text, headers));
  if (status >= 300 && !expected.redirectIsResult) {
    const location = headers.get("Location");
    throw refuse(
      `redirects are not followed${location === null ? "" : ` (Location: ${location})`}; nothing was re-sent`,
    );
  }
  const wantsJson = expected.accept === JSON_TYPE || expected.accept.split(",").every((type) => isJsonType(type));
  if (text === "") {
    // A delete or a 204 answers with nothing; every other Twilio 2xx carries the resource.
    if (!wantsJson || status === 204 || status === 205 || expected.method === "DELETE") return undefined;
    throw refuse("a JSON body was expected");
  }
  const contentType = headers.get("Content-Type");
  const isJson = contentType === null ? wantsJson : isJsonType(contentType);
  if (!isJson) {
    if (wantsJson) throw refuse(`the body is ${contentType}, not JSON`);
    return text;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw refuse("the body is not valid JSON");
  }
}

/** An error body: JSON when it parses, its text otherwise, undefined if empty; its status matters most. */
function lenientBody(text: string, headers: Headers): unknown {
  if (text === "") return undefined;
  if (!isJsonType(headers.get("Content-Type") ?? "")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The Accept of nearly every operation: JSON, known without reading it. */
const JSON_TYPE = "application/json";

function isJsonType(mediaType: string): boolean {
  return /[/+]json\b/i.test(mediaType);
}
