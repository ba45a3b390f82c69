/**
 * The Twilio double's HTTP rules, on raw requests to the fixture SDK's double: hosts, errors,
 * paging styles, filters, simulated operations, and the test controls (faults, clock, reset).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { RequestTimeoutError, RestException, Twilio } from "../fixtures/generated/index.js";
import { createTwilioDouble, type TwilioDouble } from "../fixtures/generated/testing/index.js";

const ACCOUNT = `AC${"1".repeat(32)}`;
const WORKSPACE = "https://tasks.twilio.com/v1/Workspaces/WS1";
const CALLS = `https://phone.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Calls.json`;

let double: TwilioDouble;

beforeEach(() => {
  double = createTwilioDouble();
});

async function send(method: string, url: string, form?: Record<string, string>) {
  const response = await double.fetch(url, {
    method,
    ...(form && {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe("requests the double refuses", () => {
  it.each([
    // given method, url, form → want status and Twilio error code
    ["GET", `${WORKSPACE}/Tasks/WTmissing`, undefined, 404, 20404],
    ["GET", "https://tasks.twilio.com/v1/Nothing", undefined, 404, 20404],
    ["GET", "https://example.com/v1/Workspaces", undefined, 404, 20404],
    ["PUT", `${WORKSPACE}/Tasks`, {}, 405, 20004],
    ["POST", "https://tasks.twilio.com/v1/Workspaces", {}, 400, 20001],
    ["POST", CALLS, { To: "+1" }, 400, 20001],
    ["POST", `${WORKSPACE}/Tasks`, { Priority: "high" }, 400, 20001],
    ["GET", `${WORKSPACE}/Tasks?PageSize=0`, undefined, 400, 20001],
    ["GET", `${WORKSPACE}/Tasks?PageToken=nope`, undefined, 400, 20001],
  ])("%s %s %j → %i (code %i)", async (method, url, form, status, code) => {
    const answer = await send(method, url, form);

    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ code, status, more_info: `https://www.twilio.com/docs/errors/${code}` });
  });
});

describe("hosts", () => {
  it.each([
    ["https://tasks.twilio.com", {}],
    ["https://tasks.au1.twilio.com", { region: "au1" }],
    ["https://tasks.sydney.au1.twilio.com", { region: "au1", edge: "sydney" }],
  ])("answers %s, where a client with %j sends", async (origin, placement) => {
    const twilio = new Twilio({ accountSid: ACCOUNT, authToken: "t", fetch: double.fetch, ...placement });

    const created = await twilio.tasks.v1.workspaces.create({ friendlyName: "w" });

    expect(double.requests.at(-1)!.url).toBe(`${origin}/v1/Workspaces`);
    expect(double.get(`https://tasks.twilio.com/v1/Workspaces/${created.sid}`)).toBeDefined();
  });
});

describe("paging", () => {
  const twilio = () => new Twilio({ accountSid: ACCOUNT, authToken: "t", fetch: double.fetch });

  it("api v2010: page, page_size, next_page_uri; PageSize, Page and PageToken choose the page; filters apply", async () => {
    for (let index = 0; index < 5; index += 1) double.seed(CALLS, { to: index % 2 ? "+2" : "+1", status: "queued" });

    const first = await send("GET", `${CALLS}?PageSize=2`);
    const second = await send("GET", `https://phone.twilio.com${first.body.next_page_uri}`);
    const filtered = await send("GET", `${CALLS}?To=%2B1&PageSize=2&Page=1`);

    expect(first.body).toMatchObject({ page: 0, page_size: 2, start: 0, end: 1, previous_page_uri: null });
    expect(first.body.next_page_uri).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Calls.json?PageSize=2&Page=1&PageToken=PT2`);
    expect(second.body.calls.map((call: { sid: string }) => call.sid)).toEqual(
      double
        .list(CALLS)
        .slice(2, 4)
        .map((call) => call.fields.sid),
    );
    expect(filtered.body.calls.map((call: { to: string }) => call.to)).toEqual(["+1"]);
    expect(filtered.body.next_page_uri).toBeNull();
    expect((await twilio().calls.list({ pageSize: 2 })).map((call) => call.to)).toEqual(["+1", "+2", "+1", "+2", "+1"]);
  });

  it("meta paging: key, page, page_size and absolute next_page_url, which each() follows", async () => {
    for (let index = 0; index < 3; index += 1) double.seed(`${WORKSPACE}/Tasks`, { priority: index });

    const first = await send("GET", `${WORKSPACE}/Tasks?PageSize=2`);
    const priorities = [];
    for await (const task of twilio().tasks.v1.workspaces("WS1").tasks.each({ pageSize: 2 }))
      priorities.push(task.priority);

    expect(first.body.meta).toMatchObject({
      key: "tasks",
      page: 0,
      page_size: 2,
      next_page_url: `${WORKSPACE}/Tasks?PageSize=2&Page=1&PageToken=PT2`,
      previous_page_url: null,
    });
    expect(priorities).toEqual([0, 1, 2]);
    // The path names the collection: a query repeating a path parameter filters nothing.
    expect((await send("GET", `${WORKSPACE}/Tasks?WorkspaceSid=WSother`)).body.tasks).toHaveLength(3);
  });

  it("token paging (API standards v1): meta.nextToken, sent back as pageToken", async () => {
    for (let index = 0; index < 3; index += 1)
      double.seed("https://ledger.twilio.com/v1/Accounts", { currency: "EUR" });

    const first = await send("GET", "https://ledger.twilio.com/v1/Accounts?pageSize=2");
    const all = await twilio().ledger.v1.accounts.list({ pageSize: 2 });

    expect(first.body.meta).toMatchObject({ key: "accounts", nextToken: "PT2", previousToken: null });
    expect(all.map((account) => account.sid)).toEqual(
      double.list("https://ledger.twilio.com/v1/Accounts").map((a) => a.fields.sid),
    );
  });
});

describe("operations the store does not keep", () => {
  it("answers with a body shaped by the schema, marked simulated in the request log", async () => {
    const answer = await send("GET", `${WORKSPACE}/Statistics`);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ workspace_sid: "WS1", tasks_created: 0, url: `${WORKSPACE}/Statistics` });
    expect(double.requests.at(-1)).toMatchObject({ answeredBy: "simulated", operation: "fetch", status: 200 });
  });

  it("two resources on one path (a key's create beside its list) each answer their own method", async () => {
    const keys = "https://documents.twilio.com/v2/Stores/DS1/Keys";

    const created = await send("POST", keys, { friendly_name: "ci" });
    const listed = await send("GET", keys);

    expect([created.status, Object.keys(created.body)]).toEqual([
      201,
      ["sid", "friendly_name", "secret", "date_created"],
    ]);
    expect(created.body.friendly_name).toBe("ci");
    expect([listed.status, listed.body.keys]).toEqual([200, []]);
  });

  it("a redirect whose body is the result: the SDK reads redirect_to", async () => {
    const twilio = new Twilio({ accountSid: ACCOUNT, authToken: "t", fetch: double.fetch });
    const account = double.seed("https://ledger.twilio.com/v1/Accounts");

    const statement = await twilio.ledger.v1.accounts(account.fields.sid as string).statement.fetch();

    expect(double.requests.at(-1)).toMatchObject({ status: 307, answeredBy: "simulated" });
    expect(statement).toHaveProperty("redirectTo");
  });
});

describe("test controls", () => {
  it("injected faults: 429 with Retry-After (which the client waits for and retries), then 503, then latency", async () => {
    const twilio = new Twilio({ accountSid: ACCOUNT, authToken: "t", fetch: double.fetch, maxRetryDelay: 10 });
    double.inject({ method: "GET", path: "/v1/Workspaces/*/Tasks", status: 429, retryAfter: 0, times: 2 });
    double.inject({ path: "/v1/Workspaces/*/Tasks", status: 503 });
    double.inject({ method: "POST", latencyMs: 30 });

    await expect(twilio.tasks.v1.workspaces("WS1").tasks.page()).rejects.toMatchObject({ status: 503, code: 20500 });
    const started = Date.now();
    await twilio.tasks.v1.workspaces("WS1").tasks.create({});

    expect(double.requests.map((request) => [request.status, request.answeredBy])).toEqual([
      [429, "fault"],
      [429, "fault"],
      [503, "fault"],
      [201, "store"],
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const raw = createTwilioDouble();
    raw.inject({ status: 429 });
    expect((await raw.fetch(`${WORKSPACE}/Tasks`)).headers.get("retry-after")).toBe("1");
  });

  it("logs method, URL, headers and body; reset() forgets everything and restarts SIDs and the clock", async () => {
    const first = await send("POST", `${WORKSPACE}/Tasks`, { Priority: "3" });
    double.advance(5000);

    expect(double.requests[0]).toMatchObject({
      method: "POST",
      url: `${WORKSPACE}/Tasks`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Priority=3",
      status: 201,
      answeredBy: "store",
      operation: "create",
      resource: "/v1/Workspaces/{WorkspaceSid}/Tasks",
    });
    double.reset();

    expect(double.requests).toEqual([]);
    expect(double.list(`${WORKSPACE}/Tasks`)).toEqual([]);
    expect(double.now()).toEqual(new Date("2025-01-01T00:00:00Z"));
    expect((await send("POST", `${WORKSPACE}/Tasks`, { Priority: "3" })).body.sid).toBe(first.body.sid);
  });

  it("injected latency gives way to the client's timeout, as a slow Twilio would", async () => {
    const twilio = new Twilio({ accountSid: ACCOUNT, authToken: "t", fetch: double.fetch, timeout: 20 });
    double.inject({ latencyMs: 5_000 });

    const started = Date.now();
    await expect(twilio.tasks.v1.workspaces("WS1").tasks.page()).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("seeds under a list URL with the key the fields give, or a new SID", () => {
    const given = double.seed(`${WORKSPACE}/Tasks`, { sid: "WTgiven", priority: 3 });
    const made = double.seed(`${WORKSPACE}/Tasks`);

    expect(given).toMatchObject({ url: `${WORKSPACE}/Tasks/WTgiven`, version: 1, fields: { priority: 3 } });
    expect(made.fields.sid).toMatch(/^WT[0-9a-f]{32}$/);
    expect(double.list(`${WORKSPACE}/Tasks`).map((task) => task.fields.sid)).toEqual(["WTgiven", made.fields.sid]);
  });

  it("seed fills the parents' SIDs and the account from the path, as a create over HTTP does", async () => {
    const other = `AC${"2".repeat(32)}`;
    const seeded = double.seed(`${WORKSPACE}/Tasks`, { priority: 3 });
    const created = (await send("POST", `${WORKSPACE}/Tasks`, { Priority: "3" })).body;
    // All but what names this instance or its time.
    const own = (fields: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(fields).filter(
          ([name]) => !["sid", "url", "links", "date_created", "date_updated"].includes(name),
        ),
      );

    expect(own(seeded.fields)).toEqual(own(created));
    expect(seeded.fields.workspace_sid).toBe("WS1");
    expect(double.seed(`${WORKSPACE}/Tasks/WTat`).fields.workspace_sid).toBe("WS1");
    // A Reservation has no create: its parents come from the path its list pages under.
    expect(double.seed(`${WORKSPACE}/Tasks/WT1/Reservations`).fields).toMatchObject({
      workspace_sid: "WS1",
      task_sid: "WT1",
    });
    expect(double.seed(`https://phone.twilio.com/2010-04-01/Accounts/${other}/Calls.json`).fields.account_sid).toBe(
      other,
    );
    expect(double.seed(`${WORKSPACE}/Tasks`, { workspace_sid: "WSgiven" }).fields.workspace_sid).toBe("WSgiven");
  });

  it("answers every request with a Twilio-Request-Id, RQ and 32 hex digits: one per request, the seed's sequence", async () => {
    const requestIds = async (own: TwilioDouble) => {
      own.inject({ path: "/v1/Workspaces/*/Tasks", status: 503 });
      const answers = [
        await own.fetch(`${WORKSPACE}/Tasks`),
        await own.fetch(`${WORKSPACE}/Tasks`, { method: "POST" }),
        await own.fetch(`${WORKSPACE}/Tasks/WTmissing`),
        await own.fetch("https://tasks.twilio.com/v1/Nothing"),
      ];
      return answers.map((answer) => answer.headers.get("twilio-request-id"));
    };
    const seeded = createTwilioDouble({ seed: 3 });

    const first = await requestIds(seeded);
    const logged = seeded.requests.map((request) => request.requestId);
    seeded.reset();

    expect(first.every((id) => /^RQ[0-9a-f]{32}$/.test(id ?? ""))).toBe(true);
    expect(new Set(first).size).toBe(first.length);
    expect(logged).toEqual(first);
    expect(await requestIds(seeded)).toEqual(first);
    expect(await requestIds(createTwilioDouble({ seed: 3 }))).toEqual(first);
    expect(await requestIds(createTwilioDouble({ seed: 4 }))).not.toEqual(first);
  });

  it("names a URL it cannot store, rather than guessing", () => {
    expect(() => double.seed("https://tasks.twilio.com/v1/Nothing")).toThrow(/no URL of a resource the double stores/);
    expect(() => double.get(`${WORKSPACE}/Tasks`)).toThrow(/list URL/);
  });
});

