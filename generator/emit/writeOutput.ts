import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { contentHash } from "../cache/contentCache.js";
import { GeneratorError } from "../diagnostics.js";
import { compareText } from "../ordering.js";
import type { RenderedFile } from "../render/renderFiles.js";

/** Lists the files the generator wrote last time: only those may ever be removed as stale. */
export const MANIFEST = ".generated-files";

export interface OutputChanges {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** The first differing files with their texts (changed files first), so `--check` can show what drifted. */
  differences?: FileDifference[];
}

/** A file that differs: its text on disk and the text the generator would write (`undefined`: no file). */
export interface FileDifference {
  path: string;
  before?: string;
  after?: string;
}

/** How many differing files `compareOutput` keeps the texts of. */
const DIFFERENCES_KEPT = 3;

/** Compares the files to emit with what `out` holds now. */
export function compareOutput(out: string, files: readonly RenderedFile[]): OutputChanges {
  const changes: OutputChanges = { added: [], changed: [], removed: [], unchanged: 0 };
  const emitted = new Set(files.map((file) => file.path));
  for (const file of files) {
    const target = inside(out, file.path);
    if (!existsSync(target)) changes.added.push(file.path);
    else if (readFileSync(target, "utf8") !== file.text) changes.changed.push(file.path);
    else changes.unchanged++;
  }
  changes.removed = previousManifest(out).filter((path) => !emitted.has(path) && existsSync(inside(out, path)));
  const texts = new Map(files.map((file) => [file.path, file.text]));
  changes.differences = [...changes.changed, ...changes.added, ...changes.removed]
    .slice(0, DIFFERENCES_KEPT)
    .map((path) => ({
      path,
      before: existsSync(inside(out, path)) ? readFileSync(inside(out, path), "utf8") : undefined,
      after: texts.get(path),
    }));
  return changes;
}

/**
 * Writes changed files through temporary siblings and renames (so no file is ever half-written),
 * then removes stale files that the previous run wrote. Nothing outside `out` is touched.
 */
export function writeOutput(out: string, files: readonly RenderedFile[], changes: OutputChanges): void {
  const byPath = new Map(files.map((file) => [file.path, file.text]));
  const pending = [...changes.added, ...changes.changed];
  const folders = new Set<string>();
  const temporary = pending.map((path) => {
    const target = inside(out, path);
    if (!folders.has(dirname(target))) mkdirSync(dirname(target), { recursive: true });
    folders.add(dirname(target));
    const staged = `${target}.tmp-${process.pid}`;
    writeFileSync(staged, byPath.get(path)!);
    return [staged, target] as const;
  });
  for (const [staged, target] of temporary) renameSync(staged, target);
  for (const path of changes.removed) {
    rmSync(inside(out, path));
    removeEmptyFolders(out, dirname(inside(out, path)));
  }
  const manifest = [...byPath.keys()].sort(compareText).join("\n") + "\n";
  if (!existsSync(join(out, MANIFEST)) || readFileSync(join(out, MANIFEST), "utf8") !== manifest) {
    writeFileSync(join(out, MANIFEST), manifest);
  }
}

function previousManifest(out: string): string[] {
  const file = join(out, MANIFEST);
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line !== "");
}

function inside(out: string, path: string): string {
  const root = resolve(out);
  const target = resolve(root, path);
  if (!target.startsWith(root + sep)) {
    throw new GeneratorError(
      { file: join(out, MANIFEST) },
      `refusing to touch ${path}: it is outside ${out}`,
      `delete ${MANIFEST} if it was edited by hand`,
    );
  }
  return target;
}

function removeEmptyFolders(out: string, folder: string): void {
  const root = resolve(out);
  for (
    let current = folder;
    current.startsWith(root + sep) && readdirSync(current).length === 0;
    current = dirname(current)
  ) {
    rmdirSync(current);
  }
}

/** Whether `out` holds exactly these files (path → content hash) and the manifest lists them. */
export function outputMatches(out: string, hashes: Readonly<Record<string, string>>): boolean {
  const paths = Object.keys(hashes).sort(compareText);
  if (previousManifest(out).join("\n") !== paths.join("\n")) return false;
  return paths.every((path) => {
    try {
      return contentHash(readFileSync(inside(out, path), "utf8")) === hashes[path];
    } catch {
      return false;
    }
  });
}
