/**
 * twilio-node's everyday spellings and common JavaScript mistakes, through both SDKs against
 * the recording server: what each sends and what each call gives. Where the two differ, the row says
 * how, and docs/migrating-from-twilio-node.md gives the reason. Our side is the committed generated/
 * (the pinned release's SDK), bundled once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/corpus.js";
import { ACCOUNT_SID, AUTH_TOKEN, redirectingFetch, twilioNodeClient } from "./clients.js";
import { requestDifferences, startRecordingServer, type RecordingServer, type Reply } from "./wire.js";

/** What one call did: how many requests it sent, and how it ended. */
interface Outcome {
  sent: number;
  ended: string;
}

interface Row {
  name: string;
  reply?: Reply;
  ours: (client: any) => unknown;
  theirs: (client: any) => unknown;
  /** Both outcomes as expected; `same` when both SDKs do the same (and send the same request). */
  want: "same" | { ours: Outcome; theirs: Outcome };
}

const WS = "WS0123456789abcdef0123456789abcdef";
const WT = "WT0123456789abcdef0123456789abcdef";
const CA = "CA0123456789abcdef0123456789abcdef";
const PAGE = { meta: { key: "tasks", next_page_url: null, page: 0, page_size: 50 }, tasks: [] };
const CALLBACK = () => undefined;
const tasks = (client: any) => client.taskrouter.v1.workspaces(WS).tasks;

const ROWS: Row[] = [
  {
    name: "remove() resolves true",
    reply: { status: 204 },
    ours: (c) => tasks(c)(WT).remove(),
    theirs: (c) => tasks(c)(WT).remove(),
    want: "same",
  },
  {
    name: "page({ pageNumber }) is sent as Page",
    reply: { status: 200, body: PAGE },
    ours: (c) =>
      tasks(c)
        .page({ pageNumber: 2, pageSize: 5 })
        .then(() => "a page"),
    theirs: (c) =>
      tasks(c)
        .page({ pageNumber: 2, pageSize: 5 })
        .then(() => "a page"),
    want: "same",
  },
  {
    name: "getPage(url) reads that page",
    reply: { status: 200, body: PAGE },
    ours: (c) => tasks(c).getPage(`https://taskrouter.twilio.com/v1/Workspaces/${WS}/Tasks?PageSize=5&Page=1`),
    theirs: (c) => tasks(c).getPage(`https://taskrouter.twilio.com/v1/Workspaces/${WS}/Tasks?PageSize=5&Page=1`),
    want: "same",
  },
  {
    name: "list({ limit: 0 }) is refused",
    reply: { status: 200, body: PAGE },
    ours: (c) => tasks(c).list({ limit: 0 }),
    theirs: (c) => tasks(c).list({ limit: 0 }),
    want: {
      ours: { sent: 0, ended: "TypeError" },
      theirs: { sent: 0, ended: "TypeError" },
    },
  },
  {
    name: "call.recordings() with no argument on a context",
    reply: { status: 200, body: { recordings: [], next_page_uri: null, page: 0, page_size: 50 } },
    ours: (c) =>
      c.api.v2010
        .accounts(ACCOUNT_SID)
        .calls(CA)
        .recordings()
        .list()
        .then(() => "a list"),
    theirs: (c) =>
      c.api.v2010
        .accounts(ACCOUNT_SID)
        .calls(CA)
        .recordings()
        .list()
        .then(() => "a list"),
    want: { ours: { sent: 1, ended: "a list" }, theirs: { sent: 0, ended: "Error" } },
  },
  {
    name: "a callback where options go",
    reply: { status: 200, body: { sid: WT } },
    ours: (c) => tasks(c)(WT).fetch(CALLBACK),
    theirs: (c) => tasks(c)(WT).fetch(CALLBACK),
    want: { ours: { sent: 0, ended: "TypeError" }, theirs: { sent: 1, ended: "resolved" } },
  },
  {
    name: "an unknown option key",
    reply: { status: 200, body: { sid: WT } },
    ours: (c) => tasks(c)(WT).update({ assignmentstatus: "completed" }),
    theirs: (c) => tasks(c)(WT).update({ assignmentstatus: "completed" }),
    want: { ours: { sent: 0, ended: "TypeError" }, theirs: { sent: 1, ended: "resolved" } },
  },
  {
    name: "a negative pageSize",
    reply: { status: 200, body: PAGE },
    ours: (c) => tasks(c).page({ pageSize: -2 }),
    theirs: (c) => tasks(c).page({ pageSize: -2 }),
    want: { ours: { sent: 0, ended: "TypeError" }, theirs: { sent: 1, ended: "resolved" } },
  },
  {
    name: "a list body without its items key",
    reply: { status: 200, body: { meta: { key: "tasks", next_page_url: null } } },
    ours: (c) => tasks(c).list(),
    theirs: (c) => tasks(c).list(),
    // twilio-node fails inside its page code, reading the missing array.
    want: { ours: { sent: 1, ended: "UnexpectedResponseError" }, theirs: { sent: 1, ended: "TypeError" } },
  },
  {
    name: "create(body) on a JSON-body operation",
    reply: { status: 201, body: { sid: "HX0123456789abcdef0123456789abcdef" } },
    ours: (c) => c.content.v1.contents.create({ friendly_name: "order", language: "en", types: {} }),
    theirs: (c) => c.content.v1.contents.create({ friendly_name: "order", language: "en", types: {} }),
    want: { ours: { sent: 0, ended: "TypeError" }, theirs: { sent: 1, ended: "resolved" } },
  },
  {
    name: "an RFC 9457 problem body",
    reply: {
      status: 400,
      body: { type: "https://example.com/problem", title: "Bad request", detail: "PageSize is too large", status: 400 },
    },
    ours: (c) => tasks(c)(WT).fetch(),
    theirs: (c) => tasks(c)(WT).fetch(),
    want: { ours: { sent: 1, ended: "RestException" }, theirs: { sent: 1, ended: "RestException" } },
  },
];

