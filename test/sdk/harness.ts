/**
 * Shared set-up for the SDK tests: a real node:http server on 127.0.0.1
 * (test/runtime/server.ts, which records every request exactly as received)
 * and a generated `Twilio` client whose every host points at it.
 */
import { afterAll, beforeAll } from "vitest";
import { Twilio } from "../fixtures/generated/index.js";
import { startServer } from "../runtime/server.js";
import type { Handler, RecordedRequest, Reply, TestServer } from "../runtime/server.js";

export type { Handler, RecordedRequest, Reply, TestServer };

export const ACCOUNT_SID = "AC123";
export const AUTH_TOKEN = "token";
/** `Basic base64("AC123:token")`, spelled out so that a wrong encoder cannot agree with itself. */
export const BASIC_AUTH = "Basic QUMxMjM6dG9rZW4=";
/** The OAuth 2 access token, for the operations whose spec asks for a bearer token. */
export const ACCESS_TOKEN = "access-token-1";

export interface Harness {
  readonly server: TestServer;
  readonly twilio: Twilio;
  /** Answers every following request with `handler` and forgets past requests. */
  respond(handler: Handler): void;
  /** The only request received since the last `respond`; fails if there were more or fewer. */
  onlyRequest(): RecordedRequest;
}

/** Starts the server in beforeAll and closes it in afterAll of the calling test file. */
export function useTwilioServer(): Harness {
  let server: TestServer | undefined;
  let twilio: Twilio | undefined;
  beforeAll(async () => {
    server = await startServer();
    twilio = new Twilio({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      accessToken: ACCESS_TOKEN,
      baseUrls: { "*": server.origin },
    });
  });
  afterAll(() => server?.close());

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The test server is not started yet");
    return value;
  };
  return {
    get server() {
      return ready(server);
    },
    get twilio() {
      return ready(twilio);
    },
    respond(handler) {
      ready(server).respond(handler);
    },
    onlyRequest() {
      const { requests } = ready(server);
      if (requests.length !== 1) {
        throw new Error(`Expected exactly one request, the server received ${requests.length}`);
      }
      return requests[0] as RecordedRequest;
    },
  };
}

/** The raw path of a request target, still percent-encoded. */
export function rawPath(request: RecordedRequest): string {
  const index = request.url.indexOf("?");
  return index === -1 ? request.url : request.url.slice(0, index);
}

/** The raw query string (without `?`), still percent-encoded; "" when there is none. */
export function rawQuery(request: RecordedRequest): string {
  const index = request.url.indexOf("?");
  return index === -1 ? "" : request.url.slice(index + 1);
}

/** The decoded query parameters. */
export function queryOf(request: RecordedRequest): URLSearchParams {
  return new URLSearchParams(rawQuery(request));
}

/** The decoded form body. */
export function formOf(request: RecordedRequest): URLSearchParams {
  return new URLSearchParams(request.body);
}

/** A JSON reply, with extra headers (e.g. an ETag). */
export function json(body: unknown, headers: Record<string, string> = {}, status = 200): Reply {
  return { status, headers, body };
}

/** A Task as Twilio returns it (snake_case), with overrides. */
export function taskJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const sid = typeof overrides.sid === "string" ? overrides.sid : "WT1";
  return {
    sid,
    account_sid: ACCOUNT_SID,
    workspace_sid: "WS1",
    assignment_status: "pending",
    attributes: '{"type":"support"}',
    priority: 7,
    reason: null,
    timeout: 3600,
    age: 12,
    date_created: "2024-01-02T03:04:05Z",
    date_updated: "2024-01-02T03:04:06Z",
    url: `https://tasks.twilio.com/v1/Workspaces/WS1/Tasks/${sid}`,
    links: {
      reservations: `https://tasks.twilio.com/v1/Workspaces/WS1/Tasks/${sid}/Reservations`,
    },
    ...overrides,
  };
}

/** A Workspace as Twilio returns it, with overrides. */
export function workspaceJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sid: "WS1",
    account_sid: ACCOUNT_SID,
    friendly_name: "x",
    event_callback_url: null,
    event_types: ["a", "b"],
    multi_task_enabled: false,
    date_created: "2024-01-02T03:04:05Z",
    date_updated: "2024-01-02T03:04:05Z",
    url: "https://tasks.twilio.com/v1/Workspaces/WS1",
    links: {},
    ...overrides,
  };
}

/** A Documents Store as the API returns it, with overrides. */
export function storeJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sid: "ST1",
    account_sid: ACCOUNT_SID,
    name: "s",
    settings: { retention_days: 3, tags: ["x"] },
    revision: 1,
    document_count: 0,
    date_created: "2024-01-02T03:04:05Z",
    date_updated: "2024-01-02T03:04:05Z",
    url: "https://documents.twilio.com/v2/Stores/ST1",
    links: {},
    ...overrides,
  };
}
