import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/generate.js";
import { typeCheck } from "../generator/typeCheck.js";
import { pinnedRelease } from "../support/corpus.js";
import { startVersionedServer, type VersionedServer } from "../support/versionedServer.js";

// The guide's examples are written against an SDK generated from Twilio's real TaskRouter and Sync
// specs: the pinned release, fetched as npm run generate fetches it and never committed.
const corpus = pinnedRelease();

const GUIDE = "docs/optimistic-concurrency.md";
const examples = [...readFileSync(GUIDE, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

type Module = Record<string, (...args: unknown[]) => Promise<unknown>>;

describe("the optimistic-concurrency guide", () => {
  const work = mkdtempSync(join(tmpdir(), "guide-"));
  let server: VersionedServer;
  let twilio: unknown;
  let sdk: Record<string, new (options: object) => unknown>;
  let modules: Module[];
  const task = "/v1/Workspaces/WS1/Tasks/WT1";
  const document = "/v1/Services/IS1/Documents/ET1";

  beforeAll(async () => {
    const specs = ["twilio_taskrouter_v1.yaml", "twilio_sync_v1.yaml"].map((name) => join(corpus, name));
    await generate({ specs, out: join(work, "sdk"), check: false });
    examples.forEach((code, index) => writeFileSync(join(work, `example${index}.ts`), code));
    writeFileSync(
      join(work, "examples.ts"),
      examples.map((_code, index) => `export * as example${index} from "./example${index}.js";\n`).join(""),
    );
    server = await startVersionedServer();
    sdk = await import(join(work, "sdk", "index.ts"));
    twilio = new sdk.Twilio({ accountSid: "AC1", authToken: "token", baseUrls: { "*": server.url } });
    modules = await Promise.all(examples.map((_code, index) => import(join(work, `example${index}.ts`))));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const example = (name: string) => {
    const found = modules.find((module) => typeof module[name] === "function");
    if (!found) throw new Error(`${GUIDE} has no example exporting ${name}()`);
    return found[name]!;
  };

  it("has examples, and every one compiles with strict settings", () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
    expect(typeCheck(join(work, "examples.ts"))).toEqual([]);
  }, 120_000);

  it("creates a client", async () => {
    const client = (await example("createClient")()) as { taskrouter: { v1: { workspaces: unknown } } };
    expect(client).toBeInstanceOf(sdk.Twilio);
    expect(typeof client.taskrouter.v1.workspaces).toBe("function");
  });

  it("reads a task with its ETag", async () => {
    server.put(task, { sid: "WT1", assignment_status: "pending" });
    const read = (await example("readTask")(twilio, "WS1", "WT1")) as { etag?: string };
    expect(read.etag).toBe('"0"');
  });

  it("completes a task when unchanged, and reports the conflict when someone wrote first", async () => {
    server.put(task, { sid: "WT1", assignment_status: "assigned" });
    expect(await example("completeTask")(twilio, "WS1", "WT1")).toBe(true);
    expect(server.get(task)?.resource.assignment_status).toBe("completed");
    expect(server.requests.at(-1)?.headers["if-match"]).toBe('"0"');

    // Someone else writes the task between the example's read and its conditional update.
    server.put(task, { sid: "WT1", assignment_status: "assigned" });
    const statuses: number[] = [];
    const racing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      if ((init?.method ?? "GET") === "GET" && statuses.length === 1) {
        const body = new URLSearchParams({ AssignmentStatus: "wrapping" });
        await fetch(server.url + task, { method: "POST", body });
      }
      return response;
    };
    const raced = new sdk.Twilio({
      accountSid: "AC1",
      authToken: "token",
      baseUrls: { "*": server.url },
      fetch: racing,
    });
    expect(await example("completeTask")(raced, "WS1", "WT1")).toBe(false);
    expect(statuses).toEqual([200, 412]);
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", headers: { "if-match": '"0"' } });
    expect(server.get(task)?.resource.assignment_status).toBe("wrapping");
  });

  it("keeps every increment of concurrent mutate() calls", async () => {
    server.put(document, { sid: "ET1", data: { counter: 0 } });
    await Promise.all(Array.from({ length: 10 }, () => example("incrementCounter")(twilio, "IS1", "ET1")));
    expect(server.get(document)?.resource.data).toEqual({ counter: 10 });
  });

  it("deletes with If-Match only what it read", async () => {
    server.put(task, { sid: "WT1", assignment_status: "canceled" });
    expect(await example("deleteTaskIfUnchanged")(twilio, "WS1", "WT1")).toBe("deleted");
    expect(server.requests.at(-1)).toMatchObject({ method: "DELETE", headers: { "if-match": '"0"' } });
    expect(server.get(task)).toBeUndefined();
  });

  it("fetches list items for their ETags", async () => {
    // A workspace of its own: the other tests' task WT1 must not be in the list, whatever the order.
    server.put("/v1/Workspaces/WS2/Tasks/WT2", { sid: "WT2", assignment_status: "pending" });
    expect(await example("pendingTaskVersions")(twilio, "WS2")).toEqual({ WT2: '"0"' });
  });
});
