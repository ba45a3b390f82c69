import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiClient,
  Page,
  RefusedPageLinkError,
  RepeatedPageLinkError,
  ResourceInstance,
  TooManyPagesError,
  UnexpectedResponseError,
  collectItems,
  eachItem,
  pageSizeFor,
} from "../../runtime/index.js";
import type { ApiRequest, Pagination } from "../../runtime/index.js";
import { startServer } from "./server.js";
import type { Handler, RecordedRequest, Reply, TestServer } from "./server.js";

interface DocumentResource {
  sid: string;
}

class DocumentInstance extends ResourceInstance<DocumentResource> {
  get sid(): string {
    return this.raw().sid;
  }
}

class DocumentPage extends Page<DocumentInstance> {}

const PAGE_COUNT = 3;
const ALL_SIDS = ["ET0", "ET1", "ET2", "ET3", "ET4", "ET5"];
// Header names differ in case per page; Headers must not care.
const ETAG_NAMES = ["ETag", "etag", "Etag"];

/** Page `index` of two items, with headers unique to that page. */
function pageReply(index: number, body: Record<string, unknown>): Reply {
  return {
    headers: {
      [ETAG_NAMES[index] ?? "ETag"]: `W/"page-${index}"`,
      "X-Page": String(index),
    },
    body: {
      items: ALL_SIDS.slice(index * 2, index * 2 + 2).map((sid) => ({ sid })),
      ...body,
    },
  };
}

const inRange = (index: number) => index >= 0 && index < PAGE_COUNT;
const queryOf = (request: RecordedRequest) => new URL(request.url, "http://localhost").searchParams;

/** Twilio v0.1: absolute links in meta, here on the real twilio.com host. */
const urlStyle: Handler = (request) => {
  const index = Number(queryOf(request).get("Page") ?? 0);
  const link = (i: number) =>
    inRange(i) ? `https://sync.twilio.com/v1/Documents?PageSize=2&Page=${i}&PageToken=PT${i}` : null;
  return pageReply(index, {
    meta: {
      key: "items",
      next_page_url: link(index + 1),
      previous_page_url: link(index - 1),
    },
  });
};

/** api.twilio.com 2010: links relative to the host, at the top level. */
const uriStyle: Handler = (request) => {
  const index = Number(queryOf(request).get("Page") ?? 0);
  const link = (i: number) =>
    inRange(i) ? `/2010-04-01/Accounts/AC1/Calls.json?Page=${i}&PageSize=2&PageToken=PA${i}` : null;
  return pageReply(index, {
    next_page_uri: link(index + 1),
    previous_page_uri: link(index - 1),
  });
};

/** API standards v1.0: tokens in meta, sent back as `pageToken`. */
const tokenStyle: Handler = (request) => {
  const index = Number(queryOf(request).get("pageToken")?.slice(1) ?? 0);
  const token = (i: number) => (inRange(i) ? `T${i}` : null);
  return pageReply(index, {
    meta: { nextToken: token(index + 1), previousToken: token(index - 1) },
  });
};

interface Style {
  name: string;
  pagination: Pagination;
  request: ApiRequest;
  handler: Handler;
  /** Raw URLs the server sees for pages 0, 1 and 2. */
  urls: string[];
}

