import { randomUUID } from "node:crypto";
import {
  linkSync,
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { GeneratorError } from "../util/diagnostics.js";
import { isRunning } from "../util/running.js";
import { cannotWrite, makeOutputFolder } from "./outputFolder.js";

/**
 * Held by the one run that compares with and writes into an output folder: a second run waits for
 * it, then compares with what the first wrote, so two runs never leave a mix of both. The lock
 * names its holder's process; a lock whose process is gone (a killed run) is taken over.
 */
export const LOCK = ".generated-lock";
/**
 * A lock is made whole beside the lock, then linked into place, so no run ever reads half a lock;
 * a dead run's lock is moved aside before it is removed. A kill can leave either behind.
 */
const LEFT_BESIDE = /^\.generated-lock\.(?:dead\.)?(\d+)$/;

/** How often a waiting run looks at the lock again (ms). */
const POLL_MS = 50;

/**
 * Takes the output folder's lock, waiting up to `waitMs` for a live holder (a run writes for
 * seconds, so the default is generous); answers the release, which never throws.
 */
export async function lockOutput(out: string, waitMs = 120_000): Promise<() => void> {
  const made = makeOutputFolder(out);
  const lock = join(out, LOCK);
  const token = `${process.pid} ${randomUUID()}\n`;
  removeDeadCandidates(out);
  for (const deadline = Date.now() + waitMs; !take(out, lock, token);) {
    const holder = readHolder(lock);
    if (holder === undefined) continue; // released in between: try again at once
    if (!isRunning(holder.pid)) {
      breakDeadLock(lock, holder.text);
      continue;
    }
    if (Date.now() >= deadline) throw busy(lock, holder.pid, waitMs);
    await sleep(POLL_MS);
  }
  return () => release(lock, token, made);
}

/** Whether `out` has a lock, live or left by a killed run. */
export function lockPresent(out: string): boolean {
  try {
    lstatSync(join(out, LOCK));
    return true;
  } catch {
    return false;
  }
}

/** Links a complete lock into place; false if another run holds it. */
function take(out: string, lock: string, token: string): boolean {
  const candidate = join(out, `${LOCK}.${process.pid}`);
  try {
    rmSync(candidate, { force: true }); // left by a killed run whose process id this one has now
    writeFileSync(candidate, token, { flag: "wx" });
    try {
      linkSync(candidate, lock);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw error;
    } finally {
      unlinkSync(candidate);
    }
  } catch (error) {
    throw cannotWrite(out, lock, error);
  }
}

/** The holder of the lock, or undefined if there is none any more. */
function readHolder(lock: string): { pid: number; text: string } | undefined {
  let stats;
  try {
    stats = lstatSync(lock);
  } catch {
    return undefined;
  }
  if (!stats.isFile()) {
    throw new GeneratorError(
      { file: lock },
      "is not the generator's lock (it is a link or a folder)",
      "remove it: the generator keeps the lock of the run in progress there",
    );
  }
  const text = readFileSync(lock, "utf8");
  return { pid: Number(text.split(" ")[0]), text };
}

/**
 * Moves a dead run's lock aside, then removes it. Should another run have taken the lock in
 * between, the lock moved aside is that run's, and is put back.
 */
function breakDeadLock(lock: string, deadText: string): void {
  const aside = `${lock}.dead.${process.pid}`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // another run broke it first
  }
  try {
    if (readFileSync(aside, "utf8") !== deadText) linkSync(aside, lock);
  } catch {
    // a third run holds the lock now: the one moved aside is given up
  } finally {
    unlinkSync(aside);
  }
}

/** What killed runs left beside the lock. */
function removeDeadCandidates(out: string): void {
  for (const name of readdirSync(out)) {
    const pid = LEFT_BESIDE.exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid)) && lstatSync(join(out, name)).isFile())
      unlinkSync(join(out, name));
  }
}

function release(lock: string, token: string, made: readonly string[]): void {
  try {
    if (readFileSync(lock, "utf8") === token) unlinkSync(lock);
  } catch {
    // gone already
  }
  // Folders made only for the lock go again if the run wrote nothing into them.
  for (const folder of [...made].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}

function busy(lock: string, pid: number, waitMs: number): GeneratorError {
  return new GeneratorError(
    { file: lock },
    `is held by another run of the generator (process ${pid}), still running after ${waitMs / 1000} s`,
    `wait for it to end and run again (or give --wait more seconds); if process ${pid} is no generator run, delete ${lock}`,
  );
}
