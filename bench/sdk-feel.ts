// The generated SDK as a user feels it: one TaskRouter call, written as the SDK's README shows it
// (the per-service entry `<name>/taskrouter`), in a program on our SDK and the same program on the
// official `twilio` package; bundle size (esbuild) and type-check time (tsc).
// Our SDK is measured as published: packed by `npm pack` (its prepack builds dist/: .js bundled by
// esbuild, .d.ts by tsc)
// and installed from the tarball, as twilio is installed from npm, so skipLibCheck spares both the
// same work. The program on the SDK's .ts sources (a vendored folder, every file checked) is kept
// for information.
import { readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { delimiter, join, relative } from "node:path";
import { peerBin, peersDir, repoRoot, tscCli } from "./paths.js";
import { measure, StepError } from "./spawn.js";
import { bytes, median, progress, seconds } from "./stats.js";
import { freshDir } from "./temp.js";

export interface FeelFigures {
  /** Time of `npm pack` on the whole corpus SDK (its prepack build), once. */
  buildSeconds: number;
  /** The built SDK (dist/), for the rows of what its users pay at run time. */
  dist: string;
  bundleBytes: { ours: number; twilio: number };
  tscSeconds: { published: number; sources: number; twilio: number };
}

const SIDS = { account: `AC${"0".repeat(32)}`, workspace: `WS${"0".repeat(32)}`, task: `WT${"0".repeat(32)}` };

/** The README's pattern: the service's own client from the service's own entry. */
const oursProgram = (taskrouterModule: string): string => `import { Taskrouter } from "${taskrouterModule}";
const taskrouter = new Taskrouter({ accountSid: "${SIDS.account}", authToken: "x" });
const task = await taskrouter.v1.workspaces("${SIDS.workspace}").tasks("${SIDS.task}").fetch();
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

interface SdkManifest {
  name: string;
  exports?: Record<string, unknown>;
}

/** Fails early, and readably, if the generated SDK no longer has the entry the program imports. */
function readManifest(sdkDir: string): SdkManifest {
  const manifest = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")) as SdkManifest;
  if (!manifest.exports?.["./taskrouter"])
    throw new StepError("sdk layout", `the generated SDK's package.json exports no ./taskrouter entry`);
  return manifest;
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
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }) + "\n");
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2) + "\n");
  return dir;
}

/** PATH with the project's tsc and esbuild first: the versions the SDK's devDependencies pin. */
function toolsPath(): string {
  return `${join(repoRoot, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}`;
}

/** `npm pack` in the SDK folder: prepack builds dist/ with the project's tsc and esbuild (as `npm install` would give). */
async function packSdk(sdkDir: string): Promise<{ tarball: string; seconds: number }> {
  const destination = freshDir("sdk-tarball");
  const args = ["pack", "--pack-destination", destination, "--offline", "--loglevel=error"];
  const result = await measure("sdk npm pack", "npm", args, sdkDir, { PATH: toolsPath() });
  progress(`sdk npm pack (prepack: tsc .d.ts, esbuild .js): ${seconds(result.seconds)}`);
  const tarball = readdirSync(destination).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new StepError("sdk npm pack", `no tarball in ${destination}`);
  return { tarball: join(destination, tarball), seconds: result.seconds };
}

/** Installs the packed SDK into the program's folder; the SDK has no dependencies, so npm stays offline. */
async function installSdk(dir: string, tarball: string): Promise<void> {
  await measure("sdk npm install", "npm", ["install", tarball, "--offline", "--no-audit", "--no-fund"], dir);
}

/** Runs the SDK's `build` script (tsc for the .d.ts, esbuild for the .js) in place, with the project's tools. */
export async function buildSdk(sdkDir: string): Promise<{ dist: string; seconds: number }> {
  const result = await measure("sdk build", "npm", ["run", "build", "--silent"], sdkDir, { PATH: toolsPath() });
  progress(`sdk build (npm run build: tsc .d.ts, esbuild .js): ${seconds(result.seconds)}`);
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
  const manifest = readManifest(sdkDir);
  const packed = await packSdk(sdkDir);
  // Our SDK as installed from its tarball, by package name; and its sources, vendored, by a relative path.
  const published = writeProgram("program-ours-packed", () => oursProgram(`${manifest.name}/taskrouter`));
  await installSdk(published, packed.tarball);
  const sources = writeProgram("program-ours-sources", (dir) =>
    oursProgram(importPath(dir, join(sdkDir, "taskrouter", "index.js"))),
  );
  const twilio = writeProgram("program-twilio", () => twilioProgram);
  // The twilio program resolves `twilio` from the peers' install, as if it were its own dependency.
  symlinkSync(join(peersDir, "node_modules"), join(twilio, "node_modules"), "dir");
  return {
    buildSeconds: packed.seconds,
    // Both bundles from what users install: our packed dist/ .js, twilio's published .js.
    bundleBytes: { ours: await bundleBytes("ours, packed", published), twilio: await bundleBytes("twilio", twilio) },
    // The installed package's dist/, for the rows of what its users pay at run time.
    dist: join(published, "node_modules", manifest.name, "dist"),
    tscSeconds: await tscSeconds(
      {
        published: { label: "ours, packed .d.ts", dir: published },
        sources: { label: "ours, .ts sources", dir: sources },
        twilio: { label: "twilio", dir: twilio },
      },
      runs,
    ),
  };
}
