/**
 * The Twilio double: a fetch-compatible function that answers every Twilio host from an
 * in-memory store shaped by the specs (the generated `testing/` data), with Twilio's paging,
 * errors and ETag / If-Match semantics, plus the controls tests need. Runs on `fetch`'s own
 * classes (Request, Response, Headers, URL), so it works in every runtime the SDK supports.
 */
import type { ResourceData } from "./data.js";
import {
  checkedMatch,
  checkRequireIfMatch,
  CountedRules,
  faultCode,
  matchesPath,
  matchesRequest,
  type FaultRule,
  type InterferenceRule,
  type PathPattern,
} from "./control.js";
import { checkedChanges, checkedFields, checkKey } from "./fields.js";
import {
  badRequest,
  createInstance,
  fetchInstance,
  listInstances,
  newKey,
  notFound,
  removeInstance,
  simulate,
  snapshot,
  storeNew,
  updateInstance,
  writeFields,
  type Answer,
  type HandlerContext,
} from "./handlers.js";
import { listen, type ListeningDouble, type ListenOptions } from "./listen.js";
import { readRequest, toResponse, type DoubleRequest, type ReadRequest } from "./messages.js";
import { Routes, twilioHostLabel, type RouteMatch } from "./routes.js";
import { InstanceStore, type Entry, type StoredInstance } from "./store.js";
import { DoubleClock, InvalidValue, SeededRandom, twilioError } from "./values.js";

export interface DoubleOptions {
  /** Seeds the SID generator and the answers' `Twilio-Request-Id`s; the same seed gives the same sequences. Default 1. */
  seed?: number;
  /** The clock's start; default 2025-01-01T00:00:00Z. The clock moves only as requests arrive. */
  startTime?: Date | string | number;
  /** Milliseconds the clock moves per request; default 1000. */
  tickMs?: number;
  /** The account of requests whose Basic user is no AC SID; default AC followed by 32 zeros. */
  accountSid?: string;
  /**
   * Writes (update, patch, delete) without If-Match answer 428: `true` for every operation that
   * declares If-Match, or path patterns (`/v1/Services/*\/Documents/*`) for any write they match.
   */
  requireIfMatch?: boolean | readonly PathPattern[];
  /** The largest request body read, in bytes; a longer one answers 413. Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface TwilioDouble {
  /** Answers requests to `https://<label>.twilio.com/...` (regions and edges too): pass it as the client's `fetch`. */
  readonly fetch: typeof fetch;
  /** Every request received, in order, with the status answered and what answered it. */
  readonly requests: readonly DoubleRequest[];
  /**
   * Stores an instance at an instance URL, or under a list URL with a new SID (or the key `fields`
   * give); its parents' SIDs (and v2010's account) come from the URL, as a create's do from its path;
   * `fields`, by their wire names (`friendly_name`), override them.
   */
  seed(url: string, fields?: Record<string, unknown>): StoredInstance;
  /** A copy of the instance at `url`, or undefined. */
  get(url: string): StoredInstance | undefined;
  /** Copies of the instances under a list URL, in creation order. */
  list(url: string): StoredInstance[];
  /** Changes a stored instance as another client would, `fields` by their wire names: its version moves. */
  write(url: string, fields: Record<string, unknown>): StoredInstance;
  /** The next requests matching the rule answer its status, or wait first. */
  inject(fault: FaultRule): void;
  /** Changes an instance between a read and the next write to it. */
  interfere(rule: InterferenceRule): void;
  /** The double's clock. */
  now(): Date;
  advance(milliseconds: number): void;
  /** Forgets instances, requests, faults and writers, and restarts the clock, the SIDs and the request IDs. */
  reset(): void;
  /**
   * Serves the double over HTTP on 127.0.0.1 (Node, Bun, Deno): `https://<label>.twilio.com/<path>`
   * is `<url>/<label>/<path>`, and `baseUrls` maps every label so. Bodies keep Twilio's URLs.
   */
  listen(options?: ListenOptions): Promise<ListeningDouble>;
}

const DEFAULT_START = Date.UTC(2025, 0, 1);
const DEFAULT_ACCOUNT = `AC${"0".repeat(32)}`;
/** Mixed into the seed of the request IDs' generator, so that they do not repeat the SIDs' digits. */
const REQUEST_ID_STREAM = 0x5eed_1d5;

/** A double answering the resources of `data`. */
export function createDouble(data: readonly ResourceData[], options: DoubleOptions = {}): TwilioDouble {
  return new Double(new Routes(data), options).api();
}

class Double {
  readonly store = new InstanceStore();
  readonly requests: DoubleRequest[] = [];
  readonly faults = new CountedRules<FaultRule>();
  readonly writers = new CountedRules<InterferenceRule>();
  clock!: DoubleClock;
  random!: SeededRandom;
  /** The `Twilio-Request-Id`s, a stream of their own, so that reads do not move the SIDs of later creates. */
  requestIds!: SeededRandom;

