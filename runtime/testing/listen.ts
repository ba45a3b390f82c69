/**
 * The double over HTTP, for clients that cannot take a `fetch` (twilio-node, other languages):
 * one node:http server on 127.0.0.1 where `https://<label>.twilio.com/<path>` is reached as
 * `<url>/<label>/<path>`. node:http is loaded only here, by a guarded dynamic import, so the
 * in-process double keeps working in every runtime; elsewhere listen() rejects, naming why.
 */
import { joinedText } from "./messages.js";

/** Where the double listens. */
export interface ListenOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface ListeningDouble {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Host label → `<url>/<label>`, ready for the SDK's `baseUrls` option. */
  baseUrls: Record<string, string>;
  close(): Promise<void>;
}

/** The parts of node:http this module uses, typed here: the SDK has no dependency on Node's types. */
interface NodeHttp {
  createServer(listener: (request: IncomingRequest, response: OutgoingResponse) => void): NodeServer;
}
interface IncomingRequest extends AsyncIterable<Uint8Array> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}
interface OutgoingResponse {
  writeHead(status: number, headers: Record<string, string>): OutgoingResponse;
  end(body?: Uint8Array): void;
}
interface NodeServer {
  listen(port: number, host: string, callback: () => void): void;
  once(event: "error", listener: (error: Error) => void): void;
  address(): { port: number } | string | null;
  close(callback: (error?: Error) => void): void;
  closeAllConnections?(): void;
  keepAliveTimeout?: number;
}

/** The largest request body the server reads, in bytes (the double's own limit applies after it). */
const MAX_REQUEST_BYTES = 16 << 20;

/** Serves `fetch` (the double's) for every label of `labels` under one origin. */
export async function listen(
  fetch: (request: Request) => Promise<Response>,
  labels: readonly string[],
  options: ListenOptions = {},
): Promise<ListeningDouble> {
  const http = await loadNodeHttp();
  const server = http.createServer((incoming, outgoing) => {
    forward(fetch, incoming, outgoing).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const body = new TextEncoder().encode(JSON.stringify({ code: 20500, message, more_info: "", status: 500 }));
      const headers = { "content-type": "application/json", "content-length": String(body.byteLength) };
      outgoing.writeHead(500, headers).end(body);
    });
  });
  // Idle connections outlive a test's pauses and the client's own keep-alive (about 4 s in Node's
  // fetch): the client closes them first, and never sends a request on a socket the server is
  // closing, which a busy test machine would see as a random ECONNRESET.
  server.keepAliveTimeout = 60_000;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const address = server.address();
  const url = `http://${host}:${typeof address === "object" && address !== null ? address.port : options.port}`;
  return {
    url,
    baseUrls: Object.fromEntries(labels.map((label) => [label, `${url}/${label}`])),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function loadNodeHttp(): Promise<NodeHttp> {
  // A variable specifier: bundlers for other runtimes leave it alone, and the types stay ours.
  const specifier = "node:http";
  try {
    return (await import(specifier)) as NodeHttp;
  } catch (error) {
    throw new Error("listen() needs node:http (Node, Bun or Deno); in-process, pass double.fetch instead", {
      cause: error,
    });
  }
}

/** One HTTP request as the double's Request: `/<label>/<path>` → `https://<label>.twilio.com/<path>`. */
async function forward(
  fetch: (request: Request) => Promise<Response>,
  incoming: IncomingRequest,
  outgoing: OutgoingResponse,
): Promise<void> {
  const [, label = "", ...rest] = (incoming.url ?? "/").split("/");
  const target = `https://${label}.twilio.com/${rest.join("/")}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined && name !== "host") headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = (incoming.method ?? "GET").toUpperCase();
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(incoming);
  const response = await fetch(new Request(target, { method, headers, ...(body !== undefined && { body }) }));
  const headersOut: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headersOut[name] = value;
  });
  // The double's answers declare their length (toResponse), as Twilio's do: Node then sends them whole.
  outgoing.writeHead(response.status, headersOut).end(new Uint8Array(await response.arrayBuffer()));
}

async function readBody(incoming: IncomingRequest): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += chunk.byteLength;
    if (size > MAX_REQUEST_BYTES) throw new Error(`the request body is longer than ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(chunk);
  }
  return joinedText(chunks);
}