let server: RecordingServer;
let ours: any;
let theirs: any;
const work = mkdtempSync(join(tmpdir(), "oracle-spellings-"));

beforeAll(async () => {
  server = await startRecordingServer();
  // generated/ imported file by file would take the test runner longer than bundling it.
  const bundle = join(work, "sdk.mjs");
  await build({
    entryPoints: [join(REPO_ROOT, "generated/index.ts")],
    bundle: true,
    format: "esm",
    outfile: bundle,
    logLevel: "error",
  });
  const sdk = (await import(pathToFileURL(bundle).href)) as { Twilio: new (options: object) => unknown };
  ours = new sdk.Twilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch: redirectingFetch(server.url) });
  theirs = twilioNodeClient(server.url);
}, 120_000);
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

/** Runs `call` against the server; the error's class name, or what the call resolved to. */
async function outcome(call: () => unknown): Promise<Outcome & { requests: RecordingServer["received"] }> {
  server.clear();
  let ended: string;
  try {
    const value = await call();
    ended = typeof value === "string" || typeof value === "boolean" ? String(value) : "resolved";
  } catch (error) {
    ended = (error as Error).constructor.name;
  }
  // A callback-style call may finish its request after returning: let it land.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { sent: server.received.length, ended, requests: [...server.received] };
}

describe("twilio-node's spellings and misuse, through both SDKs", () => {
  it.each(ROWS.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    server.reply(row.reply ?? { status: 200, body: {} });
    const mine = await outcome(() => row.ours(ours));
    const node = await outcome(() => row.theirs(theirs));
    if (row.want === "same") {
      expect({ sent: mine.sent, ended: mine.ended }).toEqual({ sent: node.sent, ended: node.ended });
      expect(mine.sent).toBeGreaterThan(0);
      expect(requestDifferences(mine.requests[0]!, node.requests[0]!)).toEqual([]);
    } else {
      expect({ ours: { sent: mine.sent, ended: mine.ended }, theirs: { sent: node.sent, ended: node.ended } }).toEqual(
        row.want,
      );
    }
  });

  it("remove() resolves true in both, as the row above compares", async () => {
    server.reply({ status: 204 });
    expect(await tasks(ours)(WT).remove()).toBe(true);
    expect(await tasks(theirs)(WT).remove()).toBe(true);
  });

  it("an RFC 9457 problem: our message is its detail, with type, title, detail and instance", async () => {
    server.reply({
      status: 400,
      body: { type: "https://example.com/p", title: "Bad request", detail: "PageSize is too large", instance: "/x" },
    });
    const error = await tasks(ours)(WT)
      .fetch()
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      message: "PageSize is too large",
      type: "https://example.com/p",
      title: "Bad request",
      detail: "PageSize is too large",
      instance: "/x",
    });
  });
});
