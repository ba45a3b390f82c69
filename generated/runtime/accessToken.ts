// Access tokens for Twilio's client SDKs (Voice, Video, Conversations, Sync, TaskRouter, Player),
// under twilio-node's names: the same inputs and clock give twilio-node's token.
import { nowSeconds, signJwt, type JwtAlgorithm } from "./jwtSign.js";

/** A grant: one key of the token's `grants` claim. */
export abstract class Grant<Key extends string = string> {
  constructor(readonly key: Key) {}
  abstract toPayload(): Record<string, unknown>;
}

/** The claim's fields that are set (truthy), under their wire names, in the given order. */
function setFields(fields: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(fields.filter(([, value]) => value));
}

export interface TaskRouterGrantOptions {
  workspaceSid?: string;
  workerSid?: string;
  role?: string;
}

export class TaskRouterGrant extends Grant<"task_router"> {
  workspaceSid?: string;
  workerSid?: string;
  role?: string;
  constructor(options: TaskRouterGrantOptions = {}) {
    super("task_router");
    ({ workspaceSid: this.workspaceSid, workerSid: this.workerSid, role: this.role } = options);
  }
  toPayload() {
    return setFields([
      ["workspace_sid", this.workspaceSid],
      ["worker_sid", this.workerSid],
      ["role", this.role],
    ]);
  }
}

export interface ChatGrantOptions {
  serviceSid?: string;
  endpointId?: string;
  deploymentRoleSid?: string;
  pushCredentialSid?: string;
}

/** Conversations (and Chat). */
export class ChatGrant extends Grant<"chat"> {
  serviceSid?: string;
  endpointId?: string;
  deploymentRoleSid?: string;
  pushCredentialSid?: string;
  constructor(options: ChatGrantOptions = {}) {
    super("chat");
    ({
      serviceSid: this.serviceSid,
      endpointId: this.endpointId,
      deploymentRoleSid: this.deploymentRoleSid,
      pushCredentialSid: this.pushCredentialSid,
    } = options);
  }
  toPayload() {
    return setFields([
      ["service_sid", this.serviceSid],
      ["endpoint_id", this.endpointId],
      ["deployment_role_sid", this.deploymentRoleSid],
      ["push_credential_sid", this.pushCredentialSid],
    ]);
  }
}

export class VideoGrant extends Grant<"video"> {
  room?: string;
  constructor(options: { room?: string } = {}) {
    super("video");
    this.room = options.room;
  }
  toPayload() {
    return setFields([["room", this.room]]);
  }
}

export class SyncGrant extends Grant<"data_sync"> {
  serviceSid?: string;
  endpointId?: string;
  constructor(options: { serviceSid?: string; endpointId?: string } = {}) {
    super("data_sync");
    ({ serviceSid: this.serviceSid, endpointId: this.endpointId } = options);
  }
  toPayload() {
    return setFields([
      ["service_sid", this.serviceSid],
      ["endpoint_id", this.endpointId],
    ]);
  }
}

export interface VoiceGrantOptions {
  incomingAllow?: boolean;
  outgoingApplicationSid?: string;
  outgoingApplicationParams?: object;
  pushCredentialSid?: string;
  endpointId?: string;
}

export class VoiceGrant extends Grant<"voice"> {
  incomingAllow?: boolean;
  outgoingApplicationSid?: string;
  outgoingApplicationParams?: object;
  pushCredentialSid?: string;
  endpointId?: string;
  constructor(options: VoiceGrantOptions = {}) {
    super("voice");
    ({
      incomingAllow: this.incomingAllow,
      outgoingApplicationSid: this.outgoingApplicationSid,
      outgoingApplicationParams: this.outgoingApplicationParams,
      pushCredentialSid: this.pushCredentialSid,
      endpointId: this.endpointId,
    } = options);
  }
  toPayload() {
    const outgoing = this.outgoingApplicationSid
      ? setFields([
          ["application_sid", this.outgoingApplicationSid],
          ["params", this.outgoingApplicationParams],
        ])
      : undefined;
    return setFields([
      ["incoming", this.incomingAllow === true ? { allow: true } : undefined],
      ["outgoing", outgoing],
      ["push_credential_sid", this.pushCredentialSid],
      ["endpoint_id", this.endpointId],
    ]);
  }
}

