/** Where a list response keeps its items and its links to other pages. */
export type Pagination =
  /** Twilio v0.1: `meta.next_page_url` / `meta.previous_page_url`, absolute. */
  | { style: "url"; itemsKey: string }
  /** api.twilio.com 2010: top-level `next_page_uri`, relative to the host. */
  | { style: "uri"; itemsKey: string }
  /** API standards v1.0: tokens in `meta`, sent back as a query parameter. */
  | {
      style: "token";
      itemsKey: string;
      tokenParam: string;
      nextTokenField: string;
      previousTokenField?: string;
    }
  | { style: "single"; itemsKey: string };

/** Absolute URLs for "url"/"uri" paging, tokens for "token" paging. */
export interface PageLinks {
  next: string | undefined;
  previous: string | undefined;
}

/** Reads the links to the neighbouring pages out of a list response body. */
export function pageLinks(pagination: Pagination, body: Record<string, unknown>, hostBaseUrl: string): PageLinks {
  const meta = asRecord(body.meta);
  switch (pagination.style) {
    case "url":
      return {
        next: linkText(meta.next_page_url),
        previous: linkText(meta.previous_page_url),
      };
    case "uri":
      return {
        next: prefixed(hostBaseUrl, linkText(body.next_page_uri)),
        previous: prefixed(hostBaseUrl, linkText(body.previous_page_uri)),
      };
    case "token": {
      const { nextTokenField, previousTokenField } = pagination;
      return {
        next: linkText(meta[nextTokenField]),
        previous: previousTokenField === undefined ? undefined : linkText(meta[previousTokenField]),
      };
    }
    case "single":
      return { next: undefined, previous: undefined };
  }
}

export function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return isObject(value) ? { ...value } : {};
}

/** A non-empty string, else undefined (Twilio sends null for "no link"). */
function linkText(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A host-relative link on the host's base URL. Anything but a path (`//evil.example/...`, `@evil.example`)
 * is kept as given: appended, it could name another host; as it is, following it is refused.
 */
function prefixed(base: string, uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  return uri.startsWith("/") && !uri.startsWith("//") ? base + uri : uri;
}
