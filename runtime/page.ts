import type { ApiClient, ApiRequest, ApiResponse } from "./client.js";
import { RepeatedPageLinkError, TooManyPagesError, UnexpectedResponseError } from "./errors.js";
import { asRecord, isObject, pageLinks } from "./pagination.js";
import type { Pagination } from "./pagination.js";
import { encodeParams } from "./serialize.js";

export type { Pagination } from "./pagination.js";

/** One raw item of a list page, as `PageInit.wrap` receives it. */
export interface PageItem {
  body: object;
  headers: Headers;
}

export interface PageInit<T> {
  client: ApiClient;
  /** The request that produced the first page; token paging repeats it. */
  request: ApiRequest;
  response: ApiResponse;
  pagination: Pagination;
  /**
   * Turns one raw item into an instance, as a fetch response would. `headers` are the
   * page's headers without its ETag (see listItemHeaders): an item's `etag` is undefined.
   */
  wrap: (item: { body: object; headers: Headers }) => T;
  /** The page URL this page was read from; absent for a first page and in token paging, where `request` says. */
  link?: string;
}

/** Each page's init, kept outside the instance so that iteration reads it without widening Page's API. */
const pageInits = new WeakMap<object, PageInit<unknown>>();

function initOf<T>(page: Page<T>): PageInit<T> {
  return pageInits.get(page) as PageInit<T>;
}

export class Page<T> {
  readonly instances: T[];
  /** Headers of the response that produced this page. */
  readonly headers: Headers;
  readonly status: number;
  /** Absolute links for "url" and "uri" paging, otherwise undefined. */
  readonly nextPageUrl: string | undefined;
  readonly previousPageUrl: string | undefined;
  /** Tokens for "token" paging, otherwise undefined. */
  readonly nextPageToken: string | undefined;
  readonly previousPageToken: string | undefined;

  constructor(init: PageInit<T>) {
    const { response, pagination } = init;
    const body = asRecord(response.body);
    const items = body[pagination.itemsKey];
    if (!Array.isArray(items)) throw missingItemsError(init, items);
    pageInits.set(this, init);
    this.headers = response.headers;
    this.status = response.status;
    const itemHeaders = listItemHeaders(response.headers);
    this.instances = items.filter(isObject).map((body) => init.wrap({ body, headers: itemHeaders }));
    const links = pageLinks(pagination, body, init.client.baseUrl(init.request.host));
    const isToken = pagination.style === "token";
    this.nextPageUrl = isToken ? undefined : links.next;
    this.previousPageUrl = isToken ? undefined : links.previous;
    this.nextPageToken = isToken ? links.next : undefined;
    this.previousPageToken = isToken ? links.previous : undefined;
  }

  hasNextPage(): boolean {
    return this.nextPageUrl !== undefined || this.nextPageToken !== undefined;
  }

  nextPage(): Promise<this | undefined> {
    return this.follow(this.nextPageUrl, this.nextPageToken);
  }

  previousPage(): Promise<this | undefined> {
    return this.follow(this.previousPageUrl, this.previousPageToken);
  }

  /** Every item of this page and of the pages after it. */
  [Symbol.asyncIterator](): AsyncGenerator<T> {
    return eachItem(this);
  }

  private async follow(url: string | undefined, token: string | undefined): Promise<this | undefined> {
    const init = initOf(this);
    let request = init.request;
    let response: ApiResponse;
    if (url !== undefined) {
      response = await init.client.requestUrl(url, request);
    } else if (token !== undefined && init.pagination.style === "token") {
      request = withToken(request, init.pagination.tokenParam, token);
      response = await init.client.request(request);
    } else {
      return undefined;
    }
    // Build the caller's subclass (e.g. TaskPage), not a bare Page.
    const PageClass = this.constructor as new (init: PageInit<T>) => this;
    return new PageClass({ ...init, request, response, link: url });
  }
}

/**
 * A list response without its items array: read as an empty page, it would end every list() and each()
 * early, in silence (an error body answered with 200, a proxy's JSON, another API version's shape).
 */
