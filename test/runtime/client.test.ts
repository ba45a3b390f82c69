import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, expandPath } from "../../runtime/index.js";
import type { HttpMethod } from "../../runtime/index.js";
import { startServer } from "./server.js";
import type { TestServer } from "./server.js";
import { TRANSPORTS } from "./transports.js";

let server: TestServer;
let client: ApiClient;
const CREDENTIALS = { accountSid: "AC123", authToken: "token" };

beforeAll(async () => {
  server = await startServer();
  client = new ApiClient({ ...CREDENTIALS, baseUrls: { "*": server.origin } });
});
afterAll(() => server.close());

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe.each(TRANSPORTS)("ApiClient.request over $name", ({ options: transport }) => {
  let client: ApiClient;
  beforeAll(() => {
    client = new ApiClient({ ...CREDENTIALS, baseUrls: { "*": server.origin }, ...transport });
  });

  it("serializes the query string", async () => {
    server.respond(() => ({ body: { ok: true } }));

    const response = await client.request({
      method: "GET",
      host: "sync",
      path: "/v1/Services",
      query: {
        "StartTime<": new Date("2024-01-02T00:00:00.000Z"),
        Tag: ["a", "b"],
        Enabled: false,
        PageSize: 20,
        Missing: undefined,
      },
    });

    expect(response).toMatchObject({ status: 200, body: { ok: true } });
    expect(server.requests[0]).toMatchObject({
      method: "GET",
      url: "/v1/Services?StartTime%3C=2024-01-02T00%3A00%3A00Z" + "&Tag=a&Tag=b&Enabled=false&PageSize=20",
    });
  });

  it("sends Accept, User-Agent and Basic auth with the account SID", async () => {
    server.respond(() => ({ body: {} }));

    await client.request({ method: "GET", host: "api", path: "/x" });

    expect(server.requests[0]?.headers).toMatchObject({
      accept: "application/json",
      "user-agent": `twilio-etag-sdk/0.0.0 (${process.platform} ${process.arch}) node/${process.version}`,
      authorization: basic("AC123", "token"),
    });
  });

  it("prefers the API key and secret, and a custom User-Agent", async () => {
    server.respond(() => ({ body: {} }));
    const keyed = new ApiClient({
      accountSid: "AC123",
      authToken: "token",
      apiKey: "SK1",
      apiSecret: "secret",
      userAgent: "custom/1.0",
      baseUrls: { "*": server.origin },
      ...transport,
    });

    await keyed.request({ method: "GET", host: "api", path: "/x" });

    expect(keyed.accountSid).toBe("AC123");
    expect(server.requests[0]?.headers).toMatchObject({
      authorization: basic("SK1", "secret"),
      "user-agent": "custom/1.0",
    });
  });

  it("sends no Authorization from a client made for a local mock", async () => {
    server.respond(() => ({ body: {} }));
    const anonymous = new ApiClient({ unauthenticated: true, baseUrls: { "*": server.origin }, ...transport });

    await anonymous.request({ method: "GET", host: "api", path: "/x" });

    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("posts a form body", async () => {
    server.respond(() => ({ status: 201, body: { sid: "ET1" } }));

    const response = await client.request({
      method: "POST",
      host: "sync",
      path: "/v1/Services",
      form: { FriendlyName: "a b&c", Tag: ["x", "y"], Data: { n: 1 } },
    });

    expect(response.status).toBe(201);
    expect(server.requests[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(server.requests[0]?.body).toBe("FriendlyName=a+b%26c&Tag=x&Tag=y&Data=%7B%22n%22%3A1%7D");
  });

  it.each(["application/json", "application/scim+json"])("sends a JSON body as %s", async (contentType) => {
    server.respond(() => ({ body: {} }));

    await client.request({
      method: "POST",
      host: "preview",
      path: "/Users",
      json: { contentType, value: { userName: "ann", active: true } },
    });

    expect(server.requests[0]?.headers["content-type"]).toBe(contentType);
    expect(server.requests[0]?.body).toBe('{"userName":"ann","active":true}');
  });

  it.each<HttpMethod>(["PUT", "PATCH", "DELETE"])("sends %s", async (method) => {
    server.respond(() => ({ status: 204 }));

    const response = await client.request({
      method,
      host: "api",
      path: "/r",
    });

    expect(server.requests[0]?.method).toBe(method);
    expect(response).toMatchObject({ status: 204, body: undefined });
  });

  it("sends header values verbatim and leaves out undefined ones", async () => {
    server.respond(() => ({ body: {} }));

    await client.request({
      method: "POST",
      host: "sync",
      path: "/x",
      headers: { "If-Match": 'W/"3"', "X-Absent": undefined },
    });

    expect(server.requests[0]?.headers["if-match"]).toBe('W/"3"');
    expect(server.requests[0]?.headers).not.toHaveProperty("x-absent");
  });

  it.each(["a\r\nX-Injected: 1", "a\n", "\rb"])(
    "rejects a header value with CR or LF (%j) before sending",
    async (value) => {
      server.respond(() => ({ body: {} }));

      const sending = client.request({
        method: "GET",
        host: "sync",
        path: "/x",
        headers: { "If-Match": value },
      });

      await expect(sending).rejects.toThrow(TypeError);
      await expect(sending).rejects.toThrow(/If-Match/);
      expect(server.requests).toHaveLength(0);
    },
  );

  it("rejects a request with both a form and a JSON body", async () => {
    server.respond(() => ({ body: {} }));

    const sending = client.request({
      method: "POST",
      host: "sync",
      path: "/x",
      form: { A: 1 },
      json: { contentType: "application/json", value: {} },
    });

    await expect(sending).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });

  it("keeps '/' and '?' of a path parameter encoded on the wire", async () => {
    server.respond(() => ({ body: {} }));
    const path = expandPath("/v1/Services/{ServiceSid}/Documents/{Sid}", {
      ServiceSid: "IS1",
      Sid: "a/b?c",
    });

    await client.request({ method: "GET", host: "sync", path });

    expect(server.requests[0]?.url).toBe("/v1/Services/IS1/Documents/a%2Fb%3Fc");
  });

  it("returns text to a request that accepts text, and a 204's empty body as undefined", async () => {
    server.respond((request) =>
      request.url === "/text" ? { headers: { "Content-Type": "text/plain" }, body: "hello" } : { status: 204 },
    );

    const text = await client.request({
      method: "GET",
      host: "a",
      path: "/text",
      accept: "text/plain",
    });
    const empty = await client.request({
      method: "GET",
      host: "a",
      path: "/empty",
    });

    expect(text.body).toBe("hello");
    expect(empty.body).toBeUndefined();
  });

  it("returns each response's own headers", async () => {
    server.respond((request) => ({
      headers: { ETag: `"${request.url.slice(1)}"` },
      body: {},
    }));

    const [first, second] = await Promise.all([
      client.request({ method: "GET", host: "sync", path: "/1" }),
      client.request({ method: "GET", host: "sync", path: "/2" }),
    ]);

    expect(first.headers.get("etag")).toBe('"1"');
    expect(second.headers.get("etag")).toBe('"2"');
  });
});

describe("ApiClient base URLs", () => {
  it("defaults to https://<label>.twilio.com", () => {
    const plain = new ApiClient(CREDENTIALS);

    expect(plain.baseUrl("flex-api")).toBe("https://flex-api.twilio.com");
    expect(plain.accountSid).toBe("AC123");
  });

  it("prefers a label override to '*', and drops a trailing slash", () => {
    const routed = new ApiClient({
      ...CREDENTIALS,
      baseUrls: { sync: "http://sync.local/", "*": "http://all.local" },
    });

    expect(routed.baseUrl("sync")).toBe("http://sync.local");
    expect(routed.baseUrl("api")).toBe("http://all.local");
  });

  it("sends a request for an overridden label to the override", async () => {
    server.respond(() => ({ body: {} }));
    const routed = new ApiClient({ ...CREDENTIALS, baseUrls: { sync: `${server.origin}/` } });

    await routed.request({ method: "GET", host: "sync", path: "/v1/Services" });

    expect(server.requests[0]?.url).toBe("/v1/Services");
  });

  it("rewrites an overridden twilio.com origin in requestUrl", async () => {
    server.respond(() => ({ body: {} }));
    const routed = new ApiClient({ ...CREDENTIALS, baseUrls: { sync: server.origin } });

    await routed.requestUrl("https://sync.twilio.com/v1/Services?PageSize=2&Page=1");

    expect(server.requests[0]).toMatchObject({
      method: "GET",
      url: "/v1/Services?PageSize=2&Page=1",
    });
  });

  it("refuses to send credentials to a foreign page link", async () => {
    server.respond(() => ({ body: {} }));

    const following = client.requestUrl("https://example.com/v1/Services");

    await expect(following).rejects.toThrow(/example\.com/);
    expect(server.requests).toHaveLength(0);
  });
});
