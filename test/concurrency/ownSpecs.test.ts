/**
 * Optimistic concurrency end to end with the committed fixture SDK (test/fixtures/generated/, from our own test/fixtures/specs/):
 * JSON and SCIM request bodies keep If-Match (POST, PATCH, PUT), and form-encoded deletes send it,
 * against the versioned server.
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  PreconditionFailedException,
  PreconditionRequiredException,
  RestException,
  Twilio,
} from "../fixtures/generated/index.js";
import type { VersionedServer } from "../support/versionedServer.js";
import { clientOptions, useVersionedServer } from "./generatedClient.js";

const STORE = "DS0123456789abcdef0123456789abcdef";
const MEMBER = "DM0123456789abcdef0123456789abcdef";
const STORE_PATH = `/v2/Stores/${STORE}`;
const MEMBERS_PATH = `${STORE_PATH}/Members`;
const MEMBER_PATH = `${MEMBERS_PATH}/${MEMBER}`;

const WORKSPACE = "WS0123456789abcdef0123456789abcdef";
const TASK = "WT0123456789abcdef0123456789abcdef";
const TASK_PATH = `/v1/Workspaces/${WORKSPACE}/Tasks/${TASK}`;

const versioned = useVersionedServer();
let twilio: Twilio;

beforeEach(() => {
  const { server } = versioned;
  server.put(STORE_PATH, {
    sid: STORE,
    name: "contracts",
    settings: { retention_days: 365, tags: ["legal"] },
    revision: 0,
    document_count: 0,
  });
  server.put(MEMBER_PATH, {
    id: MEMBER,
    userName: "ada@example.com",
    displayName: "Ada Lovelace",
    active: true,
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  });
  server.put(TASK_PATH, { sid: TASK, workspace_sid: WORKSPACE, assignment_status: "pending", priority: 1 });
  server.requests.length = 0;
  twilio = new Twilio(clientOptions(server));
});

/** The only request since `requests.length = 0` with `method`; fails when there are more or fewer. */
function onlyRequest(server: VersionedServer, method: string) {
  const matching = server.requests.filter((request) => request.method === method);
  expect(matching).toHaveLength(1);
  return matching[0]!;
}