describe('path patterns: anything but a path starting with "/" is refused, naming the option and the fix', () => {
  const TASK = "/v1/Workspaces/*/Tasks/*";
  /** The message of each API that takes a path pattern, given `pattern`. */
  const refusals = (pattern: unknown) =>
    [
      () => double.interfere({ path: pattern as string, change: () => ({}) }),
      () => double.inject({ path: pattern as string, status: 503 }),
      () => createTwilioDouble({ requireIfMatch: ["/v2/Stores/*", pattern as string] }),
    ].map((call) => {
      try {
        call();
        return "accepted";
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });

  it.each([
    // given pattern → want the reason and the fix, after the option's name
    ["v1/Workspaces/*/Tasks/*", `"v1/Workspaces/*/Tasks/*" does not start with "/": use "${TASK}"`],
    [
      `https://tasks.twilio.com${TASK}`,
      `"https://tasks.twilio.com${TASK}" is a URL; patterns match its path: use "${TASK}"`,
    ],
    [`${TASK}/`, `"${TASK}/" ends with "/", which Twilio's paths never do: use "${TASK}"`],
    ["v1/Workspaces/", `"v1/Workspaces/" does not start with "/": use "/v1/Workspaces"`],
    ["/v1//Workspaces", `"/v1//Workspaces" has an empty segment ("//"): use "/v1/Workspaces"`],
    [
      "/v1/Workspaces?PageSize=2",
      `"/v1/Workspaces?PageSize=2" has a query or fragment; patterns match the path alone: use "/v1/Workspaces"`,
    ],
    ["", `"" is empty: give a path such as "${TASK}"`],
    [42, `takes a path starting with "/" (or a RegExp), got 42`],
    // test() of a global or sticky RegExp resumes where its last match ended: it would match every other time.
    [/\/Tasks\//g, `/\\/Tasks\\//g has the g flag, whose test() resumes where its last match ended: use /\\/Tasks\\//`],
    [
      /\/Tasks\//iy,
      `/\\/Tasks\\//iy has the y flag, whose test() resumes where its last match ended: use /\\/Tasks\\//i`,
    ],
  ])("%s → %s", (pattern, want) => {
    expect(refusals(pattern)).toEqual([
      `TypeError: double.interfere: path ${want}`,
      `TypeError: double.inject: path ${want}`,
      `TypeError: createTwilioDouble: requireIfMatch[1] ${want}`,
    ]);
  });

  it.each([[TASK], ["/v2/Stores/**"], ["/2010-04-01/Accounts/*/Calls.json"], [/\/Tasks\//]])(
    "%s is a pattern, taken by every API as before",
    (pattern) => {
      expect(refusals(pattern)).toEqual(["accepted", "accepted", "accepted"]);
    },
  );

  it.each([
    // given method → want the refusal; a method in any case is taken, as requests are matched in upper case
    ["GETT", `double.inject: method "GETT" is no HTTP method: use one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS`],
    ["", `double.inject: method "" is no HTTP method: use one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS`],
    [7, `double.inject: method 7 is no HTTP method: use one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS`],
    ["post", "accepted"],
  ])("inject({ method: %j }) → %s", (method, want) => {
    let got = "accepted";
    try {
      double.inject({ method: method as string, status: 503 });
    } catch (error) {
      got = (error as Error).message;
    }
    expect(got).toBe(want);
  });

  it.each([
    ["inject", () => double.inject({ status: 503, times: 0 })],
    ["interfere", () => double.interfere({ change: () => ({}), times: 1.5 })],
  ])("double.%s names itself when times is no whole number >= 1", (call, refused) => {
    expect(refused).toThrow(
      new RangeError(`double.${call}: times must be a whole number >= 1, got ${call === "inject" ? 0 : 1.5}`),
    );
  });

  it("requireIfMatch takes true, false or a list of patterns, not one pattern alone", () => {
    expect(() => createTwilioDouble({ requireIfMatch: TASK as unknown as string[] })).toThrow(
      new TypeError(`createTwilioDouble: requireIfMatch takes true, false or a list of path patterns: use ["${TASK}"]`),
    );
  });
});

describe("seed() and write() take the wire field names the spec declares", () => {
  const WORKSPACES = "https://tasks.twilio.com/v1/Workspaces";
  const written = () => double.seed(WORKSPACES, { friendly_name: "before" }).url;

  it.each([
    // given fields → want the refusal, after the call and its URL
    [{ friendlyName: "x" }, `"friendlyName" is no field of /v1/Workspaces/{Sid}: use "friendly_name", its wire name`],
    [{ FriendlyName: "x" }, `"FriendlyName" is no field of /v1/Workspaces/{Sid}: use "friendly_name", its wire name`],
    [
      { friendly_name: "x", bogus: 1 },
      `"bogus" is no field of /v1/Workspaces/{Sid}; its fields: sid, account_sid, friendly_name, event_callback_url, ` +
        "event_types, multi_task_enabled, date_created, date_updated, url, links",
    ],
  ])("%j is refused by both", (fields, want) => {
    const url = written();

    expect(() => double.seed(WORKSPACES, fields)).toThrow(new TypeError(`double.seed(${WORKSPACES}): ${want}`));
    expect(() => double.write(url, fields)).toThrow(new TypeError(`double.write(${url}): ${want}`));
    expect(double.list(WORKSPACES).map((workspace) => [workspace.fields.friendly_name, workspace.version])).toEqual([
      ["before", 1],
    ]);
  });

  it("an instance URL names the key: fields that give another key are refused, as is a write that changes it", () => {
    const url = written();
    const sid = double.get(url)!.fields.sid;

    expect(() => double.seed(`${WORKSPACES}/WS1`, { sid: "WS2" })).toThrow(
      new TypeError(`double.seed(${WORKSPACES}/WS1): sid "WS2" is not the key of the instance at that URL, "WS1"`),
    );
    expect(() => double.write(url, { sid: "WS2" })).toThrow(
      new TypeError(`double.write(${url}): sid "WS2" is not the key of the instance at that URL, "${sid}"`),
    );
    expect(double.seed(`${WORKSPACES}/WS1`, { sid: "WS1" }).fields.sid).toBe("WS1");
  });

  it("an interfering writer's change is held to the same names: the write it spoils answers 500, naming the key", async () => {
    const url = written();
    double.interfere({ change: () => ({ friendlyName: "other" }) });

    const answer = await send("POST", url, { FriendlyName: "mine" });

    expect(answer.status).toBe(500);
    expect(answer.body.message).toContain(`"friendlyName" is no field of /v1/Workspaces/{Sid}: use "friendly_name"`);
  });
});

describe("URLs the test names: an absolute https://<label>.twilio.com/<path>", () => {
  it.each([
    // given call, url → want the message
    [
      "seed",
      "tasks/v1/Workspaces",
      `double.seed: "tasks/v1/Workspaces" is no absolute URL: give https://<label>.twilio.com/<path>, here "https://tasks.twilio.com/v1/Workspaces"`,
    ],
    [
      "get",
      "/v1/Workspaces/WS1",
      `double.get: "/v1/Workspaces/WS1" is no absolute URL: give https://<label>.twilio.com/<path>, here "https://tasks.twilio.com/v1/Workspaces/WS1"`,
    ],
    ["list", "v9/Nothing", `double.list: "v9/Nothing" is no absolute URL: give https://<label>.twilio.com/<path>`],
    [
      "write",
      "http://127.0.0.1:4010/tasks/v1/Workspaces/WS1",
      `double.write: "http://127.0.0.1:4010/tasks/v1/Workspaces/WS1" is no Twilio URL: give https://<label>.twilio.com/<path>, as the double's bodies do`,
    ],
    [
      "seed",
      "https://tasks.twilio.com/v1/Nothing",
      `double.seed: https://tasks.twilio.com/v1/Nothing is no URL of a resource the double stores`,
    ],
    ["get", `${WORKSPACE}/Tasks`, `double.get: ${WORKSPACE}/Tasks is a list URL; name one instance`],
  ] as const)("double.%s(%j)", (call, url, want) => {
    const calls = {
      seed: () => double.seed(url),
      get: () => double.get(url),
      list: () => double.list(url),
      write: () => double.write(url, {}),
    };

    expect(calls[call]).toThrow(new TypeError(want));
  });
});

it("RestException is what the client throws for the double's errors", async () => {
  const twilio = new Twilio({ accountSid: ACCOUNT, authToken: "t", fetch: double.fetch });

  await expect(twilio.tasks.v1.workspaces("WS1").tasks("WTnone").fetch()).rejects.toBeInstanceOf(RestException);
});
