/** fetch / create / update / remove of form-encoded resources (Tasks v1), end to end. */
import { describe, expect, it } from "vitest";
import { TaskInstance } from "../fixtures/generated/tasks/v1/workspace/task.js";
import { WorkspaceInstance } from "../fixtures/generated/tasks/v1/workspace.js";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  BASIC_AUTH,
  formOf,
  json,
  rawPath,
  rawQuery,
  taskJson,
  useTwilioServer,
  workspaceJson,
} from "./harness.js";

const sdk = useTwilioServer();
const tasks = () => sdk.twilio.tasks.v1.workspaces("WS1").tasks;

describe("fetch", () => {
  it("GETs the Task and exposes its fields through camelCase getters", async () => {
    sdk.respond(() => json(taskJson(), { ETag: 'W/"3"', "Twilio-Request-Id": "RQ1" }));

    const task = await tasks()("WT1").fetch();

    const request = sdk.onlyRequest();
    expect(request.method).toBe("GET");
    expect(request.url).toBe("/v1/Workspaces/WS1/Tasks/WT1");
    expect(request.body).toBe("");
    expect(request.headers["content-type"]).toBeUndefined();
    expect(request.headers.accept).toBe("application/json");

    expect(task).toBeInstanceOf(TaskInstance);
    expect(task.sid).toBe("WT1");
    expect(task.accountSid).toBe(ACCOUNT_SID);
    expect(task.workspaceSid).toBe("WS1");
    expect(task.assignmentStatus).toBe("pending");
    expect(task.attributes).toBe('{"type":"support"}');
    expect(task.priority).toBe(7);
    expect(task.reason).toBeNull();
    expect(task.timeout).toBe(3600);
    expect(task.age).toBe(12);
    expect(task.dateCreated).toEqual(new Date("2024-01-02T03:04:05Z"));
    expect(task.raw().date_created).toBe("2024-01-02T03:04:05Z");
    expect(task.links).toEqual({
      reservations: "https://tasks.twilio.com/v1/Workspaces/WS1/Tasks/WT1/Reservations",
    });
    expect(task.etag).toBe('W/"3"');
    expect(task.headers.get("Twilio-Request-Id")).toBe("RQ1");
  });

  it("raw() returns the resource exactly as received (snake_case); JSON has the declared fields in camelCase", async () => {
    const body = taskJson({ priority: 0, extra_field: { nested: true } });
    sdk.respond(() => json(body, { ETag: '"1"' }));

    const task = await tasks()("WT1").fetch();

    expect(task.raw()).toEqual(body);
    expect(JSON.parse(JSON.stringify(task))).toEqual(JSON.parse(JSON.stringify({ ...task })));
    expect(JSON.parse(JSON.stringify(task))).toMatchObject({
      accountSid: ACCOUNT_SID,
      dateCreated: "2024-01-02T03:04:05.000Z",
    });
    expect(JSON.stringify(task)).not.toContain("extra_field");
    expect(task.priority).toBe(0);
  });

  it.each(["ETag", "etag", "Etag", "ETAG"])("reads the ETag verbatim whatever the header's case (%s)", async (name) => {
    sdk.respond(() => json(taskJson(), { [name]: 'W/"3"' }));

    const task = await tasks()("WT1").fetch();

    expect(task.etag).toBe('W/"3"');
  });

  it("has an undefined etag when the response carries none", async () => {
    sdk.respond(() => json(taskJson()));

    const task = await tasks()("WT1").fetch();

    expect(task.etag).toBeUndefined();
  });

  it("fetches a Workspace through the callable list", async () => {
    sdk.respond(() => json(workspaceJson({ friendly_name: "Support" }), { ETag: '"w1"' }));

    const workspace = await sdk.twilio.tasks.v1.workspaces("WS1").fetch();

    expect(sdk.onlyRequest()).toMatchObject({
      method: "GET",
      url: "/v1/Workspaces/WS1",
    });
    expect(workspace).toBeInstanceOf(WorkspaceInstance);
    expect(workspace.friendlyName).toBe("Support");
    expect(workspace.eventTypes).toEqual(["a", "b"]);
    expect(workspace.etag).toBe('"w1"');
  });
});

