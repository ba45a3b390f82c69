// The generated SDK as a user feels it: one TaskRouter call, in a program on our SDK and the same
// program on the official `twilio` package; bundle size (esbuild) and type-check time (tsc).
// Type-checking is compared on the published form: the SDK built by its own `build` script into
// dist/ (.js + .d.ts), as twilio ships, so skipLibCheck spares both the same work. The program on
// the SDK's .ts sources (a vendored folder, every file checked) is kept for information.
import { existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { peerBin, peersDir, tscCli } from "./paths.js";
import { measure, StepError } from "./spawn.js";
import { bytes, median, progress, seconds } from "./stats.js";
import { freshDir } from "./temp.js";

export interface FeelFigures {
  /** Time of the SDK's own `build` script on the whole corpus SDK (once). */
  buildSeconds: number;
  /** The built SDK (dist/), for the rows of what its users pay at run time. */
  dist: string;
  bundleBytes: { ours: number; twilio: number };
  tscSeconds: { published: number; sources: number; twilio: number };
}

const SIDS = { account: `AC${"0".repeat(32)}`, workspace: `WS${"0".repeat(32)}`, task: `WT${"0".repeat(32)}` };

const oursProgram = (sdk: string): string => `import { ApiClient } from "${sdk}/runtime/index.js";
import { Taskrouter } from "${sdk}/taskrouter/index.js";
const client = new ApiClient({ accountSid: "${SIDS.account}", authToken: "x" });
const task = await new Taskrouter(client).v1.workspaces("${SIDS.workspace}").tasks("${SIDS.task}").fetch();
console.log(task.etag);
`;

const twilioProgram = `import twilio from "twilio";
const c = twilio("${SIDS.account}", "x");
const t = await c.taskrouter.v1.workspaces("${SIDS.workspace}").tasks("${SIDS.task}").fetch();
console.log(t.sid);
`;

// The same minimal settings for both programs, as the brief of the bench asks.
const TSCONFIG = {
  compilerOptions: { strict: true, module: "nodenext", skipLibCheck: true, target: "es2022", noEmit: true },
  files: ["main.ts"],
};

/** Whether a generated module exports `name`, itself or through `export * from "./x.js"`. */
function exportsName(file: string, name: string): boolean {
  if (!existsSync(file)) return false;
  const source = readFileSync(file, "utf8");
  if (new RegExp(`export (class|const|function) ${name}\\b|export \\{[^}]*\\b${name}\\b`).test(source)) return true;
  const reExports = [...source.matchAll(/export \* from "(\.[^"]+)\.js"/g)].map((m) =>
    join(dirname(file), `${m[1]}.ts`),
  );
  return reExports.some((next) => exportsName(next, name));
}

/** Fails early, and readably, if the generated layout no longer matches the program above. */
function checkSdkLayout(sdkDir: string): void {
  for (const [module, name] of [
    ["taskrouter", "Taskrouter"],
    ["runtime", "ApiClient"],
  ] as const)
    if (!exportsName(join(sdkDir, module, "index.ts"), name))
      throw new StepError("sdk layout", `the generated SDK has no ${module}/index.ts exporting ${name}`);
}

/** A relative module specifier from `from` to `to` (always starting with `.`). */
function importPath(from: string, to: string): string {
  const path = relative(from, to);
  return path.startsWith(".") ? path : `./${path}`;
}

/** A folder with main.ts, an ESM package.json (top-level await) and the shared tsconfig. */
function writeProgram(name: string, source: (dir: string) => string): string {
  const dir = freshDir(name);
  writeFileSync(join(dir, "main.ts"), source(dir));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }) + "\n");
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2) + "\n");
  return dir;
}

/** Runs the SDK's `build` script (`tsc -p tsconfig.build.json`) with the project's tsc, in place. */
export async function buildSdk(sdkDir: string): Promise<{ dist: string; seconds: number }> {
  const script: string = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")).scripts?.build ?? "";
  const [command, ...args] = script.split(" ");
  if (command !== "tsc") throw new StepError("sdk build", `the SDK's build script is not a tsc call: "${script}"`);
  const result = await measure("sdk build", process.execPath, [tscCli, ...args], sdkDir);
  progress(`sdk build (${script}): ${seconds(result.seconds)}`);
  return { dist: join(sdkDir, "dist"), seconds: result.seconds };
}

async function bundleBytes(label: string, dir: string): Promise<number> {
  const args = ["main.ts", "--bundle", "--minify", "--platform=node", "--format=esm", "--outfile=bundle.mjs"];
  await measure(`esbuild, ${label}`, peerBin("esbuild"), [...args, "--log-level=error"], dir);
  const size = statSync(join(dir, "bundle.mjs")).size;
  progress(`bundle, ${label}: ${bytes(size)}`);
  return size;
}

/**
 * Median `tsc -p` time of each program. The programs take turns within each round, so a drift
 * of the machine (a busy spell, a cooling CPU) weighs on all of them alike, not on whichever ran last.
 */
async function tscSeconds<K extends string>(programs: Record<K, { label: string; dir: string }>, runs: number) {
  const times = new Map<K, number[]>();
  for (let run = 1; run <= runs; run++) {
    for (const [key, { label, dir }] of Object.entries(programs) as [K, { label: string; dir: string }][]) {
      const result = await measure(`tsc --noEmit, ${label} ${run}/${runs}`, process.execPath, [tscCli, "-p", dir]);
      times.set(key, [...(times.get(key) ?? []), result.seconds]);
      progress(`tsc --noEmit, ${label} ${run}/${runs}: ${seconds(result.seconds)}`);
    }
  }
  return Object.fromEntries([...times].map(([key, list]) => [key, median(list)])) as Record<K, number>;
}

export async function benchFeel(sdkDir: string, runs: number): Promise<FeelFigures> {
  checkSdkLayout(sdkDir);
  const build = await buildSdk(sdkDir);
  // Our SDK is imported by a relative path: its dist/ as published, or its sources as vendored.
  const published = writeProgram("program-ours-dist", (dir) => oursProgram(importPath(dir, build.dist)));
  const sources = writeProgram("program-ours-sources", (dir) => oursProgram(importPath(dir, sdkDir)));
  const twilio = writeProgram("program-twilio", () => twilioProgram);
  // The twilio program resolves `twilio` from the peers' install, as if it were its own dependency.
  symlinkSync(join(peersDir, "node_modules"), join(twilio, "node_modules"), "dir");
  return {
    buildSeconds: build.seconds,
    dist: build.dist,
    // esbuild bundles the .ts sources directly (the built .js is the same code, types stripped).
    bundleBytes: { ours: await bundleBytes("ours", sources), twilio: await bundleBytes("twilio", twilio) },
    tscSeconds: await tscSeconds(
      {
        published: { label: "ours, built dist/", dir: published },
        sources: { label: "ours, .ts sources", dir: sources },
        twilio: { label: "twilio", dir: twilio },
      },
      runs,
    ),
  };
}
