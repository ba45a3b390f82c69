/**
 * Work that several test files need, done once per test run (test files run in separate processes):
 * the first file to ask does it, in a folder of the run's that the test set-up (globalSetup.ts) makes
 * and removes; the others wait for it and read what it left. A failure fails every file that asked,
 * each with the reason; nothing is kept between runs, so every run does the work afresh.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder of this run's shared work (sharedWork.ts). */
    sharedWorkFolder: string;
  }
}

/** What the maker left beside the work's folder: `done`, or the reason it failed. */
interface Outcome {
  done: boolean;
  reason?: string;
}

/**
 * The folder of the work `name`, once `make` has filled it: made by this process when it asks first,
 * else awaited (up to `timeoutMs`) from the process that does. Callers must not change the folder.
 */
export async function sharedWork(
  name: string,
  make: (folder: string) => Promise<void>,
  timeoutMs = 600_000,
): Promise<string> {
  const root = inject("sharedWorkFolder");
  if (!root) throw new Error(`shared work ${name}: no run folder: run the tests with vitest (its set-up makes it)`);
  const folder = join(root, name);
  const claim = `${folder}.claim`;
  const outcome = `${folder}.outcome.json`;
  if (claimed(claim)) {
    try {
      mkdirSync(folder);
      await make(folder);
      writeFileSync(outcome, JSON.stringify({ done: true } satisfies Outcome));
    } catch (error) {
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      writeFileSync(outcome, JSON.stringify({ done: false, reason } satisfies Outcome));
      throw error;
    }
    return folder;
  }
  for (const deadline = Date.now() + timeoutMs; !existsSync(outcome); await sleep(200)) {
    const owner = ownerPid(claim);
    // Read again: the maker may have finished and exited between the two checks.
    if (owner !== undefined && !alive(owner) && !existsSync(outcome))
      throw new Error(`shared work ${name}: the test process that made it (pid ${owner}) exited before finishing`);
    if (Date.now() > deadline) throw new Error(`shared work ${name}: not done within ${timeoutMs} ms (pid ${owner})`);
  }
  const result = JSON.parse(readFileSync(outcome, "utf8")) as Outcome;
  if (!result.done) throw new Error(`shared work ${name} failed in another test file:\n${result.reason}`);
  return folder;
}

/** Takes the claim (mkdir is atomic): true for the one process that gets it, which writes its pid in it. */
function claimed(claim: string): boolean {
  try {
    mkdirSync(claim);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  writeFileSync(join(claim, "pid"), String(process.pid));
  return true;
}

/** The pid the claim names; none while its maker is still writing it. */
function ownerPid(claim: string): number | undefined {
  const file = join(claim, "pid");
  const pid = existsSync(file) ? Number(readFileSync(file, "utf8")) : NaN;
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
