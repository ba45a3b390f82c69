import type { ApiClient } from "./client.js";
import { ResourceInstance } from "./instance.js";
import { operationRequest, type Operation } from "./operation.js";
import { collectItems, eachItem, withPageSize, type Page, type PageInit } from "./page.js";
import type { Pagination } from "./pagination.js";

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
 * and page class; `list()` and `each()` follow its pages.
 */
export abstract class PagedList<K extends string, O extends object, T> extends ResourceHandle<K> {
  /** The first page of items the options select. */
  abstract page(...[options]: OptionsArgument<O>): Promise<Page<T>>;

  /** Every item across pages, up to `limit`. */
  list(...[options]: OptionsArgument<O & { limit?: number }>): Promise<T[]> {
    return collectItems(this.page(...pageArgument<O>(options)), options?.limit);
  }

  /** Iterates every item across pages, up to `limit`; no request is sent before iteration starts. */
  async *each(...[options]: OptionsArgument<O & { limit?: number }>): AsyncGenerator<T> {
    yield* eachItem(this.page(...pageArgument<O>(options)), options?.limit);
  }
}

/** The first page's options of `list()` / `each()`: the limit doubles as PageSize when none is given. */
function pageArgument<O>(options: (O & { limit?: number }) | undefined): OptionsArgument<O> {
  return [withPageSize<{ pageSize?: number; limit?: number }>(options ?? {})] as OptionsArgument<O>;
}

/** A list operation: the paging of its responses beside its request shape. */
export type ListOperation = Operation & { pagination: Pagination };

/** Sends a list operation and reads its first page into `PageClass`, each item made an instance by `wrap`. */
export async function requestPage<T, R extends Page<T>>(
  PageClass: new (init: PageInit<T>) => R,
  client: ApiClient,
  operation: ListOperation,
  params: PathParams,
  options: object,
  wrap: PageInit<T>["wrap"],
): Promise<R> {
  const request = operationRequest(operation, params, options);
  const response = await client.request(request);
  return new PageClass({ client, request, response, pagination: operation.pagination, wrap });
}
