/**
 * Optimistic concurrency end to end on Twilio's real Sync spec: an SDK generated from
 * twilio_sync_v1.yaml alone, whose generated `mutate()` (read, change, write with If-Match,
 * retry on 412) is raced by concurrent writers against the versioned server.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { VersionedServer } from "../support/versionedServer.js";
import { clientOptions, corpusSpecs, useGeneratedSdk, useVersionedServer } from "./generatedClient.js";

const specs = corpusSpecs("Sync Document concurrency tests", "twilio_sync_v1.yaml");

const SERVICE = "IS0123456789abcdef0123456789abcdef";
const DOCUMENT = "ET0123456789abcdef0123456789abcdef";
const DOCUMENT_PATH = `/v1/Services/${SERVICE}/Documents/${DOCUMENT}`;

const WRITERS = 20;
const INCREMENTS = 25;
const RETRY = { maxAttempts: 1000, baseDelayMs: 5, maxDelayMs: 200 } as const;

/** A Sync Document as Twilio returns it, its `data` an object. */
function documentJson(data: object): Record<string, unknown> {
  return {
    sid: DOCUMENT,
    unique_name: "counter",
    account_sid: "AC00000000000000000000000000000000",
    service_sid: SERVICE,
    url: `https://sync.twilio.com${DOCUMENT_PATH}`,
    revision: "0",
    data,
    date_expires: null,
    created_by: "system",
  };
}

/** The `Data` form field of a write, parsed. */
function dataOf(body: string): unknown {
  return JSON.parse(new URLSearchParams(body).get("Data") ?? "null");
}

/** The writes (POSTs) to the Document the server received. */
function writesOf(server: VersionedServer) {
  return server.requests.filter((request) => request.method === "POST" && request.path === DOCUMENT_PATH);
}