const styles: Style[] = [
  {
    name: "url",
    pagination: { style: "url", itemsKey: "items" },
    request: {
      method: "GET",
      host: "sync",
      path: "/v1/Documents",
      query: { PageSize: 2 },
    },
    handler: urlStyle,
    urls: [
      "/v1/Documents?PageSize=2",
      "/v1/Documents?PageSize=2&Page=1&PageToken=PT1",
      "/v1/Documents?PageSize=2&Page=2&PageToken=PT2",
    ],
  },
  {
    name: "uri",
    pagination: { style: "uri", itemsKey: "items" },
    request: {
      method: "GET",
      host: "api",
      path: "/2010-04-01/Accounts/AC1/Calls.json",
      query: { PageSize: 2 },
    },
    handler: uriStyle,
    urls: [
      "/2010-04-01/Accounts/AC1/Calls.json?PageSize=2",
      "/2010-04-01/Accounts/AC1/Calls.json?Page=1&PageSize=2&PageToken=PA1",
      "/2010-04-01/Accounts/AC1/Calls.json?Page=2&PageSize=2&PageToken=PA2",
    ],
  },
  {
    name: "token",
    pagination: {
      style: "token",
      itemsKey: "items",
      tokenParam: "pageToken",
      nextTokenField: "nextToken",
      previousTokenField: "previousToken",
    },
    request: {
      method: "GET",
      host: "flex-api",
      path: "/v1/Things",
      query: { pageSize: 2 },
    },
    handler: tokenStyle,
    urls: ["/v1/Things?pageSize=2", "/v1/Things?pageSize=2&pageToken=T1", "/v1/Things?pageSize=2&pageToken=T2"],
  },
];

let server: TestServer;
let client: ApiClient;

beforeAll(async () => {
  server = await startServer();
  client = new ApiClient({
    accountSid: "AC1",
    authToken: "t",
    baseUrls: { "*": server.origin },
  });
});
afterAll(() => server.close());

async function firstPage(
  style: Pick<Style, "pagination" | "request">,
  using: ApiClient = client,
): Promise<DocumentPage> {
  const response = await using.request(style.request);
  return new DocumentPage({
    client: using,
    request: style.request,
    response,
    pagination: style.pagination,
    wrap: ({ body, headers }) => new DocumentInstance(body as DocumentResource, headers),
  });
}

const sidsOf = (page: Page<DocumentInstance>) => page.instances.map((i) => i.sid);

describe.each(styles)("$name paging", (style) => {
  it("walks three pages, each with its own headers", async () => {
    server.respond(style.handler);

    const pages = [await firstPage(style)];
    for (let next = await pages[0]?.nextPage(); next; next = await next.nextPage()) {
      pages.push(next);
    }

    expect(pages).toHaveLength(3);
    expect(server.requests.map((r) => r.url)).toEqual(style.urls);
    pages.forEach((page, index) => {
      expect(page).toBeInstanceOf(DocumentPage);
      expect(page.status).toBe(200);
      expect(page.headers.get("ETag")).toBe(`W/"page-${index}"`);
      expect(page.headers.get("x-page")).toBe(String(index));
      expect(sidsOf(page)).toEqual(ALL_SIDS.slice(index * 2, index * 2 + 2));
      // The page's ETag versions the list, not its items: sent in If-Match it would be wrong.
      expect(page.instances.map((i) => i.etag)).toEqual([undefined, undefined]);
      expect(page.instances.map((i) => i.headers.get("x-page"))).toEqual([String(index), String(index)]);
    });
    expect(pages[2]?.hasNextPage()).toBe(false);
  });

  it("returns undefined after the last page without a request", async () => {
    server.respond(style.handler);
    const last = await (await (await firstPage(style)).nextPage())?.nextPage();

    const beyond = await last?.nextPage();

    expect(last?.headers.get("x-page")).toBe("2");
    expect(beyond).toBeUndefined();
    expect(server.requests).toHaveLength(3);
  });

  it("goes back with previousPage", async () => {
    server.respond(style.handler);
    const first = await firstPage(style);
    const third = await (await first.nextPage())?.nextPage();

    const second = await third?.previousPage();

    expect(await first.previousPage()).toBeUndefined();
    expect(second).toBeInstanceOf(DocumentPage);
    expect(second?.headers.get("etag")).toBe('W/"page-1"');
    expect(second && sidsOf(second)).toEqual(["ET2", "ET3"]);
  });

  it("iterates every item with for await", async () => {
    server.respond(style.handler);
    const sids: string[] = [];

    for await (const document of await firstPage(style)) sids.push(document.sid);

    expect(sids).toEqual(ALL_SIDS);
  });
});

