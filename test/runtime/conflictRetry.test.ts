/**
 * retryOnConflict through the real ApiClient against the versioned server
 * (test/support/versionedServer.ts), with a small hand-written context shaped like
 * the generated ones: fetch, update with ifMatch, and mutate.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ApiClient,
  MissingETagError,
  PreconditionFailedException,
  ResourceInstance,
  RestException,
  backoffDelay,
  retryOnConflict,
} from "../../runtime/index.js";
import type { MutateOptions } from "../../runtime/index.js";
import { startVersionedServer } from "../support/versionedServer.js";
import type { RecordedRequest, VersionedServer } from "../support/versionedServer.js";

interface DocumentResource {
  sid: string;
  data: { counter: number };
}

interface DocumentMutation {
  data: { counter: number } | string;
}

class DocumentInstance extends ResourceInstance<DocumentResource> {
  get counter(): number {
    return this.raw().data.counter;
  }
}

const PATH = "/v1/Services/IS1/Documents/ET1";

/** What a generated context looks like, as far as mutate is concerned. */
class DocumentContext {
  constructor(
    private readonly client: ApiClient,
    private readonly path = PATH,
  ) {}

  async fetch(options: { signal?: AbortSignal } = {}): Promise<DocumentInstance> {
    const response = await this.client.request({
      method: "GET",
      host: "sync",
      path: this.path,
      signal: options.signal,
    });
    return new DocumentInstance(response.body as DocumentResource, response.headers);
  }

  async update(options: DocumentMutation & { ifMatch?: string; signal?: AbortSignal }): Promise<DocumentInstance> {
    const response = await this.client.request({
      method: "POST",
      host: "sync",
      path: this.path,
      form: { Data: options.data },
      headers: { "If-Match": options.ifMatch },
      signal: options.signal,
    });
    return new DocumentInstance(response.body as DocumentResource, response.headers);
  }

  mutate(
    changes: (current: DocumentInstance) => DocumentMutation | undefined | Promise<DocumentMutation | undefined>,
    options: MutateOptions = {},
  ): Promise<DocumentInstance> {
    return retryOnConflict(
      {
        read: (signal) => this.fetch({ signal }),
        write: (current, change, signal) => this.update({ ...change, ifMatch: current.etag, signal }),
      },
      changes,
      options,
    );
  }
}

let server: VersionedServer;
let client: ApiClient;
let document: DocumentContext;

beforeAll(async () => {
  server = await startVersionedServer();
  client = new ApiClient({ accountSid: "AC1", authToken: "t", baseUrls: { "*": server.url } });
  document = new DocumentContext(client);
});
afterAll(() => server.close());
beforeEach(() => {
  server.put(PATH, { sid: "ET1", data: { counter: 0 } });
  server.requests.length = 0;
});
afterEach(() => {
  vi.restoreAllMocks();
});

const increment = (current: DocumentInstance): DocumentMutation => ({ data: { counter: current.counter + 1 } });
const methods = (requests: RecordedRequest[]) => requests.map((r) => r.method);
const storedCounter = () => (server.get(PATH)!.resource.data as { counter: number }).counter;

/** Resolves for everyone once `count` callers are waiting. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived === count) release();
    return released;
  };
}

/** Another client bumps the counter, unconditionally, between our read and our write. */
async function meddle(): Promise<void> {
  const other = new DocumentContext(client);
  const current = await other.fetch();
  await other.update({ data: { counter: current.counter + 100 } });
}

const WRITERS = 20;
const INCREMENTS = 25;