describe("Sync Documents (real spec): mutate() against concurrent writers", () => {
  const generated = useGeneratedSdk(() => specs);
  const versioned = useVersionedServer();
  // The generated client's type exists only once it is generated: see ifMatchTypes.test.ts.
  const newClient = (options: object = {}): any =>
    new generated.sdk.Twilio({ ...clientOptions(versioned.server), ...options });
  const documentOf = (twilio: any) => twilio.sync.v1.services(SERVICE).documents(DOCUMENT);

  beforeEach(() => {
    versioned.server.put(DOCUMENT_PATH, documentJson({ counter: 0 }));
    versioned.server.requests.length = 0;
  });

  it(`${WRITERS} writers x ${INCREMENTS} increments through mutate() end at exactly ${WRITERS * INCREMENTS}`, async () => {
    const { server } = versioned;
    let conflicts = 0;
    const writer = async () => {
      // One client per writer, as if each were its own process.
      const document = documentOf(newClient());
      for (let increment = 0; increment < INCREMENTS; increment += 1) {
        await document.mutate(
          (current: { data: { counter: number } }) => ({
            data: { ...current.data, counter: current.data.counter + 1 },
          }),
          { ...RETRY, onConflict: () => (conflicts += 1) },
        );
      }
    };

    await Promise.all(Array.from({ length: WRITERS }, writer));

    const stored = server.get(DOCUMENT_PATH)!;
    expect(stored.resource.data).toEqual({ counter: WRITERS * INCREMENTS });
    expect(stored.version).toBe(WRITERS * INCREMENTS);
    const writes = writesOf(server);
    // Every write carried an If-Match with an ETag the server had sent; the losers got 412 and retried.
    expect(writes.filter((write) => !/^"\d+"$/.test(String(write.headers["if-match"])))).toEqual([]);
    expect(writes.length).toBe(WRITERS * INCREMENTS + conflicts);
    expect(conflicts).toBeGreaterThan(0);
    // `data` went as Twilio's form field `Data`: JSON text.
    expect(writes[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(dataOf(writes[0]!.body)).toEqual({ counter: 1 });
  }, 120_000);

  it(`the same writers doing fetch() then update() without ifMatch lose updates (counter < ${WRITERS * INCREMENTS})`, async () => {
    const { server } = versioned;
    const writer = async () => {
      const document = documentOf(newClient());
      for (let increment = 0; increment < INCREMENTS; increment += 1) {
        const current = await document.fetch();
        await document.update({ data: { ...current.data, counter: current.data.counter + 1 } });
      }
    };

    await Promise.all(Array.from({ length: WRITERS }, writer));

    const stored = server.get(DOCUMENT_PATH)!;
    // All 500 writes succeeded (the last write wins) ...
    expect(stored.version).toBe(WRITERS * INCREMENTS);
    expect(writesOf(server).filter((write) => write.headers["if-match"] !== undefined)).toEqual([]);
    // ... but increments based on stale reads overwrote each other.
    expect((stored.resource.data as { counter: number }).counter).toBeLessThan(WRITERS * INCREMENTS);
  }, 60_000);

  it("mutate() whose change returns undefined reads and writes nothing", async () => {
    const { server } = versioned;
    let calls = 0;

    const result = await documentOf(newClient()).mutate(() => {
      calls += 1;
      return undefined;
    });

    expect(calls).toBe(1);
    expect(result.etag).toBe('"0"');
    expect(result.data).toEqual({ counter: 0 });
    expect(server.requests.map((request) => [request.method, request.path])).toEqual([["GET", DOCUMENT_PATH]]);
    expect(server.get(DOCUMENT_PATH)!.version).toBe(0);
  });

  it("mutate() on a Document served without an ETag throws MissingETagError and writes nothing", async () => {
    const { server } = versioned;
    const { MissingETagError, PreconditionFailedException } = generated.sdk;
    server.put(DOCUMENT_PATH, documentJson({ counter: 0 }), { sendETag: false });

    const error = await documentOf(newClient())
      .mutate((current: { data: { counter: number } }) => ({ data: { counter: current.data.counter + 1 } }))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MissingETagError);
    expect(error).not.toBeInstanceOf(PreconditionFailedException);
    expect(server.requests.map((request) => request.method)).toEqual(["GET"]);
    expect(server.get(DOCUMENT_PATH)).toMatchObject({ version: 0, resource: { data: { counter: 0 } } });
  });

  it("mutate() throws the last PreconditionFailedException once maxAttempts writes have conflicted", async () => {
    const { server } = versioned;
    const { PreconditionFailedException } = generated.sdk;
    let conditionalWrites = 0;
    // Another writer always gets in first: just before each of our writes it changes the
    // Document. Our responses are tagged with the number of our write that produced them.
    const racingFetch: typeof fetch = async (input, init) => {
      if (init?.method !== "POST") return fetch(input, init);
      await fetch(server.url + DOCUMENT_PATH, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ Data: JSON.stringify({ counter: -1 }) }).toString(),
      });
      conditionalWrites += 1;
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.set("X-Write-Number", String(conditionalWrites));
      return new Response(await response.text(), { status: response.status, headers });
    };
    const conflicts: { attempt: number; error: unknown }[] = [];

    const error = await documentOf(newClient({ fetch: racingFetch }))
      .mutate((current: { data: { counter: number } }) => ({ data: { counter: current.data.counter + 1 } }), {
        maxAttempts: 3,
        baseDelayMs: 1,
        maxDelayMs: 5,
        onConflict: (attempt: number, conflict: unknown) => conflicts.push({ attempt, error: conflict }),
      })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PreconditionFailedException);
    expect(error).toMatchObject({ status: 412, code: 20412 });
    expect(error.headers.get("X-Write-Number")).toBe("3");
    expect(conflicts.map(({ attempt }) => attempt)).toEqual([1, 2]);
    expect(
      conflicts.map(({ error: conflict }) => (conflict as { headers: Headers }).headers.get("X-Write-Number")),
    ).toEqual(["1", "2"]);
    // Each of our writes carried the ETag of the read just before it; each was beaten by one other write.
    expect(writesOf(server).map((write) => write.headers["if-match"])).toEqual([
      undefined,
      '"0"',
      undefined,
      '"1"',
      undefined,
      '"2"',
    ]);
    expect(server.get(DOCUMENT_PATH)).toMatchObject({ version: 3, resource: { data: { counter: -1 } } });
  });
});
