/**
 * Wraps a stage that runs once per group of its inputs (the plan, once per SDK domain) from outside,
 * and keeps each group's output together with the texts of the files it renders to: a group whose
 * key is unchanged skips the stage and the render of its files, and reads them back in one entry.
 * The caller keys a group by the content its output depends on (the group's spec texts, through
 * their hashes, and the package identity); the generator fingerprint covers the code.
 *
 * Each kept file also records the key of what it was rendered from (its view): when a group runs
 * again, the files whose view did not change take their text from the group's last entry instead
 * of being rendered. The files that belong to no group (the SDK's root files) are kept the same
 * way, in one entry that each run replaces. So a run writes one entry per group that ran, not one
 * per file: on some file systems each new file costs as much as a millisecond.
 */
import { compareText } from "../util/ordering.js";
import { contentHash } from "../util/contentHash.js";
import type { ContentCache } from "./contentCache.js";

export interface GroupFile {
  path: string;
  text: string;
}

/** A file as an entry keeps it: its text and the key of what it was rendered from. */
export interface SourcedFile extends GroupFile {
  source: string;
}

/** What a group's entry holds: the group's output without its files, and the files. */
interface GroupEntry<Summary> {
  summary: Summary;
  files: SourcedFile[];
}

/** A group's output: a summary the stage goes on with, and the files it plans. */
type GroupOutput<Summary> = Summary & { files: readonly { path: string }[] };

export class GroupCache<Summary extends object> {
  /** The files of the groups answered from the cache, which the stage's output left out. */
  private readonly keptFiles: GroupFile[] = [];
  /** The groups that ran: their names, entry keys and summaries, and the paths of their files. */
  private readonly ran: { name: string; key: string; summary: Summary; paths: string[] }[] = [];
  /** Texts an earlier run rendered, by source key: of the groups that run again, and of the files of no group. */
  private readonly earlier = new Map<string, string>();

  constructor(
    private readonly cache: ContentCache,
    private readonly stage: string,
  ) {
    this.remember(readFiles(cache.read(this.restKey())));
  }

  /**
   * The group's output: from the cache with no files (`complete` adds their texts), or `run`'s.
   * `key` is everything the group's output depends on, as text (or hashes); `name` names the group
   * whatever its content (the domain's host), to find its last entry.
   */
  output<Output extends GroupOutput<Summary>>(key: string, name: string, run: () => Output): Output {
    const entryKey = contentHash(this.stage, key);
    const kept = readEntry<Summary>(this.cache.read(entryKey));
    if (kept) {
      this.keptFiles.push(...kept.files.map(({ path, text }) => ({ path, text })));
      return { ...kept.summary, files: [] } as unknown as Output;
    }
    const last = this.cache.read(this.lastKey(name));
    if (last !== undefined && /^[0-9a-f]{64}$/.test(last))
      this.remember(readEntry<Summary>(this.cache.read(last))?.files);
    const output = run();
    const { files, ...summary } = output;
    const paths = files.map((file) => file.path);
    this.ran.push({ name, key: entryKey, summary: summary as unknown as Summary, paths });
    return output;
  }

  /** The text an earlier run rendered from this source, if a group that ran again or the files of no group had it. */
  earlierText(source: string): string | undefined {
    return this.earlier.get(source);
  }

  /**
   * Every file in path order: `rendered` (the files the stage's output planned, with the keys of
   * what they were rendered from) and the files of the groups answered from the cache. Keeps the
   * groups that ran, with their texts, and the files of no group.
   */
  complete(rendered: readonly SourcedFile[]): GroupFile[] {
    if (this.cache.enabled) this.keep(rendered);
    const files = [...rendered.map(({ path, text }) => ({ path, text })), ...this.keptFiles];
    return files.sort((a, b) => compareText(a.path, b.path));
  }

  private keep(rendered: readonly SourcedFile[]): void {
    const byPath = new Map(rendered.map((file) => [file.path, file]));
    const grouped = new Set<string>();
    for (const { name, key, summary, paths } of this.ran) {
      const files = paths.map((path) => byPath.get(path)!);
      paths.forEach((path) => grouped.add(path));
      this.cache.write(key, JSON.stringify({ summary, files: files.map(sourced) } satisfies GroupEntry<Summary>));
      this.cache.write(this.lastKey(name), key);
    }
    const rest = rendered.filter((file) => !grouped.has(file.path)).map(sourced);
    this.cache.write(this.restKey(), JSON.stringify({ files: rest }));
  }

  private remember(files: readonly SourcedFile[] | undefined): void {
    for (const { source, text } of files ?? []) this.earlier.set(source, text);
  }

  /** The entry naming the last entry a group of this name wrote. */
  private lastKey(name: string): string {
    return contentHash(this.stage, "last", name);
  }

  /** The entry of the files that belong to no group, which each run replaces. */
  private restKey(): string {
    return contentHash(this.stage, "rest");
  }
}

/** Only the fields an entry keeps, whatever else the caller's file carries. */
function sourced({ path, text, source }: SourcedFile): SourcedFile {
  return { path, text, source };
}

/** A group's entry as written, or undefined for one that is missing or damaged (computed again). */
function readEntry<Summary>(text: string | undefined): GroupEntry<Summary> | undefined {
  const entry = parsed(text) as GroupEntry<Summary> | undefined;
  return typeof entry?.summary === "object" && wholeFiles(entry.files) ? entry : undefined;
}

/** The files of the entry of no group's files, or undefined for one that is missing or damaged. */
function readFiles(text: string | undefined): SourcedFile[] | undefined {
  const entry = parsed(text) as { files?: unknown } | undefined;
  return wholeFiles(entry?.files) ? entry.files : undefined;
}

function wholeFiles(files: unknown): files is SourcedFile[] {
  return (
    Array.isArray(files) &&
    files.every(
      (file) => typeof file?.path === "string" && typeof file.text === "string" && typeof file.source === "string",
    )
  );
}

function parsed(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