  constructor(
    readonly routes: Routes,
    readonly options: DoubleOptions,
  ) {
    checkRequireIfMatch(options.requireIfMatch);
    this.reset();
  }

  reset(): void {
    const start = this.options.startTime === undefined ? DEFAULT_START : new Date(this.options.startTime).getTime();
    if (Number.isNaN(start)) throw new RangeError(`startTime ${String(this.options.startTime)} is no date`);
    this.clock = new DoubleClock(start, this.options.tickMs ?? 1000);
    this.random = new SeededRandom(this.options.seed ?? 1);
    this.requestIds = new SeededRandom((this.options.seed ?? 1) ^ REQUEST_ID_STREAM);
    this.store.clear();
    this.requests.length = 0;
    this.faults.clear();
    this.writers.clear();
  }

  api(): TwilioDouble {
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => this.answer(new Request(input, init));
    return {
      fetch: fetch as typeof globalThis.fetch,
      requests: this.requests,
      seed: (url, fields) => this.seed(url, fields ?? {}),
      get: (url) => {
        const entry = this.entryAt(url, "double.get");
        return entry && snapshot(entry);
      },
      list: (url) => this.listAt(url),
      write: (url, fields) => this.writeAt(url, fields),
      inject: (fault) => this.faults.add(checkedMatch(fault, "double.inject"), "double.inject"),
      interfere: (rule) => {
        if (typeof rule?.change !== "function") {
          throw new TypeError(
            "double.interfere: change is a function from the current instance to the fields to change",
          );
        }
        this.writers.add(checkedMatch(rule, "double.interfere"), "double.interfere");
      },
      now: () => new Date(this.clock.now()),
      advance: (milliseconds) => this.clock.advance(milliseconds),
      reset: () => this.reset(),
      listen: (options) => listen((request) => this.answer(request), this.routes.hosts(), options),
    };
  }

  async answer(request: Request): Promise<Response> {
    const read = await readRequest(request, this.options.maxBodyBytes ?? 1 << 20);
    this.clock.advance(this.clock.step);
    const requestId = this.requestIds.sid("RQ");
    const logged: DoubleRequest = { ...read.logged, status: 0, answeredBy: "none", requestId };
    this.requests.push(logged);
    const fault = this.faults.take((rule) => matchesRequest(rule, read.method, read.url.pathname));
    if (fault?.latencyMs !== undefined) await delay(fault.latencyMs, request.signal);
    const answer = fault?.status !== undefined ? faultAnswer(fault) : this.route(read, logged);
    if (fault?.status !== undefined) logged.answeredBy = "fault";
    logged.status = answer.status;
    // Twilio names every answer, an error's too, so that support can find the request.
    return toResponse({ ...answer, headers: { ...answer.headers, "Twilio-Request-Id": requestId } });
  }

  route(read: ReadRequest, logged: DoubleRequest): Answer {
    if (read.tooLarge) return { status: 413, body: twilioError(413, 20413, "The request body is too large") };
    const label = twilioHostLabel(read.url.hostname);
    const path = read.url.pathname;
    const match = label === undefined ? undefined : this.routes.match(label, path, read.method);
    if (match === undefined) return notFound(path);
    const operation = match.operation;
    if (operation === undefined) {
      return { status: 405, body: twilioError(405, 20004, `Method ${read.method} not allowed on ${path}`) };
    }
    logged.operation = operation.kind;
    logged.resource = match.resource.data[match.side];
    logged.answeredBy = operation.simulated === undefined ? "store" : "simulated";
    try {
      return this.handle(this.context(read, match, path));
    } catch (error) {
      if (error instanceof InvalidValue) return badRequest(error.message);
      // A fault of the double itself answers as a server would, naming it, rather than breaking the connection.
      return { status: 500, body: twilioError(500, 20500, `The Twilio double failed: ${String(error)}`) };
    }
  }

  handle(context: HandlerContext): Answer {
    if (context.operation.simulated !== undefined) return simulate(context);
    switch (context.operation.kind) {
      case "create":
        return createInstance(context);
      case "fetch":
        return fetchInstance(context);
      case "update":
      case "patch":
        return updateInstance(context);
      case "remove":
        return removeInstance(context);
      case "page":
        return listInstances(context);
    }
  }

  context(read: ReadRequest, match: RouteMatch, path: string): HandlerContext {
    const operation = match.operation!;
    const { requireIfMatch } = this.options;
    const writes = ["update", "patch", "remove"].includes(operation.kind);
    const requiresIfMatch =
      writes &&
      (requireIfMatch === true
        ? operation.data.ifMatch === true
        : Array.isArray(requireIfMatch) && requireIfMatch.some((pattern) => matchesPath(pattern, path)));
    return {
      match,
      operation,
      request: { path: match.values, values: read.values },
      query: read.url.searchParams,
      ifMatch: read.headers.get("if-match"),
      path,
      accountSid: read.basicUser?.startsWith("AC") ? read.basicUser : (this.options.accountSid ?? DEFAULT_ACCOUNT),
      now: this.clock.now(),
      store: this.store,
      random: this.random,
      requiresIfMatch,
      interfere: (entry) => this.interfereWith(entry),
    };
  }

