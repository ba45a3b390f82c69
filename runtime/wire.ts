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

/**
 * The signals that end fetch attempts at their timeout, one per window of start times: attempts
 * that start within one window (a hundredth of the timeout in whole ms, at most 10 ms and 16 attempts)
 * share one AbortController, aborted one window plus `timeout` ms after its timer was armed (by an
 * attempt that started while none of the window's ran), if one still runs. So an attempt ends
 * between `timeout` ms and one window more. A signal per attempt costs fetch more: undici follows
 * each one with a WeakRef and a FinalizationRegistry entry (bench: `npm run bench -- --per-request`).
 * A finished attempt ignores its signal's abort.
 */
export class SharedDeadlines {
  #window: TimeoutWindow | undefined;

  /** The signal of an attempt starting now, and what ends its wait when it finishes. */
  enter(timeout: number): TimeoutWindow {
    const now = performance.now();
    let window = this.#window;
    if (window === undefined || !window.admits(now, timeout)) window = this.#window = new TimeoutWindow(now, timeout);
    window.enter();
    return window;
  }
}

/** setTimeout's largest delay; longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Attempts that started within one window: at most this many share a signal. */
const WINDOW_ATTEMPTS = 16;
const WINDOW_MS = 10;

class TimeoutWindow {
  readonly #controller = new AbortController();
  readonly signal = this.#controller.signal;
  readonly #timeout: number;
  readonly #closes: number;
  /** Always the same delay: timers of one delay share Node's list of them, one per delay costs more. */
  readonly #delay: number;
  #started = 0;
  #running = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(opens: number, timeout: number) {
    const length = Math.ceil(Math.min(WINDOW_MS, timeout / 100));
    this.#timeout = timeout;
    this.#closes = opens + length;
    this.#delay = Math.min(timeout + length, MAX_TIMER_MS);
  }

  admits(now: number, timeout: number): boolean {
    return now < this.#closes && timeout === this.#timeout && this.#started < WINDOW_ATTEMPTS && !this.signal.aborted;
  }

  enter(): void {
    this.#started += 1;
    // Armed only while an attempt runs: an idle client keeps no timer, so a program can end.
    if (this.#running++ === 0) this.#timer = setTimeout(() => this.#expire(), this.#delay);
  }

  /** Called once by each attempt that entered, when it ends. */
  leave(): void {
    if (--this.#running === 0) clearTimeout(this.#timer);
  }

  #expire(): void {
    const reason = new DOMException(`no complete response within ${this.#timeout} ms`, "TimeoutError");
    this.#controller.abort(new AttemptTimeout(reason.message, { cause: reason }));
  }
}

/** Whether a response's Content-Length (`declared`, null without one) already says its body is over `maxBytes`. */
export function declaresMore(declared: string | null, maxBytes: number): boolean {
  return Number(declared) > maxBytes;
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
