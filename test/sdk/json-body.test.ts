/** Operations with JSON request bodies (Documents v2, Ledger v1), including If-Match on them. */
import { describe, expect, it } from "vitest";
import { StoreInstance } from "../fixtures/generated/documents/v2/store.js";
import { MemberInstance } from "../fixtures/generated/documents/v2/store/member.js";
import { ACCESS_TOKEN, BASIC_AUTH, json, storeJson, useTwilioServer } from "./harness.js";

const sdk = useTwilioServer();
const stores = () => sdk.twilio.documents.v2.stores;

const member = {
  externalId: "4711",
  userName: "ada@example.com",
  displayName: "Ada King",
  active: true,
  emails: [{ value: "ada@example.com", primary: true }],
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
};

describe("Documents Stores (application/json)", () => {
  it("create sends the body as exact JSON", async () => {
    sdk.respond(() => json(storeJson(), { ETag: 'W/"1"' }, 201));

    const store = await stores().create({
      body: { name: "s", settings: { retention_days: 3, tags: ["x"] } },
    });

    const request = sdk.onlyRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/v2/Stores");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers.authorization).toBe(BASIC_AUTH);
    expect(request.body).toBe('{"name":"s","settings":{"retention_days":3,"tags":["x"]}}');
    expect(store).toBeInstanceOf(StoreInstance);
    expect(store.sid).toBe("ST1");
    expect(store.settings).toEqual({ retentionDays: 3, tags: ["x"] });
    expect(store.documentCount).toBe(0);
    expect(store.etag).toBe('W/"1"');
  });

  it("update sends If-Match together with the JSON body", async () => {
    sdk.respond(() => json(storeJson({ name: "t", revision: 2 }), { ETag: 'W/"2"' }));

    const store = await stores()("ST1").update({
      ifMatch: '"1"',
      body: { name: "t", settings: { retention_days: 30, tags: [] } },
    });

    const request = sdk.onlyRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/v2/Stores/ST1");
    expect(request.headers["if-match"]).toBe('"1"');
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual({
      name: "t",
      settings: { retention_days: 30, tags: [] },
    });
    expect(store.revision).toBe(2);
    expect(store.etag).toBe('W/"2"');
  });

  it("patch sends PATCH with If-Match from a fetched instance, keeping nulls", async () => {
    sdk.respond((request) =>
      request.method === "GET"
        ? json(storeJson(), { etag: 'W/"5"' })
        : json(storeJson({ settings: { retention_days: null, tags: ["x"] } }), {
            ETag: 'W/"6"',
          }),
    );

    const store = await stores()("ST1").fetch();
    const patched = await store.patch({
      ifMatch: store.etag,
      body: { settings: { retention_days: null } },
    });

    const patch = sdk.server.requests[1];
    expect(sdk.server.requests).toHaveLength(2);
    expect(patch?.method).toBe("PATCH");
    expect(patch?.url).toBe("/v2/Stores/ST1");
    expect(patch?.headers["if-match"]).toBe('W/"5"');
    expect(patch?.headers["content-type"]).toBe("application/json");
    expect(patch?.body).toBe('{"settings":{"retention_days":null}}');
    expect(patched.etag).toBe('W/"6"');
  });

  it("remove sends DELETE with If-Match and no body", async () => {
    sdk.respond(() => ({ status: 204 }));

    await expect(stores()("ST1").remove({ ifMatch: 'W/"6"' })).resolves.toBe(true);

    const request = sdk.onlyRequest();
    expect(request).toMatchObject({
      method: "DELETE",
      url: "/v2/Stores/ST1",
      body: "",
    });
    expect(request.headers["if-match"]).toBe('W/"6"');
  });
});