describe("fetch of a resource whose spec answers with a redirect (BulkExports days, recording payloads)", () => {
  const link = "https://statements.example.com/LA1.pdf";
  const statement = () => sdk.twilio.ledger.v1.accounts("LA1").statement;

  it("returns the 307's JSON body as the instance, and follows nothing, as twilio-node does", async () => {
    sdk.respond(() => json({ redirect_to: link }, { Location: link }, 307));

    const fetched = await statement().fetch();

    expect(sdk.onlyRequest().url).toBe("/v1/Accounts/LA1/Statement");
    expect(fetched.redirectTo).toBe(link);
    expect(fetched.headers.get("Location")).toBe(link);
  });

  it("still refuses a redirect from an operation whose spec declares none", async () => {
    sdk.respond(() => json({ redirect_to: link }, { Location: link }, 307));

    await expect(sdk.twilio.ledger.v1.accounts("LA1").fetch()).rejects.toThrow(/answered 307 .*not followed/);
    expect(sdk.onlyRequest().url).toBe("/v1/Accounts/LA1");
  });
});

describe("create (form body)", () => {
  it("POSTs the Task's fields form-encoded and the X-Twilio-Webhook-Enabled header", async () => {
    sdk.respond(() => json(taskJson({ sid: "WT9", attributes: '{"a":1}', priority: 5 }), { ETag: '"0"' }, 201));

    const task = await tasks().create({
      attributes: '{"a":1}',
      priority: 5,
      xTwilioWebhookEnabled: "true",
    });

    const request = sdk.onlyRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/v1/Workspaces/WS1/Tasks");
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request.headers["x-twilio-webhook-enabled"]).toBe("true");
    expect(request.body).toBe("Attributes=%7B%22a%22%3A1%7D&Priority=5");
    expect([...formOf(request)]).toEqual([
      ["Attributes", '{"a":1}'],
      ["Priority", "5"],
    ]);
    expect(task.sid).toBe("WT9");
    expect(task.attributes).toBe('{"a":1}');
    expect(task.etag).toBe('"0"');
  });

  it("leaves out unset fields and the unset optional header, but keeps 0", async () => {
    sdk.respond(() => json(taskJson(), {}, 201));

    await tasks().create({ priority: 0 });

    const request = sdk.onlyRequest();
    expect(request.body).toBe("Priority=0");
    expect(request.headers).not.toHaveProperty("x-twilio-webhook-enabled");
  });

  it("repeats the key for an array parameter", async () => {
    sdk.respond(() => json(workspaceJson(), {}, 201));

    const workspace = await sdk.twilio.tasks.v1.workspaces.create({
      friendlyName: "x",
      eventTypes: ["a", "b"],
    });

    const request = sdk.onlyRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/v1/Workspaces");
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request.body).toBe("FriendlyName=x&EventTypes=a&EventTypes=b");
    expect(formOf(request).getAll("EventTypes")).toEqual(["a", "b"]);
    expect(workspace.sid).toBe("WS1");
  });

  it("encodes booleans as true/false", async () => {
    sdk.respond(() => json(workspaceJson({ multi_task_enabled: true }), {}, 201));

    const workspace = await sdk.twilio.tasks.v1.workspaces.create({
      friendlyName: "Sales & Support",
      multiTaskEnabled: true,
    });

    const request = sdk.onlyRequest();
    expect(request.body).toBe("FriendlyName=Sales+%26+Support&MultiTaskEnabled=true");
    expect(formOf(request).get("FriendlyName")).toBe("Sales & Support");
    expect(workspace.multiTaskEnabled).toBe(true);
  });
});

