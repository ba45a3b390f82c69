import { callbackError, type NoCallback } from "./callArguments.js";
import type { ApiClient, ApiRequest } from "./client.js";
import { RefusedPageLinkError } from "./errors.js";
import { ResourceInstance } from "./instance.js";
import { operationRequest, type Operation } from "./operation.js";
import { collectItems, eachItem, pageSizeFor, type Page, type PageInit } from "./page.js";
import type { Pagination } from "./pagination.js";
import type { ParamRecord } from "./serialize.js";

/** The path values that address a list or a context, by placeholder name (`K`, e.g. `"WorkspaceSid" | "Sid"`). */
export type PathParams<K extends string = string> = Record<K, string>;

/** A method's options argument: optional when every option is, required otherwise. */
export type OptionsArgument<O> = {} extends O ? [options?: O] : [options: O];

/**
 * Base of generated list and context classes: the client and the path values that address them.
 * A keyed list is mounted as a function (mount.ts), so neither this class nor its subclasses may
 * use `#private` fields.
 */
export class ResourceHandle<K extends string> {
  constructor(
    protected readonly client: ApiClient,
    protected readonly params: PathParams<K>,
  ) {}
}

/**
 * Base of generated instance classes: the resource and its response's headers (ResourceInstance),
 * with the client and the list's path values (`K`), from which the instance reaches its context.
 * Both are private, read through protected getters, so they are no data of the instance.
 */
export class ContextualInstance<R extends object, K extends string> extends ResourceInstance<R> {
  readonly #client: ApiClient;
  readonly #listParams: PathParams<K>;

  constructor(client: ApiClient, response: { body: unknown; headers: Headers }, listParams: PathParams<K>) {
    super(response.body as R, response.headers);
    this.#client = client;
    this.#listParams = listParams;
  }

  protected get client(): ApiClient {
    return this.#client;
  }

  protected get listParams(): PathParams<K> {
    return this.#listParams;
  }
}

/**
 * Base of a list that pages: the generated class declares `page()`, with its own options, docs
 * and page class; `list()`, `each()` and `getPage()` follow its pages.
 */
export abstract class PagedList<K extends string, O extends object, T> extends ResourceHandle<K> {
  /** The first page of items the options select. */
  abstract page(...[options]: OptionsArgument<O>): Promise<Page<T>>;

