import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiClient, PreconditionFailedException, PreconditionRequiredException } from "../../runtime/index.js";
import { ETAG_HEADER_NAMES, snakeCase, startVersionedServer } from "../support/versionedServer.js";
import type { VersionedServer } from "../support/versionedServer.js";

const TASK = "/v1/Workspaces/WS1/Tasks/WT1";
const DOCUMENT = "/v1/Services/IS1/Documents/ET1";

let server: VersionedServer;

beforeAll(async () => {
  server = await startVersionedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.put(TASK, {
    sid: "WT1",
    assignment_status: "pending",
    attributes: '{"type":"support"}',
    priority: 1,
    reason: null,
  });
  server.put(DOCUMENT, { sid: "ET1", unique_name: "counter", data: { counter: 0 } });
  server.requests.length = 0;
});

/** A form-encoded request, with `ifMatch` in If-Match when given. */
const form = (fields: Record<string, string>, ifMatch?: string) => ({
  headers: {
    "Content-Type": "application/x-www-form-urlencoded",
    ...(ifMatch === undefined ? {} : { "If-Match": ifMatch }),
  },
  body: new URLSearchParams(fields).toString(),
});

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(server.url + path, { method, ...init });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get("etag"), body: text ? JSON.parse(text) : undefined };
}

/** Header names exactly as they arrived on the wire (fetch's Headers would hide their case). */
function rawHeaderNames(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(server.url + path, (res) => {
      res.resume();
      res.on("end", () => resolve(res.rawHeaders.filter((_, index) => index % 2 === 0)));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("versioned server: reads", () => {
  it("answers a GET with the JSON and the ETag of version 0", async () => {
    const response = await call("GET", TASK);

    expect(response).toEqual({
      status: 200,
      etag: '"0"',
      body: expect.objectContaining({ sid: "WT1", assignment_status: "pending" }),
    });
  });

  it("rotates the ETag header's name between responses", async () => {
    const names: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const etagNames = (await rawHeaderNames(TASK)).filter((name) => name.toLowerCase() === "etag");
      expect(etagNames).toHaveLength(1);
      names.push(etagNames[0]!);
    }

    expect(new Set(names)).toEqual(new Set(ETAG_HEADER_NAMES));
    // Consecutive responses never repeat a spelling.
    names.slice(1).forEach((name, index) => expect(name).not.toBe(names[index]));
  });

  it("answers an unknown path with Twilio's 404 body", async () => {
    const response = await call("GET", "/v1/Workspaces/WS1/Tasks/WTnope");

    expect(response).toEqual({
      status: 404,
      etag: null,
      body: {
        code: 20404,
        message: "The requested resource /v1/Workspaces/WS1/Tasks/WTnope was not found",
        more_info: "https://www.twilio.com/docs/errors/20404",
        status: 404,
      },
    });
  });

  it("lists the resources directly under a path, with an ETag of the list's own", async () => {
    server.put("/v1/Workspaces/WS1/Tasks/WT2", { sid: "WT2" });
    server.put("/v1/Workspaces/WS1/Tasks/WT2/Reservations/WR1", { sid: "WR1" });

    const response = await call("GET", "/v1/Workspaces/WS1/Tasks");

    expect(response.status).toBe(200);
    expect(response.etag).toBe('W/"list-2-0"');
    expect(response.body.tasks.map((task: { sid: string }) => task.sid)).toEqual(["WT1", "WT2"]);
    expect(response.body.meta).toMatchObject({ key: "tasks", next_page_url: null, previous_page_url: null });
  });

  it("treats a percent-encoded key and its decoded form as one resource", async () => {
    server.put("/v1/Services/IS1/Maps/MP1/Items/a b", { key: "a b", data: {} });

    expect((await call("GET", "/v1/Services/IS1/Maps/MP1/Items/a%20b")).body).toEqual({ key: "a b", data: {} });
  });
});

describe("versioned server: writes", () => {
  it("merges a TaskRouter form update, keeping Attributes a string and Priority a number", async () => {
    const response = await call(
      "POST",
      TASK,
      form({
        AssignmentStatus: "canceled",
        Attributes: '{"type":"sales"}',
        Priority: "5",
        Reason: "done",
      }),
    );

    const expected = {
      sid: "WT1",
      assignment_status: "canceled",
      attributes: '{"type":"sales"}',
      priority: 5,
      reason: "done",
    };
    expect(response).toEqual({ status: 200, etag: '"1"', body: expected });
    expect(server.get(TASK)).toEqual({
      resource: expected,
      version: 1,
      etag: '"1"',
      requireIfMatch: false,
      sendETag: true,
    });
    expect((await call("GET", TASK)).etag).toBe('"1"');
  });

  it("stores Sync's Data parsed, and fails on invalid JSON with 400", async () => {
    const ok = await call("POST", DOCUMENT, form({ Data: '{"counter":3,"nested":{"a":[1]}}' }));
    const bad = await call("POST", DOCUMENT, form({ Data: "{nope" }));

    expect(ok.body.data).toEqual({ counter: 3, nested: { a: [1] } });
    expect(bad).toMatchObject({ status: 400, body: { code: 20001, status: 400 } });
    expect(server.get(DOCUMENT)?.version).toBe(1);
  });

  it("parses the fields configured as JSON, and no others", async () => {
    const custom = await startVersionedServer({ jsonFormFields: ["Attributes"] });
    try {
      custom.put(TASK, { attributes: "{}", data: null });
      await fetch(custom.url + TASK, {
        method: "POST",
        ...form({ Attributes: '{"a":1}', Data: '{"b":2}' }),
      });

      expect(custom.get(TASK)?.resource).toEqual({ attributes: { a: 1 }, data: '{"b":2}' });
    } finally {
      await custom.close();
    }
  });

  it("merges a JSON body with its keys as sent, and records the request", async () => {
    const response = await call("PATCH", DOCUMENT, {
      headers: { "Content-Type": "application/merge-patch+json", "If-Match": '"0"' },
      body: JSON.stringify({ friendlyName: "x", data: { counter: 9 } }),
    });

    expect(response.body).toEqual({ sid: "ET1", unique_name: "counter", data: { counter: 9 }, friendlyName: "x" });
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: "PATCH",
        path: DOCUMENT,
        headers: expect.objectContaining({ "if-match": '"0"', "content-type": "application/merge-patch+json" }),
      }),
    ]);
  });

  it("renames PascalCase form fields to snake_case", () => {
    expect(["AssignmentStatus", "Ttl", "ItemTtl", "TTL", "SMSUrl", "data"].map(snakeCase)).toEqual([
      "assignment_status",
      "ttl",
      "item_ttl",
      "ttl",
      "sms_url",
      "data",
    ]);
  });

  it("lets concurrent unconditional writes overwrite each other (the last write wins)", async () => {
    const writes = ["a", "b", "c"].map((reason) => call("POST", TASK, form({ Reason: reason })));
    await Promise.all(writes);

    expect(server.get(TASK)?.version).toBe(3);
  });

  it("resets the version when a path is put again, and hands out copies", async () => {
    await call("POST", DOCUMENT, form({ Data: '{"counter":1}' }));
    server.put(DOCUMENT, { sid: "ET1", data: { counter: 0 } });
    const copy = server.get(DOCUMENT);
    (copy!.resource.data as { counter: number }).counter = 99;

    expect(server.get(DOCUMENT)).toMatchObject({ version: 0, etag: '"0"', resource: { data: { counter: 0 } } });
  });

  it("sends no ETag for a resource put with sendETag: false, but still checks If-Match", async () => {
    server.put(DOCUMENT, { sid: "ET1" }, { sendETag: false });

    expect((await call("GET", DOCUMENT)).etag).toBeNull();
    expect((await call("POST", DOCUMENT, { headers: { "If-Match": '"5"' } })).status).toBe(412);
    expect((await call("POST", DOCUMENT, { headers: { "If-Match": '"0"' } })).etag).toBeNull();
  });
});

