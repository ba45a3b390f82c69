/**
 * Debugging a client: the debug log (logLevel, TWILIO_LOG_LEVEL, logger), the onRequest and
 * onResponse hooks, and RFC 9457 problem details in RestException.
 */
import { createRequire } from "node:module";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ApiClient,
  HookError,
  PreconditionFailedException,
  RestException,
  redactedHeaders,
  redactedUrl,
} from "../../runtime/index.js";
import type { ApiRequest, ClientOptions, RequestDetails, ResponseDetails } from "../../runtime/index.js";
import { startServer } from "./server.js";
import type { Reply, TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(() => {
  vi.restoreAllMocks();
});

const SECRET = "s3cr3t-token";
const clientWith = (options: ClientOptions = {}) =>
  new ApiClient({ accountSid: "AC1", authToken: SECRET, baseUrls: { "*": server.origin }, env: {}, ...options });
const createTask: ApiRequest = {
  method: "POST",
  host: "taskrouter",
  path: "/v1/Workspaces/WS1/Tasks",
  query: { PageToken: "PT9", AccessToken: "query-secret" },
  form: { Priority: 2 },
};

/** Answers the requests in turn with `replies` (the last one repeats). */
function answer(...replies: Reply[]): void {
  let index = 0;
  server.respond(() => replies[Math.min(index++, replies.length - 1)]!);
}

/** A logger that keeps the lines it is given. */
function recordingLogger(): { lines: string[]; debug(line: string): void } {
  const lines: string[] = [];
  return { lines, debug: (line) => lines.push(line) };
}

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => expect.fail("expected the request to fail"),
    (error: unknown) => error,
  );

