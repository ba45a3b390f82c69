/**
 * The Twilio double of the fixture SDK (test/fixtures/generated/testing), in-process: the fixture
 * client, unchanged but for `fetch: double.fetch`, creates, reads, updates, lists and deletes
 * against it; the rules of Twilio's HTTP behaviour are checked as given/want rows on raw requests.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { PreconditionFailedException, RestException, Twilio } from "../fixtures/generated/index.js";
import { Tasks } from "../fixtures/generated/tasks/index.js";
import { createTwilioDouble, type TwilioDouble } from "../fixtures/generated/testing/index.js";

const ACCOUNT = `AC${"1".repeat(32)}`;
const TASKS = "https://tasks.twilio.com/v1/Workspaces";

let double: TwilioDouble;
let twilio: Twilio;

beforeEach(() => {
  double = createTwilioDouble({ seed: 7 });
  twilio = new Twilio({ accountSid: ACCOUNT, authToken: "token", fetch: double.fetch });
});

/** One raw request to the double: the status, the parsed body, and the ETag header. */
async function send(method: string, url: string, form?: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await double.fetch(url, {
    method,
    headers: form ? { "Content-Type": "application/x-www-form-urlencoded", ...headers } : headers,
    ...(form && { body: new URLSearchParams(form).toString() }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, etag: response.headers.get("etag") };
}

describe("create", () => {
  it("makes an instance with the prefix's SID, its parameters as typed fields, the account, dates, url and links", async () => {
    const workspace = await twilio.tasks.v1.workspaces.create({
      friendlyName: "support",
      eventTypes: ["task.created", "task.canceled"],
      multiTaskEnabled: true,
    });

    expect(workspace.sid).toMatch(/^WS[0-9a-f]{32}$/);
    const stored = double.get(`${TASKS}/${workspace.sid}`)!;
    expect(stored.fields).toEqual({
      sid: workspace.sid,
      account_sid: ACCOUNT,
      friendly_name: "support",
      event_callback_url: null,
      event_types: ["task.created", "task.canceled"],
      multi_task_enabled: true,
      date_created: "2025-01-01T00:00:01Z",
      date_updated: "2025-01-01T00:00:01Z",
      url: `${TASKS}/${workspace.sid}`,
      links: {
        activities: `${TASKS}/${workspace.sid}/Activities`,
        statistics: `${TASKS}/${workspace.sid}/Statistics`,
        tasks: `${TASKS}/${workspace.sid}/Tasks`,
      },
    });
    expect(stored.version).toBe(1);
    expect(workspace.dateCreated).toEqual(new Date("2025-01-01T00:00:01Z"));
  });

  it("fills a child's parent SID from the path, converts integers, and keeps the schema's defaults", async () => {
    const task = await twilio.tasks.v1.workspaces("WS1").tasks.create({ attributes: '{"a":1}', priority: 4 });

    expect(task.sid).toMatch(/^WT/);
    expect(task).toMatchObject({ workspaceSid: "WS1", attributes: '{"a":1}', priority: 4, timeout: 0 });
    expect(task.assignmentStatus).toBe("pending");
  });

  it("writes api v2010's dates in RFC 2822, its uri relative, and takes the account from the path", async () => {
    const call = await twilio.calls.create({ to: "+15550001", from: "+15550002" });

    const stored = double.get(`https://phone.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Calls/${call.sid}.json`)!;
    expect(stored.fields).toMatchObject({
      sid: expect.stringMatching(/^CA[0-9a-f]{32}$/),
      account_sid: ACCOUNT,
      to: "+15550001",
      date_created: "Wed, 01 Jan 2025 00:00:01 +0000",
      uri: `/2010-04-01/Accounts/${ACCOUNT}/Calls/${call.sid}.json`,
    });
    expect(call.dateCreated).toEqual(new Date("2025-01-01T00:00:01Z"));
  });

  it("serves a service's own client (its package entry) the same way", async () => {
    const tasks = new Tasks({ accountSid: ACCOUNT, authToken: "token", fetch: double.fetch });

    const workspace = await tasks.v1.workspaces.create({ friendlyName: "entry" });

    expect(double.get(`${TASKS}/${workspace.sid}`)?.fields.friendly_name).toBe("entry");
  });

  it("gives the same SIDs for the same seed, and others for another seed", async () => {
    const sids = async (seed: number) => {
      const own = createTwilioDouble({ seed });
      const client = new Twilio({ accountSid: ACCOUNT, authToken: "token", fetch: own.fetch });
      const made = [];
      for (const name of ["a", "b"]) made.push((await client.tasks.v1.workspaces.create({ friendlyName: name })).sid);
      return made;
    };

    expect(await sids(7)).toEqual(await sids(7));
    expect(await sids(8)).not.toEqual(await sids(7));
  });
});

describe("fetch, update, delete", () => {
  it("update moves date_updated, the version and the ETag; delete answers 204, then 404 with code 20404", async () => {
    const created = await twilio.tasks.v1.workspaces("WS1").tasks.create({ priority: 1 });
    const task = twilio.tasks.v1.workspaces("WS1").tasks(created.sid!);
    const read = await task.fetch();
    double.advance(60_000);

    const updated = await task.update({ ifMatch: read.etag, priority: 9, reason: "urgent" });

    expect(updated).toMatchObject({ priority: 9, reason: "urgent" });
    expect(updated.etag).not.toBe(read.etag);
    expect(updated.dateUpdated!.getTime() - read.dateUpdated!.getTime()).toBe(62_000);
    expect(updated.dateCreated).toEqual(read.dateCreated);
    expect(double.get(created.url!)).toMatchObject({ version: 2, etag: updated.etag });

    await expect(task.remove({ ifMatch: updated.etag })).resolves.toBe(true);
    const gone = await task.fetch().catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(RestException);
    expect(gone).toMatchObject({ status: 404, code: 20404 });
    expect(double.requests.map((request) => [request.method, request.status])).toEqual([
      ["POST", 201],
      ["GET", 200],
      ["POST", 200],
      ["DELETE", 204],
      ["GET", 404],
    ]);
  });

  it("delete takes what is below the instance with it, as Twilio does, and nothing beside it", async () => {
    const workspaces = twilio.tasks.v1.workspaces;
    const [doomed, kept] = [
      await workspaces.create({ friendlyName: "a" }),
      await workspaces.create({ friendlyName: "b" }),
    ];
    const task = await workspaces(doomed.sid!).tasks.create({ priority: 1 });
    double.seed(`${TASKS}/${doomed.sid}/Tasks/${task.sid}/Reservations`);
    const other = await workspaces(kept.sid!).tasks.create({ priority: 2 });

    await workspaces(doomed.sid!).remove();

    const gone = await workspaces(doomed.sid!)
      .tasks(task.sid!)
      .fetch()
      .catch((error: unknown) => error);
    expect(gone).toMatchObject({ status: 404, code: 20404 });
    expect(await workspaces(doomed.sid!).tasks.list()).toEqual([]);
    expect(double.list(`${TASKS}/${doomed.sid}/Tasks/${task.sid}/Reservations`)).toEqual([]);
    expect((await workspaces(kept.sid!).tasks(other.sid!).fetch()).priority).toBe(2);
  });

  it("sends ETag where the spec declares it, and only there", async () => {
    const workspace = twilio.tasks.v1.workspaces((await twilio.tasks.v1.workspaces.create({ friendlyName: "w" })).sid!);
    const task = await workspace.tasks.create({});

    expect((await workspace.fetch()).etag).toBeUndefined();
    expect((await workspace.tasks(task.sid!).fetch()).etag).toBe(double.get(task.url!)!.etag);
  });

  it("declares each body's length in bytes, as Twilio does, and none on a 204", async () => {
    const created = await double.fetch(TASKS, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "FriendlyName=caf%C3%A9",
    });
    const bytes = new Uint8Array(await created.arrayBuffer());
    const removed = await double.fetch(`${TASKS}/${JSON.parse(new TextDecoder().decode(bytes)).sid}`, {
      method: "DELETE",
    });

    expect([created.status, created.headers.get("content-length")]).toEqual([201, String(bytes.byteLength)]);
    expect(new TextDecoder().decode(bytes)).toContain("café");
    expect([removed.status, removed.headers.get("content-length")]).toEqual([204, null]);
  });

  it("finds an instance by its unique name as well as by its key", async () => {
    const seeded = double.seed("https://documents.twilio.com/v2/Stores", { name: "orders" });

    await expect(twilio.documents.v2.stores(seeded.fields.sid as string).fetch()).resolves.toMatchObject({
      name: "orders",
    });
  });
});

describe("concurrency", () => {
  it("answers a stale If-Match with 412, code 20412 and the current ETag, changing nothing", async () => {
    const store = double.seed("https://documents.twilio.com/v2/Stores", { name: "a" });
    const context = twilio.documents.v2.stores(store.fields.sid as string);
    const read = await context.fetch();
    double.write(store.url, { name: "b" });

    const error = await context.patch({ ifMatch: read.etag, body: { name: "c" } }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PreconditionFailedException);
    expect(error).toMatchObject({ status: 412, code: 20412 });
    expect((error as RestException).headers.get("etag")).toBe(double.get(store.url)!.etag);
    expect((error as RestException).headers.get("twilio-request-id")).toMatch(/^RQ[0-9a-f]{32}$/);
    expect(double.get(store.url)).toMatchObject({ version: 2, fields: { name: "b", revision: 2 } });
  });

  it.each([
    // given an instance, its writes so far and If-Match → want the status of a write to it
    ["a Store (a revision field)", "the current revision, bare", 0, "1", 200],
    ["a Store (a revision field)", "the current revision, bare, after a write", 1, "2", 200],
    ["a Store (a revision field)", "a stale revision, bare", 1, "1", 412],
    ["a Store (a revision field)", "the current ETag", 1, '"2"', 200],
    ["a Store (a revision field)", "a weak tag of the revision", 0, 'W/"1"', 412],
    ["a Task (no revision field)", "its version, bare", 0, "1", 412],
  ] as const)("%s, If-Match %s (%i writes before): %s → %i", async (instance, _, writes, ifMatch, status) => {
    const seeded = instance.startsWith("a Store")
      ? double.seed("https://documents.twilio.com/v2/Stores", { name: "a" })
      : double.seed(`${TASKS}/WS1/Tasks`);
    const change = instance.startsWith("a Store") ? { name: "b" } : { priority: 2 };
    for (let write = 0; write < writes; write += 1) double.write(seeded.url, change);

    const answer = await send(
      instance.startsWith("a Store") ? "PATCH" : "POST",
      seeded.url,
      {},
      { "If-Match": ifMatch },
    );

    expect(answer.status).toBe(status);
    if (status === 412) expect(answer.body).toMatchObject({ status: 412, code: 20412 });
    const version = writes + (status === 200 ? 2 : 1);
    expect(double.get(seeded.url)!.version).toBe(version);
    if (instance.startsWith("a Store")) expect(double.get(seeded.url)!.fields.revision).toBe(version);
  });

  it.each([
    // given requireIfMatch → want the status of a write without If-Match to a Store, and to a Task
    [undefined, 200, 200],
    [true, 428, 428],
    [["/v2/Stores/*"], 428, 200],
    [["/v1/Workspaces/*/Tasks/*"], 200, 428],
  ] as const)("requireIfMatch %j: a Store write answers %i, a Task write %i", async (requireIfMatch, store, task) => {
    double = createTwilioDouble({ requireIfMatch: requireIfMatch as boolean | string[] | undefined });
    const seededStore = double.seed("https://documents.twilio.com/v2/Stores", { name: "a" });
    const seededTask = double.seed(`${TASKS}/WS1/Tasks`);

    const answers = [
      await send("PATCH", seededStore.url, { name: "b" }),
      await send("POST", seededTask.url, { Priority: "2" }),
    ];

    expect(answers.map((answer) => answer.status)).toEqual([store, task]);
    if (store === 428) expect(answers[0]!.body).toMatchObject({ code: 20428, status: 428 });
  });

  it("an interfering writer changes the instance between the read and the write: 412, then mutate() wins", async () => {
    const store = double.seed("https://documents.twilio.com/v2/Stores", { name: "start" });
    const context = twilio.documents.v2.stores(store.fields.sid as string);
    double.interfere({ path: "/v2/Stores/*", change: (current) => ({ name: `${current.fields.name}+other` }) });
    const read = await context.fetch();

    await expect(context.patch({ ifMatch: read.etag, body: { name: "mine" } })).rejects.toBeInstanceOf(
      PreconditionFailedException,
    );
    double.interfere({ change: () => ({ settings: { by: "other" } }) });
    // The Store's update replaces it with a JSON body whose fields are both required.
    const written = await context.mutate((current) => ({ body: { name: `${current.name}+mine`, settings: {} } }), {
      baseDelayMs: 1,
    });

    expect(written.name).toBe("start+other+mine");
    expect(double.get(store.url)).toMatchObject({ version: 4, fields: { settings: {} } });
    expect(double.requests.filter((request) => request.status === 412)).toHaveLength(2);
  });
});
