// Node's own HTTP client, on Node alone: through its keep-alive global agents it spends less time
// per request than fetch (undici) does (bench: `npm run bench -- --per-request`). It is imported
// at the first request, and only where Node runs: Deno and Bun also name a Node version, and a
// Worker's node:http is built on fetch, so those (and browsers) keep fetch and never load it.
// Behind a proxy set in the environment fetch stays too: it tunnels every target (CONNECT) and
// takes HTTP_PROXY for https when HTTPS_PROXY is unset (as twilio-node does); Node's agents do neither.
import type { RawResponse } from "./response.js";
import { BoundedText, declaresMore, watchAttempt } from "./wire.js";
import type { Transport, WireRequest } from "./wire.js";

/** What is used of node:http and node:https, typed here: the runtime does not depend on Node's types. */
interface HttpModule {
  request(url: string, options: { method: string; headers: Record<string, string> }): Outgoing;
}
interface Emitter {
  on(event: string, listener: (value: never) => void): unknown;
}
interface Outgoing extends Emitter {
  end(body?: string): void;
  destroy(): void;
}
interface Incoming extends Emitter {
  statusCode?: number;
  rawHeaders: string[];
  destroy(): void;
  pipe<T>(destination: T): T;
}
interface ZlibModule {
  createGunzip(): Incoming;
  createInflate(): Incoming;
  createBrotliDecompress(): Incoming;
}

export interface NodeHttp {
  http: HttpModule;
  https: HttpModule;
  zlib: ZlibModule;
}

let loading: Promise<NodeHttp | undefined> | undefined;

/** node:http, node:https and node:zlib where Node runs (imported once), else undefined. */
export function loadNodeHttp(): Promise<NodeHttp | undefined> {
  loading ??= isNode() && !proxied() ? importNodeHttp().catch(() => undefined) : Promise.resolve(undefined);
  return loading;
}

async function importNodeHttp(): Promise<NodeHttp> {
  // A specifier in a variable: bundlers for browsers and Workers leave the import alone.
  const load = (name: string) => import(/* webpackIgnore: true */ /* @vite-ignore */ name);
  const [http, https, zlib] = await Promise.all([load("node:http"), load("node:https"), load("node:zlib")]);
  return { http, https, zlib };
}

interface Runtime {
  process?: { versions?: Record<string, string | undefined>; env?: Record<string, string | undefined> };
  Deno?: unknown;
  navigator?: { userAgent?: string };
}

function isNode(): boolean {
  const runtime = globalThis as Runtime;
  const versions = runtime.process?.versions;
  return (
    typeof versions?.node === "string" &&
    versions.bun === undefined &&
    versions.deno === undefined &&
    runtime.Deno === undefined &&
    runtime.navigator?.userAgent !== "Cloudflare-Workers"
  );
}

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];

function proxied(): boolean {
  const env = (globalThis as Runtime).process?.env ?? {};
  return PROXY_VARIABLES.some((name) => Boolean(env[name]));
}

/** Content codings decoded, as fetch decodes them. */
const DECODERS: Record<string, keyof ZlibModule> = {
  gzip: "createGunzip",
  "x-gzip": "createGunzip",
  deflate: "createInflate",
  br: "createBrotliDecompress",
};

/** Requests through node:http(s) and its global agents (keep-alive, and the environment's proxy where Node honours it). */
export function nodeHttpTransport(node: NodeHttp): Transport {
  return (request) =>
    new Promise((resolve, reject) => {
      if (request.signal?.aborted) return reject(request.signal.reason);
      const headers = { "accept-encoding": "gzip, deflate, br", ...request.headers };
      const module = request.url.startsWith("https:") ? node.https : node.http;
      const outgoing = module.request(request.url, { method: request.method, headers });
      // A timer and a listener of our own: Node's `signal` option costs more per request.
      const stop = watchAttempt(request, (reason) => {
        outgoing.destroy();
        settled.reject(reason);
      });
      const settled: Settle = {
        resolve: (value) => (stop(), resolve(value)),
        reject: (error) => (stop(), reject(error)),
      };
      outgoing.on("error", settled.reject);
      outgoing.on("response", (response: Incoming) => receive(node, request, response, settled));
      outgoing.end(request.body);
    });
}

interface Settle {
  resolve: (value: RawResponse) => void;
  reject: (error: unknown) => void;
}

/** Reads `response` whole (decoded, at most `maxBytes`), or gives the connection up. */
function receive(node: NodeHttp, request: WireRequest, response: Incoming, { resolve, reject }: Settle): void {
  const status = response.statusCode ?? 0;
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const refuse = () => {
    response.destroy();
    if (body !== response) body.destroy();
    reject(request.tooLarge(status, headers));
  };
  let body = response;
  if (declaresMore(headers.get("Content-Length"), request.maxBytes)) return refuse();
  const decoder = DECODERS[headers.get("Content-Encoding")?.trim().toLowerCase() ?? ""];
  if (decoder !== undefined) body = response.pipe(node.zlib[decoder]());
  const text = new BoundedText(request.maxBytes);
  let refused = false;
  body.on("data", (chunk: Uint8Array) => {
    if (refused || text.add(chunk)) return;
    refused = true;
    refuse();
  });
  body.on("end", () => resolve({ status, headers, text: text.end() }));
  body.on("error", reject);
  // A connection closed before the body's end ("aborted").
  response.on("error", reject);
}
