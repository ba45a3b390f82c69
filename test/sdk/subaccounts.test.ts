/**
 * Auth as twilio-node: `new Twilio(username, password, options)`, and `username`/`password` that
 * authenticate apart from `accountSid`, the default account, so a parent account or an API key
 * works on a subaccount. On the wire, against a real server on 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import { Twilio } from "../fixtures/generated/index.js";
import { Tasks } from "../fixtures/generated/tasks/index.js";
import { json, rawPath, useTwilioServer } from "./harness.js";

const sdk = useTwilioServer();
const PARENT = "ACparent";
const SUBACCOUNT = "ACsub";
const CALL = { sid: "CA1", account_sid: SUBACCOUNT, status: "queued" };
const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;
const NO_ENV = { env: {} };

describe("who authenticates, and whose account is the default", () => {
  const baseUrls = () => ({ "*": sdk.server.origin });
  it.each([
    {
      given: "new Twilio(parentSid, parentToken, { accountSid: subaccount })",
      make: () => new Twilio(PARENT, "parent-token", { accountSid: SUBACCOUNT, baseUrls: baseUrls(), ...NO_ENV }),
      authorization: basic(PARENT, "parent-token"),
      account: SUBACCOUNT,
    },
    {
      given: "new Twilio(apiKeySid, apiKeySecret, { accountSid })",
      make: () => new Twilio("SKkey", "key-secret", { accountSid: SUBACCOUNT, baseUrls: baseUrls(), ...NO_ENV }),
      authorization: basic("SKkey", "key-secret"),
      account: SUBACCOUNT,
    },
    {
      given: "new Twilio(accountSid, authToken): the account is the username's",
      make: () => new Twilio(PARENT, "parent-token", { baseUrls: baseUrls(), ...NO_ENV }),
      authorization: basic(PARENT, "parent-token"),
      account: PARENT,
    },
    {
      given: "{ username, password, accountSid } as options",
      make: () =>
        new Twilio({
          username: PARENT,
          password: "parent-token",
          accountSid: SUBACCOUNT,
          baseUrls: baseUrls(),
          ...NO_ENV,
        }),
      authorization: basic(PARENT, "parent-token"),
      account: SUBACCOUNT,
    },
    {
      given: "new Twilio(undefined, undefined, options): both from the environment",
      make: () =>
        new Twilio(undefined, undefined, {
          baseUrls: baseUrls(),
          env: { TWILIO_ACCOUNT_SID: PARENT, TWILIO_AUTH_TOKEN: "env-token" },
        }),
      authorization: basic(PARENT, "env-token"),
      account: PARENT,
    },
    {
      given: "new Twilio(parentSid, undefined, options): the password from the environment",
      make: () =>
        new Twilio(PARENT, undefined, {
          accountSid: SUBACCOUNT,
          baseUrls: baseUrls(),
          env: { TWILIO_AUTH_TOKEN: "env-token" },
        }),
      authorization: basic(PARENT, "env-token"),
      account: SUBACCOUNT,
    },
  ])("$given", async ({ make, authorization, account }) => {
    sdk.respond(() => json(CALL));

    await make().calls("CA1").fetch();

    const request = sdk.onlyRequest();
    expect(request.headers.authorization).toBe(authorization);
    expect(rawPath(request)).toBe(`/2010-04-01/Accounts/${account}/Calls/CA1.json`);
  });

  it("works the same on a service client", async () => {
    sdk.respond(() => json({ sid: "WS1", friendly_name: "w" }));

    await new Tasks(PARENT, "parent-token", { baseUrls: { tasks: sdk.server.origin }, ...NO_ENV }).v1
      .workspaces("WS1")
      .fetch();

    expect(sdk.onlyRequest().headers.authorization).toBe(basic(PARENT, "parent-token"));
  });
});

describe("what a client refuses, before sending anything", () => {
  it.each([
    {
      given: "a number first",
      args: [42],
      message: /takes \(options\) or \(username, password, options\).*got number/,
    },
    {
      given: "a callback where options go",
      args: [PARENT, "t", () => {}],
      message: /returns Promises and takes no callbacks/,
    },
    { given: "null options", args: [PARENT, "t", null], message: /got null/ },
    {
      given: "a username without a password",
      args: [{ username: PARENT, env: {} }],
      message: /`username` and `password` go together/,
    },
    {
      given: "username beside authToken",
      args: [{ username: PARENT, password: "p", authToken: "t", env: {} }],
      message: /replace `authToken` and `apiKey`\/`apiSecret`/,
    },
    {
      given: "an API key as the account",
      args: ["SKkey", "secret", { env: {} }],
      message: /accountSid must start with AC; an API key SID/,
    },
  ])("$given", ({ args, message }) => {
    const sent = sdk.server.requests.length;
    expect(() => new (Twilio as new (...args: unknown[]) => Twilio)(...args)).toThrow(TypeError);
    expect(() => new (Twilio as new (...args: unknown[]) => Twilio)(...args)).toThrow(message);
    expect(sdk.server.requests.length).toBe(sent);
  });
});
