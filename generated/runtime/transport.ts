// How a request goes on the wire: fetch wherever it runs, or Node's own HTTP client on Node (see
// nodeHttp.ts). Both read the whole body under the same limit, and neither follows a redirect.
import { loadNodeHttp, nodeHttpTransport } from "./nodeHttp.js";
import { AttemptTimeout, BoundedText, declaresMore, SharedDeadlines, watchAttempt } from "./wire.js";
import type { Transport, WireRequest } from "./wire.js";

/** `"auto"`: Node's own HTTP client on Node, unless a `fetch` is given; fetch everywhere else. */
export type TransportChoice = "auto" | "fetch";

/** The transport of a client: `fetch` (given, else the global one) or, for "auto" on Node, node:http. */
export function chooseTransport(choice: TransportChoice, fetch: typeof globalThis.fetch | undefined): Transport {
  // Bound so that fetch is never called with the client as `this`.
  const viaFetch = fetchTransport(fetch ?? globalThis.fetch.bind(globalThis));
  if (choice !== "auto" && choice !== "fetch") {
    throw new TypeError(`transport must be "auto" or "fetch", got ${JSON.stringify(choice)}`);
  }
  if (choice === "fetch" || fetch !== undefined) return viaFetch;
  let chosen: Transport | undefined;
  const choose = async (): Promise<Transport> => {
    const node = await loadNodeHttp();
    return (chosen = node === undefined ? viaFetch : nodeHttpTransport(node));
  };
  return (request) => (chosen === undefined ? choose().then((transport) => transport(request)) : chosen(request));
}

function fetchTransport(send: typeof globalThis.fetch): Transport {
  const deadlines = new SharedDeadlines();
  return async (request) => {
    // The caller's signal needs an attempt's own controller; without one, attempts share their timeout's.
    const own = request.signal === undefined ? undefined : new AbortController();
    const shared = own === undefined ? deadlines.enter(request.timeout) : undefined;
    const signal = own?.signal ?? shared!.signal;
    const stop = own === undefined ? undefined : watchAttempt(request, (reason) => own.abort(reason));
    try {
      // One async function from fetch to the text for most answers: each one more costs a turn of the queue.
      const response = await send(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        redirect: "manual",
        signal,
      });
      const { status, headers, body } = response;
      const declared = headers.get("Content-Length");
      if (declaresMore(declared, request.maxBytes)) {
        // A body that already failed cannot be cancelled; the limit is still the answer.
        await body?.cancel().catch(() => undefined);
        throw request.tooLarge(status, headers);
      }
      if (body === null) return { status, headers, text: "" };
      // A length declared within the limit (checked above) of a body not decompressed: the framing
      // ends the body there, so fetch may read it whole, which costs less than reading it here.
      const whole = DIGITS.test(declared ?? "") && headers.get("Content-Encoding") === null;
      return {
        status,
        headers,
        text: whole ? await response.text() : await readBounded(body, request, status, headers),
      };
    } catch (error) {
      // fetch rejects with the abort's reason; anything else after a timeout is the timeout too.
      const reason: unknown = signal.reason;
      if (!(reason instanceof AttemptTimeout)) throw error;
      throw new AttemptTimeout(reason.message, { cause: error === reason ? reason.cause : error });
    } finally {
      shared?.leave();
      stop?.();
    }
  };
}

/** A body of no declared length, or one decompressed, read chunk by chunk up to the request's limit. */
async function readBounded(
  body: ReadableStream<Uint8Array>,
  request: WireRequest,
  status: number,
  headers: Headers,
): Promise<string> {
  const reader = body.getReader();
  const text = new BoundedText(request.maxBytes);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text.end();
    if (!text.add(value)) {
      // Cancelling gives the connection up rather than reading the rest.
      await reader.cancel().catch(() => undefined);
      throw request.tooLarge(status, headers);
    }
  }
}

const DIGITS = /^\d+$/;
