// What a transport is given and gives back, and the body limit both transports share.
import type { RawResponse } from "./response.js";

/** One attempt as a transport sends it. */
export interface WireRequest {
  method: string;
  url: string;
  /** Names in lower case; values already checked (a transport sends them as they are). */
  headers: Readonly<Record<string, string>>;
  body: string | undefined;
  /** The caller's signal: its abort ends the attempt, which then rejects with its reason. */
  signal: AbortSignal | undefined;
  /** Milliseconds the attempt may take, body included; then it rejects with an AttemptTimeout. */
  timeout: number;
  /** Most bytes of body read, after any decompression. */
  maxBytes: number;
  /** The error for a body over `maxBytes`. */
  tooLarge: (status: number, headers: Headers) => Error;
}

/** Sends one request and reads its whole body as UTF-8 text; a redirect is a response, never followed. */
export type Transport = (request: WireRequest) => Promise<RawResponse>;

/** An attempt that ran out of time; `cause` is what the transport saw end. */
export class AttemptTimeout extends Error {}

/**
 * Ends an attempt through `cancel` when its timeout passes (with an AttemptTimeout) or the caller's
 * signal aborts (with the signal's reason), whichever comes first; returns what stops both. One
 * timer and at most one listener: AbortSignal.timeout with AbortSignal.any costs several times more
 * per request under load, and their timers outlive the request.
 */
export function watchAttempt(request: WireRequest, cancel: (reason: unknown) => void): () => void {
  const { signal, timeout } = request;
  const timer = setTimeout(() => {
    const reason = new DOMException(`no complete response within ${timeout} ms`, "TimeoutError");
    cancel(new AttemptTimeout(reason.message, { cause: reason }));
  }, timeout);
  const onAbort = () => cancel(signal!.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  return () => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  };
}

/** Whether Content-Length already says the body is over `maxBytes`. */
export function declaresMore(headers: Headers, maxBytes: number): boolean {
  return Number(headers.get("Content-Length")) > maxBytes;
}

/** Decodes one-chunk bodies whole (never `stream: true`), so one decoder serves them all. */
const UTF8 = new TextDecoder();

/**
 * A body's text, decoded as UTF-8 as `Response.text()` does, from chunks that never add up to more
 * than `maxBytes`. A body of one chunk (most answers) is decoded once at the end, with the shared
 * decoder: a decoder per request costs more than the rest of reading a small body. A longer one
 * is decoded as it comes, so that its bytes are not held beside its text.
 */
export class BoundedText {
  readonly #maxBytes: number;
  #first: Uint8Array | undefined;
  #decoder: TextDecoder | undefined;
  #text = "";
  #received = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Adds a chunk; false, and nothing added, once the body is over the limit. */
  add(chunk: Uint8Array): boolean {
    this.#received += chunk.byteLength;
    if (this.#received > this.#maxBytes) return false;
    if (this.#decoder === undefined && this.#first === undefined) {
      this.#first = chunk;
      return true;
    }
    if (this.#decoder === undefined) {
      this.#decoder = new TextDecoder();
      this.#text = this.#decoder.decode(this.#first, { stream: true });
      this.#first = undefined;
    }
    this.#text += this.#decoder.decode(chunk, { stream: true });
    return true;
  }

  end(): string {
    if (this.#decoder === undefined) return this.#first === undefined ? "" : UTF8.decode(this.#first);
    return this.#text + this.#decoder.decode();
  }
}
