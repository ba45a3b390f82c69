/** Client options as twilio-node names them: credentials and the environment, region and edge, base URLs, User-Agent. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../runtime/index.js";
import type { ClientOptions } from "../../runtime/index.js";
import { startServer } from "./server.js";
import type { TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

/** The Authorization header a client built from `options` sends to the test server. */
async function authorizationOf(options: ClientOptions): Promise<string | undefined> {
  server.respond(() => ({ body: {} }));
  const client = new ApiClient({ ...options, baseUrls: { "*": server.origin } });
  await client.request({ method: "GET", host: "api", path: "/x" });
  return server.requests[0]?.headers.authorization;
}

describe("credentials", () => {
  it.each<[string, ClientOptions, string]>([
    // given options (with `env` standing in for process.env) → want the Basic pair sent
    [
      "the account SID and token from the environment",
      { env: { TWILIO_ACCOUNT_SID: "AC1", TWILIO_AUTH_TOKEN: "t1" } },
      basic("AC1", "t1"),
    ],
    [
      "an API key pair from the environment, before its auth token",
      { env: { TWILIO_ACCOUNT_SID: "AC1", TWILIO_AUTH_TOKEN: "t1", TWILIO_API_KEY: "SK1", TWILIO_API_SECRET: "s1" } },
      basic("SK1", "s1"),
    ],
    [
      "a token given in code, never replaced by a key pair in the environment",
      {
        authToken: "t2",
        env: { TWILIO_ACCOUNT_SID: "AC1", TWILIO_AUTH_TOKEN: "t1", TWILIO_API_KEY: "SK1", TWILIO_API_SECRET: "s1" },
      },
      basic("AC1", "t2"),
    ],
    [
      "UTF-8 credentials, as twilio-node encodes them",
      { accountSid: "AC1", authToken: "tökén€" },
      basic("AC1", "tökén€"),
    ],
  ])("sends %s", async (_, options, want) => {
    expect(await authorizationOf(options)).toBe(want);
  });

  it("reads process.env when no env option is given", async () => {
    const saved = { sid: process.env.TWILIO_ACCOUNT_SID, token: process.env.TWILIO_AUTH_TOKEN };
    process.env.TWILIO_ACCOUNT_SID = "AC9";
    process.env.TWILIO_AUTH_TOKEN = "t9";
    try {
      expect(await authorizationOf({})).toBe(basic("AC9", "t9"));
    } finally {
      for (const [name, value] of [
        ["TWILIO_ACCOUNT_SID", saved.sid],
        ["TWILIO_AUTH_TOKEN", saved.token],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it.each<[string, ClientOptions, RegExp]>([
    // given options → want a TypeError when the client is created
    ["no credentials at all", { env: {} }, /no credentials.*TWILIO_ACCOUNT_SID.*unauthenticated: true/s],
    [
      "an API key without its secret",
      { apiKey: "SK1", accountSid: "AC1", env: {} },
      /`apiKey` and `apiSecret` go together/,
    ],
    ["an auth token without an account SID", { authToken: "t", env: {} }, /`authToken` needs `accountSid`/],
    ["an account SID that is no account's", { accountSid: "XY1", authToken: "t", env: {} }, /must start with AC$/],
    [
      "an API key SID given as the account SID",
      { accountSid: "SK1", authToken: "t", env: {} },
      /must start with AC; an API key SID goes in `apiKey`/,
    ],
    [
      "an environment's account SID that is no account's",
      { env: { TWILIO_ACCOUNT_SID: "SK1", TWILIO_AUTH_TOKEN: "t" } },
      /must start with AC/,
    ],
    [
      "credentials and `unauthenticated: true`",
      { accountSid: "AC1", authToken: "t", unauthenticated: true },
      /exclude each other/,
    ],
  ])("refuses %s before anything is sent", (_, options, message) => {
    expect(() => new ApiClient({ ...options, baseUrls: { "*": server.origin } })).toThrow(TypeError);
    expect(() => new ApiClient({ ...options, baseUrls: { "*": server.origin } })).toThrow(message);
  });

  it("sends nothing from a client made for a local mock, not even the environment's credentials", async () => {
    const env = { TWILIO_ACCOUNT_SID: "AC1", TWILIO_AUTH_TOKEN: "t1" };

    expect(await authorizationOf({ env })).toBe(basic("AC1", "t1"));
    expect(await authorizationOf({ unauthenticated: true, env })).toBeUndefined();
  });
});

describe("region and edge", () => {
  const plain = { accountSid: "AC1", authToken: "t", env: {} };
  it("builds <label>.<edge>.<region>.twilio.com as twilio-node does (BaseTwilio.getHostname)", () => {
    const table: [string, ClientOptions, string, string][] = [
      // given options and a host label → want the base URL (twilio-node's BaseTwilio.getHostname)
      ["no region, no edge", plain, "api", "https://api.twilio.com"],
      ["a region", { ...plain, region: "au1" }, "api", "https://api.au1.twilio.com"],
      [
        "an edge and a region",
        { ...plain, edge: "sydney", region: "au1" },
        "flex-api",
        "https://flex-api.sydney.au1.twilio.com",
      ],
      ["an edge alone, in us1", { ...plain, edge: "sydney" }, "api", "https://api.sydney.us1.twilio.com"],
      [
        "TWILIO_REGION and TWILIO_EDGE",
        { ...plain, env: { TWILIO_REGION: "ie1", TWILIO_EDGE: "dublin" } },
        "api",
        "https://api.dublin.ie1.twilio.com",
      ],
      [
        "options over the environment",
        { ...plain, region: "au1", env: { TWILIO_REGION: "ie1" } },
        "api",
        "https://api.au1.twilio.com",
      ],
      [
        "a base URL over region and edge",
        { ...plain, region: "au1", baseUrls: { api: "http://127.0.0.1:9" } },
        "api",
        "http://127.0.0.1:9",
      ],
    ];
    for (const [name, options, host, want] of table) expect(new ApiClient(options).baseUrl(host), name).toBe(want);
  });

  it("makes a client from options where the runtime refuses to read the environment (Deno without --allow-env)", () => {
    const denied = new Proxy(
      {},
      {
        get() {
          throw new Error('NotCapable: Requires env access to "TWILIO_REGION"');
        },
      },
    );
    const original = Object.getOwnPropertyDescriptor(process, "env")!;
    Object.defineProperty(process, "env", { value: denied, configurable: true });
    try {
      expect(new ApiClient({ accountSid: "AC1", authToken: "t" }).baseUrl("api")).toBe("https://api.twilio.com");
    } finally {
      Object.defineProperty(process, "env", original);
    }
  });

  it("sends page links of Twilio hosts to the client's region and edge", async () => {
    const seen: string[] = [];
    const recording: typeof fetch = async (input) => {
      seen.push(String(input));
      return new Response("{}", { headers: { "Content-Type": "application/json" } });
    };
    const client = new ApiClient({ ...plain, region: "au1", edge: "sydney", fetch: recording });

    await client.requestUrl("https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json?Page=1");
    await client.requestUrl("https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC1/Calls.json?Page=2");

    expect(seen).toEqual([
      "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC1/Calls.json?Page=1",
      "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC1/Calls.json?Page=2",
    ]);
  });

  it.each(["AU1", "au1.evil.com/", "a b"])("refuses the region %j, which is no DNS label", (region) => {
    expect(() => new ApiClient({ ...plain, region })).toThrow(/region must be a DNS label/);
  });
});

describe("baseUrls", () => {
  const sdk = { hosts: ["api", "taskrouter"] };
  const credentials = { accountSid: "AC1", authToken: "t" };

  it("refuses a key that is no host of the SDK, listing the valid ones, so a typo cannot reach Twilio", () => {
    const create = () => new ApiClient({ ...credentials, baseUrls: { taskroutr: server.origin } }, sdk);

    expect(create).toThrow(TypeError);
    expect(create).toThrow(
      'baseUrls has the key "taskroutr", which is no host of this SDK; valid keys: "*", "api", "taskrouter"',
    );
    const valid = new ApiClient(
      { ...credentials, baseUrls: { taskrouter: "http://a.local", "*": "http://b.local" } },
      sdk,
    );
    expect([valid.baseUrl("taskrouter"), valid.baseUrl("api")]).toEqual(["http://a.local", "http://b.local"]);
  });

  it.each(["not a url", "ftp://x.local", "http://user:pass@x.local"])("refuses the base URL %j", (base) => {
    expect(() => new ApiClient({ ...credentials, baseUrls: { api: base } }, sdk)).toThrow(/must be an http\(s\) URL/);
  });
});

describe("User-Agent", () => {
  const credentials = { accountSid: "AC1", authToken: "t" };

  async function userAgentOf(options: ClientOptions, sdk = {}): Promise<string | undefined> {
    server.respond(() => ({ body: {} }));
    await new ApiClient({ ...options, baseUrls: { "*": server.origin } }, sdk).request({
      method: "GET",
      host: "api",
      path: "/x",
    });
    return server.requests[0]?.headers["user-agent"];
  }
  const platform = `(${process.platform} ${process.arch}) node/${process.version}`;

  it("names the SDK, its version, the platform and Node, then the extensions", async () => {
    expect(await userAgentOf({ ...credentials, userAgentExtensions: ["my-app/1.2", "ops"] })).toBe(
      `twilio-etag-sdk/0.0.0 ${platform} my-app/1.2 ops`,
    );
  });

  it("takes the name and version the generated package passes", async () => {
    expect(await userAgentOf(credentials, { name: "acme-twilio", version: "2.3.4" })).toBe(
      `acme-twilio/2.3.4 ${platform}`,
    );
  });

  it("refuses an extension with a line break", () => {
    expect(() => new ApiClient({ ...credentials, userAgentExtensions: ["a\r\nX-Evil: 1"] })).toThrow(TypeError);
  });
});
