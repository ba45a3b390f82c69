import type { ApiClient, ApiRequest, ApiResponse } from "./client.js";
import { RepeatedPageLinkError } from "./errors.js";
import { asRecord, isObject, pageLinks } from "./pagination.js";
import type { Pagination } from "./pagination.js";

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
  private readonly init: PageInit<T>;

  constructor(init: PageInit<T>) {
    const { response, pagination } = init;
    const body = asRecord(response.body);
    const items = body[pagination.itemsKey];
    this.init = init;
    this.headers = response.headers;
    this.status = response.status;
    const itemHeaders = listItemHeaders(response.headers);
    this.instances = Array.isArray(items)
      ? items.filter(isObject).map((body) => init.wrap({ body, headers: itemHeaders }))
      : [];
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
    const { client, pagination } = this.init;
    let request = this.init.request;
    let response: ApiResponse;
    if (url !== undefined) {
      response = await client.requestUrl(url, request);
    } else if (token !== undefined && pagination.style === "token") {
      const query = { ...request.query, [pagination.tokenParam]: token };
      request = { ...request, query };
      response = await client.request(request);
    } else {
      return undefined;
    }
    // Build the caller's subclass (e.g. TaskPage), not a bare Page.
    const PageClass = this.constructor as new (init: PageInit<T>) => this;
    return new PageClass({ ...this.init, request, response });
  }
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
 * Yields items page by page, fetching a page only when it is needed. A page link (URL or token)
 * that was already followed means the server's pages loop: iteration stops with an error.
 */
export async function* eachItem<T>(firstPage: Promise<Page<T>> | Page<T>, limit?: number): AsyncGenerator<T> {
  let remaining = limit ?? Number.POSITIVE_INFINITY;
  let page: Page<T> | undefined = await firstPage;
  const followed = new Set<string>();
  while (page !== undefined && remaining > 0) {
    for (const item of page.instances.slice(0, remaining)) {
      remaining -= 1;
      yield item;
    }
    if (remaining <= 0) return;
    const link = page.nextPageUrl ?? page.nextPageToken;
    if (link !== undefined && followed.has(link)) throw new RepeatedPageLinkError(link);
    if (link !== undefined) followed.add(link);
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

/** Options for the first page of `list()` / `each()`: the limit doubles as PageSize when none is given. */
export function withPageSize<O extends { pageSize?: number; limit?: number }>(options: O): O {
  return { ...options, pageSize: pageSizeFor(options.pageSize, options.limit) };
}
