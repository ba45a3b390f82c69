/**
 * twilio-node's spellings that work here too (`workspace.tasks()`, `getPage(url)`, `pageNumber`), and
 * JavaScript misuse refused loudly before anything is sent: callbacks, unknown option keys, a JSON body
 * given as the options, a limit or page size below 1; and a list body without its items.
 */
import { describe, expect, it } from "vitest";
import { RefusedPageLinkError, UnexpectedResponseError } from "../fixtures/generated/index.js";
import { TaskContext, TaskInstance, TaskList, TaskPage } from "../fixtures/generated/tasks/v1/workspace/task.js";
import { WorkspaceStatisticsInstance } from "../fixtures/generated/tasks/v1/workspace/workspace_statistics.js";
import { json, queryOf, rawPath, taskJson, useTwilioServer, workspaceJson } from "./harness.js";
import type { Handler } from "./harness.js";

const sdk = useTwilioServer();

/** Answers Workspaces, their Statistics, and pages of 2 Tasks (Page=0..2) linking onward. */
const answers: Handler = (request, origin) => {
  const path = rawPath(request);
  if (path.endsWith("/Statistics")) return json({ workspace_sid: "WS1", tasks_created: 3 });
  if (!path.endsWith("/Tasks")) return json(path.includes("/Tasks/") ? taskJson() : workspaceJson(), { ETag: '"1"' });
  const index = Number(queryOf(request).get("Page") ?? 0);
  const link = (i: number) => (i >= 0 && i < 3 ? `${origin}/v1/Workspaces/WS1/Tasks?PageSize=2&Page=${i}` : null);
  return json({
    tasks: [0, 1].map((n) => taskJson({ sid: `WT${index * 2 + n}` })),
    meta: { key: "tasks", page: index, next_page_url: link(index + 1), previous_page_url: link(index - 1) },
  });
};

