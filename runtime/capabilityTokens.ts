// Capability tokens under twilio-node's names: ClientCapability (Twilio Client's scopes) and
// TaskRouterCapability (TaskRouter.js policies), signed with the Auth Token.
import { nowSeconds, signJwt } from "./jwtSign.js";

/** A scope of a ClientCapability token. */
export interface Scope {
  readonly scope: string;
  payload(): string;
}

const query = (pairs: [string, unknown][]) => pairs.map(([key, value]) => `${key}=${escapeValue(value)}`).join("&");

/** Node's `querystring.escape`: a value as text, percent-encoded like `encodeURIComponent`. */
function escapeValue(value: unknown): string {
  return encodeURIComponent(String(value));
}

/** Application parameters, as one escaped `appParams` value. */
function appParams(params: object): string {
  return escapeValue(query(Object.entries(params).map(([key, value]) => [escapeValue(key), value])));
}

export class EventStreamScope implements Scope {
  readonly scope = "scope:stream:subscribe";
  readonly filters: Record<string, string>;
  constructor(filters?: Record<string, string>) {
    this.filters = filters || {};
  }
  payload(): string {
    const args = ["path=/2010-04-01/Events"];
    if (Object.keys(this.filters).length > 0) args.push(`appParams=${appParams(this.filters)}`);
    return `${this.scope}?${args.join("&")}`;
  }
}

export class IncomingClientScope implements Scope {
  readonly scope = "scope:client:incoming";
  constructor(readonly clientName: string) {}
  payload(): string {
    return `${this.scope}?clientName=${escapeValue(this.clientName)}`;
  }
}

export interface OutgoingClientScopeOptions {
  applicationSid: string;
  clientName?: string;
  params?: object;
}

export class OutgoingClientScope implements Scope {
  readonly scope = "scope:client:outgoing";
  readonly applicationSid: string;
  readonly clientName?: string;
  readonly params?: object;
  constructor(options: OutgoingClientScopeOptions) {
    requireOptions(options, ["applicationSid"]);
    ({ applicationSid: this.applicationSid, clientName: this.clientName, params: this.params } = options);
  }
  payload(): string {
    const args = [`appSid=${escapeValue(this.applicationSid)}`];
    if (typeof this.clientName === "string") args.push(`clientName=${escapeValue(this.clientName)}`);
    if (typeof this.params === "object") args.push(`appParams=${appParams(this.params)}`);
    return `${this.scope}?${args.join("&")}`;
  }
}

/** twilio-node's checks and messages for a required options object. */
function requireOptions(options: unknown, required: readonly string[]): void {
  if (!options) throw new Error('Required parameter "options" missing.');
  if (typeof options !== "object") throw new TypeError('Parameter "options" must be a type Object');
  for (const name of required)
    if (!(options as Record<string, unknown>)[name]) throw new Error(`Required parameter "options.${name}" missing.`);
}

export interface ClientCapabilityOptions {
  accountSid: string;
  authToken: string;
  /** Seconds the token lives (default 3600). */
  ttl?: number;
}

export class ClientCapability {
  static readonly EventStreamScope = EventStreamScope;
  static readonly IncomingClientScope = IncomingClientScope;
  static readonly OutgoingClientScope = OutgoingClientScope;
  readonly accountSid: string;
  readonly ttl: number;
  readonly scopes: Scope[] = [];
  /** Private, so the Auth Token never shows in logs, `util.inspect` or JSON. */
  readonly #authToken: string;

  constructor(options: ClientCapabilityOptions) {
    requireOptions(options, ["accountSid", "authToken"]);
    this.accountSid = options.accountSid;
    this.#authToken = options.authToken;
    this.ttl = options.ttl || 3600;
  }

  addScope(scope: Scope): void {
    this.scopes.push(scope);
  }

  toJwt(): string {
    const scope = this.scopes.map((each) => each.payload()).join(" ");
    return signJwt({ scope, iss: this.accountSid, exp: nowSeconds() + this.ttl }, this.#authToken);
  }
}

export interface PolicyOptions {
  url?: string;
  method?: string;
  queryFilter?: object;
  postFilter?: object;
  allow?: boolean;
}

/** What a TaskRouter.js token may do: a method on a URL pattern. */
export class Policy {
  url: string;
  method: string;
  queryFilter: object;
  postFilter: object;
  allow: boolean;
  constructor(options: PolicyOptions = {}) {
    this.url = options.url || "";
    this.method = options.method || "GET";
    this.queryFilter = options.queryFilter || {};
    this.postFilter = options.postFilter || {};
    // As twilio-node: `allow: false` is read as true (`options.allow || true`).
    this.allow = options.allow || true;
  }
  payload() {
    const { url, method, queryFilter, postFilter, allow } = this;
    return { url, method, query_filter: queryFilter, post_filter: postFilter, allow };
  }
}

export interface TaskRouterCapabilityOptions {
  accountSid: string;
  authToken: string;
  workspaceSid: string;
  /** The Worker (WK...), TaskQueue (WQ...) or Workspace the token is for. */
  channelId: string;
  friendlyName?: string;
  ttl?: number;
  version?: string;
}

export class TaskRouterCapability {
  static readonly Policy = Policy;
  readonly accountSid: string;
  readonly workspaceSid: string;
  readonly channelId: string;
  readonly friendlyName?: string;
  readonly ttl: number;
  readonly version: string;
  readonly policies: Policy[] = [];
  /** Private, so the Auth Token never shows in logs, `util.inspect` or JSON. */
  readonly #authToken: string;

  constructor(options: TaskRouterCapabilityOptions) {
    requireOptions(options, ["accountSid", "authToken", "workspaceSid", "channelId"]);
    ({ accountSid: this.accountSid, workspaceSid: this.workspaceSid, channelId: this.channelId } = options);
    this.#authToken = options.authToken;
    this.friendlyName = options.friendlyName;
    this.ttl = options.ttl || 3600;
    this.version = options.version || "v1";
  }

  addPolicy(policy: Policy): void {
    this.policies.push(policy);
  }

  toJwt(): string {
    const claims: Record<string, unknown> = {
      iss: this.accountSid,
      exp: nowSeconds() + this.ttl,
      version: this.version,
      friendly_name: this.friendlyName,
      account_sid: this.accountSid,
      channel: this.channelId,
      workspace_sid: this.workspaceSid,
      policies: this.policies.map((policy) => policy.payload()),
    };
    if (this.channelId.startsWith("WK")) claims.worker_sid = this.channelId;
    else if (this.channelId.startsWith("WQ")) claims.taskqueue_sid = this.channelId;
    return signJwt(claims, this.#authToken);
  }
}
