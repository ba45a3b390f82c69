import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A SHA-256 of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ. */
export function contentHash(...parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest("hex");
}

/**
 * Text entries addressed by content hashes, in one folder per generator fingerprint: a changed
 * generator never reads entries an older one wrote. The cache only saves time; a missing,
 * unreadable or unwritable entry means "compute it again", never an error.
 */
export class ContentCache {
  private readonly generation: string;
  private readonly folder: string | undefined;
  /** Fan-out folders known to exist: creating each once saves a system call per entry. */
  private readonly madeFolders = new Set<string>();

  constructor(
    private readonly root: string | undefined,
    fingerprint: string,
  ) {
    this.generation = fingerprint.slice(0, 16);
    this.folder = root === undefined ? undefined : join(root, this.generation);
  }

  read(key: string): string | undefined {
    if (this.folder === undefined) return undefined;
    try {
      return readFileSync(this.path(key), "utf8");
    } catch {
      return undefined;
    }
  }

  write(key: string, text: string): void {
    if (this.folder === undefined) return;
    const target = this.path(key);
    const staged = `${target}.tmp-${process.pid}`;
    try {
      const folder = join(target, "..");
      if (!this.madeFolders.has(folder)) mkdirSync(folder, { recursive: true });
      this.madeFolders.add(folder);
      writeFileSync(staged, text);
      renameSync(staged, target);
    } catch {
      rmSync(staged, { force: true });
    }
  }

  /** Removes the entries of other generator fingerprints, so the cache does not grow with every upgrade. */
  pruneOtherGenerators(): void {
    if (this.root === undefined) return;
    let names: string[];
    try {
      names = readdirSync(this.root);
    } catch {
      return;
    }
    for (const name of names) {
      if (name !== this.generation) rmSync(join(this.root, name), { recursive: true, force: true });
    }
  }

  // Two-character fan-out keeps folders small on file systems that slow down with many entries.
  private path(key: string): string {
    return join(this.folder!, key.slice(0, 2), key.slice(2));
  }
}
