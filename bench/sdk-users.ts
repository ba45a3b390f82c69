// What an SDK user pays at run time, on our SDK (built dist/ of the corpus SDK) and on the twilio
// package, both against the same 127.0.0.1 server in this process: a fresh process's import plus
// first call (a serverless cold start), the client's time per request (sequential and 50 in
// flight), and peak memory while each() walks 100,000 Tasks over 100 pages.
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { checkedRuntimes, installIfStale } from "../test/package/runtimeInstall.js";
import { repoRoot } from "./paths.js";
import { measure, StepError } from "./spawn.js";
import { median, progress } from "./stats.js";
import { freshDir } from "./temp.js";

export interface SdkUserFigures {
  /** Import + client + one fetch in a fresh process (Node's start-up left out), median; ours from the root module. */
  coldStartSeconds: Pair;
  /** The same, ours from the TaskRouter entry alone, as the README shows (twilio as above). */
  coldStartDomainSeconds: Pair;
  /** Time per request of our SDK, twilio and the two floors (fetch() alone, node:http alone). */
  perRequest: PerRequestFigures;
  /**
   * The floor any SDK built on fetch shares: the same request with fetch() and JSON.parse alone,
   * no SDK, as the first request in a fresh process.
   */
  bareFetch: { coldSeconds: number };
  /** Peak RSS of a process that walks the items with each(). */
  eachPeakRss: { ours: number; twilio: number; oursSmall: number };
  items: { large: number; small: number };
}

interface Pair {
  ours: number;
  twilio: number;
}

/**
 * The measured programs: our SDK (its default transport, and forced to fetch), twilio, and no SDK
 * at all: fetch() alone and node:http alone.
 */
type Program = keyof Pair | "oursOnFetch" | "fetch" | "fetchSignal" | "http";

/** Each program's file, and what it is given after the common arguments. */
const PROGRAM_FILES: Record<Program, [file: string, ...extra: string[]]> = {
  ours: ["ours.mjs"],
  oursOnFetch: ["ours.mjs", "fetch"],
  twilio: ["twilio.mjs"],
  fetch: ["fetch.mjs"],
  fetchSignal: ["fetch.mjs", "signal"],
  http: ["http.mjs"],
};

const SIDS = { account: `AC${"0".repeat(32)}`, workspace: `WS${"0".repeat(32)}`, task: `WT${"0".repeat(32)}` };
const PAGE_SIZE = 1000;
const ITEMS = { large: 100_000, small: 10_000 };
export const REQUESTS = { sequential: 2000, concurrent: 5000, inFlight: 50, warmUp: 200 };

function taskJson(sid: string): Record<string, unknown> {
  const url = `https://taskrouter.twilio.com/v1/Workspaces/${SIDS.workspace}/Tasks/${sid}`;
  return {
    sid,
    account_sid: SIDS.account,
    workspace_sid: SIDS.workspace,
    workflow_sid: `WW${"0".repeat(32)}`,
    assignment_status: "pending",
    attributes: '{"type":"support"}',
    priority: 7,
    reason: null,
    timeout: 3600,
    age: 12,
    task_queue_sid: `WQ${"0".repeat(32)}`,
    task_channel_sid: `TC${"0".repeat(32)}`,
    task_channel_unique_name: "default",
    date_created: "2024-01-02T03:04:05Z",
    date_updated: "2024-01-02T03:04:06Z",
    url,
    links: { reservations: `${url}/Reservations` },
  };
}

/** Page `index` of `total` Tasks, linking to the next page on the real Twilio host, as Twilio does. */
function tasksPage(index: number, total: number): string {
  const count = Math.max(0, Math.min(PAGE_SIZE, total - index * PAGE_SIZE));
  const tasks = Array.from({ length: count }, (_, i) =>
    taskJson(`WT${String(index * PAGE_SIZE + i).padStart(32, "0")}`),
  );
  const base = `https://taskrouter.twilio.com/v1/Workspaces/${SIDS.workspace}/Tasks?PageSize=${PAGE_SIZE}`;
  const hasNext = (index + 1) * PAGE_SIZE < total;
  return JSON.stringify({
    tasks,
    meta: {
      key: "tasks",
      page: index,
      page_size: PAGE_SIZE,
      first_page_url: `${base}&Page=0`,
      previous_page_url: index > 0 ? `${base}&Page=${index - 1}&PageToken=PT${index - 1}` : null,
      next_page_url: hasNext ? `${base}&Page=${index + 1}&PageToken=PT${index + 1}` : null,
      url: `${base}&Page=${index}`,
    },
  });
}