const workspace = () => sdk.twilio.tasks.v1.workspaces("WS1");
const tasks = () => workspace().tasks;
const targets = () => sdk.server.requests.map((request) => `${request.method} ${request.url}`);
const sidsOf = (items: { sid: string | null | undefined }[]) => items.map((item) => item.sid);
/** Lets a request that was wrongly sent reach the server before counting requests. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** The error `action` throws or rejects with. */
async function failure(action: () => unknown): Promise<Error> {
  try {
    await action();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure, got none");
}

describe("a sub-resource called with no argument is its list (twilio-node's `call.recordings()`)", () => {
  it("on a context and on an instance, beside the property and the keyed call", async () => {
    sdk.respond(answers);
    const fetched = await workspace().fetch();

    const fromContext = await workspace().tasks().list({ limit: 2 });
    const fromInstance = await fetched.tasks().page({ pageSize: 2 });
    const keyed = await fetched.tasks()("WT9").fetch();
    const property = await fetched.tasks.list({ limit: 1 });

    expect(workspace().tasks()).toBeInstanceOf(TaskList);
    expect(fetched.tasks()()).toBeInstanceOf(TaskList);
    expect(fetched.tasks("WT9")).toBeInstanceOf(TaskContext);
    expect(sidsOf(fromContext)).toEqual(["WT0", "WT1"]);
    expect(fromInstance).toBeInstanceOf(TaskPage);
    expect(keyed).toBeInstanceOf(TaskInstance);
    expect(sidsOf(property)).toEqual(["WT0"]);
    expect(targets()).toEqual([
      "GET /v1/Workspaces/WS1",
      "GET /v1/Workspaces/WS1/Tasks?PageSize=2",
      "GET /v1/Workspaces/WS1/Tasks?PageSize=2",
      "GET /v1/Workspaces/WS1/Tasks/WT9",
      "GET /v1/Workspaces/WS1/Tasks?PageSize=1",
    ]);
  });

  it("a sub-resource without keys too: `statistics().fetch()` and `statistics.fetch()`", async () => {
    sdk.respond(answers);
    const fetched = await workspace().fetch();

    const called = await workspace().statistics().fetch({ minutes: 5 });
    const fromInstance = await fetched.statistics().fetch();
    const property = await workspace().statistics.fetch();

    for (const statistics of [called, fromInstance, property]) {
      expect(statistics).toBeInstanceOf(WorkspaceStatisticsInstance);
      expect(statistics.tasksCreated).toBe(3);
    }
    expect(targets().slice(1)).toEqual([
      "GET /v1/Workspaces/WS1/Statistics?Minutes=5",
      "GET /v1/Workspaces/WS1/Statistics",
      "GET /v1/Workspaces/WS1/Statistics",
    ]);
  });

  it("refuses an undefined or non-string key (a missing SID must not read the list), and a key where there is none", () => {
    sdk.respond(answers);
    const call =
      (mounted: unknown, ...args: unknown[]) =>
      () =>
        (mounted as (...a: unknown[]) => unknown)(...args);

    expect(call(tasks(), undefined)).toThrow(
      new TypeError(
        "TaskList(key) wants the key as a string, got undefined; call it with no argument for the list itself. " +
          "Nothing was sent",
      ),
    );
    expect(call(tasks(), 7)).toThrow(/wants the key as a string, got number/);
    expect(call(workspace().statistics, "WS1")).toThrow(
      new TypeError("WorkspaceStatisticsList() takes no argument: this resource has no key. Nothing was sent"),
    );
    expect(sdk.server.requests).toEqual([]);
  });
});

describe("getPage(url) (twilio-node's spelling)", () => {
  it("reads the page at a page link, and pages on from it", async () => {
    sdk.respond(answers);
    const first = await tasks().page({ pageSize: 2 });

    const second = await tasks().getPage(first.nextPageUrl!);
    const third = await second.nextPage();

    expect(second).toBeInstanceOf(TaskPage);
    expect(sidsOf(second.instances)).toEqual(["WT2", "WT3"]);
    expect(sidsOf(third!.instances)).toEqual(["WT4", "WT5"]);
    expect(second.instances[0]).toBeInstanceOf(TaskInstance);
    expect(targets()).toEqual([
      "GET /v1/Workspaces/WS1/Tasks?PageSize=2",
      "GET /v1/Workspaces/WS1/Tasks?PageSize=2&Page=1",
      "GET /v1/Workspaces/WS1/Tasks?PageSize=2&Page=2",
    ]);
  });

  it("takes a path on the list's host, and iterates from the page it read", async () => {
    sdk.respond(answers);

    const page = await workspace().tasks().getPage("/v1/Workspaces/WS1/Tasks?PageSize=2&Page=2");
    const items = [];
    for await (const task of page) items.push(task);

    expect(sidsOf(items)).toEqual(["WT4", "WT5"]);
    expect(targets()).toEqual(["GET /v1/Workspaces/WS1/Tasks?PageSize=2&Page=2"]);
  });

  it("on a list that pages by token, pages on with the link's own parameters", async () => {
    sdk.respond((request) => {
      const token = queryOf(request).get("pageToken");
      return json({
        accounts: [{ sid: token === "T2" ? "LA2" : "LA1" }],
        meta: { key: "accounts", nextToken: token === "T1" ? "T2" : null },
      });
    });

    const page = await sdk.twilio.ledger.v1.accounts.getPage("/v1/Accounts?pageSize=1&pageToken=T1");
    const next = await page.nextPage();

    expect(sidsOf(page.instances)).toEqual(["LA1"]);
    expect(sidsOf(next!.instances)).toEqual(["LA2"]);
    expect(targets()).toEqual(["GET /v1/Accounts?pageSize=1&pageToken=T1", "GET /v1/Accounts?pageSize=1&pageToken=T2"]);
  });

  it("refuses a link to another origin (twilio-node sends it, with the credentials) or to another list", async () => {
    sdk.respond(answers);

    const foreign = await failure(() => tasks().getPage("https://evil.example/v1/Workspaces/WS1/Tasks?Page=1"));
    const otherList = await failure(() => tasks().getPage(`${sdk.server.origin}/v1/Workspaces?Page=1`));
    const notText = await failure(() => tasks().getPage(7 as unknown as string));

    expect(foreign).toBeInstanceOf(RefusedPageLinkError);
    expect(otherList).toEqual(
      new TypeError(`getPage(): "${sdk.server.origin}/v1/Workspaces?Page=1" is no page of /v1/Workspaces/WS1/Tasks`),
    );
    expect(notText).toEqual(new TypeError("getPage(url) wants the page URL as a string, got number"));
    expect(sdk.server.requests).toEqual([]);
  });
});

describe("pageNumber (twilio-node's name of Page)", () => {
  it("is sent as Page by page(), list() and each()", async () => {
    sdk.respond(answers);

    const page = await tasks().page({ pageNumber: 1, pageSize: 2 });
    const listed = await tasks().list({ pageNumber: 2 });

    expect(sidsOf(page.instances)).toEqual(["WT2", "WT3"]);
    expect(sidsOf(listed)).toEqual(["WT4", "WT5"]);
    expect(targets()).toEqual([
      "GET /v1/Workspaces/WS1/Tasks?PageSize=2&Page=1",
      "GET /v1/Workspaces/WS1/Tasks?Page=2",
    ]);
  });

  it("is refused beside a different page, and where the list pages by token only", async () => {
    sdk.respond(answers);

    const both = await failure(() => tasks().page({ pageNumber: 1, page: 2 }));
    // @ts-expect-error Ledger's accounts page by token: no Page parameter, no pageNumber.
    const token = await failure(() => sdk.twilio.ledger.v1.accounts.page({ pageNumber: 1 }));

    expect(both.message).toBe(
      "GET /v1/Workspaces/{WorkspaceSid}/Tasks: pageNumber and page name the same parameter; give one of them",
    );
    expect(token).toBeInstanceOf(TypeError);
    expect(token.message).toBe(
      'GET /v1/Accounts: unknown option "pageNumber". The options are: signal, pageSize, pageToken, limit. Nothing was sent',
    );
    expect(sdk.server.requests).toEqual([]);
  });
});

describe("a callback (twilio-node's style) is a TypeError saying the method returns a Promise", () => {
  const callback = () => {
    throw new Error("never called");
  };
  const loose = (method: unknown) => method as (...args: unknown[]) => unknown;

  it.each([
    ["fetch(callback)", () => loose(workspace().fetch).call(workspace(), callback)],
    ["remove(callback)", () => loose(workspace().remove).call(workspace(), callback)],
    ["update(options, callback)", () => loose(workspace().update).call(workspace(), { friendlyName: "x" }, callback)],
    ["create(options, callback)", () => loose(tasks().create).call(tasks(), { priority: 1 }, callback)],
    ["page(callback)", () => loose(tasks().page).call(tasks(), callback)],
    ["list(callback)", () => loose(tasks().list).call(tasks(), callback)],
    ["list(options, callback)", () => loose(tasks().list).call(tasks(), { limit: 2 }, callback)],
    ["getPage(url, callback)", () => loose(tasks().getPage).call(tasks(), "/v1/Workspaces/WS1/Tasks", callback)],
  ])("%s rejects, sending nothing", async (_, call) => {
    sdk.respond(answers);

    const error = await failure(call);
    await settle();

    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/: got a function where the options go, as twilio-node's callbacks do\./);
    expect(error.message).toContain("the method returns a Promise");
    expect(sdk.server.requests).toEqual([]);
  });

  it.each([
    ["each(callback)", [callback]],
    ["each(options, callback)", [{ limit: 2 }, callback]],
  ])("%s throws at the call (an iterator could only fail once iterated)", async (_, args) => {
    sdk.respond(answers);

    expect(() => loose(tasks().each).apply(tasks(), args)).toThrow(
      /^each\(\): got a function .* the method returns an async iterator, whose next\(\) returns a Promise: write `for await/,
    );
    await settle();
    expect(sdk.server.requests).toEqual([]);
  });

  it("from an instance's delegated method too", async () => {
    sdk.respond(answers);
    const task = await tasks()("WT1").fetch();

    const error = await failure(() => loose(task.update).call(task, { priority: 2 }, callback));
    await settle();

    expect(error.message).toContain("returns a Promise");
    expect(targets()).toEqual(["GET /v1/Workspaces/WS1/Tasks/WT1"]);
  });
});

describe("an unknown option key is a TypeError naming the nearest valid key", () => {
  const options = (value: object) => value as never;

  it.each([
    [
      "a key in another case",
      () => sdk.twilio.tasks.v1.workspaces.create(options({ friendlyname: "x" })),
      "friendlyName",
    ],
    ["a typo", () => workspace().update(options({ friendlyNmae: "x" })), "friendlyName"],
    ["ifMatch misspelt", () => tasks()("WT1").update(options({ ifmatch: '"1"' })), "ifMatch"],
    ["a common option", () => workspace().fetch(options({ sigal: undefined })), "signal"],
    ["limit, in list()", () => tasks().list(options({ limt: 2 })), "limit"],
    [
      "pageSize, in each()",
      () =>
        tasks()
          .each(options({ pagesize: 2 }))
          .next(),
      "pageSize",
    ],
  ])("%s", async (_, call, nearest) => {
    sdk.respond(answers);

    const error = await failure(call);
    await settle();

    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(
      new RegExp(`: unknown option "\\w+"; did you mean "${nearest}"\\? The options are: `),
    );
    expect(error.message).toMatch(/Nothing was sent$/);
    expect(sdk.server.requests).toEqual([]);
  });

  it("names every valid option when none is near, and refuses options that are no object", async () => {
    sdk.respond(answers);

    const far = await failure(() => workspace().update(options({ colour: "red" })));
    const text = await failure(() => workspace().fetch("WS1" as never));
    const array = await failure(() => workspace().update([] as never));

    expect(far.message).toBe(
      'POST /v1/Workspaces/{Sid}: unknown option "colour". The options are: signal, friendlyName, ' +
        "multiTaskEnabled. Nothing was sent",
    );
    expect(text.message).toBe(
      'GET /v1/Workspaces/{Sid}: options must be an object, got the string "WS1". Nothing was sent',
    );
    expect(array.message).toBe("POST /v1/Workspaces/{Sid}: options must be an object, got an array. Nothing was sent");
    expect(sdk.server.requests).toEqual([]);
  });
});

describe("a JSON body given as the options (twilio-node's `create(body)`)", () => {
  it("is refused, pointing at `body`; the body in `body` is sent", async () => {
    sdk.respond(() => json({ sid: "ST1", name: "s" }, {}, 201));
    const stores = sdk.twilio.documents.v2.stores;

    const error = await failure(() => stores.create({ name: "s", settings: {} } as never));
    await settle();
    const sentBefore = sdk.server.requests.length;
    await stores.create({ body: { name: "s" } });

    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain('POST /v2/Stores: unknown option "name"');
    expect(error.message).toContain(
      "This operation sends a JSON body: pass it as `body` (`{ body: { ... } }`), not as the options themselves.",
    );
    expect(sentBefore).toBe(0);
    expect(sdk.onlyRequest().body).toBe('{"name":"s"}');
  });
});

describe("limit and pageSize below 1 are refused before sending", () => {
  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, "5"])("list({ limit: %j })", async (limit) => {
    sdk.respond(answers);

    const error = await failure(() => tasks().list({ limit: limit as number }));

    expect(error).toEqual(
      new TypeError(`list(): limit must be a whole number ≥ 1, got ${String(limit)}. Nothing was sent`),
    );
    expect(() => tasks().each({ limit: limit as number })).toThrow(/^each\(\): limit must be a whole number ≥ 1/);
    await settle();
    expect(sdk.server.requests).toEqual([]);
  });

  it.each([0, -2, 1.5])("pageSize %s in list(), each() and page()", async (pageSize) => {
    sdk.respond(answers);

    const listed = await failure(() => tasks().list({ pageSize }));
    const paged = await failure(() => tasks().page({ pageSize }));

    expect(listed.message).toBe(`list(): pageSize must be a whole number ≥ 1, got ${pageSize}. Nothing was sent`);
    expect(() => tasks().each({ pageSize })).toThrow(`each(): pageSize must be a whole number ≥ 1, got ${pageSize}`);
    expect(paged.message).toBe(
      `GET /v1/Workspaces/{WorkspaceSid}/Tasks: pageSize must be a whole number ≥ 1, got ${pageSize}. Nothing was sent`,
    );
    await settle();
    expect(sdk.server.requests).toEqual([]);
  });

  it("page() takes no limit: it reads one page", async () => {
    sdk.respond(answers);

    const error = await failure(() => tasks().page({ limit: 5 } as never));

    expect(error.message).toBe(
      "GET /v1/Workspaces/{WorkspaceSid}/Tasks: page() reads one page and takes no limit (list() and each() do); use pageSize",
    );
    expect(sdk.server.requests).toEqual([]);
  });
});

describe("a list body without its items", () => {
  it("is an UnexpectedResponseError from page(), list() and each(), not an empty list", async () => {
    sdk.respond(() => json({ meta: { key: "tasks", next_page_url: null } }, { "X-Twilio-Request": "RQ1" }));

    const errors = [
      await failure(() => tasks().page()),
      await failure(() => tasks().list()),
      await failure(() => tasks().each().next()),
    ];

    for (const error of errors) {
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(error.message).toBe(
        `GET ${sdk.server.origin}/v1/Workspaces/WS1/Tasks answered 200 ` +
          `with a body starting "{\\"meta\\":{\\"key\\":\\"tasks\\",\\"next_page_url\\":null}}": a list response ` +
          'keeps its items in the array "tasks", but it has no such key',
      );
      expect((error as UnexpectedResponseError).headers.get("X-Twilio-Request")).toBe("RQ1");
    }
  });
});