  /** Every item across pages, up to `limit` (a whole number ≥ 1). */
  list(...args: OptionsArgument<O & { limit?: number }>): Promise<T[]> {
    try {
      const { first, limit } = this.firstPage("list()", "returns a Promise", args);
      return collectItems(first(), limit);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Iterates every item across pages, up to `limit` (a whole number ≥ 1); no request is sent before
   * iteration starts. A callback (twilio-node's `each(options, callback)`) is a TypeError, thrown here.
   */
  each(...args: OptionsArgument<O & { limit?: number }>): AsyncGenerator<T> {
    const { first, limit } = this.firstPage(
      "each()",
      "returns an async iterator, whose next() returns a Promise: write `for await (const item of list.each())`",
      args,
    );
    return eachLazily(first, limit);
  }

  /**
   * The page at `url`, a page link of this list (`nextPageUrl`, or a path on the list's host), as
   * twilio-node's `getPage(url)`. Links to other hosts than Twilio's and the client's `baseUrls` are
   * refused (RefusedPageLinkError), as are links to another list's pages (TypeError).
   */
  async getPage(url: string, ...callback: NoCallback): Promise<Awaited<ReturnType<this["page"]>>> {
    if (typeof url !== "string") {
      const got = typeof url === "function" ? callbackError("getPage()") : undefined;
      throw got ?? new TypeError(`getPage(url) wants the page URL as a string, got ${typeof url}`);
    }
    if (callback.length > 0) throw callbackError("getPage()");
    const options = { [PAGE_LINK]: url } as unknown as O;
    return (await this.page(...([options] as OptionsArgument<O>))) as Awaited<ReturnType<this["page"]>>;
  }

  /** Checks list()/each()'s arguments and returns how to read their first page, before anything is sent. */
  private firstPage(method: string, returns: string, args: readonly unknown[]) {
    const [options = {}, ...extra] = args;
    if ([options, ...extra].some((value) => typeof value === "function")) throw callbackError(method, returns);
    if (extra.length > 0) throw new TypeError(`${method} takes one options object, got ${args.length} arguments`);
    if (typeof options !== "object" || options === null) {
      throw new TypeError(`${method}: options must be an object, got ${options === null ? "null" : typeof options}`);
    }
    const { limit, ...pageOptions } = options as { limit?: unknown; pageSize?: unknown };
    checkCount(`${method}: limit`, limit);
    checkCount(`${method}: pageSize`, pageOptions.pageSize);
    const first = () => this.page(...pageArgument<O>(pageOptions, limit as number | undefined));
    return { first, limit: limit as number | undefined };
  }
}

async function* eachLazily<T>(first: () => Promise<Page<T>>, limit: number | undefined): AsyncGenerator<T> {
  yield* eachItem(first(), limit);
}

/** The first page's options of `list()` / `each()`: the limit doubles as PageSize when none is given. */
function pageArgument<O>(options: { pageSize?: unknown }, limit: number | undefined): OptionsArgument<O> {
  return [{ ...options, pageSize: pageSizeFor(options.pageSize as number | undefined, limit) }] as OptionsArgument<O>;
}

/**
 * Refuses a `limit` or `pageSize` that is not a whole number ≥ 1 before anything is sent: 0 or less would
 * read nothing or be sent to the API as given, a fraction or NaN would page by a size no one asked for.
 */
function checkCount(name: string, value: unknown): void {
  if (value === undefined || (Number.isInteger(value) && (value as number) >= 1)) return;
  throw new TypeError(`${name} must be a whole number ≥ 1, got ${String(value)}. Nothing was sent`);
}

/** A list operation: the paging of its responses beside its request shape. */
export type ListOperation = Operation & { pagination: Pagination };

/** The options key by which getPage() hands its URL to the generated page() (a symbol: no option can name it). */
const PAGE_LINK = Symbol("pageLink");

/**
 * Sends a list operation and reads its first page into `PageClass`, each item made an instance by `wrap`;
 * or, from getPage(), reads the page at the link it was given.
 */
export async function requestPage<T, R extends Page<T>>(
  PageClass: new (init: PageInit<T>) => R,
  client: ApiClient,
  operation: ListOperation,
  params: PathParams,
  options: object,
  wrap: PageInit<T>["wrap"],
  extra?: readonly unknown[],
): Promise<R> {
  const request = operationRequest(operation, params, pageRequestOptions(operation, options), extra);
  const { pagination } = operation;
  const link = (options as { [PAGE_LINK]?: string })[PAGE_LINK];
  if (link === undefined) {
    const response = await client.request(request);
    return new PageClass({ client, request, response, pagination, wrap });
  }
  const target = pageLinkOf(client, request, link);
  const response = await client.requestUrl(target.href, request);
  const linked = { ...request, query: queryOf(target) };
  return new PageClass({ client, request: linked, response, pagination, wrap, link: target.href });
}

/**
 * page()'s options as request options: `pageNumber` (twilio-node's name) sent as the `Page` parameter,
 * `pageSize` checked, and `limit` refused (page() reads one page; list() and each() take a limit).
 */
function pageRequestOptions(operation: ListOperation, options: object): object {
  if (typeof options !== "object" || options === null) return options; // operationRequest says what is wrong
  const where = `${operation.method} ${operation.path}`;
  if (Object.hasOwn(options, "limit")) {
    throw new TypeError(`${where}: page() reads one page and takes no limit (list() and each() do); use pageSize`);
  }
  const values = options as Record<string, unknown>;
  checkCount(`${where}: pageSize`, Object.hasOwn(values, "pageSize") ? values.pageSize : undefined);
  if (!Object.hasOwn(values, "pageNumber") || values.pageNumber === undefined) return options;
  const pageProperty = Object.keys(operation.query ?? {}).find((property) => operation.query?.[property] === "Page");
  if (pageProperty === undefined) return options; // no Page parameter: operationRequest refuses pageNumber
  const { pageNumber, ...rest } = values;
  if (rest[pageProperty] !== undefined && rest[pageProperty] !== pageNumber) {
    throw new TypeError(`${where}: pageNumber and ${pageProperty} name the same parameter; give one of them`);
  }
  return { ...rest, [pageProperty]: pageNumber };
}

/**
 * The absolute URL of a getPage() link: a path is taken on the list's host. A link to another list's
 * pages is refused: its items would be read as this list's.
 */
function pageLinkOf(client: ApiClient, request: ApiRequest, link: string): URL {
  const base = client.baseUrl(request.host);
  const absolute = link.startsWith("/") && !link.startsWith("//") ? base + link : link;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    throw new RefusedPageLinkError(link, "it is not an absolute http(s) URL, nor a path on the list's host");
  }
  if (!url.pathname.endsWith(request.path)) {
    throw new TypeError(`getPage(): ${JSON.stringify(link.slice(0, 200))} is no page of ${request.path}`);
  }
  return url;
}

/** A URL's query as request parameters, a repeated name as a list: the request a token link continues. */
function queryOf(url: URL): ParamRecord {
  const query: ParamRecord = {};
  // forEach, not keys(): the DOM typings without `dom.iterable` have no iterators.
  url.searchParams.forEach((_, name) => {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? values[0] : values;
  });
  return query;
}
