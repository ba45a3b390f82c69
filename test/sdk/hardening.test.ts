/**
 * What a generated client refuses to do or show: credentials in inspect / console.log / JSON /
 * error text, a request to `.../undefined`, a `baseUrls` key that is no host of the SDK.
 */
import { format, inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ConnectionError,
  RestException,
  Twilio,
  type ClientOptions,
  type HostLabel,
} from "../fixtures/generated/index.js";
import { Tasks } from "../fixtures/generated/tasks/index.js";
import { json, taskJson, useTwilioServer, workspaceJson } from "./harness.js";

const sdk = useTwilioServer();

const AUTH_TOKEN = "authtok-SECRET-1";
const API_SECRET = "apisecret-SECRET-2";
const ACCESS_TOKEN = "bearer-SECRET-3";
const FORBIDDEN = [
  "SECRET",
  Buffer.from(`AC1:${AUTH_TOKEN}`).toString("base64"),
  Buffer.from(`SK1:${API_SECRET}`).toString("base64"),
  "Basic ",
  "Bearer ",
];

/** Every way a value gets printed or serialised by accident. */
function renderings(value: unknown): string[] {
  const texts = [
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    format(value), // what console.log prints
    format("%o", value),
  ];
  try {
    texts.push(JSON.stringify(value) ?? "");
  } catch {
    // A value JSON cannot serialise shows nothing.
  }
  if (value instanceof Error) texts.push(String(value), value.stack ?? "", String(value.cause ?? ""));
  return texts;
}

function expectNoSecret(name: string, value: unknown): void {
  for (const text of renderings(value)) {
    for (const secret of FORBIDDEN) {
      expect(text.includes(secret), `${name} shows ${JSON.stringify(secret)}:\n${text.slice(0, 2000)}`).toBe(false);
    }
  }
}

describe("credentials never show", () => {
  it.each([
    ["an auth token", { accountSid: "AC1", authToken: AUTH_TOKEN, accessToken: ACCESS_TOKEN }],
    ["an API key secret", { accountSid: "AC1", apiKey: "SK1", apiSecret: API_SECRET, accessToken: ACCESS_TOKEN }],
  ])("with %s: in the client, lists, contexts, pages, instances and errors", async (_, credentials) => {
    const twilio = new Twilio({ ...credentials, baseUrls: { "*": sdk.server.origin } });
    sdk.respond((request) => {
      if (request.url.includes("Missing")) return json({ code: 20404, message: "Not found", status: 404 }, {}, 404);
      if (/\/Tasks(\?|$)/.test(request.url)) return json({ tasks: [taskJson()], meta: { key: "tasks" } });
      return json(request.url.includes("Tasks") ? taskJson() : workspaceJson(), { ETag: '"1"' });
    });
    const workspace = twilio.tasks.v1.workspaces("WS1");
    const page = await workspace.tasks.page();
    const instance = await workspace.tasks("WT1").fetch();
    const notFound = await twilio.tasks.v1
      .workspaces("Missing")
      .fetch()
      .catch((error: unknown) => error);
    const unreachable = new Twilio({ ...credentials, baseUrls: { "*": "http://127.0.0.1:9" } });
    const refused = await unreachable.tasks.v1
      .workspaces("WS1")
      .fetch()
      .catch((error: unknown) => error);

    expect(notFound).toBeInstanceOf(RestException);
    expect(refused).toBeInstanceOf(ConnectionError);
    const shown = {
      twilio,
      client: twilio.client,
      list: workspace.tasks,
      workspace,
      page,
      instance,
      notFound,
      refused,
    };
    for (const [name, value] of Object.entries(shown)) expectNoSecret(name, value);
  });
});

describe("an instance without its key field", () => {
  it("refuses to address its resource, rather than sending a request to .../undefined", async () => {
    const { sid: _, ...withoutSid } = taskJson();
    sdk.respond(() => json(withoutSid, { ETag: '"1"' }, 201));
    const created = await sdk.twilio.tasks.v1.workspaces("WS1").tasks.create({ priority: 1 });
    sdk.respond(() => json(taskJson()));

    const fetching = created.fetch();

    await expect(fetching).rejects.toThrow(TypeError);
    await expect(fetching).rejects.toThrow('This TaskInstance has no "sid"');
    expect(sdk.server.requests).toHaveLength(0);
  });
});

describe("baseUrls of the generated client", () => {
  it("refuses a key that is no host of the SDK, naming the valid ones (for JavaScript; TypeScript refuses it to compile)", () => {
    // @ts-expect-error `taks` is no host label of the SDK: a compile error.
    const create = () => new Twilio({ accountSid: "AC1", authToken: "t", baseUrls: { taks: sdk.server.origin } });

    expect(create).toThrow(TypeError);
    expect(create).toThrow('valid keys: "*", "documents", "ledger", "phone", "tasks"');
  });

  it("one options object serves the root client and every service client: each ignores other services' hosts", async () => {
    const options: ClientOptions<HostLabel> = {
      accountSid: "AC1",
      authToken: "t",
      baseUrls: { tasks: sdk.server.origin, ledger: "http://127.0.0.1:1" },
    };
    sdk.respond(() => json(workspaceJson()));

    new Twilio(options);
    await new Tasks(options).v1.workspaces("WS1").fetch();

    expect(sdk.onlyRequest().url).toBe("/v1/Workspaces/WS1");
    // @ts-expect-error `taks` is no host label of the SDK: a compile error, and a TypeError for JavaScript.
    expect(() => new Tasks({ ...options, baseUrls: { taks: sdk.server.origin } })).toThrow(
      'valid keys: "*", "documents", "ledger", "phone", "tasks"',
    );
  });
});