/** The server both SDKs talk to: one Task, and a Task list of `total.items` items, as Twilio frames them. */
async function startServer(total: { items: number }): Promise<{ origin: string; server: Server }> {
  const oneTask = JSON.stringify(taskJson(SIDS.task));
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const body = url.pathname.endsWith("/Tasks")
        ? tasksPage(Number(url.searchParams.get("Page") ?? 0), total.items)
        : oneTask;
      // Twilio declares each answer's length (its captured answers carry Content-Length), so this does.
      const length = Buffer.byteLength(body);
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": length, ETag: '"1"' });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * The measured work, the same for both SDKs given `setup()`, which imports the SDK and returns
 * `fetchTask()` and `walkTasks()`. A cold start is timed from before the import to the first
 * answer: what the SDK adds to a fresh process, Node's own start-up (the same for both) left out.
 */
const WORKLOAD = `
const [origin, mode, count, entry] = [process.argv[2], process.argv[3], Number(process.argv[4] ?? 0), process.argv[5]];
let cpu = 0; // this process's CPU time (user + system) in the timed part, µs
const timed = async (run) => {
  const [started, cpuBefore] = [performance.now(), process.cpuUsage()];
  await run();
  const used = process.cpuUsage(cpuBefore);
  cpu = used.user + used.system;
  return performance.now() - started;
};
const started = performance.now();
const { fetchTask, walkTasks } = await setup(origin, entry);
if (mode === "cold") {
  await fetchTask();
  console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000 }));
} else if (mode === "sequential") {
  for (let i = 0; i < ${REQUESTS.warmUp}; i++) await fetchTask();
  const ms = await timed(async () => { for (let i = 0; i < count; i++) await fetchTask(); });
  console.log(JSON.stringify({ micros: (ms * 1000) / count, cpuMicros: cpu / count }));
} else if (mode === "concurrent") {
  for (let i = 0; i < ${REQUESTS.warmUp}; i++) await fetchTask();
  let left = count;
  const worker = async () => { while (left-- > 0) await fetchTask(); };
  const ms = await timed(() => Promise.all(Array.from({ length: ${REQUESTS.inFlight} }, worker)));
  console.log(JSON.stringify({ micros: (ms * 1000) / count, cpuMicros: cpu / count }));
} else if (mode === "each") {
  const seen = await walkTasks();
  if (seen !== count) throw new Error("each() saw " + seen + " items, expected " + count);
  console.log(JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
}
`;

/** Ours, from the root entry (every domain) or, for entry "domain", from the TaskRouter entry alone, as the README shows. */
const oursProgram = (sdk: string): string => `
async function setup(origin, entry) {
  const transport = process.argv[6];
  const credentials = { accountSid: "${SIDS.account}", authToken: "x", baseUrls: { "*": origin }, ...(transport && { transport }) };
  let taskrouter;
  if (entry === "domain") {
    const { Taskrouter } = await import(${JSON.stringify(`${sdk}/taskrouter/index.js`)});
    taskrouter = new Taskrouter(credentials);
  } else {
    const { Twilio } = await import(${JSON.stringify(`${sdk}/index.js`)});
    taskrouter = new Twilio(credentials).taskrouter;
  }
  const tasks = () => taskrouter.v1.workspaces("${SIDS.workspace}").tasks;
  return {
    fetchTask: () => tasks()("${SIDS.task}").fetch(),
    walkTasks: async () => {
      let seen = 0;
      for await (const task of tasks().each({ pageSize: ${PAGE_SIZE} })) if (task.sid) seen++;
      return seen;
    },
  };
}
${WORKLOAD}`;

// twilio-node always builds https://<host>.twilio.com URLs; its documented httpClient option sends them here.
const twilioProgram = (requireFrom: string): string => `
import { createRequire } from "node:module";
async function setup(origin) {
  const twilio = createRequire(${JSON.stringify(requireFrom)})("twilio");
  class LocalRequestClient extends twilio.RequestClient {
    request(options) {
      const url = new URL(options.uri);
      return super.request({ ...options, uri: origin + url.pathname + url.search });
    }
  }
  const client = twilio("${SIDS.account}", "x", { httpClient: new LocalRequestClient() });
  const tasks = () => client.taskrouter.v1.workspaces("${SIDS.workspace}").tasks;
  return {
    fetchTask: () => tasks()("${SIDS.task}").fetch(),
    walkTasks: async () => {
      let seen = 0;
      await tasks().each({ pageSize: ${PAGE_SIZE} }, (task) => { if (task.sid) seen++; });
      return seen;
    },
  };
}
${WORKLOAD}`;

/**
 * The request headers our SDK sends (its User-Agent's length, the same Accept and Authorization),
 * so that every floor sends the same request as the SDK it is compared with. fetch() adds its own
 * Accept-Encoding; the node:http floor asks for the same encodings as our node:http transport.
 * The server answers the same uncompressed bytes to all.
 */
const SDK_HEADERS = `{
    Accept: "application/json",
    Authorization: "Basic " + btoa("${SIDS.account}:x"),
    "User-Agent": "twilio-etag-sdk/0.0.0-etag.0.1.0.content-000000000000 (" + process.platform + " " + process.arch + ") node/" + process.version,
  }`;

/**
 * No SDK: what fetch() itself costs for the same request, with the headers our SDK sends; given
 * "signal", every request also gets its own AbortController's signal and nothing else (no timer):
 * what a timeout on fetch() needs at least, since before the headers arrive only a signal can end
 * a fetch. (One signal for every request costs more: undici leaves a listener on it per request.)
 */
const bareFetchProgram = `
async function setup(origin) {
  const headers = ${SDK_HEADERS};
  const url = origin + "/v1/Workspaces/${SIDS.workspace}/Tasks/${SIDS.task}";
  const withSignal = process.argv[6] === "signal";
  const init = () => (withSignal ? { headers, signal: new AbortController().signal } : { headers });
  return { fetchTask: async () => JSON.parse(await (await fetch(url, init())).text()) };
}
${WORKLOAD}`;

/**
 * No SDK, no fetch: Node's own HTTP client with a keep-alive agent (what twilio's axios sends with),
 * the same request and JSON.parse. What a Node-only transport could reach at best.
 */
const bareHttpProgram = `
import { Agent, request } from "node:http";
async function setup(origin) {
  const agent = new Agent({ keepAlive: true });
  const headers = { "Accept-Encoding": "gzip, deflate, br", ...${SDK_HEADERS} };
  const url = origin + "/v1/Workspaces/${SIDS.workspace}/Tasks/${SIDS.task}";
  const fetchTask = () =>
    new Promise((resolve, reject) => {
      const sent = request(url, { headers, agent }, (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
        response.on("error", reject);
      });
      sent.on("error", reject);
      sent.end();
    });
  return { fetchTask };
}
${WORKLOAD}`;

type Sdk = keyof Pair;

/** The programs timed per request, each in its own processes, taking turns within every round. */
export const PER_REQUEST_PROGRAMS = ["ours", "oursOnFetch", "twilio", "fetch", "fetchSignal", "http"] as const;
export type PerRequestProgram = (typeof PER_REQUEST_PROGRAMS)[number];
/** Microseconds per request of each program, medians over the runs. */
export type PerRequestMicros = Record<PerRequestProgram, number>;
export interface PerRequestFigures {
  /** Wall clock. */
  sequential: PerRequestMicros;
  concurrent: PerRequestMicros;
  /** CPU time of the program's process (user + system): what a busy machine disturbs least. */
  sequentialCpu: PerRequestMicros;
  concurrentCpu: PerRequestMicros;
  /** Wall clock on the runtimes whose transport is fetch: our SDK and fetch() alone, medians. */
  fetchRuntimes: Record<FetchRuntime, Record<"sequential" | "concurrent", { ours: number; fetch: number }>>;
}

/** The runtimes besides Node that the per-request rows time, where the SDK always sends with fetch. */
export const FETCH_RUNTIMES = ["deno", "bun"] as const;
export type FetchRuntime = (typeof FETCH_RUNTIMES)[number];

async function repeat(times: number, once: () => Promise<number>): Promise<number[]> {
  const values: number[] = [];
  for (let round = 0; round < times; round++) values.push(await once());
  return values;
}

/**
 * Runs `program` in a fresh process in `mode` and returns the figures it prints under `keys`;
 * `launcher` is the runtime's command and its arguments before the program's file (Node's by default).
 */
type Runner = <K extends string>(
  program: Program,
  mode: string,
  keys: K[],
  count?: number,
  entry?: string,
  launcher?: readonly string[],
) => Promise<Record<K, number>>;

/** The programs written to a fresh folder, and the 127.0.0.1 server they all talk to, for `use`. */
async function withPrograms<T>(
  sdkDist: string,
  use: (run: Runner, total: { items: number }) => Promise<T>,
): Promise<T> {
  const dir = freshDir("sdk-users");
  writeFileSync(join(dir, "ours.mjs"), oursProgram(pathToFileURL(sdkDist).href));
  writeFileSync(join(dir, "twilio.mjs"), twilioProgram(join(repoRoot, "package.json")));
  writeFileSync(join(dir, "fetch.mjs"), bareFetchProgram);
  writeFileSync(join(dir, "http.mjs"), bareHttpProgram);
  const total = { items: ITEMS.large };
  const { origin, server } = await startServer(total);
  try {
    const run: Runner = async (program, mode, keys, count = 0, entry = "root", launcher = [process.execPath]) => {
      const [file, ...extra] = PROGRAM_FILES[program];
      const [command, ...before] = launcher;
      const args = [...before, join(dir, file), origin, mode, String(count), entry, ...extra];
      return figures((await measure(`sdk users, ${program} ${mode}`, command!, args, dir)).stdout, keys);
    };
    return await use(run, total);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function benchSdkUsers(sdkDist: string, runs: number): Promise<SdkUserFigures> {
  return withPrograms(sdkDist, async (run, total) => {
    const timings = await sdkTimings(run, runs);
    const perRequest = await perRequestTimings(run, runs);
    const eachPeakRss = await eachPeaks(run, total);
    const bareFetch = {
      coldSeconds: median(
        await repeat(runs, () => run("fetch", "cold", ["seconds"]).then((printed) => printed.seconds)),
      ),
    };
    progress(`fetch() alone: cold ${bareFetch.coldSeconds.toFixed(3)} s`);
    return { ...timings, perRequest, bareFetch, eachPeakRss, items: ITEMS };
  });
}

/** `--per-request`: only the per-request timings of every program, for a cheap run of those rows. */
export async function benchPerRequest(sdkDist: string, runs: number): Promise<PerRequestFigures> {
  return withPrograms(sdkDist, (run) => perRequestTimings(run, runs));
}

function figures<K extends string>(stdout: string, keys: K[]): Record<K, number> {
  const printed = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
  for (const key of keys) {
    if (typeof printed[key] !== "number") {
      throw new StepError("sdk users", `no ${key} in the program's output: ${stdout}`);
    }
  }
  return printed as Record<K, number>;
}

/** Cold starts of both SDKs: medians over `runs` rounds, taking turns within a round so that drift hits both. */
async function sdkTimings(run: Runner, runs: number) {
  const pair = async (label: string, measureOne: (sdk: Sdk) => Promise<number>): Promise<Pair> => {
    const values: Record<Sdk, number[]> = { ours: [], twilio: [] };
    for (let round = 1; round <= runs; round++) {
      for (const sdk of ["ours", "twilio"] as const) values[sdk].push(await measureOne(sdk));
      progress(
        `${label} ${round}/${runs}: ours ${values.ours.at(-1)!.toFixed(3)}, twilio ${values.twilio.at(-1)!.toFixed(3)}`,
      );
    }
    return { ours: median(values.ours), twilio: median(values.twilio) };
  };
  return {
    coldStartSeconds: await pair(
      "cold start, root module (s)",
      async (sdk) => (await run(sdk, "cold", ["seconds"], 0, "root")).seconds,
    ),
    coldStartDomainSeconds: await pair("cold start, TaskRouter module (s)", (sdk) =>
      run(sdk, "cold", ["seconds"], 0, "domain").then((printed) => printed.seconds),
    ),
  };
}

/** How many requests each per-request mode times. */
const PER_REQUEST_MODES = { sequential: REQUESTS.sequential, concurrent: REQUESTS.concurrent };

/** Figures of the rounds under their keys, read back as medians. */
class Samples {
  readonly #values = new Map<string, number[]>();

  add(key: string, value: number): void {
    const values = this.#values.get(key);
    if (values === undefined) this.#values.set(key, [value]);
    else values.push(value);
  }

  median(key: string): number {
    return median(this.#values.get(key)!);
  }
}

/**
 * Time per request of every program, sequential and with 50 in flight: medians over `runs` rounds,
 * the programs taking turns within a round, so that the ratios to the floors come from one run.
 */
async function perRequestTimings(run: Runner, runs: number): Promise<PerRequestFigures> {
  const samples = new Samples();
  for (let round = 1; round <= runs; round++) {
    for (const [mode, count] of Object.entries(PER_REQUEST_MODES)) {
      const line: string[] = [];
      for (const program of PER_REQUEST_PROGRAMS) {
        const { micros, cpuMicros } = await run(program, mode, ["micros", "cpuMicros"], count, "domain");
        samples.add(`${mode} ${program}`, micros);
        samples.add(`${mode}Cpu ${program}`, cpuMicros);
        line.push(`${program} ${Math.round(micros)}/${Math.round(cpuMicros)}`);
      }
      progress(`per request, ${mode} (µs wall/CPU) ${round}/${runs}: ${line.join(", ")}`);
    }
  }
  const medians = (figure: string) =>
    Object.fromEntries(
      PER_REQUEST_PROGRAMS.map((program) => [program, samples.median(`${figure} ${program}`)]),
    ) as PerRequestMicros;
  return {
    sequential: medians("sequential"),
    concurrent: medians("concurrent"),
    sequentialCpu: medians("sequentialCpu"),
    concurrentCpu: medians("concurrentCpu"),
    fetchRuntimes: await fetchRuntimeTimings(run, runs),
  };
}

/**
 * Our SDK and fetch() alone per request on Deno and Bun (test/runtimes, installed as the tests
 * install it), taking turns within each round: there fetch is the transport, and the floor.
 */
async function fetchRuntimeTimings(run: Runner, runs: number): Promise<PerRequestFigures["fetchRuntimes"]> {
  await installIfStale();
  const binaries = await checkedRuntimes();
  const launchers: Record<FetchRuntime, string[]> = { deno: [binaries.deno, "run", "-A"], bun: [binaries.bun] };
  const samples = new Samples();
  for (let round = 1; round <= runs; round++) {
    for (const runtime of FETCH_RUNTIMES) {
      for (const [mode, count] of Object.entries(PER_REQUEST_MODES)) {
        const line: string[] = [];
        for (const program of ["oursOnFetch", "fetch"] as const) {
          const { micros } = await run(program, mode, ["micros"], count, "domain", launchers[runtime]);
          samples.add(`${runtime} ${mode} ${program}`, micros);
          line.push(`${program} ${Math.round(micros)}`);
        }
        progress(`per request on ${runtime}, ${mode} (µs) ${round}/${runs}: ${line.join(", ")}`);
      }
    }
  }
  const pair = (runtime: FetchRuntime, mode: string) => ({
    ours: samples.median(`${runtime} ${mode} oursOnFetch`),
    fetch: samples.median(`${runtime} ${mode} fetch`),
  });
  return Object.fromEntries(
    FETCH_RUNTIMES.map((runtime) => [
      runtime,
      { sequential: pair(runtime, "sequential"), concurrent: pair(runtime, "concurrent") },
    ]),
  ) as PerRequestFigures["fetchRuntimes"];
}

/** Peak memory while each() walks the Task list: ours at two sizes (flat?), twilio at the large one. */
async function eachPeaks(run: Runner, total: { items: number }): Promise<SdkUserFigures["eachPeakRss"]> {
  const peak = async (sdk: Sdk, items: number) => {
    total.items = items;
    const bytes = (await run(sdk, "each", ["maxRssBytes"], items)).maxRssBytes;
    progress(`each() over ${items} items, ${sdk}: ${Math.round(bytes / 1e6)} MB peak RSS`);
    return bytes;
  };
  return {
    oursSmall: await peak("ours", ITEMS.small),
    ours: await peak("ours", ITEMS.large),
    twilio: await peak("twilio", ITEMS.large),
  };
}
