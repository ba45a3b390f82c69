/** page() / nextPage() / list() / each() across the three paging styles of Twilio APIs. */
import { describe, expect, it } from "vitest";
import { TooManyPagesError, Twilio } from "../fixtures/generated/index.js";
import { TaskInstance, TaskPage } from "../fixtures/generated/tasks/v1/workspace/task.js";
import { CallPage } from "../fixtures/generated/phone/v2010/account/call.js";
import { AccountPage } from "../fixtures/generated/ledger/v1/account.js";
import { BASIC_AUTH, json, queryOf, rawPath, rawQuery, storeJson, taskJson, useTwilioServer } from "./harness.js";
import type { Handler, RecordedRequest } from "./harness.js";

const sdk = useTwilioServer();

const PAGE_COUNT = 3;
const ALL_SIDS = ["WT0", "WT1", "WT2", "WT3", "WT4", "WT5"];
/** Each page spells its ETag header differently; the SDK must not care. */
const ETAG_NAMES = ["ETag", "etag", "Etag"];
const sidsOf = (items: { sid: string | null | undefined }[]) => items.map((item) => item.sid);
const pageIndex = (request: RecordedRequest) => Number(queryOf(request).get("Page") ?? 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The headers that make each page's response distinguishable. */
function pageHeaders(index: number): Record<string, string> {
  return {
    [ETAG_NAMES[index] ?? "ETag"]: `W/"page-${index}"`,
    "X-Page": String(index),
  };
}

/**
 * Twilio v0.1 paging for /v1/Workspaces/WS1/Tasks: 3 pages of 2 Tasks, with absolute
 * `meta.next_page_url` / `previous_page_url` on `linkOrigin` (default: this server).
 */
function taskPages(linkOrigin?: string): Handler {
  return (request, origin) => {
    const index = pageIndex(request);
    const link = (i: number) =>
      i >= 0 && i < PAGE_COUNT
        ? `${linkOrigin ?? origin}/v1/Workspaces/WS1/Tasks?PageSize=2&Page=${i}&PageToken=PT${i}`
        : null;
    return json(
      {
        tasks: ALL_SIDS.slice(index * 2, index * 2 + 2).map((sid) => taskJson({ sid })),
        meta: {
          key: "tasks",
          page: index,
          page_size: 2,
          next_page_url: link(index + 1),
          previous_page_url: link(index - 1),
        },
      },
      pageHeaders(index),
    );
  };
}

const tasks = () => sdk.twilio.tasks.v1.workspaces("WS1").tasks;
const targets = () => sdk.server.requests.map((request) => request.url);

describe('"url" paging (meta.next_page_url)', () => {
  it("page() and a nextPage() chain, each page with its own headers", async () => {
    sdk.respond(taskPages());

    const first = await tasks().page({ pageSize: 2 });
    const second = await first.nextPage();
    const third = await second?.nextPage();
    const none = await third?.nextPage();

    expect(targets()).toEqual([
      "/v1/Workspaces/WS1/Tasks?PageSize=2",
      "/v1/Workspaces/WS1/Tasks?PageSize=2&Page=1&PageToken=PT1",
      "/v1/Workspaces/WS1/Tasks?PageSize=2&Page=2&PageToken=PT2",
    ]);
    for (const request of sdk.server.requests) {
      expect(request.method).toBe("GET");
      expect(request.headers.authorization).toBe(BASIC_AUTH);
    }
    expect(first).toBeInstanceOf(TaskPage);
    expect(second).toBeInstanceOf(TaskPage);
    expect(first.instances[0]).toBeInstanceOf(TaskInstance);
    expect(sidsOf(first.instances)).toEqual(["WT0", "WT1"]);
    expect(sidsOf(second?.instances ?? [])).toEqual(["WT2", "WT3"]);
    expect(sidsOf(third?.instances ?? [])).toEqual(["WT4", "WT5"]);
    expect([first, second, third].map((page) => page?.headers.get("X-Page"))).toEqual(["0", "1", "2"]);
    expect([first, second, third].map((page) => page?.headers.get("ETag"))).toEqual([
      'W/"page-0"',
      'W/"page-1"',
      'W/"page-2"',
    ]);
    // Instances carry the headers of the page they came from.
    expect(third?.instances[1]?.headers.get("X-Page")).toBe("2");
    expect(first.hasNextPage()).toBe(true);
    expect(third?.hasNextPage()).toBe(false);
    expect(none).toBeUndefined();
    expect(sdk.server.requests).toHaveLength(3);
  });

  it("previousPage() follows meta.previous_page_url", async () => {
    sdk.respond(taskPages());

    const first = await tasks().page({ pageSize: 2 });
    const second = await first.nextPage();
    const back = await second?.previousPage();

    expect(targets()[2]).toBe("/v1/Workspaces/WS1/Tasks?PageSize=2&Page=0&PageToken=PT0");
    expect(sidsOf(back?.instances ?? [])).toEqual(["WT0", "WT1"]);
    await expect(first.previousPage()).resolves.toBeUndefined();
    expect(sdk.server.requests).toHaveLength(3);
  });

  it("list({ limit: 5 }) returns 5 Tasks and stops after the page that holds the 5th", async () => {
    sdk.respond(taskPages());

    const list = await tasks().list({ limit: 5 });

    expect(sidsOf(list)).toEqual(ALL_SIDS.slice(0, 5));
    expect(list.every((task) => task instanceof TaskInstance)).toBe(true);
    expect(sdk.server.requests).toHaveLength(3);
    expect(queryOf(sdk.server.requests[0] as RecordedRequest).get("PageSize")).toBe("5");
  });

  it("list({ limit: 4 }) does not fetch the third page", async () => {
    sdk.respond(taskPages());

    const list = await tasks().list({ limit: 4 });

    expect(sidsOf(list)).toEqual(ALL_SIDS.slice(0, 4));
    expect(sdk.server.requests).toHaveLength(2);
  });

  it("list() without a limit returns every Task", async () => {
    sdk.respond(taskPages());

    const list = await tasks().list();

    expect(sidsOf(list)).toEqual(ALL_SIDS);
    expect(rawQuery(sdk.server.requests[0] as RecordedRequest)).toBe("");
    expect(sdk.server.requests).toHaveLength(3);
  });

  it("each() yields all 6 Tasks, one page request at a time", async () => {
    sdk.respond(taskPages());

    const seen: string[] = [];
    const requestsWhenSeen: number[] = [];
    for await (const task of tasks().each()) {
      seen.push(String(task.sid));
      requestsWhenSeen.push(sdk.server.requests.length);
    }

    expect(seen).toEqual(ALL_SIDS);
    expect(requestsWhenSeen).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it("each() can be drained by hand with next()", async () => {
    sdk.respond(taskPages());

    const iterator = tasks().each();
    const sids: unknown[] = [];
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
      sids.push(step.value.sid);
    }

    expect(sids).toEqual(ALL_SIDS);
  });

  it("each({ limit }) and break stop fetching further pages", async () => {
    sdk.respond(taskPages());
    const limited: unknown[] = [];
    for await (const task of tasks().each({ limit: 3 })) limited.push(task.sid);
    expect(limited).toEqual(ALL_SIDS.slice(0, 3));
    expect(sdk.server.requests).toHaveLength(2);

    sdk.respond(taskPages());
    for await (const task of tasks().each()) {
      if (task.sid === "WT1") break;
    }
    expect(sdk.server.requests).toHaveLength(1);
  });

  it("a page is itself async-iterable over its items and the following pages", async () => {
    sdk.respond(taskPages());

    const second = await (await tasks().page({ pageSize: 2 })).nextPage();
    const sids: unknown[] = [];
    for await (const task of second ?? []) sids.push(task.sid);

    expect(sids).toEqual(ALL_SIDS.slice(2));
    expect(sdk.server.requests).toHaveLength(3);
  });

  it("follows links on the real https://tasks.twilio.com host to the overridden base URL", async () => {
    sdk.respond(taskPages("https://tasks.twilio.com"));

    const all = await tasks().list();

    expect(sidsOf(all)).toEqual(ALL_SIDS);
    expect(targets().slice(1)).toEqual([
      "/v1/Workspaces/WS1/Tasks?PageSize=2&Page=1&PageToken=PT1",
      "/v1/Workspaces/WS1/Tasks?PageSize=2&Page=2&PageToken=PT2",
    ]);
  });

  it("refuses to follow (and send credentials to) a link on a foreign origin", async () => {
    sdk.respond(taskPages("http://attacker.invalid"));

    const first = await tasks().page();

    await expect(first.nextPage()).rejects.toThrow(/Refusing to follow/);
    expect(sdk.server.requests).toHaveLength(1);
  });

  // Page 2 must be served by the same API revision as page 1.
  it("nextPage() repeats the header parameters of the first request", async () => {
    sdk.respond((request, origin) => {
      const index = pageIndex(request);
      return json({
        stores: [storeJson({ sid: `ST${index}` })],
        meta: {
          key: "stores",
          next_page_url: index === 0 ? `${origin}/v2/Stores?PageSize=1&Page=1` : null,
        },
      });
    });

    const first = await sdk.twilio.documents.v2.stores.page({
      xTwilioDocumentsVersion: "2026-01-01",
      pageSize: 1,
    });
    const second = await first.nextPage();

    expect(second?.instances.map((store) => store.sid)).toEqual(["ST1"]);
    expect(targets()).toEqual(["/v2/Stores?PageSize=1", "/v2/Stores?PageSize=1&Page=1"]);
    expect(sdk.server.requests.map((r) => r.headers["x-twilio-documents-version"])).toEqual([
      "2026-01-01",
      "2026-01-01",
    ]);
  });

  // A request started before iteration would be an unhandled rejection if it failed.
  it("each() sends no request until it is iterated", async () => {
    sdk.respond(taskPages());

    const iterator = tasks().each();
    // Give an eager request ample time to arrive (up to 500 ms).
    for (let waited = 0; waited < 500 && sdk.server.requests.length === 0; waited += 10) {
      await sleep(10);
    }
    const before = sdk.server.requests.length;
    const first = await iterator.next();

    expect(first.value?.sid).toBe("WT0");
    expect(before).toBe(0);
  });
});

describe('"uri" paging (api 2010, next_page_uri)', () => {
  const callJson = (sid: string) => ({
    sid,
    account_sid: "AC1",
    to: "+1555",
    from: "+1666",
    status: "completed",
    start_time: "Tue, 02 Jan 2024 03:00:00 +0000",
    uri: `/2010-04-01/Accounts/AC1/Calls/${sid}.json`,
  });
  const calls: Handler = (request) => {
    const index = pageIndex(request);
    const uri = (i: number) =>
      i >= 0 && i < PAGE_COUNT
        ? `/2010-04-01/Accounts/AC1/Calls.json?To=%2B1555&PageSize=2&Page=${i}&PageToken=PA${i}`
        : null;
    return json(
      {
        calls: [`CA${index * 2}`, `CA${index * 2 + 1}`].map(callJson),
        page: index,
        page_size: 2,
        first_page_uri: uri(0),
        next_page_uri: uri(index + 1),
        previous_page_uri: uri(index - 1),
        uri: uri(index),
      },
      pageHeaders(index),
    );
  };

  it("serializes StartTime< and To, then follows next_page_uri on the same host", async () => {
    sdk.respond(calls);

    const first = await sdk.twilio.phone.v2010.accounts("AC1").calls.page({
      startTimeBefore: new Date("2024-01-02T03:04:05Z"),
      to: "+1555",
    });
    const second = await first.nextPage();

    const [firstRequest, secondRequest] = sdk.server.requests as [RecordedRequest, RecordedRequest];
    expect(firstRequest.method).toBe("GET");
    expect(rawPath(firstRequest)).toBe("/2010-04-01/Accounts/AC1/Calls.json");
    expect(rawQuery(firstRequest).split("&").sort()).toEqual(
      ["StartTime%3C=2024-01-02T03%3A04%3A05Z", "To=%2B1555"].sort(),
    );
    expect([...queryOf(firstRequest).keys()].sort()).toEqual(["StartTime<", "To"]);
    expect(queryOf(firstRequest).get("StartTime<")).toBe("2024-01-02T03:04:05Z");
    expect(queryOf(firstRequest).get("To")).toBe("+1555");

    expect(secondRequest.url).toBe("/2010-04-01/Accounts/AC1/Calls.json?To=%2B1555&PageSize=2&Page=1&PageToken=PA1");
    expect(secondRequest.headers.authorization).toBe(BASIC_AUTH);
    expect(first).toBeInstanceOf(CallPage);
    expect(first.instances.map((call) => call.sid)).toEqual(["CA0", "CA1"]);
    expect(second?.instances.map((call) => call.sid)).toEqual(["CA2", "CA3"]);
    expect(second?.instances[0]?.startTime).toEqual(new Date("2024-01-02T03:00:00Z"));
    expect(first.headers.get("X-Page")).toBe("0");
    expect(second?.headers.get("X-Page")).toBe("1");
  });

  it("serializes StartTime> (a string passes through as given)", async () => {
    sdk.respond(calls);

    await sdk.twilio.phone.v2010.accounts("AC1").calls.page({ startTimeAfter: "2024-01-01" });

    const request = sdk.onlyRequest();
    expect(rawQuery(request)).toBe("StartTime%3E=2024-01-01");
    expect([...queryOf(request).keys()]).toEqual(["StartTime>"]);
  });

  it("list() reads all pages; each() yields all 6 Calls", async () => {
    sdk.respond(calls);
    const all = await sdk.twilio.phone.v2010.accounts("AC1").calls.list();
    expect(all.map((call) => call.sid)).toEqual(["CA0", "CA1", "CA2", "CA3", "CA4", "CA5"]);
    expect(sdk.server.requests).toHaveLength(3);

    sdk.respond(calls);
    const sids: unknown[] = [];
    for await (const call of sdk.twilio.phone.v2010.accounts("AC1").calls.each({ limit: 3 })) {
      sids.push(call.sid);
    }
    expect(sids).toEqual(["CA0", "CA1", "CA2"]);
    expect(queryOf(sdk.server.requests[0] as RecordedRequest).get("PageSize")).toBe("3");
    expect(sdk.server.requests).toHaveLength(2);
  });
});

describe('"token" paging (meta.nextToken)', () => {
  const tokens = ["T0", "T1", "T2"];
  const accounts: Handler = (request) => {
    const index = Math.max(tokens.indexOf(queryOf(request).get("pageToken") ?? "T0"), 0);
    return json(
      {
        accounts: [`LA${index * 2}`, `LA${index * 2 + 1}`].map((sid) => ({
          sid,
          friendlyName: `Account ${sid}`,
          status: "active",
          version: 1,
        })),
        meta: {
          key: "accounts",
          pageSize: 2,
          nextToken: tokens[index + 1] ?? null,
          previousToken: tokens[index - 1] ?? null,
        },
      },
      pageHeaders(index),
    );
  };
  const ledger = () => sdk.twilio.ledger.v1.accounts;

  it("nextPage() repeats the request with pageToken from meta.nextToken", async () => {
    sdk.respond(accounts);

    const first = await ledger().page({ pageSize: 2 });
    const second = await first.nextPage();
    const third = await second?.nextPage();

    expect(targets()).toEqual([
      "/v1/Accounts?pageSize=2",
      "/v1/Accounts?pageSize=2&pageToken=T1",
      "/v1/Accounts?pageSize=2&pageToken=T2",
    ]);
    expect(first).toBeInstanceOf(AccountPage);
    expect(first.nextPageToken).toBe("T1");
    expect(first.nextPageUrl).toBeUndefined();
    expect(second?.instances.map((account) => account.sid)).toEqual(["LA2", "LA3"]);
    expect(second?.instances[0]?.friendlyName).toBe("Account LA2");
    expect([first, second, third].map((page) => page?.headers.get("X-Page"))).toEqual(["0", "1", "2"]);
    expect(third?.hasNextPage()).toBe(false);
    await expect(third?.nextPage()).resolves.toBeUndefined();
    expect(sdk.server.requests).toHaveLength(3);
  });

  it("previousPage() sends meta.previousToken", async () => {
    sdk.respond(accounts);

    const first = await ledger().page({ pageSize: 2 });
    const third = await (await first.nextPage())?.nextPage();
    const back = await third?.previousPage();

    expect(targets()[3]).toBe("/v1/Accounts?pageSize=2&pageToken=T1");
    expect(back?.instances.map((account) => account.sid)).toEqual(["LA2", "LA3"]);
  });

  it("list({ limit: 3 }) sends pageSize=3 and a pageToken on the second request only", async () => {
    sdk.respond(accounts);

    const list = await ledger().list({ limit: 3 });

    expect(list.map((account) => account.sid)).toEqual(["LA0", "LA1", "LA2"]);
    expect(targets()).toEqual(["/v1/Accounts?pageSize=3", "/v1/Accounts?pageSize=3&pageToken=T1"]);
  });

  it("each() yields all 6 accounts", async () => {
    sdk.respond(accounts);

    const sids: unknown[] = [];
    for await (const account of ledger().each()) sids.push(account.sid);

    expect(sids).toEqual(["LA0", "LA1", "LA2", "LA3", "LA4", "LA5"]);
    expect(targets()).toEqual(["/v1/Accounts", "/v1/Accounts?pageToken=T1", "/v1/Accounts?pageToken=T2"]);
  });
});

describe("list() and each() never page without end", () => {
  /** Pages of `sids(index)` for ever, each linking to `?Page=<index + 1>` (a client that loops stops after 100). */
  const endless =
    (sids: (index: number) => string[]): Handler =>
    (request, origin) => {
      const index = pageIndex(request);
      const next = sdk.server.requests.length < 100 ? `${origin}/v1/Workspaces/WS1/Tasks?Page=${index + 1}` : null;
      return json({ tasks: sids(index).map((sid) => taskJson({ sid })), meta: { key: "tasks", next_page_url: next } });
    };

  it("list({ limit: 5 }) ends at the first empty page, though it links onward", async () => {
    sdk.respond(endless(() => []));

    const all = await tasks().list({ limit: 5 });

    expect(all).toEqual([]);
    expect(targets()).toEqual(["/v1/Workspaces/WS1/Tasks?PageSize=5"]);
  });

  it("each() stops with a TooManyPagesError after the client's maxPages pages", async () => {
    sdk.respond(endless((index) => [`WT${index}`]));
    const twilio = new Twilio({ accountSid: "AC1", authToken: "t", baseUrls: { "*": sdk.server.origin }, maxPages: 2 });
    const sids: unknown[] = [];

    const error = await (async () => {
      for await (const task of twilio.tasks.v1.workspaces("WS1").tasks.each()) sids.push(task.sid);
    })().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TooManyPagesError);
    expect(sids).toEqual(["WT0", "WT1"]);
    expect(sdk.server.requests).toHaveLength(2);
  });
});
