/**
 * What the client does with the network's answers: retries, timeouts, redirects, odd bodies, bodies
 * too large, broken connections.
 */
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ApiClient,
  ConnectionError,
  RequestTimeoutError,
  ResponseTooLargeError,
  RestException,
  UnexpectedResponseError,
} from "../../runtime/index.js";
import type { ApiRequest, ClientOptions } from "../../runtime/index.js";
import { rawJsonResponse, startRawServer, type RawServer } from "./rawServer.js";
import { startServer } from "./server.js";
import type { Reply, TestServer } from "./server.js";
import { TRANSPORTS } from "./transports.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const SECRET = "s3cr3t-token";
const clientOn = (transport: ClientOptions, options: ClientOptions = {}) =>
  new ApiClient({ accountSid: "AC1", authToken: SECRET, baseUrls: { "*": server.origin }, ...transport, ...options });
const fetchTask: ApiRequest = { method: "GET", host: "taskrouter", path: "/v1/Tasks/WT1" };
const updateTask: ApiRequest = { method: "POST", host: "taskrouter", path: "/v1/Tasks/WT1", form: { Priority: 2 } };

/** Answers the requests in turn with `replies` (the last one repeats). */
function answer(...replies: Reply[]): void {
  let index = 0;
  server.respond(() => replies[Math.min(index++, replies.length - 1)]!);
}

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => expect.fail("expected the request to fail"),
    (error: unknown) => error,
  );

const tooMany = (headers: Record<string, string> = {}): Reply => ({
  status: 429,
  headers,
  body: { code: 20429, message: "Too Many Requests", status: 429 },
});

describe("the transport", () => {
  it('is node:http on Node by default, fetch with transport "fetch" or a given fetch', async () => {
    server.respond(() => ({ body: { sid: "WT1" } }));
    const givenFetch = vi.fn(globalThis.fetch);
    const globalFetch = vi.spyOn(globalThis, "fetch");
    try {
      await clientOn({}).request(fetchTask);
      const afterDefault = globalFetch.mock.calls.length;
      await clientOn({ transport: "fetch" }).request(fetchTask);
      await clientOn({ fetch: givenFetch }).request(fetchTask);

      expect([afterDefault, globalFetch.mock.calls.length, givenFetch.mock.calls.length]).toEqual([0, 1, 1]);
      expect(server.requests).toHaveLength(3);
    } finally {
      globalFetch.mockRestore();
    }
  });

  it('is refused when neither "auto" nor "fetch"', () => {
    const transport = "node:http" as ClientOptions["transport"];
    expect(() => clientOn({ transport })).toThrow(/transport must be "auto" or "fetch", got "node:http"/);
  });
});

