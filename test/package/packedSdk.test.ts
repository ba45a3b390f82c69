/**
 * The SDK of generated/ as a user makes and installs it, packed once for the run (packedGenerated.ts):
 * in a git checkout of generated/ (and the root's .gitignore), `npm install` and `npm pack` leave
 * `git status` clean; the README's install line installs the tarball; one program runs on every runtime of the
 * README (Node 20.19+, 22, 24, Deno, Bun, workerd) against the Twilio double on 127.0.0.1;
 * publint and arethetypeswrong find nothing; CommonJS (`require`, and TypeScript's
 * `import x = require()`) and TypeScript consumers of every moduleResolution compile and run.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/corpus.js";
import { freePort } from "../support/loopback.js";
import { run, type Run } from "./offlineInstall.js";
import { git, packedGenerated, type PackedGenerated } from "./packedGenerated.js";
import { installRuntimes } from "./runtimes.js";

const TSC = join(REPO_ROOT, "node_modules/typescript/lib/tsc.js");
const BIN = join(REPO_ROOT, "node_modules/.bin");
const PROGRAM = join(REPO_ROOT, "test/package/runtimeProgram");
const work = mkdtempSync(join(tmpdir(), "sdk-packed-"));
const app = join(work, "app");

interface Manifest {
  name: string;
  version: string;
  engines: { node: string };
  keywords: string[];
  exports: Record<string, unknown>;
}
let packed: PackedGenerated;
let manifest: Manifest;
let readme: string;
let tarball: string;
let double: { url: string; close(): Promise<void> };
// Started first: they install (once, cached) while the SDK builds.
const runtimes = installRuntimes();
runtimes.catch(() => undefined); // reported by the tests that await it

beforeAll(async () => {
  // The README's steps, `npm install && npm pack` in the SDK's folder: done once for the run (packedGenerated.ts).
  packed = await packedGenerated();
  manifest = JSON.parse(readFileSync(join(packed.sdk, "package.json"), "utf8"));
  readme = readFileSync(join(packed.sdk, "README.md"), "utf8");
  tarball = packed.tarball;
  // ... then in the user's project, the tarball copied beside its package.json, the README's line.
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  copyFileSync(join(packed.sdk, tarball), join(app, tarball));
  const [command, ...args] = installLine().split(" ");
  const installed = await run(command!, [...args, "--offline", "--no-audit", "--no-fund", "--loglevel=error"], app);
  expect([installed.code, installed.stderr]).toEqual([0, ""]);
  const testing = join(app, "node_modules", manifest.name, "dist/testing/index.js");
  const { createTwilioDouble } = await import(pathToFileURL(testing).href);
  double = await createTwilioDouble().listen();
}, 600_000);
afterAll(async () => {
  await double?.close();
  rmSync(work, { recursive: true, force: true });
}, 60_000);

/** The README's line that installs the unpublished package: `npm install ./<tarball>`. */
function installLine(): string {
  const lines = readme.split("\n").filter((line) => /^npm install \.\/\S+\.tgz$/.test(line));
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe("packing generated/", () => {
  it("leaves git status clean: dist/, node_modules/, package-lock.json and the tarball are ignored", async () => {
    // The generator's own tarball, as `npm pack` names it at the root, is ignored too (removed after:
    // the checkout is the run's, shared).
    const generator = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
    const generatorTarball = join(packed.checkout, `${generator.name}-${generator.version}.tgz`);
    writeFileSync(generatorTarball, "");
    try {
      const made = readdirSync(packed.sdk).filter((name) => !manifestFiles().has(name));
      expect(made.sort()).toEqual(["dist", "node_modules", "package-lock.json", tarball].sort());
      const status = await git(packed.checkout, "status", "--porcelain", "--untracked-files=all");
      expect(status).toEqual({ code: 0, stdout: "", stderr: "" });
    } finally {
      rmSync(generatorTarball);
    }
  });

  it("names a version that ends in the content's hash, and the README installs the tarball of that version", () => {
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+-etag\.\d+\.\d+\.\d+\.content-[0-9a-f]{12}$/);
    expect(tarball).toBe(`${manifest.name}-${manifest.version}.tgz`);
    expect(installLine()).toBe(`npm install ./${tarball}`);
    expect(readme).toContain(`\nnpm install ${manifest.name}@${manifest.version}\n`);
    const installed = JSON.parse(readFileSync(join(app, "node_modules", manifest.name, "package.json"), "utf8"));
    expect(installed.version).toBe(manifest.version);
  });
});

