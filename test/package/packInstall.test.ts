/**
 * The two packages this project makes, packed and installed as their users get them: the SDK of
 * generated/ (`npm pack` alone builds dist/ in prepack; packed once for the run, with packedSdk.test.ts:
 * packedGenerated.ts) in a strict TypeScript consumer run against a 127.0.0.1 server, and the
 * generator's own tarball, whose bin generates an SDK in an empty project. Offline: see offlineInstall.ts.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/corpus.js";
import { countSpecs, FIXTURE_SPECS } from "../support/specCounts.js";
import { startVersionedServer, type VersionedServer } from "../support/versionedServer.js";
import { npm, pack, run, writeConsumerOfProject } from "./offlineInstall.js";
import { packedGenerated } from "./packedGenerated.js";

const TSC = join(REPO_ROOT, "node_modules/typescript/lib/tsc.js");
const work = mkdtempSync(join(tmpdir(), "sdk-pack-"));
afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

const SDK = JSON.parse(readFileSync(join(REPO_ROOT, "generated/package.json"), "utf8")) as {
  name: string;
  version: string;
  exports: Record<string, unknown>;
};

// A user's program: the root entry for the error classes, the per-service entry for the client.
const CONSUMER = `import { PreconditionFailedException, RestException } from "${SDK.name}";
import { Taskrouter } from "${SDK.name}/taskrouter";

const taskrouter = new Taskrouter({ accountSid: "AC1", authToken: "x", baseUrls: { "*": process.argv[2]! } });
const task = taskrouter.v1.workspaces("WS1").tasks("WT1");
const read = await task.fetch();
const updated = await task.update({ ifMatch: read.etag, priority: 5 });
const stale = await task.update({ ifMatch: read.etag, priority: 9 }).catch((error: unknown) => error);
const typed = stale instanceof PreconditionFailedException && stale instanceof RestException;
console.log(JSON.stringify({ read: read.etag, updated: [updated.etag, updated.priority], typed, status: typed ? stale.status : 0 }));
`;

const CONSUMER_TSCONFIG = {
  compilerOptions: { strict: true, module: "nodenext", target: "es2022", skipLibCheck: true, types: ["node"] },
  files: ["main.ts"],
};

describe("the SDK in generated/, packed and installed", () => {
  const consumer = join(work, "sdk-consumer");
  let tarball: string;
  let server: VersionedServer;

  beforeAll(async () => {
    // Packed as its README says (`npm pack` alone builds dist/ in prepack), once for the run.
    const packed = await packedGenerated();
    tarball = join(packed.sdk, packed.tarball);
    mkdirSync(consumer);
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    const install = await npm(["install", tarball], consumer);
    expect([install.code, install.stderr]).toEqual([0, ""]);
    server = await startVersionedServer();
    server.put("/v1/Workspaces/WS1/Tasks/WT1", { sid: "WT1", workspace_sid: "WS1", priority: 1 });
  }, 600_000);
  afterAll(() => server?.close(), 60_000);

  it("packs dist/ (.js and .d.ts for every entry), the README and CONCURRENCY.md, and no sources", async () => {
    const listing = await run("tar", ["tzf", tarball], work);
    const files = listing.stdout
      .trim()
      .split("\n")
      .map((file) => file.replace(/^package\//, ""));
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "CONCURRENCY.md"]));
    expect(files.filter((file) => !file.startsWith("dist/")).sort()).toEqual([
      "CONCURRENCY.md",
      "README.md",
      "package.json",
    ]);
    for (const entry of Object.keys(SDK.exports).filter((key) => key !== "./package.json")) {
      const folder = entry === "." ? "dist" : `dist/${entry.slice(2)}`;
      expect(files).toEqual(expect.arrayContaining([`${folder}/index.js`, `${folder}/index.d.ts`]));
    }
  });

  it("installs with the generated package.json: name, version, one entry per service", () => {
    const installed = JSON.parse(readFileSync(join(consumer, "node_modules", SDK.name, "package.json"), "utf8"));
    expect(installed).toMatchObject({ name: SDK.name, version: SDK.version, sideEffects: false, type: "module" });
    expect(Object.keys(installed.exports)).toEqual(
      expect.arrayContaining([".", "./taskrouter", "./sync", "./testing"]),
    );
    expect(readdirSync(join(consumer, "node_modules"))).toEqual([".bin", ".package-lock.json", SDK.name]);
    expect(readdirSync(join(consumer, "node_modules/.bin"))).toEqual(["twilio-etag-sdk-double"]);
  });

  it("runs the installed twilio-etag-sdk-double command: one line, `listening <url>`, and a Twilio host under it", async () => {
    const child = spawn(join(consumer, "node_modules/.bin/twilio-etag-sdk-double"), ["--port", "0"]);
    try {
      let output = "";
      for await (const chunk of child.stdout) {
        output += String(chunk);
        if (output.includes("\n")) break;
      }
      const url = /^listening (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(output)?.[1];
      expect(url).toBeDefined();
      const answer = await fetch(`${url}/taskrouter/v1/Workspaces/WS1/Tasks/WT1`);
      expect([answer.status, await answer.json()]).toEqual([404, expect.objectContaining({ code: 20404 })]);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("serves a strict consumer of the root and the taskrouter entry: fetch, update with ifMatch, 412", async () => {
    // A folder of its own inside the consumer, so that Node's types reach it without changing
    // the consumer's node_modules, which the install test reads (tests run in any order).
    const app = join(consumer, "strict-app");
    mkdirSync(join(app, "node_modules"), { recursive: true });
    writeFileSync(join(app, "main.ts"), CONSUMER);
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify(CONSUMER_TSCONFIG));
    symlinkSync(join(REPO_ROOT, "node_modules/@types"), join(app, "node_modules/@types"), "dir");
    const check = await run(process.execPath, [TSC, "-p", "."], app);
    expect([check.code, check.stdout]).toEqual([0, ""]);
    const result = await run(process.execPath, ["main.js", server.url], app);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(JSON.parse(result.stdout)).toEqual({ read: '"0"', updated: ['"1"', 5], typed: true, status: 412 });
    expect(server.requests.map((request) => `${request.method} ${request.headers["if-match"] ?? "-"}`)).toEqual([
      "GET -",
      'POST "0"',
      'POST "0"',
    ]);
  }, 120_000);
});

describe("the generator, packed and installed", () => {
  const project = join(work, "generator");
  const consumer = join(work, "generator-consumer");

  beforeAll(async () => {
    // A copy of what a clone holds (not its tests), with the clone's node_modules for prepack's esbuild.
    for (const name of ["package.json", "README.md", "bin", "generator", "templates", "runtime"]) {
      cpSync(join(REPO_ROOT, name), join(project, name), { recursive: true });
    }
    symlinkSync(join(REPO_ROOT, "node_modules"), join(project, "node_modules"), "dir");
    mkdirSync(join(work, "generator-tarball"));
    const tarball = await pack(project, join(work, "generator-tarball"));
    mkdirSync(consumer);
    writeConsumerOfProject(consumer, tarball);
    const install = await npm(["ci"], consumer);
    expect([install.code, install.stderr]).toEqual([0, ""]);
  }, 300_000);

  it("runs its bin with --specs and --out, from its dependencies alone, to the same SDK as this project", async () => {
    const specs = join(REPO_ROOT, "test/fixtures/specs");
    const result = await run(
      "npx",
      ["--offline", "twilio-etag-sdk-generator", "--specs", specs, "--out", "sdk"],
      consumer,
    );
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toContain(`operations:           ${countSpecs(FIXTURE_SPECS).operations}\n`);
    const produced = readdirSync(join(consumer, "sdk"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(join(consumer, "sdk"), join(entry.parentPath, entry.name)))
      .sort();
    const differing = produced.filter(
      (file) =>
        !readFileSync(join(consumer, "sdk", file)).equals(
          readFileSync(join(REPO_ROOT, "test/fixtures/generated", file)),
        ),
    );
    const committed = readdirSync(join(REPO_ROOT, "test/fixtures/generated"), { recursive: true, withFileTypes: true });
    expect([produced.length, differing]).toEqual([committed.filter((entry) => entry.isFile()).length, []]);
  }, 120_000);

  it.each([
    // given the command: want the first line of its help
    [[], "Usage: twilio-etag-sdk-generator [generate] [options]"],
    [["generate"], "Usage: twilio-etag-sdk-generator [generate] [options]"],
    [["specs"], "Usage: twilio-etag-sdk-generator specs fetch [--from PATH] [deadlines]"],
    [["spec-diff"], "Usage: twilio-etag-sdk-generator spec-diff --from OLD_SPECS --to NEW_SPECS [options]"],
    [["sdk-diff"], "Usage: twilio-etag-sdk-generator sdk-diff --from OLD_SDK --to NEW_SDK [options]"],
  ])("runs `twilio-etag-sdk-generator %j --help` from the installed package", async (command, usage) => {
    const result = await run("npx", ["--offline", "twilio-etag-sdk-generator", ...command, "--help"], consumer);
    expect([result.code, result.stderr, result.stdout.split("\n")[0]]).toEqual([0, "", usage]);
  });

  it("ships the compiled generator, not the checkout's launcher", () => {
    const installed = join(consumer, "node_modules", "twilio-etag-sdk-generator");
    expect(readdirSync(join(installed, "dist", "generator"))).toContain("main.js");
    expect(readdirSync(join(installed, "generator")).filter((name) => name.endsWith(".mjs"))).toEqual([]);
  });

  it("installs no development tool: no esbuild, tsx, vitest, TypeScript or openapi-typescript", () => {
    const installed = readdirSync(join(consumer, "node_modules"));
    // ts-morph is sdk-diff's, which ships: a runtime dependency, loaded only when sdk-diff runs (it
    // bundles its own TypeScript). The schema types are the generator's own text: no TypeScript.
    expect(installed).toEqual(
      expect.arrayContaining(["twilio-etag-sdk-generator", "yaml", "prettier", "ts-morph", "diff"]),
    );
    const tools = ["esbuild", "tsx", "vitest", "typescript", "openapi-typescript"];
    expect(installed.filter((name) => tools.includes(name))).toEqual([]);
  });
});
