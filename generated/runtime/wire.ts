// What a transport is given and gives back, and the body limit both transports share.
import type { RawResponse } from "./response.js";

/** One attempt as a transport sends it. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal;
  /** Most bytes of body read, after any decompression. */
  maxBytes: number;
  /** The error for a body over `maxBytes`. */
  tooLarge: (status: number, headers: Headers) => Error;
}

/** Sends one request and reads its whole body as UTF-8 text; a redirect is a response, never followed. */
export type Transport = (request: WireRequest) => Promise<RawResponse>;

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
