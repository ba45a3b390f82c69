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

  /**
   * The resource's key field as a path value, for the instance's own context. A response without
   * it cannot address anything: an error, rather than a request to `.../undefined`.
   */
  protected keyField(field: string): string {
    const value = (this.resource as Record<string, unknown>)[field];
    if ((typeof value === "string" && value !== "") || typeof value === "number") return String(value);
    throw new TypeError(
      `This ${this.constructor.name} has no "${field}" (the response did not carry it), so it cannot address ` +
        "its resource; nothing was sent",
    );
  }

  toJSON(): TResource {
    return this.resource;
  }
}

/** The type of a date field read as a `Date`: `string | null` becomes `Date | null`. */
export type ParsedDate<T> = T extends string ? Date : T;

/**
 * A response date as a `Date`: ISO 8601 (`2024-01-02T03:04:05Z`, or a day, read as UTC midnight)
 * or RFC 2822 (`Tue, 02 Jan 2024 03:04:05 +0000`, api v2010). `null` and absent stay as they are;
 * text that is no date gives an Invalid Date (`toJSON()` keeps the text).
 */
export function parseDate<T>(value: T): ParsedDate<T> {
  return (typeof value === "string" ? new Date(value) : value) as ParsedDate<T>;
}
