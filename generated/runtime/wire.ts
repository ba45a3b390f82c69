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

/** A body's text, chunk by chunk, decoded as UTF-8 as `Response.text()` does; never more than `maxBytes` held. */
export class BoundedText {
  readonly #decoder = new TextDecoder();
  readonly #maxBytes: number;
  #text = "";
  #received = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Adds a chunk; false, and nothing added, once the body is over the limit. */
  add(chunk: Uint8Array): boolean {
    this.#received += chunk.byteLength;
    if (this.#received > this.#maxBytes) return false;
    this.#text += this.#decoder.decode(chunk, { stream: true });
    return true;
  }

  end(): string {
    return this.#text + this.#decoder.decode();
  }
}