describe("retryOnConflict: concurrent read-modify-write", () => {
  // 500 contended writes take seconds alone, tens of seconds on a busy two-core machine: a limit of its own.
  it(`keeps every increment of ${WRITERS} writers x ${INCREMENTS}`, async () => {
    // Every writer reads version 0 before any of them writes: maximal contention at the start.
    const allHaveRead = barrier(WRITERS);
    let conflicts = 0;
    const writer = async () => {
      for (let i = 0; i < INCREMENTS; i += 1) {
        await document.mutate(
          async (current) => {
            if (i === 0) await allHaveRead();
            return increment(current);
          },
          // Small delays keep this fast; the bound is high because contention is extreme on purpose.
          { maxAttempts: 1000, baseDelayMs: 20, maxDelayMs: 500, onConflict: () => (conflicts += 1) },
        );
      }
    };

    await Promise.all(Array.from({ length: WRITERS }, writer));

    expect(storedCounter()).toBe(WRITERS * INCREMENTS);
    expect(server.get(PATH)?.version).toBe(WRITERS * INCREMENTS);
    expect((await document.fetch()).counter).toBe(WRITERS * INCREMENTS);
    expect(conflicts).toBeGreaterThanOrEqual(WRITERS - 1);
    // Every conflict was a conditional write refused with 412, never a lost update.
    const posts = server.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(WRITERS * INCREMENTS + conflicts);
    expect(posts.every((r) => typeof r.headers["if-match"] === "string")).toBe(true);
  }, 120_000);

  it("loses updates when the same writers write without If-Match", async () => {
    const allHaveRead = barrier(WRITERS);
    const writer = async () => {
      for (let i = 0; i < INCREMENTS; i += 1) {
        const current = await document.fetch();
        if (i === 0) await allHaveRead();
        await document.update(increment(current));
      }
    };

    await Promise.all(Array.from({ length: WRITERS }, writer));

    // Every write succeeded, yet at least the first round's overwrites are lost.
    expect(server.get(PATH)?.version).toBe(WRITERS * INCREMENTS);
    expect(storedCounter()).toBeLessThan(WRITERS * INCREMENTS);
    expect(storedCounter()).toBeLessThanOrEqual(WRITERS * INCREMENTS - (WRITERS - 1));
  }, 120_000);
});

