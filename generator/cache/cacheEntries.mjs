// @ts-check
// Plain JavaScript on purpose: the cache's writer thread (cacheWriter.mjs) runs it too, and worker
// threads do not inherit the TypeScript loader that runs the CLI.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Where the entry of `key` lives in a generation folder: a two-character fan-out keeps folders
 * small on file systems that slow down with many entries.
 * @param {string} folder
 * @param {string} key
 */
export function entryPath(folder, key) {
  return join(folder, key.slice(0, 2), key.slice(2));
}

/**
 * Writes one entry to `staged` and renames it into place, so that no reader ever sees half an
 * entry; a failure leaves no entry (the cache only saves time). `made` holds the fan-out folders
 * known to exist: creating each once saves a system call per entry.
 * @param {string} folder
 * @param {string} key
 * @param {string | Uint8Array} text
 * @param {string} staged
 * @param {Set<string>} made
 */
export function writeEntry(folder, key, text, staged, made) {
  const target = entryPath(folder, key);
  try {
    const fanOut = join(target, "..");
    if (!made.has(fanOut)) mkdirSync(fanOut, { recursive: true });
    made.add(fanOut);
    writeFileSync(staged, text);
    renameSync(staged, target);
  } catch {
    rmSync(staged, { force: true });
  }
}
