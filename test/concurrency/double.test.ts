/**
 * The project's concurrency scenarios against the Twilio double, in-process: clients generated
 * from Twilio's real TaskRouter and Sync specs, given `fetch: double.fetch` and nothing else.
 * 412 on a stale If-Match, 428 when If-Match is required, mutate() under an interfering writer,
 * and 20 writers x 25 increments with no lost update; then the same with a client whose fetch
 * drops If-Match, which must lose updates and never see a 412.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type * as Testing from "../../runtime/testing/index.js";
import { ACCOUNT_SID, corpusSpecs, useGeneratedSdk } from "./generatedClient.js";

const specs = corpusSpecs("Twilio double concurrency tests", "twilio_taskrouter_v1.yaml", "twilio_sync_v1.yaml");

const WRITERS = 20;
const INCREMENTS = 25;
const RETRY = { maxAttempts: 1000, baseDelayMs: 1, maxDelayMs: 20 } as const;

/** The generated SDK's testing entry. */
type TestingEntry = { createTwilioDouble(options?: Testing.DoubleOptions): Testing.TwilioDouble };

/** A fetch that sends every request without its If-Match header: a client that forgot it. */
function withoutIfMatch(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.delete("if-match");
    return fetch(new Request(request, { headers }));
  };
}

describe("the Twilio double with the real TaskRouter and Sync SDK", () => {
  const generated = useGeneratedSdk(() => specs);
  let testing: TestingEntry;
  beforeAll(async () => {
    testing = (await import(pathToFileURL(join(generated.out, "testing/index.ts")).href)) as TestingEntry;
  });
  const clientOf = (fetch: typeof globalThis.fetch): any =>
    new generated.sdk.Twilio({ accountSid: ACCOUNT_SID, authToken: "token", fetch });

  /** A Sync Document holding `{ counter: 0 }`, made through the SDK. */
  async function counterDocument(double: Testing.TwilioDouble) {
    const sync = clientOf(double.fetch).sync.v1;
    const service = await sync.services.create({ friendlyName: "counters" });
    const document = await sync.services(service.sid).documents.create({ uniqueName: "c", data: { counter: 0 } });
    return { service: service.sid as string, sid: document.sid as string, url: document.url as string };
  }

  const documentOf = (fetch: typeof globalThis.fetch, at: { service: string; sid: string }) =>
    clientOf(fetch).sync.v1.services(at.service).documents(at.sid);

  it("TaskRouter: a stale ifMatch gets PreconditionFailedException (412, 20412, the current ETag) and changes nothing", async () => {
    const double = testing.createTwilioDouble();
    const taskrouter = clientOf(double.fetch).taskrouter.v1;
    const workspace = await taskrouter.workspaces.create({ friendlyName: "support" });
    const created = await taskrouter.workspaces(workspace.sid).tasks.create({ attributes: '{"type":"support"}' });
    const task = taskrouter.workspaces(workspace.sid).tasks(created.sid);
    const read = await task.fetch();
    await task.update({ ifMatch: read.etag, priority: 5 });

    const error = await task.update({ ifMatch: read.etag, priority: 9 }).catch((caught: unknown) => caught);

    expect(workspace.sid).toMatch(/^WS[0-9a-f]{32}$/);
    expect(read.sid).toMatch(/^WT[0-9a-f]{32}$/);
    expect(error).toBeInstanceOf(generated.sdk.PreconditionFailedException);
    expect(error).toMatchObject({ status: 412, code: 20412 });
    expect(error.headers.get("etag")).toBe(double.get(read.url)!.etag);
    expect(double.get(read.url)).toMatchObject({ version: 2, fields: { priority: 5 } });
    // Without If-Match the same stale write goes through: the update of priority 5 is lost.
    const careless = clientOf(withoutIfMatch(double.fetch)).taskrouter.v1.workspaces(workspace.sid).tasks(created.sid);
    await expect(careless.update({ ifMatch: read.etag, priority: 9 })).resolves.toMatchObject({ priority: 9 });
  });

  it("TaskRouter with requireIfMatch: an update without ifMatch gets PreconditionRequiredException (428)", async () => {
    const double = testing.createTwilioDouble({ requireIfMatch: true });
    const tasks = clientOf(double.fetch).taskrouter.v1.workspaces("WS1").tasks;
    const created = await tasks.create({});

    const error = await tasks(created.sid)
      .update({ priority: 2 })
      .catch((caught: unknown) => caught);
    const read = await tasks(created.sid).fetch();

    expect(error).toBeInstanceOf(generated.sdk.PreconditionRequiredException);
    expect(error).toMatchObject({ status: 428, code: 20428 });
    await expect(tasks(created.sid).update({ ifMatch: read.etag, priority: 2 })).resolves.toMatchObject({
      priority: 2,
    });
    await expect(tasks(created.sid).remove()).rejects.toMatchObject({ status: 428 });
  });

  it("Sync: mutate() under an interfering writer retries on 412 and keeps the other writer's change", async () => {
    const double = testing.createTwilioDouble();
    const at = await counterDocument(double);
    double.interfere({
      times: 2,
      change: (current) => ({ data: { ...(current.fields.data as object), other: true } }),
    });

    const written = await documentOf(double.fetch, at).mutate(
      (current: { data: { counter: number } }) => ({ data: { ...current.data, counter: current.data.counter + 1 } }),
      RETRY,
    );

    expect(written.data).toEqual({ counter: 1, other: true });
    expect(double.requests.filter((request) => request.status === 412)).toHaveLength(2);
    // Dropping If-Match, the same write overwrites the interfering change: a lost update.
    double.interfere({ change: () => ({ data: { counter: 1, other: "again" } }) });
    await documentOf(withoutIfMatch(double.fetch), at).mutate(
      (current: { data: { counter: number } }) => ({ data: { counter: current.data.counter + 1 } }),
      RETRY,
    );
    expect(double.get(at.url)!.fields.data).toEqual({ counter: 2 });
  });

  const race = async (double: Testing.TwilioDouble, fetch: typeof globalThis.fetch) => {
    const at = await counterDocument(double);
    const writer = async () => {
      const document = documentOf(fetch, at);
      for (let increment = 0; increment < INCREMENTS; increment += 1) {
        await document.mutate(
          (current: { data: { counter: number } }) => ({ data: { counter: current.data.counter + 1 } }),
          RETRY,
        );
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    return {
      stored: double.get(at.url)!,
      conflicts: double.requests.filter((request) => request.status === 412).length,
    };
  };

  it(`Sync: ${WRITERS} writers x ${INCREMENTS} increments through mutate() end at exactly ${WRITERS * INCREMENTS}`, async () => {
    const double = testing.createTwilioDouble();

    const { stored, conflicts } = await race(double, double.fetch);

    expect(stored.fields.data).toEqual({ counter: WRITERS * INCREMENTS });
    expect(stored.version).toBe(1 + WRITERS * INCREMENTS);
    expect(conflicts).toBeGreaterThan(0);
  }, 60_000);

  it("Sync: the same race with If-Match dropped loses updates and never sees a 412", async () => {
    const double = testing.createTwilioDouble();

    const { stored, conflicts } = await race(double, withoutIfMatch(double.fetch));

    expect(conflicts).toBe(0);
    expect(stored.version).toBe(1 + WRITERS * INCREMENTS);
    expect((stored.fields.data as { counter: number }).counter).toBeLessThan(WRITERS * INCREMENTS);
  }, 60_000);
});
