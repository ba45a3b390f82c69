// The Twilio double of the full SDK (generated/testing): start-up, requests per second in-process
// and over HTTP on 127.0.0.1, memory for 100,000 stored instances, and the time of a vitest file
// that starts a double and runs 100 requests. The double and its command are bundled once by
// esbuild (as the published package's JavaScript loads); each figure comes from fresh processes.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { benchDir, repoRoot } from "./paths.js";
import { measure } from "./spawn.js";
import { median, progress } from "./stats.js";
import { freshDir } from "./temp.js";

export interface DoubleFigures {
  startupSeconds: number;
  inProcessPerSecond: number;
  httpPerSecond: number;
  /** Heap held by 100,000 stored Tasks, after GC. */
  memoryBytes: number;
  /** vitest's own duration of a file that starts a double and runs 100 requests. */
  testFileSeconds: number;
}

const IN_PROCESS_REQUESTS = 20_000;
const HTTP_REQUESTS = 5_000;
const IN_FLIGHT = 50;
export const STORED_INSTANCES = 100_000;

export async function benchDouble(runs: number): Promise<DoubleFigures> {
  const dir = freshDir("double");
  const bundles = await bundleDouble(dir);
  const probe = join(benchDir, "double-probe.mjs");
  const json = async (step: string, ...args: string[]) =>
    JSON.parse((await measure(step, process.execPath, args)).stdout) as Record<string, number>;

  const startup: number[] = [];
  const inProcess: number[] = [];
  const http: number[] = [];
  const memory: number[] = [];
  const testFile: number[] = [];
  for (let run = 1; run <= runs; run++) {
    startup.push((await json("double start-up", probe, bundles.double, "startup")).seconds!);
    const rate = await json("double in-process", probe, bundles.double, "in-process", String(IN_PROCESS_REQUESTS));
    inProcess.push(rate.perSecond!);
    http.push(await httpPerSecond(bundles.cli));
    const held = await json("double memory", "--expose-gc", probe, bundles.double, "memory", String(STORED_INSTANCES));
    // The probe's own first Task, then the seeded ones.
    if (held.stored !== STORED_INSTANCES + 1) throw new Error(`the double stored ${held.stored} Tasks`);
    memory.push(held.heapBytes!);
    testFile.push(await testFileSeconds(bundles.double));
    progress(
      `double ${run}/${runs}: start-up ${startup.at(-1)!.toFixed(3)} s, ${Math.round(inProcess.at(-1)!)} req/s in-process, ` +
        `${Math.round(http.at(-1)!)} req/s HTTP, test file ${testFile.at(-1)!.toFixed(3)} s`,
    );
  }
  return {
    startupSeconds: median(startup),
    inProcessPerSecond: median(inProcess),
    httpPerSecond: median(http),
    memoryBytes: Math.max(...memory),
    testFileSeconds: median(testFile),
  };
}

/** The double of the full SDK, and its command, each as one ES module. */
async function bundleDouble(dir: string): Promise<{ double: string; cli: string }> {
  const double = join(dir, "double.mjs");
  const cli = join(dir, "double-cli.mjs");
  const common = { bundle: true, platform: "node", format: "esm", logLevel: "error" } as const;
  await build({ ...common, entryPoints: [join(repoRoot, "generated/testing/index.ts")], outfile: double });
  await build({ ...common, entryPoints: [join(repoRoot, "generated/testing/cli.ts")], outfile: cli });
  return { double, cli };
}

/** The double's command on 127.0.0.1, driven by this process with 50 requests in flight. */
async function httpPerSecond(cli: string): Promise<number> {
  const child = spawn(process.execPath, [cli, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    let output = "";
    for await (const chunk of child.stdout) {
      output += String(chunk);
      if (output.includes("\n")) break;
    }
    const url = /^listening (\S+)/.exec(output)?.[1];
    if (url === undefined) throw new Error(`the double's command printed ${JSON.stringify(output)}`);
    const tasks = `${url}/taskrouter/v1/Workspaces/WS${"0".repeat(32)}/Tasks`;
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    const task = (await (await fetch(tasks, { method: "POST", headers: form, body: "Priority=1" })).json()) as {
      sid: string;
    };
    const one = async () => {
      const response = await fetch(`${tasks}/${task.sid}`);
      if (response.status !== 200) throw new Error(`the double answered ${response.status}`);
      await response.arrayBuffer();
    };
    const drive = async (total: number) => {
      let left = total;
      const worker = async () => {
        while (left-- > 0) await one();
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    };
    await drive(200);
    const begin = performance.now();
    await drive(HTTP_REQUESTS);
    return HTTP_REQUESTS / ((performance.now() - begin) / 1000);
  } finally {
    child.kill("SIGTERM");
  }
}

/**
 * A vitest file as a user writes it: a new double, then 100 requests (33 creates, reads and
 * writes with If-Match, and a list). Run by the project's vitest from a folder inside the repo
 * (so that it resolves), its duration as vitest reports it for the file.
 */
async function testFileSeconds(double: string): Promise<number> {
  const dir = join(repoRoot, "node_modules/.cache", `bench-double-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "double100.test.mjs"), sampleTest(double));
  writeFileSync(join(dir, "vitest.config.mjs"), "export default { test: { include: ['*.test.mjs'] } };\n");
  const report = join(dir, "report.json");
  const vitest = join(repoRoot, "node_modules/vitest/vitest.mjs");
  let text: string;
  try {
    const args = [vitest, "run", "--root", dir, "--reporter=json", `--outputFile=${report}`];
    await measure("double test file", process.execPath, args);
    text = readFileSync(report, "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const result = JSON.parse(text) as {
    numPassedTests: number;
    testResults: { startTime: number; endTime: number }[];
  };
  if (result.numPassedTests !== 1) throw new Error("the sample test file did not pass");
  const file = result.testResults[0]!;
  return (file.endTime - file.startTime) / 1000;
}

function sampleTest(double: string): string {
  return `import { expect, it } from "vitest";
import { createTwilioDouble } from ${JSON.stringify(double)};

it("runs 100 requests against a new double", async () => {
  const double = createTwilioDouble();
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const send = (url, method = "GET", body, headers = {}) =>
    double.fetch(url, { method, headers: body ? { ...form, ...headers } : headers, body });
  const tasks = "https://taskrouter.twilio.com/v1/Workspaces/WS00000000000000000000000000000000/Tasks";
  for (let index = 0; index < 33; index += 1) {
    const task = await (await send(tasks, "POST", "Priority=1")).json();
    const read = await send(\`\${tasks}/\${task.sid}\`);
    await read.json();
    const written = await send(\`\${tasks}/\${task.sid}\`, "POST", "Priority=2", { "If-Match": read.headers.get("etag") });
    expect(written.status).toBe(200);
  }
  const page = await (await send(\`\${tasks}?PageSize=50\`)).json();
  expect(page.tasks).toHaveLength(33);
  expect(double.requests).toHaveLength(100);
});
`;
}
