/**
 * Compile-time proof that `ifMatch` exists only where the spec declares an If-Match header (and
 * `mutate()` only where the update does): small programs using a generated SDK are type-checked
 * with the TypeScript compiler, strict, as a user's project would be.
 */
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { typeCheck } from "../generator/typeCheck.js";
import { expectProbe, useProbeDir } from "../support/typeProbe.js";
import { REPO_ROOT, corpusSpecs, useGeneratedSdk } from "./generatedClient.js";

/** `'ifMatch' does not exist in type '<optionsType>'`, as for any excess property of an object literal. */
const noIfMatch = (optionsType: string) =>
  `Object literal may only specify known properties, and 'ifMatch' does not exist in type '${optionsType}'.`;
const noMutate = (contextType: string) => `Property 'mutate' does not exist on type '${contextType}'.`;

describe("ifMatch in the committed fixture SDK (test/fixtures/generated/, from test/fixtures/specs/)", () => {
  const probes = useProbeDir();

  it("is accepted by the operations that declare If-Match and rejected by the others", () => {
    expectProbe(join(REPO_ROOT, "test/fixtures/generated"), probes.dir, [
      { code: 'const task = twilio.tasks.v1.workspaces("WS").tasks("WT");' },
      { code: 'await task.update({ ifMatch: "x", priority: 1 });' },
      { code: 'await task.remove({ ifMatch: "x" });' },
      { code: 'await task.fetch({ ifMatch: "x" });', error: noIfMatch("TaskFetchOptions") },
      {
        code: 'await twilio.tasks.v1.workspaces("WS").tasks.create({ ifMatch: "x" });',
        error: noIfMatch("TaskCreateOptions"),
      },
      { code: "const fetched = await task.fetch();" },
      { code: "const etag: string | undefined = fetched.etag;" },
      { code: "await fetched.update({ ifMatch: etag });" },
      { code: "await fetched.remove({ ifMatch: etag });" },
      { code: "await fetched.fetch({ ifMatch: etag });", error: noIfMatch("TaskFetchOptions") },
      { code: "await task.mutate((current) => ({ priority: (current.priority ?? 0) + 1 }), { maxAttempts: 3 });" },
      { code: 'await task.reservationsOfTask("WR").update({ ifMatch: "x" });' },
      { code: 'const workspace = twilio.tasks.v1.workspaces("WS");' },
      { code: 'await workspace.update({ ifMatch: "x" });', error: noIfMatch("WorkspaceUpdateOptions") },
      { code: 'await workspace.remove({ ifMatch: "x" });', error: noIfMatch("WorkspaceRemoveOptions") },
      { code: "await workspace.mutate(() => undefined);", error: noMutate("WorkspaceContext") },
      { code: 'const store = twilio.documents.v2.stores("DS");' },
      { code: 'await store.update({ ifMatch: "x", body: { name: "n", settings: null } });' },
      { code: 'await store.patch({ ifMatch: "x", body: { name: "n" } });' },
      { code: 'await store.remove({ ifMatch: "x" });' },
      { code: 'await store.fetch({ ifMatch: "x" });', error: noIfMatch("StoreFetchOptions") },
      { code: 'await store.members("DM").update({ ifMatch: "x", body: { userName: "u" } });' },
      { code: 'await store.members("DM").remove({ ifMatch: "x" });', error: noIfMatch("MemberRemoveOptions") },
      {
        code: 'await store.members.create({ ifMatch: "x", body: { userName: "u" } });',
        error: noIfMatch("MemberCreateOptions"),
      },
      { code: 'await twilio.ledger.v1.accounts("LA").update({ ifMatch: "x" });' },
    ]);
  }, 60_000);
});

describe("the documented calls under exactOptionalPropertyTypes", () => {
  const probes = useProbeDir();

  it("compile: update({ ifMatch: task.etag }) and one options object for every client", () => {
    const sdk = join(REPO_ROOT, "test/fixtures/generated");
    const specifier = (entry: string) => relative(probes.dir, join(sdk, entry)).split("\\").join("/");
    const probe = join(probes.dir, "exactOptional.mts");
    writeFileSync(
      probe,
      [
        `import { Twilio, type ClientOptions, type HostLabel } from "${specifier("index.js")}";`,
        `import { Tasks } from "${specifier("tasks/index.js")}";`,
        "export async function probe(): Promise<void> {",
        '  const options: ClientOptions<HostLabel> = { accountSid: "AC1", authToken: "t", baseUrls: { tasks: "http://127.0.0.1:1" } };',
        "  const twilio = new Twilio(options);",
        '  const task = await new Tasks(options).v1.workspaces("WS").tasks("WT").fetch();',
        "  await task.update({ ifMatch: task.etag, priority: 1 });",
        '  await twilio.tasks.v1.workspaces("WS").tasks("WT").remove({ ifMatch: task.etag });',
        "}",
        "",
      ].join("\n"),
    );
    // The probe's own lines: a consumer meets the SDK as declarations (dist/*.d.ts), where the
    // runtime's implementation, written without this flag, is not checked.
    const diagnostics = typeCheck(probe, { exactOptionalPropertyTypes: true });
    expect(diagnostics.filter((line) => line.startsWith(probe))).toEqual([]);
  }, 60_000);
});

const taskrouterSpecs = corpusSpecs("TaskRouter ifMatch type tests", "twilio_taskrouter_v1.yaml");

describe("ifMatch in an SDK generated from the real TaskRouter spec", () => {
  const generated = useGeneratedSdk(() => taskrouterSpecs);
  const probes = useProbeDir();

  it("is accepted by Task and Worker writes and rejected by Workspace, TaskQueue and reads", () => {
    expectProbe(generated.out, probes.dir, [
      { code: 'const workspace = twilio.taskrouter.v1.workspaces("WS");' },
      {
        code: 'await workspace.update({ ifMatch: "x", friendlyName: "n" });',
        error: noIfMatch("WorkspaceUpdateOptions"),
      },
      { code: 'await workspace.remove({ ifMatch: "x" });', error: noIfMatch("WorkspaceRemoveOptions") },
      { code: 'await workspace.fetch({ ifMatch: "x" });', error: noIfMatch("WorkspaceFetchOptions") },
      { code: "await workspace.mutate(() => undefined);", error: noMutate("WorkspaceContext") },
      { code: 'const task = workspace.tasks("WT");' },
      { code: 'await task.update({ ifMatch: "x", assignmentStatus: "completed", reason: "done" });' },
      { code: 'await task.remove({ ifMatch: "x" });' },
      { code: 'await task.fetch({ ifMatch: "x" });', error: noIfMatch("TaskFetchOptions") },
      { code: 'await workspace.tasks.create({ ifMatch: "x" });', error: noIfMatch("TaskCreateOptions") },
      { code: "const fetched = await task.fetch();" },
      { code: 'await fetched.update({ ifMatch: fetched.etag, assignmentStatus: "completed", reason: "done" });' },
      { code: "await task.mutate((current) => ({ priority: (current.priority ?? 0) + 1 }));" },
      { code: 'await task.reservations("WR").update({ ifMatch: "x" });' },
      { code: 'await workspace.workers("WK").update({ ifMatch: "x" });' },
      { code: 'await workspace.workers("WK").remove({ ifMatch: "x" });' },
      {
        code: 'await workspace.taskQueues("WQ").update({ ifMatch: "x" });',
        error: noIfMatch("TaskQueueUpdateOptions"),
      },
      { code: 'await workspace.taskQueues("WQ").mutate(() => undefined);', error: noMutate("TaskQueueContext") },
    ]);
  }, 120_000);
});
