/**
 * What tests set up beside the store: injected faults (the next N matching requests answer a
 * status, or wait first), interfering writers (a change made between a read and the next write),
 * and the path patterns both match requests with.
 */
import type { StoredInstance } from "./store.js";

/**
 * A path pattern: a RegExp, or a path starting with "/" (no host, query or trailing "/") where
 * `*` stands for one path segment and `**` for any number of them: `/v1/Workspaces/*\/Tasks/*`,
 * `/v1/Services/**`. Every API that takes one refuses any other (checkedPattern).
 */
export type PathPattern = string | RegExp;

const EXAMPLE_PATTERN = "/v1/Workspaces/*/Tasks/*";

/**
 * `pattern` when it can match a request's path: a RegExp, or text starting with "/", without a
 * host, query, empty segment or trailing "/" (Twilio's paths have none). Else a TypeError naming
 * `where`, quoting the pattern and giving the fixed one, spelt by `spell` (a CLI flag's form).
 */
export function checkedPattern(
  pattern: unknown,
  where: string,
  spell: (fixed: string) => string = (fixed) => JSON.stringify(fixed),
): PathPattern {
  if (pattern instanceof RegExp) return checkedRegExp(pattern, where);
  if (typeof pattern !== "string") {
    throw new TypeError(`${where} takes a path starting with "/" (or a RegExp), got ${String(pattern)}`);
  }
  const quoted = JSON.stringify(pattern);
  if (pattern === "") throw new TypeError(`${where} ${quoted} is empty: give a path such as ${spell(EXAMPLE_PATTERN)}`);
  const host = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(pattern)?.[0];
  const bare = (host === undefined ? pattern : pattern.slice(host.length)).split(/[?#]/)[0]!;
  const segments = bare.split("/").filter((segment) => segment !== "");
  const fixed = segments.length === 0 ? "/**" : `/${segments.join("/")}`;
  // The first of these that holds is the reason; the fix is the same path, its segments rejoined.
  const problems: [boolean, string][] = [
    [host !== undefined, "is a URL; patterns match its path"],
    [!pattern.startsWith("/"), 'does not start with "/"'],
    [bare !== pattern, "has a query or fragment; patterns match the path alone"],
    [bare.slice(1, -1).includes("//"), 'has an empty segment ("//")'],
    [bare.length > 1 && bare.endsWith("/"), `ends with "/", which Twilio's paths never do`],
    [bare === "/", "names no resource"],
  ];
  const reason = problems.find(([holds]) => holds)?.[1];
  if (reason === undefined) return pattern;
  throw new TypeError(`${where} ${quoted} ${reason}: use ${spell(fixed)}`);
}

/** A RegExp without the flags whose test() resumes where the last match ended: it would match every other time. */
function checkedRegExp(pattern: RegExp, where: string): RegExp {
  const flag = pattern.global ? "g" : pattern.sticky ? "y" : undefined;
  if (flag === undefined) return pattern;
  const fixed = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
  throw new TypeError(
    `${where} ${String(pattern)} has the ${flag} flag, whose test() resumes where its last match ended: use ${String(fixed)}`,
  );
}

export function matchesPath(pattern: PathPattern, path: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  const source = pattern
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`).test(path);
}

/** Which requests a rule applies to; omitted parts match any. */
export interface RequestMatch {
  /** `GET`, `POST`, `DELETE`, ... */
  method?: string;
  /** Matched against the URL's path, without host and query. */
  path?: PathPattern;
}

/** The next `times` requests matching answer `status` (Twilio's error JSON), after `latencyMs` if given. */
export interface FaultRule extends RequestMatch {
  /** How many requests it applies to; default 1. */
  times?: number;
  /** The status to answer; without it the request is only delayed, then answered as usual. */
  status?: number;
  /** Seconds sent in `Retry-After` (a 429 gets 1 unless given). */
  retryAfter?: number;
  /** Milliseconds to wait before answering. */
  latencyMs?: number;
  /** The error's Twilio code; default 20429 for 429, 20500 for 5xx, else 20000 plus the status (20404). */
  code?: number;
  message?: string;
}

/**
 * Changes an instance just before the next write to it (update or delete) is applied, as another
 * client would between the test's read and its write: the instance's version moves, so a write
 * with the ETag read before answers 412.
 */
export interface InterferenceRule {
  /** The instances it applies to, by path; default any. */
  path?: PathPattern;
  /** How many writes it interferes with; default 1. */
  times?: number;
  /** The fields to change (response names, `friendly_name`), from the current instance. */
  change: (current: StoredInstance) => Record<string, unknown>;
}

interface Counted<T> {
  rule: T;
  left: number;
}

/** Rules that apply to a number of matching requests, first added first. */
export class CountedRules<T extends { times?: number }> {
  #rules: Counted<T>[] = [];

  /** Adds `rule`, given by `call` (named in its error). */
  add(rule: T, call: string): void {
    const times = rule.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`${call}: times must be a whole number >= 1, got ${times}`);
    }
    this.#rules.push({ rule, left: times });
  }

  /** The first rule `applies` accepts, counted down (and dropped at zero). */
  take(applies: (rule: T) => boolean): T | undefined {
    const found = this.#rules.find((entry) => applies(entry.rule));
    if (found === undefined) return undefined;
    found.left -= 1;
    if (found.left === 0) this.#rules = this.#rules.filter((entry) => entry !== found);
    return found.rule;
  }

  clear(): void {
    this.#rules = [];
  }
}

export function matchesRequest(rule: RequestMatch, method: string, path: string): boolean {
  return (
    (rule.method === undefined || rule.method.toUpperCase() === method) &&
    (rule.path === undefined || matchesPath(rule.path, path))
  );
}

/** The Twilio error code of an injected status. */
export function faultCode(rule: FaultRule): number {
  if (rule.code !== undefined) return rule.code;
  if (rule.status === 429) return 20429;
  if (rule.status !== undefined && rule.status >= 500) return 20500;
  return 20000 + (rule.status ?? 0);
}

/** The methods a request to Twilio can have. */
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** `rule` when its method, if any, is an HTTP method and its path a path pattern; else a TypeError naming `call`. */
export function checkedMatch<T extends RequestMatch>(rule: T, call: string): T {
  const method: unknown = rule?.method;
  if (method !== undefined && !(typeof method === "string" && HTTP_METHODS.includes(method.toUpperCase()))) {
    const shown = typeof method === "string" ? JSON.stringify(method) : String(method);
    throw new TypeError(`${call}: method ${shown} is no HTTP method: use one of ${HTTP_METHODS.join(", ")}`);
  }
  if (rule?.path !== undefined) checkedPattern(rule.path, `${call}: path`);
  return rule;
}

/** The `requireIfMatch` option: true, false, or path patterns. */
export function checkRequireIfMatch(value: unknown): void {
  if (value === undefined || typeof value === "boolean") return;
  if (!Array.isArray(value)) {
    const fix = typeof value === "string" ? `use [${JSON.stringify(value)}]` : `got ${String(value)}`;
    throw new TypeError(`createTwilioDouble: requireIfMatch takes true, false or a list of path patterns: ${fix}`);
  }
  value.forEach((pattern, index) => checkedPattern(pattern, `createTwilioDouble: requireIfMatch[${index}]`));
}
