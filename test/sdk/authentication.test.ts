/**
 * The security each operation's spec declares, on the wire: Documents Members require an OAuth 2
 * bearer token (FetchMember also takes Basic), everything else HTTP Basic.
 */
import { describe, expect, it } from "vitest";
import { Twilio, type ClientOptions } from "../fixtures/generated/index.js";
import { ACCESS_TOKEN, ACCOUNT_SID, AUTH_TOKEN, BASIC_AUTH, json, storeJson, useTwilioServer } from "./harness.js";

const sdk = useTwilioServer();
const scimMember = {
  status: 200,
  headers: { "Content-Type": "application/scim+json", ETag: 'W/"1"' },
  body: JSON.stringify({ id: "DM1", userName: "ada@example.com", active: true }),
};

/** The generated client with only some credentials, pointed at the test server. */
function twilioWith(credentials: ClientOptions): Twilio {
  return new Twilio({ ...credentials, baseUrls: { "*": sdk.server.origin } });
}

describe("authentication per operation", () => {
  it("sends Basic and Accept: application/json to a Basic operation, even when a token is given", async () => {
    sdk.respond(() => json(storeJson()));

    await sdk.twilio.documents.v2.stores("ST1").fetch();

    expect(sdk.onlyRequest().headers).toMatchObject({ authorization: BASIC_AUTH, accept: "application/json" });
  });

  it("sends the bearer token and Accept: application/scim+json to a Member operation", async () => {
    sdk.respond(() => ({ ...scimMember, body: JSON.stringify({ totalResults: 0, Resources: [] }) }));

    await sdk.twilio.documents.v2.stores("ST1").members.page();

    expect(sdk.onlyRequest().headers).toMatchObject({
      authorization: `Bearer ${ACCESS_TOKEN}`,
      accept: "application/scim+json",
    });
  });

  it("sends no SCIM Accept where the response has no body (DeleteMember's 204)", async () => {
    sdk.respond(() => ({ status: 204, body: "" }));

    await sdk.twilio.documents.v2.stores("ST1").members("DM1").remove();

    expect(sdk.onlyRequest().headers).toMatchObject({
      authorization: `Bearer ${ACCESS_TOKEN}`,
      accept: "application/json",
    });
  });

  it("FetchMember takes the token first and Basic when the client has no token", async () => {
    sdk.respond(() => scimMember);

    await sdk.twilio.documents.v2.stores("ST1").members("DM1").fetch();
    const withToken = sdk.onlyRequest();
    sdk.respond(() => scimMember);
    const basicOnly = twilioWith({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    const member = await basicOnly.documents.v2.stores("ST1").members("DM1").fetch();

    expect(withToken.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(sdk.onlyRequest().headers.authorization).toBe(BASIC_AUTH);
    expect(member.etag).toBe('W/"1"');
  });

  it("refuses a bearer-only operation on a Basic-only client, naming the option, and sends nothing", async () => {
    sdk.respond(() => scimMember);
    const basicOnly = twilioWith({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });

    const update = basicOnly.documents.v2
      .stores("ST1")
      .members("DM1")
      .update({ ifMatch: 'W/"1"', body: { userName: "ada@example.com" } });

    await expect(update).rejects.toThrow(
      "PUT /v2/Stores/ST1/Members/DM1 needs `accessToken` (an OAuth 2 access token), and the client was not given it",
    );
    expect(sdk.server.requests).toHaveLength(0);
  });

  it("asks a token function for each request", async () => {
    sdk.respond(() => scimMember);
    let issued = 0;
    const refreshing = twilioWith({ accessToken: () => `token-${++issued}` });

    await refreshing.documents.v2.stores("ST1").members("DM1").fetch();
    await refreshing.documents.v2.stores("ST1").members("DM1").fetch();

    expect(sdk.server.requests.map((request) => request.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-2",
    ]);
  });

  it("has no option for a declared Authorization header parameter: the credentials decide it", async () => {
    sdk.respond(() => json({ keys: [], meta: { key: "keys", page: 0, page_size: 50 } }));

    const keys = sdk.twilio.documents.v2.stores("ST1").keys;
    // @ts-expect-error ListStoreKey declares an Authorization header, which OpenAPI ignores.
    const forged = await keys.page({ authorization: "Bearer forged" }).catch((error: unknown) => error);
    await keys.page();

    // Refused as an unknown option, before anything is sent; the credentials decide the header.
    expect(forged).toBeInstanceOf(TypeError);
    expect((forged as Error).message).toContain('unknown option "authorization"');
    expect(sdk.onlyRequest().headers.authorization).toBe(BASIC_AUTH);
  });
});