describe("logLevel: debug", () => {
  it("logs method, URL, request headers, status and response headers, with credentials redacted", async () => {
    answer({ status: 201, headers: { "Twilio-Request-Id": "RQ1", "Set-Cookie": "session=abc" }, body: { sid: "WT1" } });
    const logger = recordingLogger();

    await clientWith({ logLevel: "debug", logger }).request(createTask);

    const log = logger.lines.join("\n");
    expect(logger.lines.slice(0, 3)).toEqual([
      "-- BEGIN Twilio API Request --",
      `POST ${server.origin}/v1/Workspaces/WS1/Tasks?PageToken=PT9&AccessToken=[redacted]`,
      "Headers:",
    ]);
    expect(logger.lines).toContain("authorization: Basic [redacted]");
    expect(logger.lines).toContain("content-type: application/x-www-form-urlencoded");
    expect(logger.lines).toContain("-- END Twilio API Request --");
    expect(logger.lines).toContain("response.statusCode: 201");
    const headersLine = logger.lines.find((line) => line.startsWith("response.headers: "))!;
    expect(JSON.parse(headersLine.slice("response.headers: ".length))).toMatchObject({
      "twilio-request-id": "RQ1",
      "set-cookie": "[redacted]",
    });
    // Neither the token, nor its Basic encoding, nor the secret query value, nor the cookie.
    for (const secret of [SECRET, btoa(`AC1:${SECRET}`), "query-secret", "session=abc"]) {
      expect(log).not.toContain(secret);
    }
  });

  it("writes twilio-node's debug lines for the same request, with the header values it leaves out", async () => {
    answer({ status: 201, headers: { "Twilio-Request-Id": "RQ1" }, body: { sid: "WT1" } });
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
    const twilioNode = createRequire(import.meta.url)("twilio") as typeof import("twilio");
    const url = `${server.origin}/v1/Workspaces/WS1/Tasks`;
    await new twilioNode.RequestClient({ keepAlive: false }).request({
      method: "post",
      uri: url,
      username: "AC1",
      password: SECRET,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      data: { Priority: 2 },
      logLevel: "debug",
    });
    const theirs = printed.splice(0);
    await clientWith({ logLevel: "debug" }).request({ ...createTask, query: {} });
    const ours = printed;

    // twilio-node prints each request header's name with the value `undefined` (a bug); ours has values.
    const withoutRequestHeaders = (lines: string[]) =>
      lines.filter((line) => !/^[\w-]+: /.test(line) && !line.startsWith("response.headers"));
    expect(withoutRequestHeaders(theirs)).toEqual([
      "-- BEGIN Twilio API Request --",
      `post ${url}`,
      "Headers:",
      "-- END Twilio API Request --",
      "response.statusCode: 201",
    ]);
    expect(withoutRequestHeaders(ours)).toEqual(
      withoutRequestHeaders(theirs).map((line) => line.replace(/^post /, "POST ")),
    );
    const responseHeaders = (lines: string[]) =>
      JSON.parse(lines.find((line) => line.startsWith("response.headers: "))!.slice(18)) as Record<string, string>;
    for (const name of ["content-type", "twilio-request-id"]) {
      expect(responseHeaders(ours)[name]).toBe(responseHeaders(theirs)[name]);
    }
    expect([...theirs, ...ours].join("\n")).not.toContain(SECRET);
  });

  it("logs every attempt, a retried 429 included, and the error response of a failed call", async () => {
    answer({ status: 429, headers: { "Retry-After": "0" } }, { status: 404, body: { code: 20404, message: "nope" } });
    const logger = recordingLogger();

    await failure(clientWith({ logLevel: "debug", logger }).request(createTask));

    expect(logger.lines.filter((line) => line.startsWith("response.statusCode"))).toEqual([
      "response.statusCode: 429",
      "response.statusCode: 404",
    ]);
    expect(logger.lines).toContain("-- BEGIN Twilio API Request -- (attempt 2)");
  });

  it("is turned on by TWILIO_LOG_LEVEL (any case) from the env option or process.env, and logLevel wins", async () => {
    answer({ body: { sid: "WT1" } });
    const credentials = { accountSid: "AC1", authToken: SECRET };
    const table: [ClientOptions, Record<string, string>, boolean][] = [
      // given options, process.env additions → want a log
      [{ ...credentials, env: { TWILIO_LOG_LEVEL: "debug" } }, {}, true],
      [{ ...credentials, env: { TWILIO_LOG_LEVEL: "DEBUG" } }, {}, true],
      [{ ...credentials, env: { TWILIO_LOG_LEVEL: "info" } }, {}, false],
      [{ ...credentials, env: {} }, {}, false],
      [{ ...credentials, env: { TWILIO_LOG_LEVEL: "debug" }, logLevel: "error" }, {}, false],
      [{ ...credentials, env: {}, logLevel: "debug" }, {}, true],
      [credentials, { TWILIO_LOG_LEVEL: "debug" }, true],
      // a client made for a mock reads no credentials from the environment, but does read the log level
      [{ unauthenticated: true }, { TWILIO_LOG_LEVEL: "debug" }, true],
    ];
    for (const [options, processEnv, wanted] of table) {
      for (const [name, value] of Object.entries(processEnv)) vi.stubEnv(name, value);
      const logger = recordingLogger();
      await new ApiClient({ ...options, baseUrls: { "*": server.origin }, logger }).request(createTask);
      vi.unstubAllEnvs();
      expect(logger.lines.length > 0, JSON.stringify([options, processEnv])).toBe(wanted);
    }
  });

  it("writes to console.log by default, where twilio-node writes, and to a logger's log when it has no debug", async () => {
    answer({ body: { sid: "WT1" } });
    const consoleLog = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await clientWith({ logLevel: "debug" }).request(createTask);
    expect(consoleLog).toHaveBeenCalledWith("response.statusCode: 200");

    const lines: string[] = [];
    await clientWith({ logLevel: "debug", logger: { log: (line: string) => lines.push(line) } }).request(createTask);
    expect(lines).toContain("response.statusCode: 200");
  });

  it("refuses an unknown level, in the option or the environment, and a logger without debug or log", () => {
    expect(() => clientWith({ logLevel: "verbose" as never })).toThrow(
      /logLevel must be one of "debug", "info", "warn", "error"; got verbose/,
    );
    expect(() => clientWith({ env: { TWILIO_LOG_LEVEL: "verbose" } })).toThrow(/TWILIO_LOG_LEVEL must be one of/);
    expect(() => clientWith({ logLevel: "debug", logger: {} as never })).toThrow(
      /logger must be an object with a debug/,
    );
    expect(() => clientWith({ onRequest: "log" as never })).toThrow(/onRequest must be a function/);
  });
});

