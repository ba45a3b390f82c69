import { constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
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

/** Copies the files of the flat folder `source` into a new sibling of `target` (hidden, on the same file system). */
export function stageFolder(target: string, source: string): string {
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.staging-`));
  try {
    for (const name of readdirSync(source))
      copyFileSync(join(source, name), join(staging, name), constants.COPYFILE_EXCL);
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
export function replaceFolder(target: string, source: string): void {
  commitSwap(swapIn(stageFolder(target, source), target));
}