describe("page links", () => {
  it("exposes absolute URLs for uri paging and tokens for token paging", async () => {
    const [, uri, token] = styles as [Style, Style, Style];
    server.respond(uri.handler);
    const uriPage = await firstPage(uri);
    server.respond(token.handler);
    const tokenPage = await firstPage(token);

    expect(uriPage.nextPageUrl).toBe(`${server.origin}${uri.urls[1]}`);
    expect(uriPage.nextPageToken).toBeUndefined();
    expect(tokenPage).toMatchObject({
      nextPageToken: "T1",
      previousPageToken: undefined,
      nextPageUrl: undefined,
      previousPageUrl: undefined,
    });
  });

  it("follows twilio.com links to a per-label override", async () => {
    server.respond(urlStyle);
    const routed = new ApiClient({ unauthenticated: true, baseUrls: { sync: server.origin } });
    const [url] = styles as [Style];

    const items = await collectItems(firstPage(url, routed));

    expect(items.map((i) => i.sid)).toEqual(ALL_SIDS);
    expect(server.requests).toHaveLength(3);
  });

  it("follows absolute links to the override origin itself", async () => {
    server.respond((request, origin) => {
      const reply = urlStyle(request, origin);
      const body = reply.body as { meta: { next_page_url: string | null } };
      body.meta.next_page_url &&= body.meta.next_page_url.replace("https://sync.twilio.com", origin);
      return reply;
    });
    const [url] = styles as [Style];

    const items = await collectItems(firstPage(url));

    expect(items).toHaveLength(6);
  });

  it("treats a single page as the only one", async () => {
    server.respond(() => pageReply(0, { meta: { next_page_url: "https://x.twilio.com/n" } }));
    const single = await firstPage({
      pagination: { style: "single", itemsKey: "items" },
      request: { method: "GET", host: "sync", path: "/v1/One" },
    });

    expect(single.hasNextPage()).toBe(false);
    expect(await single.nextPage()).toBeUndefined();
    expect(await collectItems(single)).toHaveLength(2);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [{}, "has no such key"],
    [{ items: "nope" }, "is string"],
    [{ items: null }, "is null"],
    [{ items: {} }, "is object"],
  ])("refuses the body %j, which lacks its items array, as an UnexpectedResponseError", async (body, found) => {
    server.respond(() => ({ status: 200, headers: { "X-Proxy": "yes" }, body }));

    const error = await firstPage(styles[0] as Style).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UnexpectedResponseError);
    const unexpected = error as UnexpectedResponseError;
    expect(unexpected.message).toBe(
      `GET ${server.origin}/v1/Documents?PageSize=2 answered 200 with a body starting ${JSON.stringify(JSON.stringify(body))}: ` +
        `a list response keeps its items in the array "items", but it ${found}`,
    );
    expect(unexpected.status).toBe(200);
    expect(unexpected.headers.get("X-Proxy")).toBe("yes");
  });

  it("refuses a linked page without its items array too, naming the link", async () => {
    server.respond((request, origin) =>
      request.url.includes("Page=1")
        ? { body: { error: "gone" } }
        : pageReply(0, { meta: { next_page_url: `${origin}/v1/Documents?Page=1` } }),
    );

    const first = await firstPage(styles[0] as Style);
    const error = await first.nextPage().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toContain(`GET ${server.origin}/v1/Documents?Page=1 answered 200`);
  });
});

describe("list items' etag", () => {
  it("is undefined for every item, whatever the case of the page's ETag header", async () => {
    for (const [index, name] of ETAG_NAMES.entries()) {
      server.respond(() => ({
        headers: { [name]: '"list-7"', "Twilio-Request-Id": `RQ${index}` },
        body: { items: [{ sid: "ET0" }, { sid: "ET1" }], meta: { next_page_url: null } },
      }));

      const page = await firstPage(styles[0] as Style);

      expect(page.headers.get("etag")).toBe('"list-7"');
      for (const item of page.instances) {
        expect(item.etag).toBeUndefined();
        expect(item.headers.has("etag")).toBe(false);
        // The rest of the page's headers stay available on the items.
        expect(item.headers.get("twilio-request-id")).toBe(`RQ${index}`);
      }
    }
  });

  it("leaves the page's own headers untouched", async () => {
    server.respond(() => pageReply(0, { meta: { next_page_url: null } }));

    const page = await firstPage(styles[0] as Style);
    page.instances[0]?.headers.set("x-page", "changed");

    expect(page.headers.get("ETag")).toBe('W/"page-0"');
    expect(page.headers.get("x-page")).toBe("0");
  });
});