describe("update (If-Match)", () => {
  it("sends If-Match verbatim with the form fields", async () => {
    sdk.respond(() =>
      json(taskJson({ assignment_status: "completed", reason: "done" }), {
        ETag: '"1"',
      }),
    );

    const task = await tasks()("WT1").update({
      ifMatch: '"0"',
      assignmentStatus: "completed",
      reason: "done",
    });

    const request = sdk.onlyRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/v1/Workspaces/WS1/Tasks/WT1");
    expect(request.headers["if-match"]).toBe('"0"');
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request.body).toBe("AssignmentStatus=completed&Reason=done");
    expect(task.assignmentStatus).toBe("completed");
    expect(task.reason).toBe("done");
    expect(task.etag).toBe('"1"');
  });

  it("sends no If-Match header when ifMatch is not given", async () => {
    sdk.respond(() => json(taskJson()));

    await tasks()("WT1").update({ priority: 1 });

    const request = sdk.onlyRequest();
    expect(request.headers).not.toHaveProperty("if-match");
    expect(request.body).toBe("Priority=1");
  });

  it("round-trips a fetched instance's etag into If-Match on the same path", async () => {
    sdk.respond((request) =>
      request.method === "GET"
        ? json(taskJson(), { ETag: 'W/"3"' })
        : json(taskJson({ priority: 2 }), { ETag: 'W/"4"' }),
    );

    const fetched = await tasks()("WT1").fetch();
    const updated = await fetched.update({
      ifMatch: fetched.etag,
      priority: 2,
    });

    const [get, post] = sdk.server.requests;
    expect(sdk.server.requests).toHaveLength(2);
    expect(get).toMatchObject({
      method: "GET",
      url: "/v1/Workspaces/WS1/Tasks/WT1",
    });
    expect(post).toMatchObject({
      method: "POST",
      url: "/v1/Workspaces/WS1/Tasks/WT1",
      body: "Priority=2",
    });
    expect(post?.headers["if-match"]).toBe('W/"3"');
    expect(updated.priority).toBe(2);
    expect(updated.etag).toBe('W/"4"');
    // The fetched instance keeps the headers of its own response.
    expect(fetched.etag).toBe('W/"3"');
  });

  it("addresses an instance listed from a page under its own Workspace", async () => {
    sdk.respond((request) =>
      request.method === "GET"
        ? json({ tasks: [taskJson({ sid: "WT7" })], meta: { key: "tasks" } }, { ETag: '"p"' })
        : json(taskJson({ sid: "WT7" })),
    );

    const page = await sdk.twilio.tasks.v1.workspaces("WS2").tasks.page();
    await page.instances[0]?.update({ ifMatch: '"7"', priority: 1 });

    expect(sdk.server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /v1/Workspaces/WS2/Tasks",
      "POST /v1/Workspaces/WS2/Tasks/WT7",
    ]);
    expect(sdk.server.requests[1]?.headers["if-match"]).toBe('"7"');
  });

  it("refuses an If-Match value with CR/LF before anything is sent", async () => {
    sdk.respond(() => json(taskJson()));

    await expect(tasks()("WT1").update({ ifMatch: '"0"\r\nX-Evil: 1' })).rejects.toThrow(TypeError);
    expect(sdk.server.requests).toHaveLength(0);
  });
});

describe("remove", () => {
  it("DELETEs with If-Match and resolves true, as twilio-node's remove() does", async () => {
    sdk.respond(() => ({ status: 204 }));

    const removed = await tasks()("WT1").remove({ ifMatch: '"4"' });

    const request = sdk.onlyRequest();
    expect(removed).toBe(true);
    expect(request.method).toBe("DELETE");
    expect(request.url).toBe("/v1/Workspaces/WS1/Tasks/WT1");
    expect(request.headers["if-match"]).toBe('"4"');
    expect(request.body).toBe("");
    expect(request.headers["content-type"]).toBeUndefined();
  });

  it("removes from an instance with its own etag", async () => {
    sdk.respond((request) => (request.method === "GET" ? json(taskJson(), { ETag: 'W/"9"' }) : { status: 204 }));

    const task = await tasks()("WT1").fetch();
    await expect(task.remove({ ifMatch: task.etag })).resolves.toBe(true);

    const remove = sdk.server.requests[1];
    expect(remove).toMatchObject({
      method: "DELETE",
      url: "/v1/Workspaces/WS1/Tasks/WT1",
    });
    expect(remove?.headers["if-match"]).toBe('W/"9"');
  });
});

