/**
 * The emit stage. Takes the rendered files and the output folder; gives the changes against what is
 * there (and their diffs, when checking), and writes them atomically, journalled, removing files
 * that an earlier run wrote and this one no longer does.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { contentHash } from "../util/contentHash.js";
import { firstOf, GeneratorError } from "../util/diagnostics.js";
import { compareText } from "../util/ordering.js";
import type { RenderedFile } from "../render/renderFiles.js";
import { LOCK, lockPresent } from "./outputLock.js";
import { isPlainPath, OutputTree } from "./outputTree.js";
import { applyRun, interruptedRun, REMOVE_IT, RUN_FOLDER } from "./runJournal.js";

/** Lists the files the generator wrote last time: only those may ever be replaced or removed. */
export const MANIFEST = ".generated-files";

export interface OutputChanges {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** A killed run left its staged files (completed by the next writing run). */
  interrupted: boolean;
  /** The first differing files with their texts (changed files first), so `--check` can show what drifted. */
  differences?: FileDifference[];
}

/** A file that differs: its text on disk and the text the generator would write (`undefined`: no file). */
export interface FileDifference {
  path: string;
  before?: string;
  after?: string;
}

/** How many differing files `outputDifferences` keeps the texts of. */
const DIFFERENCES_KEPT = 3;

/** Compares the files to emit with what `out` holds now; a link or folder in a file's place counts as changed. */
export function compareOutput(out: string, files: readonly RenderedFile[]): OutputChanges {
  const tree = new OutputTree(out);
  const changes: OutputChanges = {
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
    interrupted: interruptedRun(out),
  };
  const emitted = new Set(files.map((file) => file.path));
  for (const file of files) {
    const text = readText(tree, file.path);
    if (text === undefined && tree.entry(file.path).kind === "missing") changes.added.push(file.path);
    else if (text !== file.text) changes.changed.push(file.path);
    else changes.unchanged++;
  }
  changes.removed = previousManifest(out).filter((path) => !emitted.has(path) && tree.entry(path).kind !== "missing");
  return changes;
}

/** The texts of the first few differing files, for `--check` to show. */
export function outputDifferences(
  out: string,
  files: readonly RenderedFile[],
  changes: OutputChanges,
  incidental?: RegExp,
): FileDifference[] {
  const tree = new OutputTree(out);
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const differences = [...changes.changed, ...changes.added, ...changes.removed].map((path) => ({
    path,
    before: readText(tree, path),
    after: texts.get(path),
  }));
  // Files whose only difference is `incidental` (a version stamp) come last: their diffs tell the least.
  const onlyIncidental = ({ before, after }: FileDifference) =>
    incidental !== undefined &&
    before !== undefined &&
    after !== undefined &&
    before.replace(incidental, "") === after.replace(incidental, "");
  const telling = differences.filter((difference) => !onlyIncidental(difference));
  return [...telling, ...differences.filter(onlyIncidental)].slice(0, DIFFERENCES_KEPT);
}

/**
 * Writes the changed files and removes the stale ones the previous run wrote, as one run that a
 * kill cannot leave half done (runJournal.ts). Refuses, before writing anything, to go through a
 * link inside `out`, and to replace a file the previous run did not write unless `force`.
 */
export async function writeOutput(
  out: string,
  files: readonly RenderedFile[],
  changes: OutputChanges,
  force: boolean,
): Promise<void> {
  const pending = [...changes.added, ...changes.changed];
  refuseBlocked(out, [...pending, ...changes.removed, MANIFEST]);
  if (!force) {
    refuseForeign(out, changes.changed);
    refuseUnclaimedFolder(out);
  }
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const writes = pending.map((path) => ({ path, text: texts.get(path)! }));
  const manifest = [...texts.keys()].sort(compareText).join("\n") + "\n";
  if (readText(new OutputTree(out), MANIFEST) !== manifest) writes.push({ path: MANIFEST, text: manifest });
  if (writes.length > 0 || changes.removed.length > 0) await applyRun(out, writes, changes.removed);
}

function refuseBlocked(out: string, paths: readonly string[]): void {
  const tree = new OutputTree(out);
  for (const path of paths) {
    const entry = tree.entry(path);
    if (entry.kind === "blocked") {
      throw new GeneratorError({ file: entry.at }, `${entry.problem} (the SDK writes or removes ${path})`, REMOVE_IT);
    }
  }
}

/** Files the previous run did not write are the user's: listed, they stop the run. */
function refuseForeign(out: string, changed: readonly string[]): void {
  const written = new Set(previousManifest(out));
  const foreign = changed.filter((path) => !written.has(path));
  if (foreign.length === 0) return;
  throw new GeneratorError(
    { file: out },
    `holds ${foreign.length} file(s) that the SDK would replace but no previous run wrote (${MANIFEST} does not list them):${listing(foreign)}`,
    "move them away or choose another --out; or pass --force to replace them",
  );
}

const FOREIGN_SHOWN = 10;

/** The first paths, one an indented line, then how many more. */
function listing(paths: readonly string[]): string {
  return firstOf(paths, FOREIGN_SHOWN)
    .map((path) => `\n    ${path}`)
    .join("");
}

/**
 * A folder that holds something but that no run wrote into (no manifest) is the user's: writing the
 * SDK in among their sources would mix the two for good, so a mistyped `--out` stops here.
 */
function refuseUnclaimedFolder(out: string): void {
  if (!existsSync(out) || new OutputTree(out).entry(MANIFEST).kind !== "missing") return;
  const own = readdirSync(out).filter((name) => name !== LOCK && !name.startsWith(`${LOCK}.`) && name !== RUN_FOLDER);
  if (own.length === 0) return;
  throw new GeneratorError(
    { file: out },
    `is not empty, and no previous run wrote into it (it has no ${MANIFEST}): the SDK would be written in among:${listing(own.sort(compareText))}`,
    "choose a new or empty folder for --out; or pass --force to write the SDK there anyway",
  );
}

/** The text of a regular file inside `out`, never read through a link; undefined for anything else. */
function readText(tree: OutputTree, path: string): string | undefined {
  return tree.entry(path).kind === "file" ? readFileSync(join(tree.out, path), "utf8") : undefined;
}

function previousManifest(out: string): string[] {
  const lines = readText(new OutputTree(out), MANIFEST)?.split("\n") ?? [];
  lines.forEach((line, index) => {
    if (line !== "" && !isPlainPath(line)) {
      throw new GeneratorError(
        { file: join(out, MANIFEST), line: index + 1 },
        `lists ${JSON.stringify(line)}, which is not a path inside ${out}`,
        `delete ${MANIFEST} if it was edited by hand (the next run then treats existing files as yours)`,
      );
    }
  });
  return lines.filter((line) => line !== "");
}

/**
 * Whether `out` holds exactly these files (path → content hash), the manifest lists them, and no
 * run is pending or holds the lock (a killed run's lock is for a writing run to clear).
 */
export function outputMatches(out: string, hashes: Readonly<Record<string, string>>): boolean {
  const paths = Object.keys(hashes).sort(compareText);
  if (interruptedRun(out) || lockPresent(out) || previousManifest(out).join("\n") !== paths.join("\n")) return false;
  const tree = new OutputTree(out);
  return paths.every((path) => {
    const text = readText(tree, path);
    return text !== undefined && contentHash(text) === hashes[path];
  });
}