describe("eachItem and collectItems", () => {
  const [url] = styles as [Style];

  it.each([
    [0, [], 1],
    [1, ["ET0"], 1],
    [2, ["ET0", "ET1"], 1],
    [3, ["ET0", "ET1", "ET2"], 2],
    [6, ALL_SIDS, 3],
    [100, ALL_SIDS, 3],
  ])("given limit %i, yields %j after %i request(s)", async (limit, sids, requests) => {
    server.respond(urlStyle);

    const items = await collectItems(firstPage(url), limit);

    expect(items.map((i) => i.sid)).toEqual(sids);
    expect(server.requests).toHaveLength(requests);
  });

  it("fetches the next page only when the consumer gets there", async () => {
    server.respond(urlStyle);
    const iterator = eachItem(firstPage(url));

    await iterator.next();
    await iterator.next();
    const requestsAfterFirstPage = server.requests.length;
    await iterator.next();

    expect(requestsAfterFirstPage).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it("collects every item without a limit", async () => {
    server.respond(urlStyle);

    expect(await collectItems(await firstPage(url))).toHaveLength(6);
  });
});

/** Links that lead back to page 1 for ever (until `stopAfter` requests, so that a client that loops still ends). */
const loopingLinks: Record<string, (stopAfter: number) => Handler> = {
  url: (stopAfter) => () =>
    pageReply(1, {
      meta: {
        next_page_url: server.requests.length < stopAfter ? "https://sync.twilio.com/v1/Documents?Page=1" : null,
      },
    }),
  uri: (stopAfter) => () =>
    pageReply(1, {
      next_page_uri: server.requests.length < stopAfter ? "/2010-04-01/Accounts/AC1/Calls.json?Page=1" : null,
    }),
  token: (stopAfter) => () => pageReply(1, { meta: { nextToken: server.requests.length < stopAfter ? "T1" : null } }),
};

describe.each(styles)("$name paging that loops", (style) => {
  it("stops each() with an error at the first page link seen before", async () => {
    server.respond(loopingLinks[style.name]!(50));

    const collecting = collectItems(firstPage(style));

    await expect(collecting).rejects.toThrow(RepeatedPageLinkError);
    await expect(collecting).rejects.toThrow(/was already followed: the pages loop/);
    // The first page, then the link once; its second appearance is refused.
    expect(server.requests).toHaveLength(2);
  });
});

describe("pageSizeFor", () => {
  it.each([
    [25, 5, 25],
    [undefined, 5, 5],
    [undefined, 5000, 1000],
    [undefined, 0, 1],
    [undefined, undefined, undefined],
  ])("given pageSize %j and limit %j, requests %j", (pageSize, limit, want) => {
    expect(pageSizeFor(pageSize, limit)).toBe(want);
  });
});

/** What iterating did: the items' sids, or the error's name, and how many requests the server got. */
async function iteration(items: Promise<DocumentInstance[]>): Promise<string> {
  const result = await items.then(
    (documents) => JSON.stringify(documents.map((document) => document.sid)),
    (error: Error) => error.name,
  );
  return `${result} after ${server.requests.length} requests`;
}

/** Answers the requests in turn with `replies` (url paging); a request past them is a 500. */
function inTurn(replies: Reply[]): Handler {
  return () => replies[server.requests.length - 1] ?? { status: 500, body: { message: "no such page" } };
}

/** A url-paging page holding `sids`, linking on to `next`. */
const linkedPage = (sids: string[], next: string | null): Reply => ({
  body: { items: sids.map((sid) => ({ sid })), meta: { next_page_url: next } },
});

describe("page links compared by path and query", () => {
  const [url] = styles as [Style];
  const twilio = "https://sync.twilio.com/v1/Documents";

  it("stop iteration at a link to a page already read, whatever the order of its parameters, host or fragment", async () => {
    const table: [given: [first: string, second: string], want: string][] = [
      // given the first page's link and the second page's link → want what iteration did
      [[`${twilio}?Page=1&PageSize=2`, `${twilio}?PageSize=2&Page=1`], "RepeatedPageLinkError after 2 requests"],
      [[`${twilio}?Page=1&PageSize=2`, `${twilio}?Page=1&PageSize=2#again`], "RepeatedPageLinkError after 2 requests"],
      [[`${twilio}?Page=1&PageSize=2`, `${twilio}?Page=1&PageSize=%32`], "RepeatedPageLinkError after 2 requests"],
      [
        [`${twilio}?Page=1&PageSize=2`, "{origin}/v1/Documents?Page=1&PageSize=2"],
        "RepeatedPageLinkError after 2 requests",
      ],
      // the first page (`/v1/Documents?PageSize=2`) linking to itself
      [[`${twilio}?PageSize=2`, `${twilio}?Page=2`], "RepeatedPageLinkError after 1 requests"],
      [[`${twilio}?Page=1`, `${twilio}?PageSize=2`], "RepeatedPageLinkError after 2 requests"],
      // Names, values and paths are compared exactly: Twilio's PageToken is case-sensitive.
      [[`${twilio}?Page=1&PageSize=2`, `${twilio}?page=1&PageSize=2`], '["ET0","ET1","ET2"] after 3 requests'],
      [[`${twilio}?PageToken=ab`, `${twilio}?PageToken=AB`], '["ET0","ET1","ET2"] after 3 requests'],
      [[`${twilio}?Page=1`, "https://sync.twilio.com/v1/documents?Page=1"], '["ET0","ET1","ET2"] after 3 requests'],
    ];
    const got: (typeof table)[number][] = [];
    for (const [[first, second]] of table) {
      const links = [first, second].map((link) => link.replace("{origin}", server.origin)) as [string, string];
      server.respond(inTurn([linkedPage(["ET0"], links[0]), linkedPage(["ET1"], links[1]), linkedPage(["ET2"], null)]));
      got.push([[first, second], await iteration(collectItems(firstPage(url)))]);
    }
    expect(got).toEqual(table);
  });
});

/** Pages of `sids` for ever, each linking to the next (until `stopAfter` requests, so that a client that loops ends). */
const endlessPages: Record<string, (sids: (index: number) => string[], stopAfter: number) => Handler> = {
  url: (sids, stopAfter) => (request) => {
    const index = Number(queryOf(request).get("Page") ?? 0);
    const next = server.requests.length < stopAfter ? `https://sync.twilio.com/v1/Documents?Page=${index + 1}` : null;
    return linkedPage(sids(index), next);
  },
  uri: (sids, stopAfter) => (request) => {
    const index = Number(queryOf(request).get("Page") ?? 0);
    const next = server.requests.length < stopAfter ? `/2010-04-01/Accounts/AC1/Calls.json?Page=${index + 1}` : null;
    return { body: { items: sids(index).map((sid) => ({ sid })), next_page_uri: next } };
  },
  token: (sids, stopAfter) => (request) => {
    const index = Number(queryOf(request).get("pageToken")?.slice(1) ?? 0);
    const next = server.requests.length < stopAfter ? `T${index + 1}` : null;
    return { body: { items: sids(index).map((sid) => ({ sid })), meta: { nextToken: next } } };
  },
};

describe.each(styles)("$name paging without end", (style) => {
  it("ends at an empty page, even one that links onward", async () => {
    server.respond(endlessPages[style.name]!(() => [], 50));
    const nothing = await iteration(collectItems(firstPage(style), 5));

    server.respond(endlessPages[style.name]!((index) => (index < 2 ? [`ET${index}`] : []), 50));
    const two = await iteration(collectItems(firstPage(style)));

    expect([nothing, two]).toEqual(["[] after 1 requests", '["ET0","ET1"] after 3 requests']);
  });

  it("stops with a TooManyPagesError after the client's maxPages pages that each link onward", async () => {
    server.respond(endlessPages[style.name]!((index) => [`ET${index}`], 50));
    const bounded = new ApiClient({ unauthenticated: true, baseUrls: { "*": server.origin }, maxPages: 3 });

    const error = await collectItems(firstPage(style, bounded)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TooManyPagesError);
    expect(error).toMatchObject({ maxPages: 3 });
    expect((error as Error).message).toMatch(/read 3 pages \(the client's maxPages\).*larger maxPages/);
    expect(server.requests).toHaveLength(3);
  });
});

describe("maxPages", () => {
  const [url] = styles as [Style];

  it("bounds each iteration by the client's maxPages (default 10000); a last page within it is fine", async () => {
    const table: [maxPages: number | undefined, want: string][] = [
      // given the client's maxPages, iterating three pages of two → want
      [undefined, '["ET0","ET1","ET2","ET3","ET4","ET5"] after 3 requests'],
      [3, '["ET0","ET1","ET2","ET3","ET4","ET5"] after 3 requests'],
      [2, "TooManyPagesError after 2 requests"],
      [1, "TooManyPagesError after 1 requests"],
    ];
    const got: (typeof table)[number][] = [];
    for (const [maxPages] of table) {
      server.respond(urlStyle);
      const bounded = new ApiClient({ unauthenticated: true, baseUrls: { "*": server.origin }, maxPages });
      got.push([maxPages, await iteration(collectItems(firstPage(url, bounded)))]);
    }
    expect(got).toEqual(table);
    expect(client.maxPages).toBe(10_000);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses the client option maxPages %d", (maxPages) => {
    expect(() => new ApiClient({ unauthenticated: true, maxPages })).toThrow(RangeError);
  });
});

describe("a page link the client will not follow", () => {
  let foreign: TestServer;
  beforeAll(async () => {
    foreign = await startServer();
  });
  afterAll(() => foreign.close());

  it("is a RefusedPageLinkError, with nothing sent to any host", async () => {
    const [url, uri] = styles as [Style, Style];
    const foreignHost = foreign.origin.slice("http://".length);
    const table: [style: Style, link: string][] = [
      [url, `//${foreignHost}/v1/Documents?Page=1`],
      [url, "//evil.example/v1/Documents?Page=1"],
      [url, "/v1/Documents?Page=1"],
      [url, `${foreign.origin}/v1/Documents?Page=1`],
      [url, "https://evil.example/v1/Documents?Page=1"],
      [url, "http://sync.twilio.com/v1/Documents?Page=1"],
      [url, "https://sync.twilio.com.evil.example/v1/Documents?Page=1"],
      [url, "javascript:alert(1)"],
      [url, "https://[::1/v1"],
      [uri, `//${foreignHost}/2010-04-01/Accounts/AC1/Calls.json?Page=1`],
      [uri, `@${foreignHost}/2010-04-01/Accounts/AC1/Calls.json?Page=1`],
      [uri, `:1@${foreignHost}/2010-04-01/Accounts/AC1/Calls.json?Page=1`],
      [uri, `${foreign.origin}/2010-04-01/Accounts/AC1/Calls.json?Page=1`],
    ];
    const got: string[] = [];
    for (const [style, link] of table) {
      server.respond(() => ({
        body: { items: [{ sid: "ET0" }], meta: { next_page_url: link }, next_page_uri: link },
      }));
      foreign.respond(() => ({ body: { items: [{ sid: "EVIL" }] } }));
      const first = await firstPage(style);
      const error = await first.nextPage().catch((caught: unknown) => caught);
      const refused = error instanceof RefusedPageLinkError && error.link === link;
      got.push(
        `${style.name} ${link}: ${refused ? "refused" : String(error)}, ${server.requests.length + foreign.requests.length} sent`,
      );
    }
    expect(got).toEqual(table.map(([style, link]) => `${style.name} ${link}: refused, 1 sent`));
  });
});
