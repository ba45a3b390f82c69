import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * A folder is replaced only as a whole: the new content is written to a sibling folder, then swapped in
 * by rename, the old one kept aside until the caller commits (or rolls back) the change.
 */
export interface Swap {
  target: string;
  /** Where the old folder waits until commit; undefined when there was none. */
  previous?: string;
}

/** Writes `files` into a new sibling of `target` (created hidden, beside it on the same file system). */
export function stageFolder(target: string, files: ReadonlyMap<string, Buffer>): string {
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.staging-`));
  try {
    for (const [name, data] of files) writeFileSync(join(staging, name), data, { flag: "wx" });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return staging;
}

/** Puts the staged folder in place of `target`; on failure `target` is as before and the staging is gone. */
export function swapIn(staging: string, target: string): Swap {
  const swap: Swap = { target };
  try {
    if (existsSync(target)) {
      swap.previous = join(dirname(target), basename(staging).replace(".staging-", ".previous-"));
      renameSync(target, swap.previous);
    }
    renameSync(staging, target);
    return swap;
  } catch (error) {
    if (swap.previous && !existsSync(target)) renameSync(swap.previous, target);
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

export function commitSwap(swap: Swap): void {
  if (swap.previous) rmSync(swap.previous, { recursive: true, force: true });
}

export function rollBackSwap(swap: Swap): void {
  rmSync(swap.target, { recursive: true, force: true });
  if (swap.previous) renameSync(swap.previous, swap.target);
}

/** Stages, swaps and commits in one go. */
export function replaceFolder(target: string, files: ReadonlyMap<string, Buffer>): void {
  commitSwap(swapIn(stageFolder(target, files), target));
}
