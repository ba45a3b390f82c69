/**
 * The Twilio double over real HTTP on 127.0.0.1: `double.listen()` serves every host under one
 * origin (`<url>/<label>/<path>`) for clients given `baseUrls`, and the package's command
 * `twilio-etag-sdk-double` (the fixture SDK's testing/cli.ts, run by Node) prints `listening <url>`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { PreconditionFailedException, Twilio } from "../fixtures/generated/index.js";
import { doubleCliSettings } from "../fixtures/generated/runtime/testing/cli.js";
import { createTwilioDouble } from "../fixtures/generated/testing/index.js";

const ACCOUNT = `AC${"1".repeat(32)}`;
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe("double.listen()", () => {
  it("serves the SDK over HTTP through baseUrls: create, 412 on a stale If-Match, paging by absolute links", async () => {
    const double = createTwilioDouble();
    const served = await double.listen();
    closers.push(() => served.close());
    const twilio = new Twilio({ accountSid: ACCOUNT, authToken: "t", baseUrls: served.baseUrls });
    const tasks = twilio.tasks.v1.workspaces("WS1").tasks;

    const created = await tasks.create({ priority: 1 });
    const read = await tasks(created.sid!).fetch();
    await tasks(created.sid!).update({ ifMatch: read.etag, priority: 2 });
    const stale = await tasks(created.sid!)
      .update({ ifMatch: read.etag, priority: 3 })
      .catch((error: unknown) => error);
    await tasks.create({ priority: 4 });
    const listed = await tasks.list({ pageSize: 1 });

    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.baseUrls).toMatchObject({ tasks: `${served.url}/tasks`, phone: `${served.url}/phone` });
    expect(stale).toBeInstanceOf(PreconditionFailedException);
    expect((stale as PreconditionFailedException).headers.get("twilio-request-id")).toBe(
      double.requests.find((request) => request.status === 412)!.requestId,
    );
    expect(listed.map((task) => task.priority)).toEqual([2, 4]);
    expect(double.requests.map((request) => request.url.split("?")[0])).toContain(
      "https://tasks.twilio.com/v1/Workspaces/WS1/Tasks",
    );
  });

  it("answers an unknown label with Twilio's 404, and close() stops it", async () => {
    const served = await createTwilioDouble().listen();

    const response = await fetch(`${served.url}/nowhere/v1/Things`);
    await served.close();

    expect(response.status).toBe(404);
    expect(response.headers.get("twilio-request-id")).toMatch(/^RQ[0-9a-f]{32}$/);
    expect(await response.json()).toMatchObject({ code: 20404 });
    await expect(fetch(`${served.url}/tasks/v1/Workspaces`)).rejects.toThrow();
  });

  it("declares each answer's length as Twilio does, so that clients read it whole rather than chunk by chunk", async () => {
    const served = await createTwilioDouble().listen();
    try {
      const created = await fetch(`${served.url}/tasks/v1/Workspaces/WS1/Tasks`, {
        method: "POST",
        body: "Priority=1",
      });
      const body = new Uint8Array(await created.arrayBuffer());
      const missing = await fetch(`${served.url}/nowhere/v1/Things`);
      const missingBody = new Uint8Array(await missing.arrayBuffer());
      const head = await fetch(`${served.url}/tasks/v1/Workspaces/WS1/Tasks`, { method: "HEAD" });

      expect([created.status, created.headers.get("content-length")]).toEqual([201, String(body.byteLength)]);
      expect(created.headers.get("transfer-encoding")).toBeNull();
      expect([missing.status, missing.headers.get("content-length")]).toEqual([404, String(missingBody.byteLength)]);
      expect(body.byteLength).toBeGreaterThan(0);
      expect(head.headers.get("transfer-encoding")).toBeNull();
    } finally {
      await served.close();
    }
  });

  it("keeps idle connections longer than clients do, so that no client writes on a socket it is closing", async () => {
    const served = await createTwilioDouble().listen();
    try {
      const response = await fetch(`${served.url}/tasks/v1/Workspaces`);
      await response.arrayBuffer();
      // Node's default of 5 s is at the edge of fetch's own 4 s: a busy machine then sees ECONNRESET.
      expect(response.headers.get("keep-alive")).toBe("timeout=60");
    } finally {
      await served.close();
    }
  });
});

describe("the twilio-etag-sdk-double command", () => {
  /** Starts the fixture SDK's command and waits for its one line. */
  async function start(...args: string[]): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/generated/testing/cli.ts", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    closers.push(async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
    });
    let output = "";
    for await (const chunk of child.stdout!) {
      output += String(chunk);
      if (output.includes("\n")) break;
    }
    const url = /^listening (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(output)?.[1];
    if (url === undefined) throw new Error(`unexpected output: ${output}`);
    return { child, url };
  }

  it("prints `listening <url>` and, with --require-if-match, answers a write without If-Match with 428", async () => {
    const { url } = await start("--port", "0", "--require-if-match");
    const form = { "Content-Type": "application/x-www-form-urlencoded" };

    const created = await fetch(`${url}/tasks/v1/Workspaces/WS1/Tasks`, { method: "POST", headers: form, body: "" });
    const task = (await created.json()) as { sid: string };
    const write = await fetch(`${url}/tasks/v1/Workspaces/WS1/Tasks/${task.sid}`, {
      method: "POST",
      headers: form,
      body: "Priority=2",
    });

    expect(created.status).toBe(201);
    expect(task.sid).toMatch(/^WT[0-9a-f]{32}$/);
    expect(write.status).toBe(428);
    expect(await write.json()).toMatchObject({ code: 20428 });
  });

  it("refuses an unknown argument with exit code 2 and the usage", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/generated/testing/cli.ts", "--prot", "1"]);
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += String(chunk)));

    const [code] = await once(child, "exit");

    expect(code).toBe(2);
    expect(errors).toContain("unknown argument --prot: did you mean --port?");
    expect(errors).toContain("usage: twilio-etag-sdk-double");
  });

  it.each([
    // given arguments → want the refusal (exit 2 with the usage)
    [
      ["--require-if-match=v1/Services"],
      `--require-if-match "v1/Services" does not start with "/": use --require-if-match=/v1/Services`,
    ],
    [
      ["--require-if-match=https://sync.twilio.com/v1/Services/*"],
      `--require-if-match "https://sync.twilio.com/v1/Services/*" is a URL; patterns match its path: use --require-if-match=/v1/Services/*`,
    ],
    [
      ["--require-if-match=/v1/Services/,/v2/Stores/*"],
      `--require-if-match "/v1/Services/" ends with "/", which Twilio's paths never do: use --require-if-match=/v1/Services`,
    ],
    [
      ["--require-if-match="],
      `--require-if-match= names no pattern: use --require-if-match alone (where the spec declares If-Match) or --require-if-match=/v1/...`,
    ],
    [
      ["--require-if-match", "/v1/Services/*"],
      `--require-if-match takes its patterns after "=": use --require-if-match=/v1/Services/*`,
    ],
    [["--prot", "4010"], "unknown argument --prot: did you mean --port?"],
    [["--require-if-matches"], "unknown argument --require-if-matches: did you mean --require-if-match?"],
    [["--verbose"], "unknown argument --verbose"],
    [["--host"], "--host takes an address, got nothing"],
  ])("%j → %s", (args, want) => {
    expect(() => doubleCliSettings(args)).toThrow(new RangeError(want));
  });

  it.each([
    // given arguments → want the settings
    [["--require-if-match=/v1/Services/*,/v2/Stores/**"], { requireIfMatch: ["/v1/Services/*", "/v2/Stores/**"] }, {}],
    [["--require-if-match", "--port", "0"], { requireIfMatch: true }, { port: 0 }],
    [["--seed=3", "--host", "127.0.0.1"], { seed: 3 }, { host: "127.0.0.1" }],
  ])("%j → options %j, listen %j", (args, options, listen) => {
    expect(doubleCliSettings(args)).toEqual({ options, listen });
  });
});