describe("documents domain (JSON and SCIM bodies)", () => {
  const store = () => twilio.documents.v2.stores(STORE);

  it("update({ ifMatch, body }) POSTs the JSON body with If-Match verbatim; a stale ETag gets 412", async () => {
    const { server } = versioned;
    const current = await store().fetch();
    expect(current.etag).toBe('"0"');
    const body = { name: "contracts-2026", settings: { retention_days: 730, tags: ["legal", "archive"] } };

    const updated = await store().update({ ifMatch: current.etag, body });

    const request = onlyRequest(server, "POST");
    expect(request.path).toBe(STORE_PATH);
    expect(request.headers["if-match"]).toBe('"0"');
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual(body);
    expect(updated.etag).toBe('"1"');
    expect(updated.name).toBe("contracts-2026");

    const error = await store()
      .update({ ifMatch: current.etag, body: { name: "lost", settings: null } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PreconditionFailedException);
    expect(error).toMatchObject({ status: 412, code: 20412 });
    expect(server.get(STORE_PATH)).toMatchObject({ version: 1, resource: { name: "contracts-2026" } });
  });

  it("patch({ ifMatch, body }) sends PATCH with If-Match and a JSON body; 412 when stale, 428 when required and missing", async () => {
    const { server } = versioned;
    const current = await store().fetch();

    const patched = await store().patch({ ifMatch: current.etag, body: { settings: { retention_days: 90 } } });

    const request = onlyRequest(server, "PATCH");
    expect(request.path).toBe(STORE_PATH);
    expect(request.headers["if-match"]).toBe('"0"');
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual({ settings: { retention_days: 90 } });
    expect(patched.etag).toBe('"1"');
    expect(patched.settings).toEqual({ retentionDays: 90 });
    expect(patched.raw().settings).toEqual({ retention_days: 90 });

    await expect(store().patch({ ifMatch: current.etag, body: { name: "lost" } })).rejects.toBeInstanceOf(
      PreconditionFailedException,
    );

    server.put(STORE_PATH, { sid: STORE, name: "contracts" }, { requireIfMatch: true });
    const error = await store()
      .patch({ body: { name: "unconditional" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PreconditionRequiredException);
    expect(error).toBeInstanceOf(RestException);
    expect(error).toMatchObject({ status: 428, code: 20428 });
    expect((error as RestException).headers).toBeInstanceOf(Headers);
    expect(server.get(STORE_PATH)).toMatchObject({ version: 0, resource: { name: "contracts" } });
  });

  it("mutate() on a Store: concurrent JSON read-modify-writes with If-Match lose nothing", async () => {
    const { server } = versioned;
    const writers = 5;
    const increments = 10;
    const writer = async () => {
      const context = new Twilio(clientOptions(server)).documents.v2.stores(STORE);
      for (let increment = 0; increment < increments; increment += 1) {
        await context.mutate(
          (current) => ({
            body: {
              name: current.name ?? "",
              // The wire's spelling to write back: raw() (the field itself is camel-cased, as in twilio-node).
              settings: { ...current.raw().settings, retention_days: (current.settings?.retentionDays ?? 0) + 1 },
            },
          }),
          { maxAttempts: 1000, baseDelayMs: 2, maxDelayMs: 50 },
        );
      }
    };

    await Promise.all(Array.from({ length: writers }, writer));

    expect(server.get(STORE_PATH)!.resource.settings).toEqual({
      retention_days: 365 + writers * increments,
      tags: ["legal"],
    });
    const writes = server.requests.filter((request) => request.method === "POST");
    expect(writes.filter((write) => !/^"\d+"$/.test(String(write.headers["if-match"])))).toEqual([]);
    expect(new Set(writes.map((write) => write.headers["content-type"]))).toEqual(new Set(["application/json"]));
  });

  it("remove({ ifMatch }) DELETEs a Store with If-Match; a stale ETag gets 412 and the Store stays", async () => {
    const { server } = versioned;
    const stale = await store().fetch();
    await store().patch({ ifMatch: stale.etag, body: { name: "renamed" } });

    await expect(store().remove({ ifMatch: stale.etag })).rejects.toBeInstanceOf(PreconditionFailedException);
    expect(server.get(STORE_PATH)).toBeDefined();
    await expect(store().remove({ ifMatch: '"1"' })).resolves.toBe(true);

    expect(server.requests.filter((r) => r.method === "DELETE").map((r) => r.headers["if-match"])).toEqual([
      '"0"',
      '"1"',
    ]);
    expect(server.get(STORE_PATH)).toBeUndefined();
  });

  it("a SCIM Member: update({ ifMatch, body }) PUTs with If-Match; create() keeps application/scim+json", async () => {
    const { server } = versioned;
    const members = twilio.documents.v2.stores(STORE).members;
    const current = await members(MEMBER).fetch();
    expect(current.etag).toBe('"0"');
    const body = {
      userName: "ada@example.com",
      displayName: "Ada King",
      active: false,
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    };

    const updated = await members(MEMBER).update({ ifMatch: current.etag, body });

    const put = onlyRequest(server, "PUT");
    expect(put.path).toBe(MEMBER_PATH);
    expect(put.headers["if-match"]).toBe('"0"');
    // UpdateMember declares application/json and application/scim+json: a JSON type of the spec's.
    expect(["application/json", "application/scim+json"]).toContain(put.headers["content-type"]);
    expect(JSON.parse(put.body)).toEqual(body);
    expect(updated).toMatchObject({ etag: '"1"', displayName: "Ada King", active: false });
    await expect(members(MEMBER).update({ ifMatch: current.etag, body })).rejects.toBeInstanceOf(
      PreconditionFailedException,
    );

    // CreateMember declares only application/scim+json. The versioned server writes only to
    // stored paths, so the collection is seeded to accept (and record) the POST.
    server.put(MEMBERS_PATH, {});
    await members.create({ body: { userName: "grace@example.com", displayName: "Grace Hopper" } });
    const create = server.requests.filter((request) => request.path === MEMBERS_PATH).at(-1)!;
    expect(create.method).toBe("POST");
    expect(create.headers["content-type"]).toBe("application/scim+json");
    expect(create.headers["if-match"]).toBeUndefined();
    expect(JSON.parse(create.body)).toEqual({ userName: "grace@example.com", displayName: "Grace Hopper" });
  });
});

describe("tasks domain (form bodies)", () => {
  const task = () => twilio.tasks.v1.workspaces(WORKSPACE).tasks(TASK);

  it("remove({ ifMatch }) DELETEs with If-Match; a stale ETag gets 412 and the Task stays", async () => {
    const { server } = versioned;
    const stale = await task().fetch();
    const updated = await task().update({ ifMatch: stale.etag, priority: 5 });
    expect(onlyRequest(server, "POST").headers["if-match"]).toBe('"0"');

    const error = await task()
      .remove({ ifMatch: stale.etag })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PreconditionFailedException);
    expect(error).toMatchObject({ status: 412, code: 20412 });
    expect(server.get(TASK_PATH)).toBeDefined();

    await expect(updated.remove({ ifMatch: updated.etag })).resolves.toBe(true);

    const deletes = server.requests.filter((request) => request.method === "DELETE");
    expect(deletes.map((request) => [request.path, request.headers["if-match"], request.body])).toEqual([
      [TASK_PATH, '"0"', ""],
      [TASK_PATH, '"1"', ""],
    ]);
    expect(server.get(TASK_PATH)).toBeUndefined();
  });

  it("remove() without ifMatch sends no If-Match header", async () => {
    const { server } = versioned;

    await expect(task().remove()).resolves.toBe(true);

    expect(onlyRequest(server, "DELETE").headers["if-match"]).toBeUndefined();
  });
});