describe("path parameters", () => {
  it("percent-encodes / and ? in keys so they stay inside their segment", async () => {
    sdk.respond(() => json(taskJson({ sid: "a/b?c" })));

    const task = await sdk.twilio.tasks.v1.workspaces("WS/1?x").tasks("a/b?c").fetch();

    const request = sdk.onlyRequest();
    expect(rawPath(request)).toBe("/v1/Workspaces/WS%2F1%3Fx/Tasks/a%2Fb%3Fc");
    expect(rawQuery(request)).toBe("");
    expect(task.sid).toBe("a/b?c");
  });

  it("encodes the instance's own sid the same way when updating from it", async () => {
    sdk.respond(() => json(taskJson({ sid: "a/b?c" })));

    const task = await sdk.twilio.tasks.v1.workspaces("WS/1?x").tasks("a/b?c").fetch();
    await task.update({ priority: 1 });

    expect(sdk.server.requests[1]?.url).toBe("/v1/Workspaces/WS%2F1%3Fx/Tasks/a%2Fb%3Fc");
  });

  it("encodes other reserved characters (space, #, %, non-ASCII)", async () => {
    sdk.respond(() => json(taskJson()));

    await sdk.twilio.tasks.v1.workspaces("a b#c%d").tasks("é").fetch();

    expect(sdk.onlyRequest().url).toBe("/v1/Workspaces/a%20b%23c%25d/Tasks/%C3%A9");
  });

  it.each([".", ".."])("rejects the dot segment %j instead of retargeting the request", async (key) => {
    sdk.respond(() => json(taskJson()));

    await expect(tasks()(key).fetch()).rejects.toThrow(/cannot be/);
    expect(sdk.server.requests).toHaveLength(0);
  });

  // tasks("").remove() would otherwise send DELETE to the list URL.
  it("rejects an empty key instead of addressing the list", async () => {
    sdk.respond(() => ({ status: 204 }));

    await expect(tasks()("").remove()).rejects.toThrow();
    expect(sdk.server.requests).toHaveLength(0);
  });
});

describe("cancellation", () => {
  it("rejects with AbortError and sends nothing when the signal is already aborted", async () => {
    sdk.respond(() => json(taskJson()));

    const error = await tasks()("WT1")
      .fetch({ signal: AbortSignal.abort() })
      .catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(sdk.server.requests).toHaveLength(0);
  });
});

describe("authentication and standard headers", () => {
  it("sends Basic base64(AC123:token) on every kind of request", async () => {
    sdk.respond((request) => (request.method === "DELETE" ? { status: 204 } : json(taskJson(), { ETag: '"1"' })));

    await tasks()("WT1").fetch();
    await tasks().create({ priority: 1 });
    await tasks()("WT1").update({ ifMatch: '"1"', priority: 2 });
    await tasks()("WT1").remove({ ifMatch: '"1"' });

    const expected = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`;
    expect(expected).toBe(BASIC_AUTH);
    expect(sdk.server.requests.map((r) => r.method)).toEqual(["GET", "POST", "POST", "DELETE"]);
    for (const request of sdk.server.requests) {
      expect(request.headers.authorization).toBe(BASIC_AUTH);
      // The package's own name and version (test/fixtures/generated/package.json), not the runtime's default.
      expect(request.headers["user-agent"]).toMatch(
        /^twilio-etag-sdk\/0\.0\.0-etag\.\d+\.\d+\.\d+\.content-[0-9a-f]{12} \(\S+ \S+\) node\/v\d/,
      );
      expect(request.headers.accept).toBe("application/json");
    }
  });
});
