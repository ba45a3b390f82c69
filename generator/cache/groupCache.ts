/**
 * Wraps a stage that runs once per group of its inputs (the plan, once per SDK domain) from outside,
 * and keeps each group's output together with the texts of the files it renders to: a group whose
 * key is unchanged skips the stage and the render of its files, and reads them back in one entry.
 * The caller keys a group by the content its output depends on (the group's spec texts, through
 * their hashes, and the package identity); the generator fingerprint covers the code.
 */
import { compareText } from "../util/ordering.js";
import { contentHash } from "../util/contentHash.js";
import type { ContentCache } from "./contentCache.js";

export interface GroupFile {
  path: string;
  text: string;
}

/** What an entry holds: the group's output without its files, and the texts of the files. */
interface GroupEntry<Summary> {
  summary: Summary;
  files: GroupFile[];
}

/** A group's output: a summary the stage goes on with, and the files it plans. */
type GroupOutput<Summary> = Summary & { files: readonly { path: string }[] };

export class GroupCache<Summary extends object> {
  /** The files of the groups answered from the cache, which the stage's output left out. */
  private readonly keptFiles: GroupFile[] = [];
  /** The groups that ran: their entry keys and summaries, and the paths of their files. */
  private readonly ran: { key: string; summary: Summary; paths: string[] }[] = [];

  constructor(
    private readonly cache: ContentCache,
    private readonly stage: string,
  ) {}

  /**
   * The group's output: from the cache with no files (`complete` adds their texts), or `run`'s.
   * `key` is everything the group's output depends on, as text (or hashes).
   */
  output<Output extends GroupOutput<Summary>>(key: string, run: () => Output): Output {
    const entryKey = contentHash(this.stage, key);
    const kept = readEntry<Summary>(this.cache.read(entryKey));
    if (kept) {
      this.keptFiles.push(...kept.files);
      return { ...kept.summary, files: [] } as unknown as Output;
    }
    const output = run();
    const { files, ...summary } = output;
    this.ran.push({ key: entryKey, summary: summary as unknown as Summary, paths: files.map((file) => file.path) });
    return output;
  }

  /**
   * Every file in path order: `rendered` (the texts of the files the stage's output planned) and
   * the files of the groups answered from the cache. Keeps the groups that ran, with their texts.
   */
  complete(rendered: readonly GroupFile[]): GroupFile[] {
    const texts = new Map(rendered.map((file) => [file.path, file.text]));
    for (const { key, summary, paths } of this.ran) {
      const files = paths.map((path) => ({ path, text: texts.get(path)! }));
      this.cache.write(key, JSON.stringify({ summary, files } satisfies GroupEntry<Summary>));
    }
    return [...rendered, ...this.keptFiles].sort((a, b) => compareText(a.path, b.path));
  }
}

/** An entry as written, or undefined for one that is missing or damaged (computed again). */
function readEntry<Summary>(text: string | undefined): GroupEntry<Summary> | undefined {
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as GroupEntry<Summary>;
    const whole =
      typeof entry?.summary === "object" &&
      Array.isArray(entry.files) &&
      entry.files.every((file) => typeof file?.path === "string" && typeof file.text === "string");
    return whole ? entry : undefined;
  } catch {
    return undefined;
  }
}