function missingItemsError(init: PageInit<unknown>, items: unknown): UnexpectedResponseError {
  const { request, response, pagination, client } = init;
  const query = encodeParams(request.query ?? {}).toString();
  const url = init.link ?? `${client.baseUrl(request.host)}${request.path}${query === "" ? "" : `?${query}`}`;
  const found = items === undefined ? "it has no such key" : `it is ${items === null ? "null" : typeof items}`;
  return new UnexpectedResponseError({
    method: request.method,
    url,
    status: response.status,
    headers: response.headers,
    text: JSON.stringify(response.body) ?? "",
    reason: `a list response keeps its items in the array "${pagination.itemsKey}", but ${found}`,
  });
}

function withToken(request: ApiRequest, tokenParam: string, token: string): ApiRequest {
  return { ...request, query: { ...request.query, [tokenParam]: token } };
}

/**
 * Where a page is, for telling pages apart: its path and query, the parameters sorted by name (their
 * values and names kept exactly: Twilio's `PageToken` is case-sensitive). Host and fragment are left
 * out: a first page read from a `baseUrls` override may link to itself on the Twilio host.
 */
function pageAddress(target: string): string {
  let url: URL;
  try {
    url = new URL(target, "http://page.invalid");
  } catch {
    return target; // following it will be refused
  }
  url.searchParams.sort();
  return `${url.pathname}?${url.searchParams}`;
}

/** The address of `page` itself: the link it was read from, else its request. */
function ownAddress(page: Page<unknown>): string {
  const { link, request } = initOf(page);
  return pageAddress(link ?? `${request.path}?${encodeParams(request.query ?? {})}`);
}

/** The address of the page after `page`, or undefined when there is none. */
function nextAddress(page: Page<unknown>): string | undefined {
  const { request, pagination } = initOf(page);
  if (page.nextPageUrl !== undefined) return pageAddress(page.nextPageUrl);
  if (page.nextPageToken === undefined || pagination.style !== "token") return undefined;
  const next = withToken(request, pagination.tokenParam, page.nextPageToken);
  return pageAddress(`${next.path}?${encodeParams(next.query ?? {})}`);
}

/**
 * Headers for the items of a list: a copy of the page's headers without ETag. The list's
 * ETag versions the whole list; sent in If-Match for one item it would be wrong, so an
 * item has no etag and must be fetched before a conditional update.
 */
function listItemHeaders(pageHeaders: Headers): Headers {
  const headers = new Headers(pageHeaders);
  headers.delete("ETag");
  return headers;
}

/**
 * Yields items page by page, fetching a page only when it is needed, and never without end:
 * - a page with no items ends the iteration, even if it links onward (Twilio has answered an empty
 *   last page that still links to a next one; a server could chain empty pages for ever);
 * - a link to a page already read in this iteration (same path and query) is a RepeatedPageLinkError;
 * - reading more pages than the client's `maxPages` is a TooManyPagesError.
 */
export async function* eachItem<T>(firstPage: Promise<Page<T>> | Page<T>, limit?: number): AsyncGenerator<T> {
  let remaining = limit ?? Number.POSITIVE_INFINITY;
  let page: Page<T> | undefined = await firstPage;
  const pageLimit = initOf(page).client.maxPages;
  const read = new Set([ownAddress(page)]);
  while (page !== undefined && remaining > 0) {
    for (const item of page.instances.slice(0, remaining)) {
      remaining -= 1;
      yield item;
    }
    const next = nextAddress(page);
    if (remaining <= 0 || page.instances.length === 0 || next === undefined) return;
    if (read.has(next)) throw new RepeatedPageLinkError(page.nextPageUrl ?? page.nextPageToken ?? next);
    if (read.size >= pageLimit) throw new TooManyPagesError(pageLimit);
    read.add(next);
    page = await page.nextPage();
  }
}

export async function collectItems<T>(firstPage: Promise<Page<T>> | Page<T>, limit?: number): Promise<T[]> {
  const items: T[] = [];
  for await (const item of eachItem(firstPage, limit)) items.push(item);
  return items;
}

/** PageSize to request: an explicit size wins, else the limit (1..1000). */
export function pageSizeFor(pageSize: number | undefined, limit: number | undefined): number | undefined {
  if (pageSize !== undefined) return pageSize;
  if (limit !== undefined) return Math.min(Math.max(limit, 1), 1000);
  return undefined;
}
