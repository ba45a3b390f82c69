/**
 * Timeouts on the fetch transport: attempts that start together share one abort signal (a signal
 * per attempt costs fetch more than the rest of the SDK's work), and each still ends at its own
 * timeout, closing its connection, without ending the others.
 */
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, RequestTimeoutError } from "../../runtime/index.js";
import type { ApiRequest, ClientOptions } from "../../runtime/index.js";

/** Answers /v1/Tasks/WT…, never answers /v1/Hang, and sends half a body to /v1/Stall; counts closed connections. */
let server: Server;
let origin = "";
const closed = { connections: 0 };
beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.socket.once("close", () => (closed.connections += 1));
    if (request.url === "/v1/Hang") return;
    if (request.url === "/v1/Stall") {
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": "100" });
      response.write('{"sid":');
      return;
    }
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ sid: request.url?.split("/").at(-1) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const task = (sid: string): ApiRequest => ({ method: "GET", host: "taskrouter", path: `/v1/Tasks/${sid}` });

/** A fetch client whose attempts' signals are recorded, in the order the attempts started. */
function recordingClient(options: ClientOptions = {}) {
  const signals: AbortSignal[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    signals.push(init!.signal!);
    return globalThis.fetch(input, init);
  };
  const client = new ApiClient({ accountSid: "AC1", authToken: "x", baseUrls: { "*": origin }, fetch, ...options });
  return { client, signals };
}

describe("timeouts on the fetch transport", () => {
  it("share one signal among attempts that start together, at most 16 to a signal", async () => {
    const { client, signals } = recordingClient({ timeout: 60_000 });

    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => client.request(task(`WT${i}`))));

    expect(answers.map((answer) => (answer.body as { sid: string }).sid)).toEqual(
      Array.from({ length: 20 }, (_, i) => `WT${i}`),
    );
    const sharing = [...new Set(signals)].map((signal) => signals.filter((each) => each === signal).length);
    expect(Math.max(...sharing)).toBeGreaterThan(1);
    expect(Math.max(...sharing)).toBeLessThanOrEqual(16);
  });

  it("end a hung attempt alone at its timeout, closing its connection, while those beside it answer", async () => {
    const { client, signals } = recordingClient({ timeout: 300 });
    const closedBefore = closed.connections;
    const started = performance.now();

    const [hung, ...answered] = await Promise.allSettled([
      client.request({ method: "GET", host: "taskrouter", path: "/v1/Hang" }),
      client.request(task("WT1")),
      client.request(task("WT2")),
    ]);
    const waited = performance.now() - started;

    expect(new Set(signals).size).toBeLessThan(3);
    expect(answered.map((each) => each.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(hung).toMatchObject({ status: "rejected", reason: expect.any(RequestTimeoutError) });
    expect((hung as PromiseRejectedResult).reason.message).toContain("within 300 ms");
    expect(waited).toBeGreaterThanOrEqual(299);
    expect(waited).toBeLessThan(3000);
    await expect.poll(() => closed.connections - closedBefore).toBeGreaterThanOrEqual(1);
  });

  it("end an attempt whose body stalls after the headers", async () => {
    const { client } = recordingClient({ timeout: 300 });

    const stalled = client.request({ method: "GET", host: "taskrouter", path: "/v1/Stall" });

    await expect(stalled).rejects.toThrow(RequestTimeoutError);
  });

  it("give the next attempt a live signal after a timeout, and leave no timer behind once all have ended", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const { client, signals } = recordingClient({ timeout: 200 });
    const idle = timers();

    await expect(client.request({ method: "GET", host: "taskrouter", path: "/v1/Hang" })).rejects.toThrow(
      RequestTimeoutError,
    );
    const answer = await client.request(task("WT3"));

    expect(answer.body).toEqual({ sid: "WT3" });
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
    expect(timers()).toBeLessThanOrEqual(idle);
  });

  it("keep the longest timeout the options take: its attempt is not ended at once", async () => {
    const { client } = recordingClient({ timeout: 2 ** 31 - 1 });

    const answer = await client.request(task("WT4"));

    expect(answer.body).toEqual({ sid: "WT4" });
  });
});
