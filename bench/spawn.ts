// Runs one child process and measures what the bench reports: wall time (performance.now around
// the spawn) and peak RSS. Peak RSS comes from GNU time -v where present, else from a preload
// (rss-probe.mjs) that makes every Node process of the child's tree report its own maxRSS.
// Either way it is the largest single process of the tree (what can run a machine out of memory).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { benchDir } from "./paths.js";

export interface Measured {
  seconds: number;
  peakRssBytes: number | undefined;
  stdout: string;
}

/** A step that failed: the bench prints it with the tail of the child's output and exits 1. */
export class StepError extends Error {
  constructor(
    readonly step: string,
    readonly detail: string,
  ) {
    super(`step "${step}" failed: ${detail}`);
  }
}

const GNU_TIME = "/usr/bin/time";
const hasGnuTime = ((): boolean => {
  if (!existsSync(GNU_TIME)) return false;
  const file = join(tmpdir(), `bench-time-probe-${process.pid}`);
  const ok = spawnSync(GNU_TIME, ["-v", "-o", file, "true"]).status === 0 && existsSync(file);
  rmSync(file, { force: true });
  return ok;
})();
export const rssSource = hasGnuTime ? "GNU time -v" : "process.resourceUsage().maxRSS (preload)";

let sequence = 0;

export async function measure(
  step: string,
  command: string,
  args: string[],
  cwd?: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Measured> {
  const rssFile = join(tmpdir(), `bench-rss-${process.pid}-${++sequence}`);
  const env = { ...process.env, ...extraEnv };
  let [file, argv] = [command, args];
  if (hasGnuTime) [file, argv] = [GNU_TIME, ["-v", "-o", rssFile, command, ...args]];
  else {
    env.BENCH_RSS_FILE = rssFile;
    const probe = pathToFileURL(join(benchDir, "rss-probe.mjs")).href;
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --import ${probe}`.trim();
  }
  const child = spawn(file, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const started = performance.now();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  const peakRssBytes = readPeakRss(rssFile);
  const stdout = Buffer.concat(out).toString();
  if (code !== 0) {
    const tail = (Buffer.concat(err).toString() + "\n" + stdout).trim().split("\n").slice(-25).join("\n");
    throw new StepError(step, `exit ${code}\n--- last lines of its output ---\n${tail}`);
  }
  return { seconds, peakRssBytes, stdout };
}

/** GNU time writes "Maximum resident set size (kbytes): N"; the probe writes one kB figure a line. */
function readPeakRss(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  rmSync(file, { force: true });
  const figures = hasGnuTime
    ? [...text.matchAll(/Maximum resident set size \(kbytes\): (\d+)/g)].map((m) => Number(m[1]))
    : text.split("\n").filter(Boolean).map(Number);
  return figures.length ? Math.max(...figures) * 1024 : undefined;
}
