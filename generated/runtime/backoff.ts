/** twilio-node's first 429 backoff step; the n-th retry waits up to 100 ms * 2^n. */
const RATE_LIMIT_STEP_MS = 100;

/**
 * How long to wait before retrying a 429, or undefined when not to retry: the server's
 * Retry-After (seconds or an HTTP date) when it sends one and it is at most `maxDelayMs`,
 * else full jitter in [0, min(maxDelayMs, 100 ms * 2^retry)) as twilio-node waits.
 */
export function rateLimitDelay(headers: Headers, retry: number, maxDelayMs: number): number | undefined {
  const retryAfter = retryAfterMs(headers.get("Retry-After"));
  if (retryAfter !== undefined) return retryAfter <= maxDelayMs ? retryAfter : undefined;
  return Math.floor(Math.random() * Math.min(maxDelayMs, RATE_LIMIT_STEP_MS * 2 ** Math.min(retry, 30)));
}

/** RFC 9110's HTTP-date as servers send it (IMF-fixdate): `Sun, 06 Nov 1994 08:49:37 GMT`. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Retry-After in milliseconds: whole seconds or an HTTP-date (one in the past is 0). Anything
 * else (`-1`, `1.5`, text) is undefined, so the default backoff applies; `Date.parse` alone would
 * read `-1` as a date in 2001 and retry at once.
 */
export function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = HTTP_DATE.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Waits `ms`, or rejects with `signal.reason` as soon as the signal aborts (the timer is cleared). */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