describe("versioned server: If-Match", () => {
  it("answers a stale If-Match with 412 and Twilio's error body, changing nothing", async () => {
    await call("POST", TASK, form({ Priority: "2" }));

    const response = await call("POST", TASK, form({ Priority: "3" }, '"0"'));

    expect(response).toEqual({
      status: 412,
      etag: null,
      body: {
        code: 20412,
        message: expect.stringContaining("If-Match"),
        more_info: "https://www.twilio.com/docs/errors/20412",
        status: 412,
      },
    });
    expect(server.get(TASK)).toMatchObject({ version: 1, resource: { priority: 2 } });
  });

  it.each(['"0"', "*", 'W/"x", "0"'])("accepts If-Match %s at version 0", async (ifMatch) => {
    const response = await call("POST", TASK, form({ Priority: "7" }, ifMatch));

    expect(response).toMatchObject({ status: 200, etag: '"1"', body: { priority: 7 } });
  });

  it("refuses a write without If-Match with 428 when the resource requires it", async () => {
    server.put(TASK, { sid: "WT1", priority: 1 }, { requireIfMatch: true });

    const missing = await call("POST", TASK, form({ Priority: "2" }));
    const given = await call("POST", TASK, form({ Priority: "2" }, '"0"'));

    expect(missing).toMatchObject({ status: 428, body: { code: 20428, status: 428 } });
    expect(given).toMatchObject({ status: 200, etag: '"1"' });
  });

  it("deletes only with a current If-Match, answering 204", async () => {
    const stale = await call("DELETE", TASK, { headers: { "If-Match": '"7"' } });
    const deleted = await call("DELETE", TASK, { headers: { "If-Match": '"0"' } });

    expect(stale.status).toBe(412);
    expect(deleted).toEqual({ status: 204, etag: null, body: undefined });
    expect(server.get(TASK)).toBeUndefined();
    expect(server.requests.map((r) => [r.method, r.headers["if-match"]])).toEqual([
      ["DELETE", '"7"'],
      ["DELETE", '"0"'],
    ]);
  });

  it("refuses a delete without If-Match when required, and allows it otherwise", async () => {
    server.put(DOCUMENT, { sid: "ET1" }, { requireIfMatch: true });

    expect((await call("DELETE", DOCUMENT)).status).toBe(428);
    expect((await call("DELETE", TASK)).status).toBe(204);
  });

  it("surfaces as the runtime's typed exceptions through ApiClient", async () => {
    const client = new ApiClient({ accountSid: "AC1", authToken: "t", baseUrls: { "*": server.url } });
    server.put(DOCUMENT, { sid: "ET1", data: {} }, { requireIfMatch: true });
    const write = (ifMatch?: string) =>
      client.request({
        method: "POST",
        host: "sync",
        path: DOCUMENT,
        form: { Data: { counter: 1 } },
        headers: { "If-Match": ifMatch },
      });

    const stale = write('"3"');
    const missing = write();

    await expect(stale).rejects.toBeInstanceOf(PreconditionFailedException);
    await expect(stale).rejects.toMatchObject({ status: 412, code: 20412 });
    await expect(missing).rejects.toBeInstanceOf(PreconditionRequiredException);
    await expect(missing).rejects.toMatchObject({ status: 428, code: 20428 });
    const written = await write('"0"');
    expect(written.headers.get("ETag")).toBe('"1"');
    expect(written.body).toEqual({ sid: "ET1", data: { counter: 1 } });
  });
});
