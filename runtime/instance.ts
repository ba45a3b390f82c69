/**
 * Base class of generated instance classes: the raw resource plus the
 * headers of the response that produced it, so its ETag can be sent back
 * in If-Match on the next update or delete.
 */
export class ResourceInstance<TResource extends object> {
  /** Headers of the response that produced this instance. */
  readonly headers: Headers;
  /** The resource exactly as received. */
  protected readonly resource: TResource;

  constructor(resource: TResource, headers: Headers) {
    this.resource = resource;
    this.headers = headers;
  }

  /**
   * The raw ETag header (quotes and `W/` kept), or undefined if absent. Always
   * undefined for items of a list page: the list's ETag is not theirs.
   */
  get etag(): string | undefined {
    return this.headers.get("ETag") ?? undefined;
  }

  toJSON(): TResource {
    return this.resource;
  }
}
