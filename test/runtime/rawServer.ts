import { createServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";

/** One request's head as it arrived: method, raw target and header lines. */
export interface RawRequest {
  method: string;
  url: string;
  /** Header lines exactly as sent, e.g. `If-Match: "3"`. */
  headerLines: string[];
}

/**
 * A server on 127.0.0.1 that answers with response text written byte for byte: header shapes
 * node:http refuses to write (a folded line, `ETag:` with nothing after it) reach the client as sent.
 */
export interface RawServer {
  readonly origin: string;
  readonly requests: RawRequest[];
  /** Sets the raw response for the following requests and forgets past ones; `null` resets the connection. */
  respond(answer: (request: RawRequest) => string | null): void;
  close(): Promise<void>;
}

/**
 * A complete HTTP/1.1 response: the header lines given, a JSON body, and `Connection: close`. It is
 * written one byte per character (latin1), as header bytes are; keep the body ASCII.
 */
export function rawJsonResponse(headerLines: string[], body: unknown, status = "200 OK"): string {
  const text = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status}`,
    "Content-Type: application/json",
    ...headerLines,
    `Content-Length: ${text.length}`,
    "Connection: close",
  ];
  return `${head.join("\r\n")}\r\n\r\n${text}`;
}

export async function startRawServer(): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  let answer: (request: RawRequest) => string | null = () => rawJsonResponse([], {});
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      const end = received.indexOf("\r\n\r\n");
      if (end === -1) return;
      const [requestLine = "", ...headerLines] = received.slice(0, end).split("\r\n");
      const length = Number(/^content-length:\s*(\d+)/im.exec(received.slice(0, end))?.[1] ?? 0);
      if (received.length < end + 4 + length) return;
      const [method = "", url = ""] = requestLine.split(" ");
      const request = { method, url, headerLines };
      requests.push(request);
      const text = answer(request);
      if (text === null) socket.resetAndDestroy();
      else socket.end(text, "latin1");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    respond(next) {
      answer = next;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