/** The top-level folder and file names generated/ commits. */
function manifestFiles(): Set<string> {
  const listed = readFileSync(join(packed.sdk, ".generated-files"), "utf8").trim().split("\n");
  return new Set([".generated-files", ...listed.map((file) => file.split("/")[0]!)]);
}

/** What the program answers on every runtime (runtimeProgram/program.mjs). */
const PROGRAM_ANSWER = {
  read: true,
  updated: { priority: 5, etagMoved: true },
  stale: { preconditionFailed: true, restException: true, status: 412, code: 20412 },
  paged: [2, 3, 5],
  mutated: { priority: 15, etagMoved: true },
  oneCopy: { sameInstanceClass: true, resourceInstance: true, sameErrorClass: true },
};

describe("one program, fetch → update with ifMatch → 412 → each() → mutate(), on every runtime", () => {
  const answers = new Map<string, Promise<Run>>();
  beforeAll(async () => {
    for (const file of ["program.mjs", "main.mjs", "worker.mjs"]) copyFileSync(join(PROGRAM, file), join(app, file));
    const binaries = await runtimes;
    const node = (binary: string) => run(binary, ["main.mjs", double.url], app);
    // All at once: each program makes a workspace of its own in the one double.
    answers.set("node20", node(process.execPath));
    answers.set("node22", node(binaries.node22));
    answers.set("node24", node(binaries.node24));
    answers.set(
      "deno",
      run(binaries.deno, ["run", "--allow-net=127.0.0.1", "--allow-read=.", "main.mjs", double.url], app),
    );
    answers.set("bun", run(binaries.bun, ["main.mjs", double.url], app));
    answers.set("workerd", runWorker(binaries.workerd));
    await Promise.all(answers.values());
  }, 300_000);

  it("the README states the runtimes, and the package's keywords say where it runs", () => {
    const section = readme.slice(readme.indexOf("\n## Runtimes\n"), readme.indexOf("\n## Quick start\n"));
    for (const runtime of ["Node.js 20.19 or later, 22 and 24", "Deno 2", "Bun 1", "Cloudflare Workers (workerd)"]) {
      expect(section).toContain(runtime);
    }
    expect(manifest.keywords).toEqual(expect.arrayContaining(["deno", "bun", "cloudflare-workers", "fetch", "etag"]));
  });

  const expected: [string, RegExp][] = [
    ["node20", /^Node\.js\/v20\.(19|[2-9]\d)\./],
    ["node22", /^Node\.js\/22$/],
    ["node24", /^Node\.js\/24$/],
    ["deno", /^Deno\/2\./],
    ["bun", /^Bun\/1\./],
    ["workerd", /^Cloudflare-Workers$/],
  ];
  it.each(expected)("%s", async (name, runtime) => {
    const answer = await answers.get(name)!;
    expect([answer.code, answer.stderr]).toEqual([0, ""]);
    expect(JSON.parse(answer.stdout)).toEqual({ ...PROGRAM_ANSWER, runtime: expect.stringMatching(runtime) });
  });
});

/**
 * The program as a Worker: bundled by esbuild, served by workerd on a free port with outbound
 * network to 127.0.0.1 only (the double), asked once; its answer as a command's would be.
 */
