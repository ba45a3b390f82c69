/** Which Authorization and Accept headers the client sends, given its credentials and the operation's schemes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../runtime/index.js";
import type { AuthScheme, ClientOptions } from "../../runtime/index.js";
import { startServer } from "./server.js";
import type { TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const BASIC = { accountSid: "AC123", authToken: "token" };
const BASIC_HEADER = `Basic ${Buffer.from("AC123:token").toString("base64")}`;
const TOKEN = { accessToken: "tok-1" };

function clientWith(credentials: ClientOptions): ApiClient {
  return new ApiClient({ ...credentials, baseUrls: { "*": server.origin } });
}

describe("Authorization per operation", () => {
  it.each<[string, ClientOptions, AuthScheme[] | undefined, string | undefined]>([
    // given the client's credentials and the operation's schemes → want the Authorization header
    ["Basic by default", BASIC, undefined, BASIC_HEADER],
    ["Basic when asked", { ...BASIC, ...TOKEN }, ["basic"], BASIC_HEADER],
    ["the bearer token when asked", { ...BASIC, ...TOKEN }, ["bearer"], "Bearer tok-1"],
    ["the first alternative the client can send", { ...BASIC, ...TOKEN }, ["bearer", "basic"], "Bearer tok-1"],
    ["Basic when the client has no token", BASIC, ["bearer", "basic"], BASIC_HEADER],
    ["nothing for an operation without authentication", { ...BASIC, ...TOKEN }, ["none"], undefined],
    ["nothing when authentication is optional and the client has no token", BASIC, ["bearer", "none"], undefined],
    ["nothing from a client made for a local mock", { unauthenticated: true }, ["bearer"], undefined],
  ])("%s", async (_, credentials, auth, want) => {
    server.respond(() => ({ body: {} }));

    await clientWith(credentials).request({ method: "GET", host: "iam", path: "/x", ...(auth && { auth }) });

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBe(want);
  });

  it.each<[string, ClientOptions, AuthScheme[], string]>([
    // given credentials of the wrong kind → want the TypeError, and no request
    [
      "a bearer operation, Basic credentials",
      BASIC,
      ["bearer"],
      "GET /x needs `accessToken` (an OAuth 2 access token)",
    ],
    [
      "a Basic operation, only a token",
      TOKEN,
      ["basic"],
      "GET /x needs `accountSid` and `authToken` (or `apiKey` and `apiSecret`)",
    ],
  ])("refuses %s before sending anything", async (_, credentials, auth, message) => {
    server.respond(() => ({ body: {} }));

    const sent = clientWith(credentials).request({ method: "GET", host: "iam", path: "/x", auth });

    await expect(sent).rejects.toThrow(TypeError);
    await expect(sent).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it("asks a token function before each request, so a refreshed token goes out", async () => {
    server.respond(() => ({ body: {} }));
    let issued = 0;
    const client = clientWith({ accessToken: async () => `tok-${++issued}` });

    await client.request({ method: "GET", host: "iam", path: "/x", auth: ["bearer"] });
    await client.request({ method: "GET", host: "iam", path: "/x", auth: ["bearer"] });
    await client.request({ method: "GET", host: "iam", path: "/x", auth: ["none"] });

    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      "Bearer tok-1",
      "Bearer tok-2",
      undefined,
    ]);
  });

  it.each(["", "tok\r\nX-Injected: 1"])("refuses the access token %j, sending nothing", async (token) => {
    server.respond(() => ({ body: {} }));

    const sent = clientWith({ accessToken: () => token }).request({
      method: "GET",
      host: "iam",
      path: "/x",
      auth: ["bearer"],
    });

    await expect(sent).rejects.toThrow("accessToken must be a non-empty string without CR or LF characters");
    expect(server.requests).toHaveLength(0);
  });

  it.each(["SECRET\u0000tail", "SECRET tail"])(
    "refuses the access token %j in a message that does not repeat it",
    async (token) => {
      server.respond(() => ({ body: {} }));

      const sent = clientWith({ accessToken: token }).request({
        method: "GET",
        host: "iam",
        path: "/x",
        auth: ["bearer"],
      });
      const error = await sent.catch((reason: unknown) => reason);

      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).not.toContain("SECRET");
      expect(server.requests).toHaveLength(0);
    },
  );
});

describe("Accept and page links", () => {
  it("sends the operation's Accept, application/json by default", async () => {
    server.respond(() => ({ body: {} }));
    const client = clientWith(BASIC);

    await client.request({ method: "GET", host: "iam", path: "/x" });
    await client.request({ method: "GET", host: "iam", path: "/x", accept: "application/scim+json" });

    expect(server.requests.map((request) => request.headers.accept)).toEqual([
      "application/json",
      "application/scim+json",
    ]);
  });

  it("follows a page link with the first request's scheme, Accept and headers", async () => {
    server.respond(() => ({ body: {} }));
    const client = clientWith({ ...BASIC, ...TOKEN });

    await client.requestUrl(`${server.origin}/v2/Members?page=2`, {
      auth: ["bearer"],
      accept: "application/scim+json",
      headers: { "X-Twilio-Webhook-Enabled": "true" },
    });

    expect(server.requests[0]).toMatchObject({
      url: "/v2/Members?page=2",
      headers: {
        authorization: "Bearer tok-1",
        accept: "application/scim+json",
        "x-twilio-webhook-enabled": "true",
      },
    });
  });
});