describe("retryOnConflict: one caller", () => {
  it("reads, writes with the read ETag in If-Match, and resolves with the written instance", async () => {
    const updated = await document.mutate(increment);

    expect(updated).toBeInstanceOf(DocumentInstance);
    expect(updated.counter).toBe(1);
    expect(updated.etag).toBe('"1"');
    expect(methods(server.requests)).toEqual(["GET", "POST"]);
    expect(server.requests[1]?.headers["if-match"]).toBe('"0"');
  });

  it("writes nothing and resolves with the read instance when the callback returns undefined", async () => {
    const seen: DocumentInstance[] = [];

    const result = await document.mutate((current) => {
      seen.push(current);
      return undefined;
    });

    expect(result).toBe(seen[0]);
    expect(result.etag).toBe('"0"');
    expect(methods(server.requests)).toEqual(["GET"]);
    expect(server.get(PATH)?.version).toBe(0);
  });

  it("awaits an async callback", async () => {
    const updated = await document.mutate(async (current) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return increment(current);
    });

    expect(updated.counter).toBe(1);
  });

  it("re-reads after a 412 and computes the changes again from the fresh instance", async () => {
    const seen: number[] = [];
    const conflicts: Array<[number, number]> = [];

    const updated = await document.mutate(
      async (current) => {
        seen.push(current.counter);
        if (seen.length === 1) await meddle();
        return increment(current);
      },
      { baseDelayMs: 0, onConflict: (attempt, _error, delayMs) => conflicts.push([attempt, delayMs]) },
    );

    expect(seen).toEqual([0, 100]);
    expect(updated.counter).toBe(101);
    expect(conflicts).toEqual([[1, 0]]);
    expect(server.requests.map((r) => [r.method, r.headers["if-match"]])).toEqual([
      ["GET", undefined],
      ["GET", undefined], // meddle
      ["POST", undefined], // meddle, unconditional
      ["POST", '"0"'], // ours: 412
      ["GET", undefined],
      ["POST", '"1"'],
    ]);
  });

  it("throws the last 412, unchanged, once maxAttempts writes have conflicted", async () => {
    const thrown: unknown[] = [];
    const notified: unknown[] = [];
    const context = new DocumentContext(client);
    const update = context.update.bind(context);
    vi.spyOn(context, "update").mockImplementation(async (options) => {
      try {
        return await update(options);
      } catch (error) {
        thrown.push(error);
        throw error;
      }
    });

    const result = context.mutate(
      async (current) => {
        await meddle();
        return increment(current);
      },
      { maxAttempts: 3, baseDelayMs: 0, onConflict: (attempt, error) => notified.push([attempt, error]) },
    );

    const error = await result.catch((e: unknown) => e);
    expect(thrown).toHaveLength(3);
    expect(error).toBe(thrown[2]);
    expect(error).toBeInstanceOf(PreconditionFailedException);
    expect(error).toMatchObject({ status: 412, code: 20412 });
    expect(notified).toEqual([
      [1, thrown[0]],
      [2, thrown[1]],
    ]);
    expect(server.requests.filter((r) => r.headers["if-match"] !== undefined)).toHaveLength(3);
  });

  it("with maxAttempts 1, throws the first 412 without retrying", async () => {
    const onConflict = vi.fn();

    const result = document.mutate(
      async (current) => {
        await meddle();
        return increment(current);
      },
      { maxAttempts: 1, onConflict },
    );

    await expect(result).rejects.toBeInstanceOf(PreconditionFailedException);
    expect(onConflict).not.toHaveBeenCalled();
    expect(methods(server.requests)).toEqual(["GET", "GET", "POST", "POST"]);
  });

  it("propagates any other error at once, without retrying", async () => {
    const onConflict = vi.fn();

    const invalid = await document.mutate(() => ({ data: "{not json" }), { onConflict }).catch((e: unknown) => e);
    const missing = await new DocumentContext(client, "/v1/Services/IS1/Documents/ETnope")
      .mutate(increment, { onConflict })
      .catch((e: unknown) => e);

    expect(invalid).toBeInstanceOf(RestException);
    expect(invalid).toMatchObject({ status: 400, code: 20001 });
    expect(missing).toBeInstanceOf(RestException);
    expect(missing).toMatchObject({ status: 404, code: 20404 });
    expect(onConflict).not.toHaveBeenCalled();
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("propagates an error thrown by the callback, writing nothing", async () => {
    const failure = new Error("cannot decide");

    await expect(
      document.mutate(() => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(methods(server.requests)).toEqual(["GET"]);
  });
});

describe("retryOnConflict: missing ETag", () => {
  it("throws MissingETagError and sends no write when the server sends no ETag", async () => {
    server.put(PATH, { sid: "ET1", data: { counter: 0 } }, { sendETag: false });

    const error = await document.mutate(increment).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MissingETagError);
    expect(error).toMatchObject({ name: "MissingETagError" });
    expect((error as Error).message).toMatch(/If-Match/);
    expect((error as Error).message).toMatch(/update\(\) without ifMatch/);
    expect(methods(server.requests)).toEqual(["GET"]);
    expect(server.get(PATH)?.version).toBe(0);
  });

  it("still returns the read instance when the callback makes no change", async () => {
    server.put(PATH, { sid: "ET1", data: { counter: 0 } }, { sendETag: false });

    const result = await document.mutate(() => undefined);

    expect(result.etag).toBeUndefined();
    expect(methods(server.requests)).toEqual(["GET"]);
  });

  it("treats an instance from a list (no etag of its own) the same way", async () => {
    const write = vi.fn();

    const result = retryOnConflict({ read: async () => ({ etag: undefined }), write }, () => ({}));

    await expect(result).rejects.toBeInstanceOf(MissingETagError);
    expect(write).not.toHaveBeenCalled();
  });
});

describe("retryOnConflict: abort", () => {
  it("rejects with the signal's reason promptly when aborted during a backoff, clearing its timer", async () => {
    // The largest jitter, so that the backoff is certainly long (about a minute).
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const clearTimeoutSpy = vi.spyOn(globalThis, "clearTimeout");
    const controller = new AbortController();
    const reason = new Error("shutting down");
    let delay = -1;
    const started = performance.now();

    const result = document.mutate(
      async (current) => {
        await meddle();
        return increment(current);
      },
      {
        baseDelayMs: 60_000,
        maxDelayMs: 60_000,
        signal: controller.signal,
        onConflict: (_attempt, _error, delayMs) => {
          delay = delayMs;
          setTimeout(() => controller.abort(reason), 20);
        },
      },
    );

    await expect(result).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(delay).toBeGreaterThan(59_000);
    // No request after the 412: the abort came during the wait.
    expect(methods(server.requests)).toEqual(["GET", "GET", "POST", "POST"]);
    const backoffTimer = setTimeoutSpy.mock.results[setTimeoutSpy.mock.calls.findIndex(([, ms]) => ms === delay)];
    expect(backoffTimer).toBeDefined();
    expect(clearTimeoutSpy).toHaveBeenCalledWith(backoffTimer?.value);
  });

  it("rejects at once, sending nothing, when the signal is already aborted", async () => {
    const reason = new Error("too late");

    await expect(document.mutate(increment, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });

  it("passes the signal to the read and the write, so an abort cancels a request", async () => {
    const controller = new AbortController();
    const signals: Array<AbortSignal | undefined> = [];
    const result = retryOnConflict(
      {
        read: (signal) => {
          signals.push(signal);
          return document.fetch({ signal });
        },
        write: (current, change: DocumentMutation, signal) => {
          signals.push(signal);
          controller.abort(new Error("stop"));
          return document.update({ ...change, ifMatch: current.etag, signal });
        },
      },
      increment,
      { signal: controller.signal },
    );

    await expect(result).rejects.toThrow("stop");
    expect(signals).toEqual([controller.signal, controller.signal]);
    expect(server.get(PATH)?.version).toBe(0);
  });

  it("does not write when aborted while the callback runs", async () => {
    const controller = new AbortController();

    const result = document.mutate(
      (current) => {
        controller.abort(new Error("changed my mind"));
        return increment(current);
      },
      { signal: controller.signal },
    );

    await expect(result).rejects.toThrow("changed my mind");
    expect(methods(server.requests)).toEqual(["GET"]);
  });
});

describe("retryOnConflict: options", () => {
  it.each<[MutateOptions, RegExp]>([
    [{ maxAttempts: 0 }, /maxAttempts must be an integer >= 1, got 0/],
    [{ maxAttempts: 1.5 }, /maxAttempts/],
    [{ maxAttempts: Number.NaN }, /maxAttempts/],
    [{ maxAttempts: Number.POSITIVE_INFINITY }, /maxAttempts/],
    [{ baseDelayMs: -1 }, /baseDelayMs must be a finite number >= 0, got -1/],
    [{ baseDelayMs: Number.POSITIVE_INFINITY }, /baseDelayMs/],
    [{ maxDelayMs: -1 }, /maxDelayMs must be between 0 and 2147483647, got -1/],
    [{ maxDelayMs: 2 ** 31 }, /maxDelayMs/],
    [{ maxDelayMs: Number.NaN }, /maxDelayMs/],
  ])("rejects %j with a RangeError before any request", async (options, message) => {
    const result = document.mutate(increment, options);

    await expect(result).rejects.toBeInstanceOf(RangeError);
    await expect(result).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it("accepts the boundaries, and writes with them", async () => {
    const lowest = await document.mutate(increment, { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 });
    const highest = await document.mutate(increment, { maxDelayMs: 2 ** 31 - 1 });

    expect([lowest.counter, lowest.etag, highest.counter, highest.etag]).toEqual([1, '"1"', 2, '"2"']);
    expect(methods(server.requests)).toEqual(["GET", "POST", "GET", "POST"]);
    expect(storedCounter()).toBe(2);
  });
});

describe("backoffDelay", () => {
  it("draws whole milliseconds in [0, min(max, base * 2^(attempt - 1))]", () => {
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const ceiling = Math.min(1000, 10 * 2 ** (attempt - 1));
      const draws = Array.from({ length: 300 }, () => backoffDelay(attempt, 10, 1000));
      for (const draw of draws) {
        expect(Number.isInteger(draw)).toBe(true);
        expect(draw).toBeGreaterThanOrEqual(0);
        expect(draw).toBeLessThanOrEqual(ceiling);
      }
      // Full jitter spreads over the whole range, not just near its top.
      expect(Math.min(...draws)).toBeLessThan(ceiling / 2 + 1);
    }
  });

  it("reaches both ends of the range", () => {
    vi.spyOn(Math, "random").mockReturnValueOnce(0).mockReturnValueOnce(0.9999999);

    expect(backoffDelay(3, 10, 1000)).toBe(0);
    expect(backoffDelay(3, 10, 1000)).toBe(40);
  });

  it("stays finite for huge attempt numbers and a zero base", () => {
    for (const attempt of [1, 64, 1100, 10_000]) {
      expect(backoffDelay(attempt, 0, 1000)).toBe(0);
      expect(backoffDelay(attempt, 1, 1000)).toBeLessThanOrEqual(1000);
    }
  });
});