describe("onRequest and onResponse", () => {
  it("see each attempt's request and response, credentials redacted, and changing them changes nothing", async () => {
    answer(
      { status: 429, headers: { "Retry-After": "0" } },
      { status: 201, headers: { ETag: '"7"' }, body: { sid: "WT1" } },
    );
    const requests: RequestDetails[] = [];
    const responses: ResponseDetails[] = [];
    const client = clientWith({
      onRequest: (request) => {
        requests.push(request);
        request.headers.set("Priority", "9");
      },
      onResponse: (response) => {
        responses.push(response);
        response.headers.set("ETag", '"forged"');
      },
    });

    const result = await client.request(createTask);

    expect(requests.map(({ method, body, attempt }) => ({ method, body, attempt }))).toEqual([
      { method: "POST", body: "Priority=2", attempt: 1 },
      { method: "POST", body: "Priority=2", attempt: 2 },
    ]);
    expect(requests[0]!.url).toBe(`${server.origin}/v1/Workspaces/WS1/Tasks?PageToken=PT9&AccessToken=[redacted]`);
    expect(requests[0]!.headers.get("Authorization")).toBe("Basic [redacted]");
    expect(responses.map(({ status, body }) => ({ status, body }))).toEqual([
      { status: 429, body: "" },
      { status: 201, body: '{"sid":"WT1"}' },
    ]);
    expect(responses[1]!.request).toBe(requests[1]);
    // What was sent and what the caller gets are untouched by the hooks' changes.
    expect(server.requests.map((request) => request.headers.priority)).toEqual([undefined, undefined]);
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${btoa(`AC1:${SECRET}`)}`);
    expect(result.headers.get("ETag")).toBe('"7"');
  });

  it("an onRequest that throws or rejects sends nothing and rejects the call with a HookError", async () => {
    answer({ body: { sid: "WT1" } });
    for (const onRequest of [
      () => {
        throw new Error("tracer broke");
      },
      () => Promise.reject(new Error("tracer broke")),
    ]) {
      const error = await failure(clientWith({ onRequest }).request(createTask));

      expect(error).toBeInstanceOf(HookError);
      expect(error).toMatchObject({ hook: "onRequest", method: "POST", status: undefined });
      expect((error as HookError).message).toMatch(
        /onRequest threw before POST .* was sent; nothing was sent: tracer broke/,
      );
      expect(((error as HookError).cause as Error).message).toBe("tracer broke");
      expect(server.requests).toHaveLength(0);
    }
  });

  it("an onResponse that throws rejects the call with a HookError naming the status: the request was sent once", async () => {
    answer({ status: 201, body: { sid: "WT1" } });
    const error = await failure(
      clientWith({
        onResponse: async () => {
          throw new TypeError("metrics broke");
        },
      }).request(createTask),
    );

    expect(error).toBeInstanceOf(HookError);
    expect(error).toMatchObject({ hook: "onResponse", status: 201 });
    expect((error as HookError).message).toMatch(/answered 201; the request was sent and may have been acted on/);
    expect(server.requests).toHaveLength(1);
  });

  it("an async hook is awaited before the request goes out", async () => {
    answer({ body: { sid: "WT1" } });
    const order: string[] = [];
    const client = clientWith({
      onRequest: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push(`hook, ${server.requests.length} sent`);
      },
    });
    await client.request(createTask);
    expect(order).toEqual(["hook, 0 sent"]);
  });

  it("a logger that throws is a HookError too, never a ConnectionError", async () => {
    answer({ body: { sid: "WT1" } });
    const logger = {
      debug: () => {
        throw new Error("disk full");
      },
    };
    const error = await failure(clientWith({ logLevel: "debug", logger }).request(createTask));
    expect(error).toMatchObject({ name: "HookError", hook: "logger" });
    expect(server.requests).toHaveLength(0);
  });
});

describe("redaction", () => {
  it.each([
    // given URL → want
    ["https://api.twilio.com/v1/Tasks", "https://api.twilio.com/v1/Tasks"],
    [
      "https://api.twilio.com/v1/Tasks?PageToken=PT1&PageSize=2",
      "https://api.twilio.com/v1/Tasks?PageToken=PT1&PageSize=2",
    ],
    ["https://api.twilio.com/v1/x?Token=a&Name=b%20c", "https://api.twilio.com/v1/x?Token=[redacted]&Name=b%20c"],
    [
      "https://api.twilio.com/v1/x?api_key=a&ClientSecret=b&Password=c",
      "https://api.twilio.com/v1/x?api_key=[redacted]&ClientSecret=[redacted]&Password=[redacted]",
    ],
    ["https://user:pw@example.com/v1/x", "https://example.com/v1/x"],
  ])("redactedUrl(%s) is %s", (url, wanted) => {
    expect(redactedUrl(url)).toBe(wanted);
  });

  it("redacts credential headers, keeping an Authorization's scheme", () => {
    const headers = new Headers({
      Authorization: "Bearer eyJ.abc.def",
      "Proxy-Authorization": "Basic QQ==",
      Cookie: "a=b",
      "X-Twilio-Signature": "sig",
      "X-Api-Key": "k",
      "Twilio-Request-Id": "RQ1",
      Accept: "application/json",
    });
    expect(Object.fromEntries(redactedHeaders(headers))).toEqual({
      accept: "application/json",
      authorization: "Bearer [redacted]",
      cookie: "[redacted]",
      "proxy-authorization": "Basic [redacted]",
      "twilio-request-id": "RQ1",
      "x-api-key": "[redacted]",
      "x-twilio-signature": "[redacted]",
    });
  });
});

describe("RFC 9457 problem details", () => {
  const problem = {
    type: "https://www.twilio.com/docs/errors/20001",
    title: "Invalid request",
    status: 400,
    detail: "FriendlyName is longer than 64 characters",
    instance: "/v1/Workspaces/WS1",
    code: 20001,
  };
  const problemReply = (body: object, status = 400): Reply => ({
    status,
    headers: { "Content-Type": "application/problem+json" },
    body: JSON.stringify(body),
  });

  it("takes the message from detail, exposes type, title, detail and instance, and keeps code and body", async () => {
    answer(problemReply(problem));
    const error = await failure(clientWith().request(createTask));

    expect(error).toBeInstanceOf(RestException);
    expect(error).toMatchObject({
      message: "FriendlyName is longer than 64 characters",
      status: 400,
      code: 20001,
      type: problem.type,
      title: "Invalid request",
      detail: problem.detail,
      instance: "/v1/Workspaces/WS1",
      body: problem,
    });
  });

  it("takes a problem body's message from detail, else title, else message, else the status", async () => {
    const table: [object, string][] = [
      // given body → want message
      [{ type: "about:blank", title: "Not Found" }, "Not Found"],
      [{ title: "Conflict", detail: "", message: "legacy text" }, "Conflict"],
      [{ message: "extension message only" }, "extension message only"],
      [{ status: 400 }, "HTTP 400"],
    ];
    for (const [body, wanted] of table) {
      answer(problemReply(body));
      expect(await failure(clientWith().request(createTask)), JSON.stringify(body)).toMatchObject({ message: wanted });
    }
  });

  it("keeps Twilio's message first in a plain JSON body, and the status classes for 412", async () => {
    answer({ status: 400, body: { message: "Twilio says", title: "t", detail: "d" } });
    expect(await failure(clientWith().request(createTask))).toMatchObject({ message: "Twilio says", detail: "d" });

    answer(problemReply({ title: "Precondition Failed", detail: "ETag mismatch" }, 412));
    const conflict = await failure(clientWith().request(createTask));
    expect(conflict).toBeInstanceOf(PreconditionFailedException);
    expect(conflict).toMatchObject({ message: "ETag mismatch", title: "Precondition Failed" });
  });
});