/** Player streams: the grant is the one Twilio's API returned for the stream. */
export class PlaybackGrant extends Grant<"player"> {
  grant?: Record<string, unknown>;
  constructor(options: { grant?: Record<string, unknown> } = {}) {
    super("player");
    this.grant = options.grant;
  }
  toPayload() {
    return this.grant ? this.grant : {};
  }
}

export interface AccessTokenOptions {
  /** Who the token is for. Required. */
  identity: string | number;
  /** Seconds the token lives (default 3600). */
  ttl?: number;
  /** Not valid before this time, in seconds since the epoch. */
  nbf?: number;
  /** The region the account is in (the `twr` header). */
  region?: string;
}

/** A token for Twilio's client SDKs: `new AccessToken(accountSid, apiKeySid, apiKeySecret, { identity })`. */
export class AccessToken {
  static readonly DEFAULT_ALGORITHM = "HS256";
  static readonly ALGORITHMS: readonly JwtAlgorithm[] = ["HS256", "HS384", "HS512"];
  static readonly Grant = Grant;
  static readonly TaskRouterGrant = TaskRouterGrant;
  static readonly ChatGrant = ChatGrant;
  static readonly VideoGrant = VideoGrant;
  static readonly SyncGrant = SyncGrant;
  static readonly VoiceGrant = VoiceGrant;
  static readonly PlaybackGrant = PlaybackGrant;

  readonly ttl: number;
  readonly identity: string | number;
  readonly nbf?: number;
  readonly region?: string;
  readonly grants: Grant[] = [];

  /** Private, so the secret never shows in logs, `util.inspect` or JSON. */
  readonly #secret: string;

  constructor(
    readonly accountSid: string,
    readonly keySid: string,
    secret: string,
    options: AccessTokenOptions,
  ) {
    this.#secret = secret;
    if (!accountSid) throw new Error("accountSid is required");
    if (!keySid) throw new Error("keySid is required");
    if (!secret) throw new Error("secret is required");
    if (!options || !options.identity) throw new Error("identity is required to be specified in options");
    this.ttl = options.ttl || 3600;
    this.identity = options.identity;
    this.nbf = options.nbf;
    this.region = options.region;
  }

  addGrant(grant: Grant): void {
    this.grants.push(grant);
  }

  /** The signed token (HS256 unless told otherwise). */
  toJwt(algorithm: JwtAlgorithm = "HS256"): string {
    if (!AccessToken.ALGORITHMS.includes(algorithm))
      throw new Error(`Algorithm not supported. Allowed values are ${AccessToken.ALGORITHMS.join(", ")}`);
    const grants: Record<string, unknown> = {};
    if (Number.isInteger(this.identity) || typeof this.identity === "string") grants.identity = String(this.identity);
    for (const grant of this.grants) grants[grant.key] = grant.toPayload();
    const claims: Record<string, unknown> = { jti: `${this.keySid}-${nowSeconds()}`, grants };
    if (typeof this.nbf === "number") claims.nbf = this.nbf;
    const header: Record<string, string> = { cty: "twilio-fpa;v=1", typ: "JWT" };
    if (this.region && typeof this.region === "string") header.twr = this.region;
    return signJwt(claims, this.#secret, {
      algorithm,
      header,
      expiresIn: this.ttl,
      issuer: this.keySid,
      subject: this.accountSid,
    });
  }
}

/** The grants as types too, as twilio-node names them: `AccessToken.VoiceGrant`. */
export declare namespace AccessToken {
  type Grant = InstanceType<typeof AccessToken.Grant>;
  type TaskRouterGrant = InstanceType<typeof AccessToken.TaskRouterGrant>;
  type ChatGrant = InstanceType<typeof AccessToken.ChatGrant>;
  type VideoGrant = InstanceType<typeof AccessToken.VideoGrant>;
  type SyncGrant = InstanceType<typeof AccessToken.SyncGrant>;
  type VoiceGrant = InstanceType<typeof AccessToken.VoiceGrant>;
  type PlaybackGrant = InstanceType<typeof AccessToken.PlaybackGrant>;
}
