/**
 * List answers in the spec's paging style: api v2010's top-level `next_page_uri`, `page` and
 * `page_size`; `meta` with `key` and `next_page_url`; `meta` with page tokens (API standards
 * v1); or all items at once. `PageSize`, `Page` and `PageToken` choose the page.
 */
import { words } from "./data.js";
import { InvalidValue } from "./values.js";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** Where a page starts and how long it is, from the request's query. */
export interface PageWindow {
  size: number;
  offset: number;
}

/** The window a query asks for: `PageToken` (the double's own, `PT<offset>`) wins over `Page`. */
export function pageWindow(query: URLSearchParams, tokenParam = "PageToken"): PageWindow {
  // API standards v1 spell it pageSize.
  const size = whole(query.get("PageSize") ?? query.get("pageSize"), "PageSize", DEFAULT_PAGE_SIZE);
  if (size < 1 || size > MAX_PAGE_SIZE) throw new InvalidValue(`PageSize must be from 1 to ${MAX_PAGE_SIZE}`);
  const token = query.get(tokenParam);
  if (token !== null && token !== "") {
    const offset = /^PT(\d{1,9})$/.exec(token)?.[1];
    if (offset === undefined) throw new InvalidValue(`${tokenParam} ${token} is not a page token of this list`);
    return { size, offset: Number(offset) };
  }
  return { size, offset: whole(query.get("Page"), "Page", 0) * size };
}

function whole(text: string | null, name: string, otherwise: number): number {
  if (text === null || text === "") return otherwise;
  if (!/^\d{1,9}$/.test(text)) throw new InvalidValue(`${name} must be a whole number, got ${text}`);
  return Number(text);
}

/** One list answer: `items` are all matching items, the window picks the page. */
export interface PageRequest {
  paging: string;
  items: unknown[];
  window: PageWindow;
  /** The list's path on its host, and the host's origin (`https://taskrouter.twilio.com`). */
  path: string;
  origin: string;
  /** The query's other parameters (filters), kept in page links. */
  query: URLSearchParams;
}

export function pageBody(request: PageRequest): Record<string, unknown> {
  const [style = "single", key = "items", , nextField, previousField] = words(request.paging);
  const { items, window } = request;
  if (style === "single") return { [key]: items };
  const page = Math.floor(window.offset / window.size);
  const slice = items.slice(window.offset, window.offset + window.size);
  const hasNext = window.offset + window.size < items.length;
  const link = (offset: number | undefined, relative: boolean) =>
    offset === undefined ? null : pageLink(request, offset, relative);
  const next = hasNext ? window.offset + window.size : undefined;
  const previous = window.offset > 0 ? Math.max(0, window.offset - window.size) : undefined;
  if (style === "uri") {
    return {
      [key]: slice,
      end: window.offset + slice.length - 1,
      first_page_uri: link(0, true),
      next_page_uri: link(next, true),
      page,
      page_size: window.size,
      previous_page_uri: link(previous, true),
      start: window.offset,
      uri: link(window.offset, true),
    };
  }
  if (style === "token") {
    const meta: Record<string, unknown> = { key, page_size: window.size, url: link(window.offset, false) };
    meta[nextField ?? "next_token"] = next === undefined ? null : `PT${next}`;
    if (previousField !== undefined) meta[previousField] = previous === undefined ? null : `PT${previous}`;
    return { [key]: slice, meta };
  }
  return {
    [key]: slice,
    meta: {
      first_page_url: link(0, false),
      key,
      next_page_url: link(next, false),
      page,
      page_size: window.size,
      previous_page_url: link(previous, false),
      url: link(window.offset, false),
    },
  };
}

/** The link to the page at `offset`: the filters, `PageSize`, `Page` and the double's `PageToken`. */
function pageLink(request: PageRequest, offset: number, relative: boolean): string {
  const query = new URLSearchParams(request.query);
  for (const name of ["PageSize", "Page", "PageToken"]) query.delete(name);
  query.set("PageSize", String(request.window.size));
  query.set("Page", String(Math.floor(offset / request.window.size)));
  if (offset > 0) query.set("PageToken", `PT${offset}`);
  return `${relative ? "" : request.origin}${request.path}?${query}`;
}
