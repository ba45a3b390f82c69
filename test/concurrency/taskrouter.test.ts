/**
 * Optimistic concurrency end to end on Twilio's real TaskRouter spec: an SDK generated from
 * twilio_taskrouter_v1.yaml alone talks to the versioned server (ETag per version, header-name
 * case rotating, 412 on a stale If-Match, 428 where If-Match is required).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { ETAG_HEADER_NAMES } from "../support/versionedServer.js";
import {
  clientOptions,
  corpusSpecs,
  rawEtagHeaderName,
  requestsSince,
  useGeneratedSdk,
  useVersionedServer,
} from "./generatedClient.js";

const specs = corpusSpecs("TaskRouter concurrency tests", "twilio_taskrouter_v1.yaml");

const WORKSPACE = "WS0123456789abcdef0123456789abcdef";
const TASK = "WT0123456789abcdef0123456789abcdef";
const OTHER_TASK = "WTfedcba9876543210fedcba9876543210";
const LIST_WORKSPACE = "WSfedcba9876543210fedcba9876543210";
const TASKS_PATH = `/v1/Workspaces/${WORKSPACE}/Tasks`;
const TASK_PATH = `${TASKS_PATH}/${TASK}`;

function taskJson(sid: string): Record<string, unknown> {
  return {
    sid,
    account_sid: "AC00000000000000000000000000000000",
    workspace_sid: WORKSPACE,
    assignment_status: "pending",
    attributes: '{"type":"support"}',
    priority: 1,
    reason: null,
    url: `https://taskrouter.twilio.com${TASKS_PATH}/${sid}`,
  };
}

describe("TaskRouter (real spec): If-Match and ETag end to end", () => {
  const generated = useGeneratedSdk(() => specs);
  const versioned = useVersionedServer();
  // The generated client's type exists only once it is generated: see ifMatchTypes.test.ts.
  let twilio: any;

  beforeEach(() => {
    const { server } = versioned;
    server.put(TASK_PATH, taskJson(TASK));
    twilio ??= new generated.sdk.Twilio(clientOptions(server));
  });
  const task = () => twilio.taskrouter.v1.workspaces(WORKSPACE).tasks(TASK);

  it("fetch() gives the raw ETag (quotes kept) whatever the case of the header name", async () => {
    const { server } = versioned;
    // The server rotates ETag, etag, Etag over its ETag responses: the probe tells where it is.
    const probe = await rawEtagHeaderName(server, TASK_PATH);
    const namesOfFetches: string[] = [];
    let responses = 0;
    const nextName = () => ETAG_HEADER_NAMES[(probe.index + ++responses) % ETAG_HEADER_NAMES.length]!;

    for (let round = 0; round < 3; round += 1) {
      namesOfFetches.push(nextName());
      const fetched = await task().fetch();
      expect(fetched.etag).toBe(`"${round}"`);
      expect(fetched.etag).toBe(server.get(TASK_PATH)!.etag);
      expect(fetched.sid).toBe(TASK);
      if (round < 2) {
        nextName();
        const updated = await task().update({ ifMatch: fetched.etag, priority: round + 10 });
        expect(updated.etag).toBe(`"${round + 1}"`);
      }
    }

    expect(new Set(namesOfFetches)).toEqual(new Set(ETAG_HEADER_NAMES));
    // A second probe confirms the count: exactly the five SDK responses above carried an ETag.
    expect((await rawEtagHeaderName(server, TASK_PATH)).name).toBe(nextName());
  });

  it("update({ ifMatch }) succeeds with the current ETag and sends it verbatim in If-Match", async () => {
    const { server } = versioned;
    const current = await task().fetch();
    const mark = server.requests.length;

    const updated = await task().update({ ifMatch: current.etag, assignmentStatus: "completed", reason: "done" });

    const [request, ...others] = requestsSince(server, mark);
    expect(others).toEqual([]);
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe(TASK_PATH);
    expect(request!.headers["if-match"]).toBe('"0"');
    expect(request!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      AssignmentStatus: "completed",
      Reason: "done",
    });
    expect(updated.assignmentStatus).toBe("completed");
    expect(updated.reason).toBe("done");
    expect(updated.etag).toBe('"1"');
    expect(server.get(TASK_PATH)).toMatchObject({ version: 1, resource: { assignment_status: "completed" } });
  });

  it("update() with a stale ifMatch rejects with PreconditionFailedException (412) and changes nothing", async () => {
    const { server } = versioned;
    const { PreconditionFailedException, RestException } = generated.sdk;
    const stale = await task().fetch();
    await task().update({ ifMatch: stale.etag, priority: 5 });

    const error = await task()
      .update({ ifMatch: stale.etag, assignmentStatus: "completed", reason: "done" })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PreconditionFailedException);
    expect(error).toBeInstanceOf(RestException);
    expect(error).toMatchObject({
      name: "PreconditionFailedException",
      status: 412,
      code: 20412,
      moreInfo: "https://www.twilio.com/docs/errors/20412",
    });
    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.headers.get("content-type")).toBe("application/json");
    expect(server.requests.at(-1)!.headers["if-match"]).toBe('"0"');
    expect(server.get(TASK_PATH)).toMatchObject({
      version: 1,
      resource: { assignment_status: "pending", priority: 5 },
    });
  });

  it("update() without ifMatch on a resource that requires it rejects with PreconditionRequiredException (428)", async () => {
    const { server } = versioned;
    const { PreconditionRequiredException, PreconditionFailedException } = generated.sdk;
    server.put(TASK_PATH, taskJson(TASK), { requireIfMatch: true });

    const error = await task()
      .update({ assignmentStatus: "completed", reason: "done" })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PreconditionRequiredException);
    expect(error).not.toBeInstanceOf(PreconditionFailedException);
    expect(error).toMatchObject({ status: 428, code: 20428 });
    expect(error.headers).toBeInstanceOf(Headers);
    expect(server.requests.at(-1)!.headers["if-match"]).toBeUndefined();
    expect(server.get(TASK_PATH)!.version).toBe(0);

    // With the ETag it goes through.
    const current = await task().fetch();
    await expect(task().update({ ifMatch: current.etag, priority: 3 })).resolves.toMatchObject({ etag: '"1"' });
  });

  it("remove({ ifMatch }) sends If-Match: a stale one gets 412 and the Task stays, the current one deletes it", async () => {
    const { server } = versioned;
    const { PreconditionFailedException } = generated.sdk;
    const stale = await task().fetch();
    await task().update({ ifMatch: stale.etag, priority: 2 });
    const mark = server.requests.length;

    const error = await task()
      .remove({ ifMatch: stale.etag })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PreconditionFailedException);
    expect(error).toMatchObject({ status: 412, code: 20412 });
    expect(server.get(TASK_PATH)).toBeDefined();

    const current = await task().fetch();
    await expect(task().remove({ ifMatch: current.etag })).resolves.toBe(true);

    const deletes = requestsSince(server, mark).filter((request) => request.method === "DELETE");
    expect(deletes.map((request) => [request.path, request.headers["if-match"]])).toEqual([
      [TASK_PATH, '"0"'],
      [TASK_PATH, '"1"'],
    ]);
    expect(server.get(TASK_PATH)).toBeUndefined();
  });

  it("instance.update() and instance.remove() delegate with the instance's own ETag", async () => {
    const { server } = versioned;
    const { PreconditionFailedException } = generated.sdk;
    const fetched = await task().fetch();
    const mark = server.requests.length;

    const updated = await fetched.update({ ifMatch: fetched.etag, assignmentStatus: "canceled", reason: "dup" });
    expect(updated.assignmentStatus).toBe("canceled");
    expect(updated.etag).toBe('"1"');

    // The instance read before that update is now stale.
    const error = await fetched.update({ ifMatch: fetched.etag, priority: 9 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PreconditionFailedException);
    await expect(fetched.remove({ ifMatch: fetched.etag })).rejects.toBeInstanceOf(PreconditionFailedException);
    await expect(updated.remove({ ifMatch: updated.etag })).resolves.toBe(true);

    expect(
      requestsSince(server, mark).map((request) => [request.method, request.path, request.headers["if-match"]]),
    ).toEqual([
      ["POST", TASK_PATH, '"0"'],
      ["POST", TASK_PATH, '"0"'],
      ["DELETE", TASK_PATH, '"0"'],
      ["DELETE", TASK_PATH, '"1"'],
    ]);
  });

  it("page() keeps the list's own ETag in page.headers; its items have no etag", async () => {
    const { server } = versioned;
    // A Workspace of its own, so that the list holds exactly these two Tasks.
    const tasksPath = `/v1/Workspaces/${LIST_WORKSPACE}/Tasks`;
    server.put(`${tasksPath}/${TASK}`, { ...taskJson(TASK), workspace_sid: LIST_WORKSPACE });
    server.put(`${tasksPath}/${OTHER_TASK}`, { ...taskJson(OTHER_TASK), workspace_sid: LIST_WORKSPACE });
    const tasks = twilio.taskrouter.v1.workspaces(LIST_WORKSPACE).tasks;
    const first = await tasks(OTHER_TASK).fetch();
    await tasks(OTHER_TASK).update({ ifMatch: first.etag, priority: 8 });
    const mark = server.requests.length;

    const page = await tasks.page();

    const [request, ...others] = requestsSince(server, mark);
    expect(others).toEqual([]);
    expect([request!.method, request!.path]).toEqual(["GET", tasksPath]);
    expect(page.headers).toBeInstanceOf(Headers);
    // The server's list ETag: W/"list-<items>-<sum of their versions>".
    expect(page.headers.get("etag")).toBe('W/"list-2-1"');
    expect(page.instances.map((item: { sid: string }) => item.sid).sort()).toEqual([TASK, OTHER_TASK].sort());
    for (const item of page.instances) {
      expect(item.etag).toBeUndefined();
      expect(item.headers.get("etag")).toBeNull();
    }
    // Fetched, the same Task has its own ETag.
    await expect(tasks(OTHER_TASK).fetch()).resolves.toMatchObject({ etag: '"1"' });
    // An item's missing ETag passed as ifMatch is refused, not sent as an unconditional write.
    const sent = server.requests.length;
    const { MissingETagError } = generated.sdk;
    await expect(page.instances[0].update({ ifMatch: page.instances[0].etag, priority: 1 })).rejects.toThrow(
      MissingETagError,
    );
    expect(server.requests.length).toBe(sent);
  });

  it.each([
    ["CR LF", '"0"\r\nX-Injected: 1'],
    ["LF", '"0"\nX-Injected: 1'],
    ["CR", '"0"\r'],
    ["trailing LF", '"0"\n'],
  ])("an ifMatch containing %s rejects before any request is sent", async (_what, ifMatch) => {
    const { server } = versioned;
    const before = server.requests.length;

    await expect(task().update({ ifMatch, priority: 4 })).rejects.toThrow(/CR or LF/);
    await expect(task().remove({ ifMatch })).rejects.toThrow(/CR or LF/);
    await expect(task().update({ ifMatch, priority: 4 })).rejects.toBeInstanceOf(TypeError);

    expect(server.requests.length).toBe(before);
    expect(server.get(TASK_PATH)!.version).toBe(0);
  });
});