describe("Documents Members (SCIM)", () => {
  it("create sends application/scim+json and reads a SCIM response", async () => {
    sdk.respond(() => ({
      status: 201,
      headers: { "Content-Type": "application/scim+json", ETag: 'W/"1"' },
      body: JSON.stringify({
        ...member,
        id: "DM1",
        meta: { version: 'W/"1"' },
      }),
    }));

    const created = await stores()("ST1").members.create({ body: member });

    const request = sdk.onlyRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/v2/Stores/ST1/Members");
    expect(request.headers["content-type"]).toBe("application/scim+json");
    expect(request.headers.accept).toBe("application/scim+json");
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(JSON.parse(request.body)).toEqual(member);
    expect(created).toBeInstanceOf(MemberInstance);
    expect(created.id).toBe("DM1");
    expect(created.userName).toBe("ada@example.com");
    expect(created.emails).toEqual([{ value: "ada@example.com", primary: true }]);
    expect(created.etag).toBe('W/"1"');
  });

  it("update PUTs with If-Match, addressing the member by its id", async () => {
    sdk.respond(() => ({
      headers: { "Content-Type": "application/scim+json", ETag: 'W/"2"' },
      body: JSON.stringify({ ...member, id: "DM1", active: false }),
    }));

    const updated = await stores()("ST1")
      .members("DM1")
      .update({
        ifMatch: 'W/"1"',
        body: { ...member, active: false },
      });

    const request = sdk.onlyRequest();
    expect(request.method).toBe("PUT");
    expect(request.url).toBe("/v2/Stores/ST1/Members/DM1");
    expect(request.headers["if-match"]).toBe('W/"1"');
    expect(request.headers["content-type"]).toMatch(/^application\/(scim\+)?json$/);
    expect(JSON.parse(request.body)).toEqual({ ...member, active: false });
    expect(updated.active).toBe(false);
    expect(updated.etag).toBe('W/"2"');
  });

  it("lists a SCIM ListResponse (Resources) as a single page", async () => {
    sdk.respond(() => ({
      headers: { "Content-Type": "application/scim+json" },
      body: JSON.stringify({
        schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        totalResults: 2,
        Resources: [
          { ...member, id: "DM1" },
          { ...member, id: "DM2" },
        ],
      }),
    }));

    const page = await stores()("ST1").members.page({
      filter: 'userName eq "ada@example.com"',
    });

    const request = sdk.onlyRequest();
    expect(request.url).toBe("/v2/Stores/ST1/Members?filter=userName+eq+%22ada%40example.com%22");
    expect(page.instances.map((m) => m.id)).toEqual(["DM1", "DM2"]);
    expect(page.hasNextPage()).toBe(false);
    await expect(page.nextPage()).resolves.toBeUndefined();
    expect(sdk.server.requests).toHaveLength(1);
  });
});

describe("Ledger Accounts (JSON PUT)", () => {
  it("update PUTs JSON with If-Match from the fetched instance", async () => {
    const account = {
      sid: "LA1",
      friendlyName: "Acme",
      status: "active",
      balance: "125.40",
      currency: "USD",
      version: 3,
      dateCreated: "2026-03-01T08:00:00Z",
      dateUpdated: "2026-03-10T17:45:00Z",
      url: "https://ledger.twilio.com/v1/Accounts/LA1",
    };
    sdk.respond((request) =>
      request.method === "GET"
        ? json(account, { ETag: '"3"' })
        : json({ ...account, friendlyName: "Acme Corp", version: 4 }, { ETag: '"4"' }),
    );

    const fetched = await sdk.twilio.ledger.v1.accounts("LA1").fetch();
    const updated = await fetched.update({
      ifMatch: fetched.etag,
      body: { friendlyName: "Acme Corp" },
    });

    const [get, put] = sdk.server.requests;
    expect(get).toMatchObject({ method: "GET", url: "/v1/Accounts/LA1" });
    expect(put).toMatchObject({
      method: "PUT",
      url: "/v1/Accounts/LA1",
      body: '{"friendlyName":"Acme Corp"}',
    });
    expect(put?.headers["if-match"]).toBe('"3"');
    expect(put?.headers["content-type"]).toBe("application/json");
    expect(fetched.balance).toBe("125.40");
    expect(updated.friendlyName).toBe("Acme Corp");
    expect(updated.version).toBe(4);
    expect(updated.etag).toBe('"4"');
  });
});
