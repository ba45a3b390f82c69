/**
 * The wire side of the oracle: a recording server on 127.0.0.1 and the normal form in which
 * requests of both SDKs are compared (order of parameters and equivalent percent-encodings do
 * not matter; what Twilio would read does).
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { isDeepStrictEqual } from "node:util";
import { listenOnLoopback } from "../support/loopback.js";

/** The header both transports add: the Twilio host the SDK addressed before it was sent here. */
export const TARGET_HOST_HEADER = "x-oracle-target-host";
/** Headers whose value the spec declares as parameters: compared. The rest (auth, agent) are not. */
const COMPARED_HEADERS = ["if-match", "x-twilio-webhook-enabled", "content-type"];

export interface WireRequest {
  method: string;
  /** The host label, `api` for api.twilio.com. */
  host: string;
  /** Segments decoded: `%2B` and `+` in a path mean different things, `%41` and `A` the same. */
  path: string[];
  query: [string, string][];
  form?: [string, string][];
  json?: unknown;
  headers: Record<string, string>;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export interface RecordingServer {
  url: string;
  /** Answers every following request with `reply`. */
  reply(reply: Reply): void;
  /** The requests received since the last `capture` or `clear`. */
  readonly received: readonly WireRequest[];
  clear(): void;
  /** Runs `call` and returns the one request it sent (fails if it sent none or several). */
  capture(call: () => Promise<unknown>): Promise<{ request: WireRequest; result: unknown }>;
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const received: WireRequest[] = [];
  let answer: Reply = { status: 200, body: {} };
  const server = createServer((request, response) => {
    readBody(request).then((body) => {
      received.push(normalise(request, body));
      const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
      response.writeHead(answer.status, text ? { "Content-Type": "application/json" } : {});
      response.end(text);
    });
  });
  await listenOnLoopback(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    clear: () => void (received.length = 0),
    reply(reply) {
      answer = reply;
    },
    async capture(call) {
      received.length = 0;
      const result = await call().catch((error: unknown) => ({ error }));
      if (received.length !== 1) {
        const why = (result as { error?: unknown }).error;
        throw new Error(`expected one request, got ${received.length}${why ? `: ${String(why)}` : ""}`);
      }
      return { request: received[0]!, result };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function normalise(request: IncomingMessage, body: string): WireRequest {
  const url = request.url ?? "/";
  const questionMark = url.indexOf("?");
  const rawPath = questionMark === -1 ? url : url.slice(0, questionMark);
  const contentType = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const headers: Record<string, string> = {};
  for (const name of COMPARED_HEADERS) {
    const value = request.headers[name];
    if (typeof value === "string" && value !== "") headers[name] = name === "content-type" ? contentType : value;
  }
  return {
    method: (request.method ?? "").toUpperCase(),
    host: String(request.headers[TARGET_HOST_HEADER] ?? "").replace(/\.twilio\.com$/, ""),
    path: rawPath.split("/").map((segment) => decodeURIComponent(segment)),
    query: sortedPairs(questionMark === -1 ? "" : url.slice(questionMark + 1)),
    form: contentType === "application/x-www-form-urlencoded" ? sortedPairs(body) : undefined,
    json: contentType.endsWith("json") && body !== "" ? JSON.parse(body) : undefined,
    headers,
  };
}

/** `a=1&b=x%20y` and `b=x+y&a=1` alike: decoded pairs, sorted (repeated keys keep their values). */
function sortedPairs(encoded: string): [string, string][] {
  return [...new URLSearchParams(encoded)].sort(([a, x], [b, y]) =>
    a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0,
  );
}

/** The aspects in which two requests differ: `path`, `query StartDate`, `header if-match`, ... */
export function requestDifferences(ours: WireRequest, theirs: WireRequest): string[] {
  const differences: string[] = [];
  if (ours.method !== theirs.method) differences.push("method");
  if (ours.host !== theirs.host) differences.push("host");
  if (ours.path.join("/") !== theirs.path.join("/")) differences.push("path");
  differences.push(...pairDifferences("query", ours.query, theirs.query));
  if ((ours.form === undefined) !== (theirs.form === undefined)) differences.push("form");
  else differences.push(...pairDifferences("form", ours.form ?? [], theirs.form ?? []));
  if (!isDeepStrictEqual(ours.json, theirs.json)) differences.push("json");
  for (const name of new Set([...Object.keys(ours.headers), ...Object.keys(theirs.headers)])) {
    if (ours.headers[name] !== theirs.headers[name]) differences.push(`header ${name}`);
  }
  return differences.sort();
}

function pairDifferences(where: string, ours: [string, string][], theirs: [string, string][]): string[] {
  const keys = new Set([...ours, ...theirs].map(([key]) => key));
  const valuesOf = (pairs: [string, string][], key: string) =>
    JSON.stringify(pairs.filter(([name]) => name === key).map(([, value]) => value));
  return [...keys].filter((key) => valuesOf(ours, key) !== valuesOf(theirs, key)).map((key) => `${where} ${key}`);
}
