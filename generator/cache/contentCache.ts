import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isRunning } from "../util/running.js";
import { Throttle } from "../util/throttle.js";

/**
 * Marks a folder as the cache's own (a Cache Directory Tag, which backup tools also honour): the
 * cache removes only folders that carry it, never anything else in `--cache-dir`.
 */
const MARKER = "CACHEDIR.TAG";
const MARKER_TEXT =
  "Signature: 8a477f597d28d172789f06886806bc55\n# A cache folder of twilio-etag-sdk-generator: it may be deleted at any time.\n";
/** A generation folder's name: the start of the generator fingerprint. */
const GENERATION = /^[0-9a-f]{16}$/;
/** Where an entry is written before it is renamed into place: `<pid>-<n>`, the process's n-th entry. */
const STAGING = "staging";
/** How many entries are written at once, while the run goes on. */
const WRITTEN_AT_ONCE = 8;

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
  /** Fan-out folders made or being made: creating each once saves a system call per entry. */
  private readonly madeFolders = new Map<string, Promise<unknown>>();
  private readonly writes = new Throttle(WRITTEN_AT_ONCE);
  private staged = 0;

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

  /**
   * Keeps `text` under `key` in the background (on the thread pool), so the run goes on while it is
   * written; `flush` waits for every write. A write that fails leaves no entry, never an error.
   */
  write(key: string, text: string): void {
    if (this.folder === undefined || !this.claim()) return;
    const target = this.path(key);
    const folder = join(target, "..");
    const staged = join(this.folder, STAGING, `${process.pid}-${this.staged++}`);
    let made = this.madeFolders.get(folder);
    if (made === undefined)
      this.madeFolders.set(folder, (made = mkdir(folder, { recursive: true }).catch(() => undefined)));
    void this.writes.run(async () => {
      try {
        await made;
        await writeFile(staged, text);
        await rename(staged, target);
      } catch {
        await rm(staged, { force: true }).catch(() => undefined);
      }
    });
  }

  /** Resolves once every entry handed to `write` so far is written (or given up). */
  flush(): Promise<void> {
    return this.writes.idle();
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
      const pid = Number(name.split("-")[0]);
      if (pid !== process.pid && !isRunning(pid)) rmSync(join(this.folder!, STAGING, name), { force: true });
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
