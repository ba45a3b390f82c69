import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isRunning } from "../util/running.js";

/**
 * Marks a folder as the cache's own (a Cache Directory Tag, which backup tools also honour): the
 * cache removes only folders that carry it, never anything else in `--cache-dir`.
 */
const MARKER = "CACHEDIR.TAG";
const MARKER_TEXT =
  "Signature: 8a477f597d28d172789f06886806bc55\n# A cache folder of twilio-etag-sdk-generator: it may be deleted at any time.\n";
/** A generation folder's name: the start of the generator fingerprint. */
const GENERATION = /^[0-9a-f]{16}$/;
/** Where an entry is written before it is renamed into place; one file per process at a time. */
const STAGING = "staging";

/**
 * Text entries addressed by content hashes, in one marked folder per generator fingerprint: a
 * changed generator never reads entries an older one wrote. The cache only saves time; a missing,
 * unreadable or unwritable entry means "compute it again", never an error.
 */
export class ContentCache {
  private readonly generation: string;
  private readonly folder: string | undefined;
  /** Whether the generation folder is the cache's own (made and marked by it); decided on the first write. */
  private owned: boolean | undefined;
  /** Fan-out folders known to exist: creating each once saves a system call per entry. */
  private readonly madeFolders = new Set<string>();

  constructor(
    private readonly root: string | undefined,
    fingerprint: string,
  ) {
    this.generation = fingerprint.slice(0, 16);
    this.folder = root === undefined ? undefined : join(root, this.generation);
  }

  /** Whether the cache has a folder (`--no-cache` gives none): without one, nothing is worth keeping. */
  get enabled(): boolean {
    return this.folder !== undefined;
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
    if (this.folder === undefined || !this.claim()) return;
    const target = this.path(key);
    const staged = join(this.folder, STAGING, String(process.pid));
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

  /**
   * Removes the marked folders of other generator fingerprints, so the cache does not grow with
   * every upgrade, and entries that killed runs left staged.
   */
  pruneOtherGenerators(): void {
    if (this.root === undefined) return;
    for (const name of listOrEmpty(this.root)) {
      const folder = join(this.root, name);
      if (name !== this.generation && GENERATION.test(name) && isMarked(folder))
        rmSync(folder, { recursive: true, force: true });
    }
    if (!this.owned) return;
    for (const name of listOrEmpty(join(this.folder!, STAGING))) {
      if (name !== String(process.pid) && !isRunning(Number(name)))
        rmSync(join(this.folder!, STAGING, name), { force: true });
    }
  }

  /** Makes and marks the generation folder, or adopts it if it is marked or empty; anything else is not the cache's. */
  private claim(): boolean {
    if (this.owned !== undefined) return this.owned;
    const folder = this.folder!;
    try {
      mkdirSync(folder, { recursive: true });
      if (!lstatSync(folder).isDirectory()) return (this.owned = false);
      if (readdirSync(folder).length === 0) writeFileSync(join(folder, MARKER), MARKER_TEXT);
      mkdirSync(join(folder, STAGING), { recursive: true });
      this.owned = isMarked(folder);
    } catch {
      this.owned = false;
    }
    return this.owned;
  }

  // Two-character fan-out keeps folders small on file systems that slow down with many entries.
  private path(key: string): string {
    return join(this.folder!, key.slice(0, 2), key.slice(2));
  }
}

/** Whether `folder` is a real folder (not a link) holding the cache's marker as a file of its own (not a link). */
function isMarked(folder: string): boolean {
  try {
    const marker = join(folder, MARKER);
    if (!lstatSync(folder).isDirectory() || !lstatSync(marker).isFile()) return false;
    return readFileSync(marker, "utf8") === MARKER_TEXT;
  } catch {
    return false;
  }
}

function listOrEmpty(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