async function runWorker(workerd: string): Promise<Run> {
  const bundle = await run(
    join(BIN, "esbuild"),
    [
      "worker.mjs",
      "--bundle",
      "--format=esm",
      "--platform=neutral",
      "--main-fields=module,main",
      "--conditions=workerd,worker,browser",
      "--outfile=worker.js",
      "--log-level=warning",
    ],
    app,
  );
  if (bundle.code !== 0) return bundle;
  const port = await freePort();
  writeFileSync(join(app, "config.capnp"), workerdConfig(port));
  const child = spawn(workerd, ["serve", "config.capnp"], { cwd: app });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  try {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const answer = await fetch(`http://127.0.0.1:${port}/?double=${encodeURIComponent(double.url)}`).catch(
        () => undefined,
      );
      if (answer) return { code: answer.ok ? 0 : answer.status, stdout: await answer.text(), stderr: "" };
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { code: child.exitCode ?? 1, stdout: "", stderr: `workerd did not answer on port ${port}:\n${stderr}` };
  } finally {
    child.kill("SIGTERM");
  }
}

function workerdConfig(port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
);
`;
}

describe("the package's correctness", () => {
  it("publint --strict reports nothing, for every entry", async () => {
    const unpacked = join(work, "unpacked");
    mkdirSync(unpacked);
    expect(await run("tar", ["xzf", join(app, tarball), "-C", unpacked], work)).toMatchObject({ code: 0 });
    // No colours: under CI=true publint colours its verdict even into a pipe.
    const linted = await run(join(BIN, "publint"), ["package", "--strict", "--pack", "false"], unpacked, {
      NO_COLOR: "1",
    });
    expect([linted.code, linted.stdout.trim().split("\n").slice(-1)[0], linted.stderr]).toEqual([0, "All good!", ""]);
  }, 60_000);

  it("arethetypeswrong, profile esm-only, reports nothing, for every entry", async () => {
    const checked = await run(
      join(BIN, "attw"),
      [join(app, tarball), "--profile", "esm-only", "--format", "json"],
      app,
    );
    const report = JSON.parse(checked.stdout);
    const entries = Object.keys(report.analysis.entrypoints);
    expect(entries).toEqual(Object.keys(manifest.exports).map((key) => `.${key.slice(1)}`));
    // Its JSON lists problems of every resolution; esm-only ignores node10 and node16 from CommonJS.
    const problems = Object.values(report.problems as Record<string, { resolutionKind?: string }[]>)
      .flat()
      .filter((problem) => !["node10", "node16-cjs"].includes(problem.resolutionKind ?? ""));
    expect([checked.code, problems]).toEqual([0, []]);
  }, 300_000);

  it("states in engines the Node the README states: 20.19, the first with require() of ESM", () => {
    expect(manifest.engines).toEqual({ node: ">=20.19" });
    expect(readme).toContain("Node.js 20.19 or later");
  });
});

const ACCOUNT = `AC${"0".repeat(32)}`;

/** A CommonJS program: require() of the taskrouter entry and the root, fetch → update → 412. */
const REQUIRE_PROGRAM = `const { Taskrouter } = require("twilio-etag-sdk/taskrouter");
const { PreconditionFailedException } = require("twilio-etag-sdk");

(async () => {
  const url = process.argv[2];
  const taskrouter = new Taskrouter({ accountSid: "${ACCOUNT}", authToken: "test", baseUrls: { taskrouter: url + "/taskrouter" } });
  const workspace = await taskrouter.v1.workspaces.create({ friendlyName: "require" });
  const task = taskrouter.v1.workspaces(workspace.sid).tasks(
    (await taskrouter.v1.workspaces(workspace.sid).tasks.create({ attributes: "{}" })).sid,
  );
  const read = await task.fetch();
  await task.update({ ifMatch: read.etag, priority: 5 });
  const stale = await task.update({ ifMatch: read.etag, priority: 9 }).catch((error) => error);
  console.log(JSON.stringify({ typed: stale instanceof PreconditionFailedException, status: stale.status }));
})();
`;

/** The same in TypeScript compiled as CommonJS (module nodenext, no "type": "module"): typed require(). */
const REQUIRE_TS_PROGRAM = `import taskrouterEntry = require("twilio-etag-sdk/taskrouter");