describe.each(TRANSPORTS)("over $name", ({ options: transport }) => {
  const clientWith = (options: ClientOptions = {}) => clientOn(transport, options);

  describe("request headers", () => {
    it.each(["a\u0000b", "a\u0001b", "\u007f", "caf\u00e9\u2019"])(
      "refuses a header value the wire cannot carry (%j) as a TypeError, before sending",
      async (value) => {
        answer({ body: { sid: "WT1" } });

        const sending = clientWith().request({ ...fetchTask, headers: { "If-Match": value } });

        await expect(sending).rejects.toThrow(TypeError);
        await expect(sending).rejects.toThrow(/If-Match/);
        expect(server.requests).toHaveLength(0);
      },
    );

    it("sends a value's own bytes (Latin-1 included) without its leading and trailing blanks", async () => {
      answer({ body: { sid: "WT1" } });

      await clientWith().request({ ...fetchTask, headers: { "If-Match": ' \t"caf\u00e9" \t', "X-Empty": "" } });

      expect(server.requests[0]?.headers["if-match"]).toBe('"caf\u00e9"');
      expect(server.requests[0]?.headers["x-empty"]).toBe("");
    });
  });

  describe("429 Too Many Requests", () => {
    it("retries, even a POST (a 429 was not acted on), and returns the answer that follows", async () => {
      answer(tooMany({ "Retry-After": "0" }), tooMany(), { body: { sid: "WT1" } });

      const response = await clientWith().request(updateTask);

      expect(response.body).toEqual({ sid: "WT1" });
      expect(server.requests.map((request) => [request.method, request.body])).toEqual([
        ["POST", "Priority=2"],
        ["POST", "Priority=2"],
        ["POST", "Priority=2"],
      ]);
    });

    it("throws the 429 after maxRetries retries (default 3)", async () => {
      answer(tooMany({ "Retry-After": "0" }));

      const error = await failure(clientWith().request(fetchTask));

      expect(error).toBeInstanceOf(RestException);
      expect(error).toMatchObject({ status: 429, code: 20429 });
      expect(server.requests).toHaveLength(4);
    });

    it("sends 1 + maxRetries requests: 4 by default, 2 with maxRetries 1, 1 with maxRetries 0 or autoRetry false", async () => {
      const table: [ClientOptions, number][] = [
        // given options → want requests sent before the 429 is thrown
        [{}, 4],
        [{ maxRetries: 1 }, 2],
        [{ maxRetries: 0 }, 1],
        [{ autoRetry: false }, 1],
      ];
      for (const [options, want] of table) {
        answer(tooMany({ "Retry-After": "0" }));

        await expect(clientWith(options).request(fetchTask)).rejects.toMatchObject({ status: 429 });
        expect(server.requests, JSON.stringify(options)).toHaveLength(want);
      }
    });

    it("waits the Retry-After seconds", async () => {
      answer(tooMany({ "Retry-After": "1" }), { body: {} });
      const started = performance.now();

      await clientWith().request(fetchTask);

      expect(performance.now() - started).toBeGreaterThanOrEqual(950);
      expect(server.requests).toHaveLength(2);
    });

    it("waits until a Retry-After date", async () => {
      const inOneSecond = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000).toUTCString();
      answer(tooMany({ "Retry-After": inOneSecond }), { body: {} });
      const started = performance.now();

      await clientWith().request(fetchTask);

      expect(performance.now() - started).toBeGreaterThanOrEqual(500);
      expect(server.requests).toHaveLength(2);
    });

    it("retries after a Retry-After up to maxRetryDelay, and throws a 429 asking for longer at once", async () => {
      answer(tooMany({ "Retry-After": "1" }), { body: {} });
      await clientWith({ maxRetryDelay: 1000 }).request(fetchTask);
      expect(server.requests).toHaveLength(2);

      answer(tooMany({ "Retry-After": "2" }));
      const started = performance.now();
      await expect(clientWith({ maxRetryDelay: 1000 }).request(fetchTask)).rejects.toMatchObject({ status: 429 });
      expect(performance.now() - started).toBeLessThan(500);
      expect(server.requests).toHaveLength(1);
    });

    it("ignores a Retry-After that is neither whole seconds nor an HTTP-date, and waits the default backoff", async () => {
      // Math.random at 0.999 makes the first default backoff 199 ms: floor(0.999 * min(3000, 100 * 2^1)).
      const random = vi.spyOn(Math, "random").mockReturnValue(0.999);
      const inTenYears = new Date(Date.now() + 10 * 365 * 86_400_000).toUTCString();
      const table: [retryAfter: string, want: string][] = [
        // given Retry-After → want what the client did
        ["0", "retried at once"],
        ["-1", "retried after the default backoff"], // Date.parse reads it as 2001: not a date to wait for
        ["1.5", "retried after the default backoff"],
        ["soon", "retried after the default backoff"],
        ["2030-01-01", "retried after the default backoff"], // ISO 8601 is no HTTP-date
        ["Sun, 06 Nov 1994 08:49:37 GMT", "retried at once"], // a date in the past
        ["99999999999999999999999", "not retried: the 429 thrown at once"],
        [inTenYears, "not retried: the 429 thrown at once"],
      ];
      const got: [string, string][] = [];
      try {
        for (const [retryAfter] of table) {
          const arrivals: number[] = [];
          let index = 0;
          server.respond(() => {
            arrivals.push(performance.now());
            return index++ === 0 ? tooMany({ "Retry-After": retryAfter }) : { body: {} };
          });
          // The second request is answered, so a failure means the 429 was not retried.
          const retried = await clientWith()
            .request(fetchTask)
            .then(
              () => true,
              () => false,
            );
          const gap = (arrivals[1] ?? 0) - (arrivals[0] ?? 0);
          const did = gap < 100 ? "at once" : gap < 1000 ? "after the default backoff" : `after ${gap} ms`;
          got.push([retryAfter, retried ? `retried ${did}` : "not retried: the 429 thrown at once"]);
        }
      } finally {
        random.mockRestore();
      }
      expect(got).toEqual(table);
    });

    it("stops waiting when the call's signal aborts, with the signal's reason", async () => {
      answer(tooMany({ "Retry-After": "2" }));
      const controller = new AbortController();
      const reason = new Error("stop");
      setTimeout(() => controller.abort(reason), 100);
      const started = performance.now();

      const error = await failure(clientWith().request({ ...fetchTask, signal: controller.signal }));

      expect(error).toBe(reason);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(server.requests).toHaveLength(1);
    });
  });

  describe("5xx", () => {
    it.each([500, 502, 503])("never re-sends a POST that got %i, even after a retried 429", async (status) => {
      answer(tooMany({ "Retry-After": "0" }), { status, body: { message: "down" } });

      await expect(clientWith().request(updateTask)).rejects.toMatchObject({ status });
      expect(server.requests).toHaveLength(2);
    });
  });

  describe("timeout", () => {
    it("aborts an attempt after `timeout` ms with a RequestTimeoutError naming method and URL", async () => {
      server.respond(() => ({ hang: true }));

      const error = await failure(clientWith({ timeout: 200 }).request(fetchTask));

      expect(error).toBeInstanceOf(RequestTimeoutError);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toBe(
        `GET ${server.origin}/v1/Tasks/WT1 got no complete response within 200 ms (the client's timeout)`,
      );
    });

    it("still lets the call's signal cancel first, with the signal's reason", async () => {
      server.respond(() => ({ hang: true }));
      const controller = new AbortController();
      const reason = new Error("user cancelled");
      setTimeout(() => controller.abort(reason), 50);
      const client = clientWith({ timeout: 300 });

      const cancelled = await failure(client.request({ ...fetchTask, signal: controller.signal }));
      const timedOut = await failure(client.request({ ...fetchTask, signal: new AbortController().signal }));

      expect(cancelled).toBe(reason);
      expect(timedOut).toBeInstanceOf(RequestTimeoutError);
    });

    it.each([0, -1, 1.5, Number.NaN])("refuses the timeout %d", (timeout) => {
      expect(() => clientWith({ timeout })).toThrow(RangeError);
    });
  });

  describe("redirects", () => {
    it.each([301, 302, 303, 307])(
      "are not followed: a %i is an error naming the status and Location",
      async (status) => {
        answer({ status, headers: { Location: "/v1/Elsewhere" } });

        const error = await failure(clientWith().request(updateTask));

        expect(error).toBeInstanceOf(UnexpectedResponseError);
        expect(error).toMatchObject({ status });
        expect((error as Error).message).toContain(`POST ${server.origin}/v1/Tasks/WT1 answered ${status}`);
        expect((error as Error).message).toContain("(Location: /v1/Elsewhere)");
        expect(server.requests.map((request) => request.method)).toEqual(["POST"]);
      },
    );

    const fetchDay: ApiRequest = { method: "GET", host: "bulkexports", path: "/v1/Exports/Messages/Days/2024-01-02" };
    const download = "https://example.invalid/export.json.gz";

    it.each([302, 307])(
      "a %i is the result where the operation declares it (a JSON redirect_to), as in twilio-node; still not followed",
      async (status) => {
        answer({ status, headers: { Location: download }, body: { redirect_to: download } });

        const response = await clientWith().request({ ...fetchDay, redirectIsResult: true });

        expect(response).toMatchObject({ status, body: { redirect_to: download } });
        expect(response.headers.get("Location")).toBe(download);
        expect(server.requests.map((request) => request.url)).toEqual([fetchDay.path]);
      },
    );

    it("a declared redirect without its JSON body is still an error", async () => {
      answer({ status: 307, headers: { Location: download, "Content-Type": "text/html" }, body: "<a>moved</a>" });

      const error = await failure(clientWith().request({ ...fetchDay, redirectIsResult: true }));

      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect((error as Error).message).toContain("the body is text/html, not JSON");
    });
  });

  describe("a 2xx whose body is not the JSON expected", () => {
    it.each<[string, Reply, string]>([
      // given the answer → want the reason in the error
      [
        "an HTML page",
        { headers: { "Content-Type": "text/html" }, body: "<html><body>Proxy login</body></html>" },
        "the body is text/html, not JSON",
      ],
      [
        "invalid JSON",
        { headers: { "Content-Type": "application/json" }, body: '{"sid": "WT1",' },
        "the body is not valid JSON",
      ],
      ["no body", { status: 200 }, "a JSON body was expected"],
    ])("is an error for %s, with status, headers and the start of the body", async (_, reply, reason) => {
      answer({ ...reply, headers: { ...reply.headers, "Twilio-Request-Id": "RQ1" } });

      const error = await failure(clientWith().request(fetchTask));

      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect((error as Error).message).toContain(reason);
      const unexpected = error as UnexpectedResponseError;
      expect(unexpected.status).toBe(200);
      expect(unexpected.headers.get("twilio-request-id")).toBe("RQ1");
      expect(unexpected.bodyStart).toBe(typeof reply.body === "string" ? reply.body : "");
    });

    it("keeps only the start of a long body", async () => {
      answer({ headers: { "Content-Type": "text/html" }, body: `<html>${"x".repeat(10_000)}</html>` });

      const error = (await failure(clientWith().request(fetchTask))) as UnexpectedResponseError;

      expect(error.bodyStart).toHaveLength(500);
      expect(error.message.length).toBeLessThan(300);
    });

    it("refuses an empty 200 to a POST, but accepts an empty 204 and an empty answer to a delete", async () => {
      answer({ status: 200 }, { status: 204 }, { status: 200 });

      const client = clientWith();
      const empty = await failure(client.request(updateTask));
      const noContent = await client.request(updateTask);
      const deleted = await client.request({ method: "DELETE", host: "taskrouter", path: "/v1/Tasks/WT1" });

      expect(empty).toBeInstanceOf(UnexpectedResponseError);
      expect([noContent.body, deleted.body]).toEqual([undefined, undefined]);
    });
  });

  describe("a connection failure", () => {
    it("is a ConnectionError naming method and URL, without credentials, with the cause kept", async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const origin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
      await new Promise<void>((resolve) => closed.close(() => resolve()));

      const error = await failure(clientWith({ baseUrls: { "*": origin } }).request(updateTask));

      expect(error).toBeInstanceOf(ConnectionError);
      const message = (error as Error).message;
      expect(message).toMatch(new RegExp(`^POST ${origin}/v1/Tasks/WT1 failed: .*ECONNREFUSED`));
      expect((error as Error).cause).toBeInstanceOf(Error);
      expect(message).not.toContain(SECRET);
      expect(message).not.toContain(Buffer.from(`AC1:${SECRET}`).toString("base64"));
    });
  });

  describe("a connection reset", () => {
    let raw: RawServer;
    beforeAll(async () => {
      raw = await startRawServer();
    });
    afterAll(() => raw.close());
    const rawClient = () => clientWith({ baseUrls: { "*": raw.origin } });
    /** Resets the first `resets` connections, then answers `{ sid }`. */
    const resetting = (resets: number) => {
      let seen = 0;
      raw.respond(() => (seen++ < resets ? null : rawJsonResponse([], { sid: "WT1" })));
    };

    it("repeats a read once: a GET whose connection was reset is sent again, and answers", async () => {
      resetting(1);
      const response = await rawClient().request(fetchTask);
      expect(response.body).toEqual({ sid: "WT1" });
      expect(raw.requests.map((request) => request.method)).toEqual(["GET", "GET"]);
    });

    it("only once: a second reset is the ConnectionError", async () => {
      resetting(2);
      const error = await failure(rawClient().request(fetchTask));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(raw.requests).toHaveLength(2);
    });

    it("is a ConnectionError when the connection closes before the body's end, not a wait for the timeout", async () => {
      // Content-Length promises 100 bytes; the server sends 5 and closes.
      raw.respond(() => 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
      const started = performance.now();

      const error = await failure(clientWith({ baseUrls: { "*": raw.origin }, timeout: 5000 }).request(updateTask));

      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).not.toBeInstanceOf(RequestTimeoutError);
      expect(performance.now() - started).toBeLessThan(4000);
    });

    it("never repeats a write, which the server may have acted on", async () => {
      resetting(1);
      const error = await failure(rawClient().request(updateTask));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(raw.requests.map((request) => request.method)).toEqual(["POST"]);
    });
  });

  describe("a response body over maxResponseBytes", () => {
    let bodies: Awaited<ReturnType<typeof startBodyServer>>;
    beforeAll(async () => {
      bodies = await startBodyServer();
    });
    afterAll(() => bodies.close());
    const client = (options: ClientOptions = {}) =>
      new ApiClient({ unauthenticated: true, baseUrls: { "*": bodies.origin }, ...transport, ...options });
    const get = (path: string): ApiRequest => ({ method: "GET", host: "api", path });

    it("is read up to the limit and refused past it, with or without Content-Length, whatever the status", async () => {
      const table: [bytes: number, declared: boolean, status: number, limit: number, want: string][] = [
        // given a body of `bytes`, Content-Length sent or not, its status, and the limit → want
        [1024, true, 200, 1024, "read 1024 bytes"],
        [1024, false, 200, 1024, "read 1024 bytes"],
        [1025, true, 200, 1024, "ResponseTooLargeError"],
        [1025, false, 200, 1024, "ResponseTooLargeError"],
        [1025, false, 404, 1024, "ResponseTooLargeError"],
        [1025, false, 200, 2048, "read 1025 bytes"],
        [4096, false, 500, 4095, "ResponseTooLargeError"],
      ];
      const got: (typeof table)[number][] = [];
      for (const [bytes, declared, status, limit] of table) {
        const request = get(`/json?bytes=${bytes}&declared=${Number(declared)}&status=${status}`);
        const result = await client({ maxResponseBytes: limit })
          .request(request)
          .then(
            (response) => `read ${Buffer.byteLength(JSON.stringify(response.body))} bytes`,
            (error: Error) => error.name,
          );
        got.push([bytes, declared, status, limit, result]);
      }
      expect(got).toEqual(table);
    });

    it("stops reading a body without Content-Length once over, and gives up the connection", async () => {
      const error = await failure(client({ maxResponseBytes: 1024 ** 2 }).request(get("/endless")));

      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toMatchObject({
        method: "GET",
        url: `${bodies.origin}/endless`,
        status: 200,
        maxResponseBytes: 1024 ** 2,
      });
      expect((error as Error).message).toBe(
        `GET ${bodies.origin}/endless answered 200 with a body over 1048576 bytes (the client's maxResponseBytes); ` +
          "it was not read further",
      );
      // The server saw the connection closed before it had written its 16 MiB.
      await expect.poll(() => bodies.abandoned).toContain("/endless");
    });

    it("is refused from its Content-Length alone, without waiting for the body", async () => {
      const error = await failure(client({ timeout: 5000 }).request(get("/declared-huge")));

      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toMatchObject({ url: `${bodies.origin}/declared-huge`, maxResponseBytes: 50 * 1024 ** 2 });
    });

    // With its compressed length declared too: a declared length bounds what comes, not what it decodes to.
    it.each(Object.keys(ENCODERS).flatMap((encoding) => [[encoding, 0] as const, [encoding, 1] as const]))(
      "decodes a %s body (length declared: %d), and counts the limit in decoded bytes",
      async (encoding, declared) => {
        const path = `/compressed?encoding=${encoding}&bytes=4096&declared=${declared}`;

        const response = await client({ maxResponseBytes: 4096 }).request(get(path));
        const error = await failure(client({ maxResponseBytes: 4095 }).request(get(path)));

        expect(response.body).toEqual({ a: "0".repeat(4088) });
        expect(error).toBeInstanceOf(ResponseTooLargeError);
      },
    );

    it.each([0, -1, 1.5, Number.NaN, 500 * 1024 ** 2 + 1])("refuses maxResponseBytes %d", (maxResponseBytes) => {
      expect(() => client({ maxResponseBytes })).toThrow(RangeError);
    });
  });
});

