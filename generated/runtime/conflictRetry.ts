import { sleep } from "./backoff.js";
import { MissingETagError, PreconditionFailedException } from "./errors.js";
import { MAX_TIMER_MS } from "./wire.js";

/** Anything that knows the ETag of the response that produced it, e.g. a ResourceInstance. */
export interface Versioned {
  readonly etag: string | undefined;
}

/** How retryOnConflict reads a resource and writes it conditionally. */
export interface ConditionalAccess<T extends Versioned, C> {
  /** Fetches the current instance. */
  read(signal: AbortSignal | undefined): Promise<T>;
  /** Writes `changes` with If-Match set to `current.etag`, which is never empty here. */
  write(current: T, changes: C, signal: AbortSignal | undefined): Promise<T>;
}

/**
 * Computes the changes to make to `current`, or undefined to make none. It may run several
 * times (once per attempt), each time with a freshly read instance, so it should not have
 * side effects.
 */
export type ComputeChanges<T, C> = (current: T) => C | undefined | Promise<C | undefined>;

export interface MutateOptions {
  /** Writes tried before the last 412 is thrown; an integer >= 1. Default 10. */
  maxAttempts?: number;
  /** Backoff after the n-th conflict is random in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. Default 50. */
  baseDelayMs?: number;
  /** Upper bound of a single backoff, at most 2^31 - 1. Default 2000. */
  maxDelayMs?: number;
  /** Aborts the requests and the backoff waits; the returned promise rejects with `signal.reason`. */
  signal?: AbortSignal;
  /**
   * Called on each 412 that will be retried, before waiting `delayMs`. `attempt` is the
   * number of the write that failed, from 1. An exception thrown here ends the mutation.
   */
  onConflict?: (attempt: number, error: PreconditionFailedException, delayMs: number) => void;
}

const MUTATE_DEFAULTS = { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 2000 } as const;

/**
 * Optimistic read-modify-write: reads the current instance, asks `changes` what to change,
 * and writes with If-Match set to the instance's ETag. When someone else changed the
 * resource in between (HTTP 412) it waits a jittered exponential backoff ("full jitter")
 * and starts again from a fresh read, up to `maxAttempts` writes.
 *
 * Resolves with the written instance, or with the read one when `changes` returns
 * undefined (nothing is written). Rejects with the last PreconditionFailedException once
 * `maxAttempts` writes have conflicted; with MissingETagError, before any write, when the
 * read instance has no ETag; with `signal.reason` when aborted; with any other error at once.
 */
export async function retryOnConflict<T extends Versioned, C>(
  access: ConditionalAccess<T, C>,
  changes: ComputeChanges<T, C>,
  options: MutateOptions = {},
): Promise<T> {
  const { maxAttempts, baseDelayMs, maxDelayMs } = validated(options);
  const { signal, onConflict } = options;
  for (let attempt = 1; ; attempt += 1) {
    signal?.throwIfAborted();
    const current = await access.read(signal);
    const change = await changes(current);
    if (change === undefined) return current;
    if (!current.etag) throw new MissingETagError();
    signal?.throwIfAborted();
    try {
      return await access.write(current, change, signal);
    } catch (error) {
      if (!(error instanceof PreconditionFailedException) || attempt >= maxAttempts) throw error;
      const delayMs = backoffDelay(attempt, baseDelayMs, maxDelayMs);
      onConflict?.(attempt, error, delayMs);
      await sleep(delayMs, signal);
    }
  }
}

/** Full jitter: a whole number of milliseconds in [0, min(maxDelayMs, baseDelayMs * 2^(attempt-1))]. */
export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  // The exponent is capped so that a zero base stays 0 instead of 0 * Infinity = NaN.
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt - 1, 1000));
  return Math.floor(Math.random() * (Math.floor(ceiling) + 1));
}

function validated(options: MutateOptions): { maxAttempts: number; baseDelayMs: number; maxDelayMs: number } {
  const {
    maxAttempts = MUTATE_DEFAULTS.maxAttempts,
    baseDelayMs = MUTATE_DEFAULTS.baseDelayMs,
    maxDelayMs = MUTATE_DEFAULTS.maxDelayMs,
  } = options;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be an integer >= 1, got ${maxAttempts}`);
  }
  if (!Number.isFinite(baseDelayMs) || baseDelayMs < 0) {
    throw new RangeError(`baseDelayMs must be a finite number >= 0, got ${baseDelayMs}`);
  }
  if (!(maxDelayMs >= 0 && maxDelayMs <= MAX_TIMER_MS)) {
    throw new RangeError(`maxDelayMs must be between 0 and ${MAX_TIMER_MS}, got ${maxDelayMs}`);
  }
  return { maxAttempts, baseDelayMs, maxDelayMs };
}

/**
 * `retryOnConflict` on a context: reads with its `fetch()`, writes with its method `write` (`update`
 * or `patch`), so a generated `mutate()` is one call. `C` comes from `change`, the mutate's own type.
 */
export function mutateContext<T extends Versioned, C, W extends string>(
  context: { fetch(options: { signal?: AbortSignal }): Promise<T> } & {
    [name in NoInfer<W>]: (options: NoInfer<C> & { ifMatch?: string; signal?: AbortSignal }) => Promise<T>;
  },
  write: W,
  change: ComputeChanges<T, C>,
  options?: MutateOptions,
): Promise<T> {
  const access: ConditionalAccess<T, C> = {
    read: (signal) => context.fetch({ signal }),
    write: (current, changes, signal) => context[write]({ ...changes, ifMatch: current.etag, signal }),
  };
  return retryOnConflict(access, change, options);
}
