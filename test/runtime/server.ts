import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { listenOnLoopback } from "../support/loopback.js";

/** One request exactly as the server saw it (url is the raw request target). */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Strings are sent as is; anything else as JSON. */
  body?: unknown;
  /** Never answer (the connection stays open until the server closes). */
  hang?: boolean;
}

export type Handler = (request: RecordedRequest, origin: string) => Reply;

/** A real HTTP server on 127.0.0.1 that records requests and replies. */
export interface TestServer {
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** Sets how the following requests are answered and forgets past ones. */
  respond(handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  let handler: Handler = () => ({ status: 204 });
  let origin = "";
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      const reply = handler(recorded, origin);
      if (reply.hang) return;
      const isText = typeof reply.body === "string";
      const headers: Record<string, string> = {
        ...(reply.body === undefined || isText ? {} : { "Content-Type": "application/json" }),
        ...reply.headers,
      };
      res.writeHead(reply.status ?? 200, headers);
      if (reply.body === undefined) res.end();
      else res.end(isText ? reply.body : JSON.stringify(reply.body));
    });
  });
  await listenOnLoopback(server);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    respond(next) {
      handler = next;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