const ENCODERS = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

/**
 * Answers `/json?bytes=N&declared=0|1&status=S` with a JSON body of exactly N bytes (two-byte
 * characters, written in 7-byte chunks so that characters split), with or without Content-Length;
 * `/endless` with a chunked body that goes on until the client gives up (at most 16 MiB), and
 * `/declared-huge` with a Content-Length of 1 GiB, a first kilobyte, then nothing;
 * `/compressed?encoding=E&bytes=N&declared=0|1` with a JSON body of N bytes sent in content coding E,
 * with or without its (compressed) Content-Length.
 */
async function startBodyServer() {
  /** The paths of responses whose connection closed before they were written whole. */
  const abandoned: string[] = [];
  const server = createHttpServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    response.on("close", () => {
      if (!response.writableFinished) abandoned.push(url.pathname);
    });
    if (url.pathname === "/declared-huge") {
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(1024 ** 3) });
      response.write("a".repeat(1024));
      return;
    }
    if (url.pathname === "/compressed") {
      const encoding = url.searchParams.get("encoding") as keyof typeof ENCODERS;
      const plain = Buffer.from(JSON.stringify({ a: "0".repeat(Number(url.searchParams.get("bytes")) - 8) }));
      const compressed = ENCODERS[encoding](plain);
      response.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Encoding": encoding,
        ...(url.searchParams.get("declared") === "1" && { "Content-Length": String(compressed.length) }),
      });
      return void response.end(compressed);
    }
    if (url.pathname === "/endless") {
      response.writeHead(200, { "Content-Type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      let written = 0;
      const pump = () => {
        while (written < 16 * 1024 ** 2 && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
        response.end();
      };
      return pump();
    }
    const bytes = Number(url.searchParams.get("bytes"));
    const filler = "\u00e9".repeat(Math.floor((bytes - 8) / 2)) + "x".repeat((bytes - 8) % 2);
    const body = Buffer.from(`{"a":"${filler}"}`);
    const declared = url.searchParams.get("declared") === "1";
    response.writeHead(Number(url.searchParams.get("status") ?? 200), {
      "Content-Type": "application/json",
      ...(declared && { "Content-Length": String(body.length) }),
    });
    for (let start = 0; start < body.length; start += 7) response.write(body.subarray(start, start + 7));
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    abandoned,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
