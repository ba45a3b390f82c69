import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiClient,
  PreconditionFailedException,
  PreconditionRequiredException,
  RestException,
  exceptionFromResponse,
} from "../../runtime/index.js";
import type { Reply, TestServer } from "./server.js";
import { startServer } from "./server.js";

let server: TestServer;
let client: ApiClient;

beforeAll(async () => {
  server = await startServer();
  client = new ApiClient({ unauthenticated: true, baseUrls: { "*": server.origin } });
});
afterAll(() => server.close());

/** Answers one request with `reply` and returns what the client threw. */
async function failureFor(reply: Reply): Promise<unknown> {
  server.respond(() => reply);
  return client.request({ method: "POST", host: "sync", path: "/v1/x", form: {} }).then(
    () => expect.fail("expected the request to fail"),
    (error: unknown) => error,
  );
}

describe("error responses", () => {
  it("maps Twilio's error body onto RestException", async () => {
    const body = {
      code: 20001,
      message: "Invalid parameter",
      more_info: "https://www.twilio.com/docs/errors/20001",
      status: 400,
      details: { field: "Ttl" },
    };

    const error = await failureFor({
      status: 400,
      headers: { "Twilio-Request-Id": "RQ1" },
      body,
    });

    expect(error).toBeInstanceOf(RestException);
    expect(error).toMatchObject({
      name: "RestException",
      status: 400,
      message: "Invalid parameter",
      code: 20001,
      moreInfo: "https://www.twilio.com/docs/errors/20001",
      details: { field: "Ttl" },
      body,
    });
    expect((error as RestException).headers.get("twilio-request-id")).toBe("RQ1");
  });

  it.each([
    [412, PreconditionFailedException, "PreconditionFailedException"],
    [428, PreconditionRequiredException, "PreconditionRequiredException"],
  ] as const)("maps %i to %s", async (status, subclass, name) => {
    const error = await failureFor({
      status,
      headers: { ETag: '"7"' },
      body: { code: 20412, message: "Precondition", status },
    });

    expect(error).toBeInstanceOf(subclass);
    expect(error).toBeInstanceOf(RestException);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name, status, code: 20412 });
    expect((error as RestException).headers.get("etag")).toBe('"7"');
  });

  it("keeps a non-JSON error body as text", async () => {
    const error = await failureFor({
      status: 502,
      headers: { "Content-Type": "text/html" },
      body: "<html>Bad gateway</html>",
    });

    expect(error).toMatchObject({
      status: 502,
      message: "HTTP 502",
      code: undefined,
      moreInfo: undefined,
      body: "<html>Bad gateway</html>",
    });
  });

  it("handles an error without a body", async () => {
    const error = await failureFor({ status: 500 });

    expect(error).toMatchObject({
      status: 500,
      message: "HTTP 500",
      body: undefined,
    });
  });
});

describe("exceptionFromResponse", () => {
  it.each([null, 42, "text", [], { message: "" }, { code: "20404" }])("tolerates the body %j", (body) => {
    const error = exceptionFromResponse(404, new Headers(), body);

    expect(error).toMatchObject({ message: "HTTP 404", code: undefined });
  });
});