async function main(url: string): Promise<void> {
  const taskrouter = new taskrouterEntry.Taskrouter({
    accountSid: "${ACCOUNT}",
    authToken: "test",
    baseUrls: { taskrouter: \`\${url}/taskrouter\` },
  });
  const workspace = await taskrouter.v1.workspaces.create({ friendlyName: "require-ts" });
  const tasks = taskrouter.v1.workspaces(workspace.sid!).tasks;
  const task = tasks((await tasks.create({ attributes: "{}" })).sid!);
  const read = await task.fetch();
  await task.update({ ifMatch: read.etag, priority: 5 });
  const stale: unknown = await task.update({ ifMatch: read.etag, priority: 9 }).catch((error: unknown) => error);
  const typed = stale instanceof taskrouterEntry.PreconditionFailedException;
  console.log(JSON.stringify({ typed, status: typed ? stale.status : 0 }));
}
void main(process.argv[2]!);
`;

describe("CommonJS consumers", () => {
  beforeAll(() => {
    writeFileSync(join(app, "require.cjs"), REQUIRE_PROGRAM);
    const folder = join(app, "require-ts");
    mkdirSync(join(folder, "node_modules"), { recursive: true });
    writeFileSync(join(folder, "package.json"), JSON.stringify({ name: "require-ts", private: true }));
    writeFileSync(join(folder, "main.ts"), REQUIRE_TS_PROGRAM);
    const compilerOptions = { strict: true, module: "nodenext", target: "es2022", types: ["node"] };
    writeFileSync(join(folder, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["main.ts"] }));
    symlinkSync(join(REPO_ROOT, "node_modules/@types"), join(folder, "node_modules/@types"), "dir");
  });

  it("require() the taskrouter entry and the root on Node 20.19+, 22 and 24 (Node's require of ESM)", async () => {
    const binaries = await runtimes;
    const nodes = [process.execPath, binaries.node22, binaries.node24];
    const answers = await Promise.all(nodes.map((node) => run(node, ["require.cjs", double.url], app)));
    expect(answers).toEqual(nodes.map(() => ({ code: 0, stdout: '{"typed":true,"status":412}\n', stderr: "" })));
  }, 300_000);

  it("compiles TypeScript's import = require() as CommonJS (module nodenext) and runs it", async () => {
    const folder = join(app, "require-ts");
    expect(await run(process.execPath, [TSC, "-p", "."], folder)).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(folder, "main.js"), "utf8")).toContain('require("twilio-etag-sdk/taskrouter")');
    expect(await run(process.execPath, ["main.js", double.url], folder)).toEqual({
      code: 0,
      stdout: '{"typed":true,"status":412}\n',
      stderr: "",
    });
  }, 300_000);
});

/** The README's TypeScript examples, each a module of its own. */
function readmeExamples(): string[] {
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

describe("TypeScript consumers compile the README's examples", () => {
  const settings: [string, Record<string, string>][] = [
    ["node16", { module: "node16", moduleResolution: "node16" }],
    ["nodenext", { module: "nodenext", moduleResolution: "nodenext" }],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }],
  ];
  const checks = new Map<string, Promise<Run>>();
  beforeAll(async () => {
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const [name, resolution] of settings) {
      const folder = join(app, `ts-${name}`);
      mkdirSync(folder);
      writeFileSync(
        join(folder, "package.json"),
        JSON.stringify({ name: `ts-${name}`, private: true, type: "module" }),
      );
      const files = examples.map((example, index) => {
        writeFileSync(join(folder, `example${index}.ts`), example);
        return `example${index}.ts`;
      });
      // Every strict flag users set; under nodenext the SDK's own declarations are checked too (once:
      // checking them takes most of a minute).
      const compilerOptions = {
        ...resolution,
        skipLibCheck: name !== "nodenext",
        target: "es2022",
        lib: ["es2022", "dom"],
        types: [],
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
      };
      writeFileSync(join(folder, "tsconfig.json"), JSON.stringify({ compilerOptions, files }));
    }
    for (const [name] of settings) checks.set(name, run(process.execPath, [TSC, "-p", "."], join(app, `ts-${name}`)));
  }, 300_000);

  it.each(settings.map(([name]) => name))(
    "moduleResolution %s, exactOptionalPropertyTypes",
    async (name) => {
      expect(await checks.get(name)!).toEqual({ code: 0, stdout: "", stderr: "" });
    },
    300_000,
  );
});
