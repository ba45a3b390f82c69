import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { GeneratorError } from "../util/diagnostics.js";
import { Throttle } from "../util/throttle.js";
import { cannotWrite, makeOutputFolder, removeFolders } from "./outputFolder.js";
import { OutputTree } from "./outputTree.js";

/**
 * Where a writing run stages its files inside the output folder. The run writes every new file
 * there, then the journal (which staged file goes where, which files go away): its commit point.
 * Only then does it rename files into place and remove stale ones. A run killed before the journal
 * left the output untouched; one killed after it is completed by the next run, so the output never
 * mixes two runs and no temporary file outlives the next run.
 */
export const RUN_FOLDER = ".generated-run";
const JOURNAL = "journal";

interface Journal {
  /** Staged file name → path in the output folder. */
  moves: [string, string][];
  /** Paths in the output folder to remove. */
  removes: string[];
}

export interface FileToWrite {
  path: string;
  text: string;
}

/** Writes `writes` and removes `removes` (all vetted by the caller) as one run that the next run can complete. */
export async function applyRun(out: string, writes: readonly FileToWrite[], removes: readonly string[]): Promise<void> {
  await stage(out, writes, removes);
  complete(out, true);
}

/** Whether a killed run left its run folder in `out`. */
export function interruptedRun(out: string): boolean {
  return lstatOrUndefined(join(out, RUN_FOLDER)) !== undefined;
}

/**
 * Completes the run a kill interrupted (or drops its staged files if it had not committed). Called
 * under the output's lock (outputLock.ts), so a run folder found here is no live run's.
 */
export function completeInterruptedRun(out: string): void {
  const run = join(out, RUN_FOLDER);
  const stats = lstatOrUndefined(run);
  if (stats === undefined) return;
  if (!stats.isDirectory()) {
    throw new GeneratorError(
      { file: run },
      "is not the generator's run folder (it is a link or a file)",
      `remove it: the generator keeps the files of a run in progress under ${RUN_FOLDER}`,
    );
  }
  complete(out, false);
}

/**
 * Staged files are spread over this many folders and written as many at once: creating a file
 * holds its folder's lock, so files created in one folder are created one after another whatever
 * the threads, while those of different folders are created side by side.
 */
const STAGING_FOLDERS = 8;

/** Where the `index`-th staged file goes, relative to the run folder. */
function stagedName(index: number): string {
  return `${index % STAGING_FOLDERS}/${index}`;
}

async function stage(out: string, writes: readonly FileToWrite[], removes: readonly string[]): Promise<void> {
  const made = makeOutputFolder(out);
  const run = join(out, RUN_FOLDER);
  try {
    mkdirSync(run);
  } catch (error) {
    removeFolders(made);
    throw cannotWrite(out, run, error);
  }
  try {
    for (let folder = 0; folder < Math.min(STAGING_FOLDERS, writes.length); folder++)
      mkdirSync(join(run, String(folder)));
    // Every write settles before the journal is written or the folder removed; the first failure in
    // file order is the one reported, however the writes interleaved.
    const throttle = new Throttle(STAGING_FOLDERS);
    const written = await Promise.allSettled(
      writes.map(({ text }, index) => throttle.run(() => writeFile(join(run, stagedName(index)), text))),
    );
    const failed = written.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    if (failed) throw failed.reason;
    const moves = writes.map(({ path }, index): [string, string] => [stagedName(index), path]);
    writeFileSync(join(run, `${JOURNAL}.tmp`), JSON.stringify({ moves, removes: [...removes] } satisfies Journal));
    renameSync(join(run, `${JOURNAL}.tmp`), join(run, JOURNAL));
  } catch (error) {
    rmSync(run, { recursive: true, force: true });
    removeFolders(made);
    throw cannotWrite(out, run, error);
  }
}

/**
 * Applies the journal, if the run got that far; every step can be repeated after a kill.
 * `everyStaged`: the run staged its files just now, so none has been moved yet.
 */
function complete(out: string, everyStaged: boolean): void {
  const run = join(out, RUN_FOLDER);
  const journal = readJournal(run);
  if (journal !== undefined) {
    const tree = new OutputTree(out);
    for (const [staged, path] of journal.moves) {
      if (!everyStaged && !existsSync(join(run, staged))) continue; // moved before the kill
      const entry = tree.entry(path);
      if (entry.kind === "blocked") throw new GeneratorError({ file: entry.at }, entry.problem, REMOVE_IT);
      tree.makeParents(path);
      renameSync(join(run, staged), join(out, path));
      tree.placed(path);
    }
    for (const path of journal.removes) {
      if (tree.entry(path).kind !== "file") continue; // removed before the kill
      rmSync(join(out, path));
      tree.removeEmptyParents(path);
    }
  }
  rmSync(run, { recursive: true, force: true });
}

/** The fix for a link, or a file where the SDK has a folder, inside the output folder. */
export const REMOVE_IT = "remove it, or choose another --out: the generator never writes or deletes through it";

function readJournal(run: string): Journal | undefined {
  const text = readOrUndefined(join(run, JOURNAL));
  if (text === undefined) return undefined;
  try {
    const journal = JSON.parse(text) as Journal;
    // A staged file's name is `<folder>/<index>`, or `<index>` as earlier versions staged it.
    const staged = journal.moves.every(([name]) => /^(\d+\/)?\d+$/.test(name));
    if (staged && journal.removes.every((path) => typeof path === "string")) return journal;
  } catch {
    // reported below
  }
  throw new GeneratorError(
    { file: join(run, JOURNAL) },
    "is not a journal the generator wrote",
    `remove ${run} and check the output folder, then run again`,
  );
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