  interfereWith(entry: Entry): void {
    const current = snapshot(entry);
    const path = new URL(current.url).pathname;
    const writer = this.writers.take((rule) => rule.path === undefined || matchesPath(rule.path, path));
    if (writer === undefined) return;
    const changes = checkedChanges(entry, writer.change(current), `double.interfere: change(${current.url})`);
    writeFields(entry, changes, this.clock.now());
  }

  /** The route of a Twilio URL that `call` names, or a TypeError naming both and the form wanted. */
  located(url: string, call: string): RouteMatch {
    const wanted = "give https://<label>.twilio.com/<path>";
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      const guess = this.absoluteGuess(String(url));
      throw new TypeError(
        `${call}: ${JSON.stringify(url)} is no absolute URL: ${wanted}${guess ? `, here "${guess}"` : ""}`,
      );
    }
    const label = twilioHostLabel(parsed.hostname);
    if (label === undefined) {
      throw new TypeError(`${call}: ${JSON.stringify(url)} is no Twilio URL: ${wanted}, as the double's bodies do`);
    }
    const match = this.routes.match(label, parsed.pathname, "GET");
    if (match === undefined || match.resource.data.key === undefined || match.resource.data.instance === undefined) {
      throw new TypeError(`${call}: ${url} is no URL of a resource the double stores`);
    }
    return match;
  }

  /** The Twilio URL a relative `url` most likely means (`tasks/v1/...`, `/v1/...`), if one host serves it. */
  absoluteGuess(url: string): string | undefined {
    const [first = "", ...rest] = url.split("/");
    const label = first === "" ? undefined : (twilioHostLabel(first) ?? first);
    const path = label === undefined ? url : `/${rest.join("/")}`;
    const serving = this.routes
      .hosts()
      .filter((host) => (label === undefined || host === label) && this.routes.match(host, path.split("?")[0]!, "GET"));
    return serving.length === 1 ? `https://${serving[0]}.twilio.com${path}` : undefined;
  }

  entryAt(url: string, call: string): Entry | undefined {
    const match = this.located(url, call);
    if (match.side !== "instance") throw new TypeError(`${call}: ${url} is a list URL; name one instance`);
    const values = [...match.values.values()];
    return this.store.find(match.resource, values.slice(0, -1), values.at(-1)!);
  }

  listAt(url: string): StoredInstance[] {
    const match = this.located(url, "double.list");
    if (match.side !== "list") throw new TypeError(`double.list: ${url} is an instance URL; name its list`);
    return [...this.store.collection(match.resource, [...match.values.values()]).values()].map(snapshot);
  }

  writeAt(url: string, fields: Record<string, unknown>): StoredInstance {
    const entry = this.entryAt(url, "double.write");
    if (entry === undefined) throw new TypeError(`double.write: no instance is stored at ${url}`);
    writeFields(entry, structuredClone(checkedChanges(entry, fields, `double.write(${url})`)), this.clock.now());
    return snapshot(entry);
  }

  seed(url: string, fields: Record<string, unknown>): StoredInstance {
    const match = this.located(url, "double.seed");
    const { resource } = match;
    checkedFields(resource.fields, fields, `double.seed(${url})`, resource.data.instance!);
    const values = [...match.values.values()];
    const parent = match.side === "instance" ? values.slice(0, -1) : values;
    const keyField = resource.data.key!;
    const given = fields[keyField];
    if (match.side === "instance" && given !== undefined)
      checkKey(keyField, given, values.at(-1)!, `double.seed(${url})`);
    const key =
      match.side === "instance"
        ? values.at(-1)!
        : typeof given === "string" || typeof given === "number"
          ? String(given)
          : newKey({ match, random: this.random }, this.store.collection(resource, parent));
    const existing = this.store.collection(resource, parent).get(key);
    if (existing !== undefined) this.store.replace(existing, parent);
    const context = {
      match,
      store: this.store,
      accountSid: this.options.accountSid ?? DEFAULT_ACCOUNT,
      now: this.clock.now(),
    };
    try {
      return snapshot(storeNew(context, parent, key, structuredClone(fields)));
    } catch (error) {
      if (error instanceof InvalidValue) throw new TypeError(`${url}: ${error.message}`);
      throw error;
    }
  }
}

/** Waits `milliseconds`, or rejects as fetch does when the request's signal aborts first. */
function delay(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, milliseconds);
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
  });
}

function faultAnswer(fault: FaultRule): Answer {
  const status = fault.status!;
  const retryAfter = fault.retryAfter ?? (status === 429 ? 1 : undefined);
  const message = fault.message ?? `Injected fault: HTTP ${status}`;
  return {
    status,
    body: twilioError(status, faultCode(fault), message),
    ...(retryAfter !== undefined && { headers: { "Retry-After": String(retryAfter) } }),
  };
}
