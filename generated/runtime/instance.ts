import { isEntityTag } from "./etag.js";

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
   * The raw ETag header (quotes and `W/` kept), or undefined if absent or not one entity tag (empty,
   * repeated, folded, malformed; see isEntityTag): sent back in If-Match, such a value would weaken
   * the precondition. Always undefined for items of a list page: the list's ETag is not theirs.
   */
  get etag(): string | undefined {
    const value = this.headers.get("ETag");
    return isEntityTag(value) ? value : undefined;
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
  if (typeof value !== "string") return value as ParsedDate<T>;
  // Only these: `new Date` alone reads "1" as 2001-01-01, and an offset-less time in the local zone.
  return (ISO_8601.test(value) || RFC_2822.test(value) ? new Date(value) : new Date(NaN)) as ParsedDate<T>;
}

/** `2024-01-02`, or a timestamp with its offset: `2024-01-02T03:04:05Z`, `...05.678+01:00`. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
/** `Tue, 02 Jan 2024 03:04:05 +0000` (api v2010). */
const RFC_2822 = /^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UT)$/;

/**
 * Gives an instance class its context's operations and sub-resources: each of `methods` and
 * `getters` builds the instance's context (`contextOf`) and calls or returns its member of that
 * name. The methods are async, so an instance that cannot address its resource rejects. The
 * generated class declares their types by merging an interface that picks them from the context.
 */
export function delegateToContext<I>(
  Instance: { prototype: I },
  contextOf: (instance: I) => object,
  methods: readonly string[],
  getters: readonly string[] = [],
): void {
  type Members = Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of methods) {
    const method = {
      async [name](this: I, ...args: unknown[]): Promise<unknown> {
        return (contextOf(this) as Members)[name]!(...args);
      },
    }[name];
    Object.defineProperty(Instance.prototype, name, { value: method, writable: true, configurable: true });
  }
  for (const name of getters) {
    const get = function (this: I): unknown {
      return (contextOf(this) as Record<string, unknown>)[name];
    };
    Object.defineProperty(Instance.prototype, name, { get, configurable: true });
  }
}
