import { createHash } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ReadEntry } from "tar";
import { quoted } from "../util/diagnostics.js";
import { formatBytes, type ArchiveLimits } from "./limits.js";
import { COMMIT, SAFE_FILE_NAME } from "./lock.js";

/** A damaged or unsafe archive; the message names the entry and what is wrong with it. */
export class ArchiveError extends Error {}

export interface SpecFolderRequest {
  /** The spec folder, e.g. `spec/yaml`: the files of its shallowest copy in the archive are kept. */
  folder: string;
  /** Keep the files of exactly `folder` (an npm mirror names the full path) rather than of the shallowest. */
  exact: boolean;
  /** An empty folder of our own, where kept files are written as they arrive. */
  destination: string;
  limits: ArchiveLimits;
}

export interface SpecFolderContent {
  /** Spec file name -> sha256 of its bytes, hex. */
  hashes: Map<string, string>;
  /** The commit the archive records (`git archive` puts it in the pax global comment), if any. */
  commit?: string;
}

/** The spec folder chosen so far: the shallowest seen, and the first problem among its entries. */
interface SpecFolder {
  prefix: string;
  depth: number;
  problem?: string;
}

/** Folders listed in a "several spec folders" error. */
const LISTED = 10;

/**
 * Decides, entry by entry as node-tar parses them, what an archive's spec folder holds, and writes its
 * files to the destination as they arrive: one file in memory at a time, and every limit checked from
 * the entry's header, before its data is read. Any entry with an absolute or climbing path fails the
 * whole archive; a link, device or subfolder in the spec folder fails it once that folder is chosen.
 */
export class SpecEntries {
  private entries = 0;
  private chosen?: SpecFolder;
  /** Other spec folders as shallow as the chosen one. */
  private readonly rivals = new Set<string>();
  private readonly hashes = new Map<string, string>();
  /** The chosen folder's file names so far. */
  private readonly names = new Set<string>();
  private specBytes = 0;
  private commit?: string;
  private lastPath?: string;
  /** The entries kept, with the file name each is written to. */
  private readonly kept = new WeakMap<ReadEntry, { prefix: string; name: string }>();
  private readonly seen = new WeakSet<ReadEntry>();

  constructor(private readonly request: SpecFolderRequest) {}

  /** node-tar's filter: true for an entry to keep. Throws an ArchiveError to stop at once. */
  filter(entry: ReadEntry): boolean {
    this.seen.add(entry);
    this.count();
    const path = safePath(entry.path);
    this.lastPath = path;
    const comment = entry.globalExtended?.comment;
    if (comment !== undefined) this.commit = comment;
    const prefix = this.specFolderOf(path);
    if (prefix === undefined || !this.choose(prefix)) return false;
    const name = path.slice(prefix.length);
    if (name === "" && entry.type === "Directory") return false;
    const problem = this.problemOf(entry, path, name);
    if (problem !== undefined) {
      this.chosen!.problem ??= problem;
      return false;
    }
    this.checkSize(entry, path);
    this.names.add(name);
    this.kept.set(entry, { prefix, name });
    return true;
  }

  /** node-tar's onReadEntry, for each kept entry: its data is written to the destination when complete. */
  keep(entry: ReadEntry): void {
    const target = this.kept.get(entry)!;
    const data = Buffer.allocUnsafe(entry.size);
    let length = 0;
    entry.on("data", (chunk: Buffer) => (length += chunk.copy(data, length)));
    entry.on("end", () => {
      if (this.chosen?.prefix !== target.prefix) return; // a shallower spec folder came first
      const content = data.subarray(0, length);
      writeFileSync(join(this.request.destination, target.name), content, { flag: "wx" });
      this.hashes.set(target.name, createHash("sha256").update(content).digest("hex"));
    });
  }

  /** Entries node-tar skips by itself: metadata over the limit, and entry types it does not know. */
  ignored(entry: ReadEntry): void {
    if (entry.meta) {
      const after = this.lastPath === undefined ? "at the start" : `after ${quoted(this.lastPath)}`;
      throw new ArchiveError(
        `${metadataKind(entry.type)} ${after} holds ${formatBytes(entry.size)}, over the limit of ` +
          `${formatBytes(this.request.limits.metaBytes)} for metadata; refused`,
      );
    }
    if (!this.seen.has(entry)) this.filter(entry); // never kept: an unknown type is a problem in the spec folder
  }

  /** Counts an entry, metadata headers included. */
  count(): void {
    if (++this.entries > this.request.limits.entries) {
      throw new ArchiveError(
        `more than ${this.request.limits.entries} entries (a release archive has a few hundred); refused`,
      );
    }
  }

  /** The spec folder's files, once the whole archive is read. */
  result(): SpecFolderContent {
    const { folder } = this.request;
    if (!this.chosen) throw new ArchiveError(`no ${folder}/ folder in the archive`);
    if (this.rivals.size > 0) {
      const folders = [this.chosen.prefix, ...this.rivals];
      const more = folders.length > LISTED ? ` … and ${folders.length - LISTED} more` : "";
      throw new ArchiveError(
        `${folders.length} ${folder}/ folders in the archive, none shallower: ${folders.slice(0, LISTED).join(", ")}${more}`,
      );
    }
    if (this.chosen.problem !== undefined) throw new ArchiveError(this.chosen.problem);
    const commit = this.commit !== undefined && COMMIT.test(this.commit) ? this.commit : undefined;
    return { hashes: this.hashes, ...(commit ? { commit } : {}) };
  }

  /** The part of `path` up to and including its spec folder (its first one), or undefined when it has none. */
  private specFolderOf(path: string): string | undefined {
    const { folder, exact } = this.request;
    if (exact) return `${path}/`.startsWith(`${folder}/`) ? `${folder}/` : undefined;
    const marker = `/${folder}/`;
    const at = `/${path}/`.indexOf(marker);
    return at < 0 ? undefined : `/${path}/`.slice(1, at + marker.length);
  }

  /** Whether `prefix` is the shallowest spec folder so far; a shallower one drops the files of the one before. */
  private choose(prefix: string): boolean {
    if (this.chosen?.prefix === prefix) return true;
    const depth = prefix.split("/").length;
    if (this.chosen && depth > this.chosen.depth) return false;
    if (this.chosen && depth === this.chosen.depth) {
      this.rivals.add(prefix);
      return false;
    }
    for (const name of this.hashes.keys()) rmSync(join(this.request.destination, name));
    this.hashes.clear();
    this.names.clear();
    this.rivals.clear();
    this.specBytes = 0;
    this.chosen = { prefix, depth };
    return true;
  }

  private problemOf(entry: ReadEntry, path: string, name: string): string | undefined {
    const kind = entryKind(entry.type);
    if (kind !== "file") return `${shown(path)}: a ${kind} entry where spec files are expected; refused`;
    if (!SAFE_FILE_NAME.test(name)) {
      return `${shown(path)}: not a plain file name in the spec folder (a subfolder or a dot file); refused`;
    }
    if (this.names.has(name)) return `${shown(path)}: a second entry for the same spec file; refused`;
    return undefined;
  }

  /** Sizes stop the read at once, from the header: the data of a too large file is never read. */
  private checkSize(entry: ReadEntry, path: string): void {
    const { specFileBytes, specBytes } = this.request.limits;
    if (entry.size > specFileBytes) {
      throw new ArchiveError(
        `${shown(path)}: ${formatBytes(entry.size)}, over the limit of ${formatBytes(specFileBytes)} for one spec file; refused`,
      );
    }
    this.specBytes += entry.size;
    if (this.specBytes > specBytes) {
      throw new ArchiveError(
        `${shown(path)}: the spec files pass ${formatBytes(specBytes)} together here, over the limit for a release; refused`,
      );
    }
  }
}

/** An entry's path as a message shows it: control characters escaped, a long one shortened. */
function shown(path: string): string {
  const escaped = path.replace(/[\u0000-\u001f\u007f]/g, (character) => JSON.stringify(character).slice(1, -1));
  return escaped.length <= 200 ? escaped : `${escaped.slice(0, 200)}… (${escaped.length} characters)`;
}

/** The entry's path without `./` or a trailing slash; absolute paths and `..` are refused. */
function safePath(raw: string): string {
  const path = raw.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  const segments = path.split("/");
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path) || path.includes("\\") || segments.includes("..")) {
    throw new ArchiveError(`unsafe entry ${quoted(raw)}: absolute, or climbing out with ..; refused`);
  }
  return path;
}

function entryKind(type: string): "file" | "directory" | "link" | "special" {
  if (type === "File" || type === "OldFile" || type === "ContiguousFile") return "file";
  if (type === "Directory") return "directory";
  if (type === "Link" || type === "SymbolicLink") return "link";
  return "special";
}

function metadataKind(type: string): string {
  if (type === "NextFileHasLongPath" || type === "OldGnuLongPath") return "a GNU long-name header (L)";
  if (type === "NextFileHasLongLinkpath") return "a GNU long-link header (K)";
  if (type === "GlobalExtendedHeader") return "a pax global header (g)";
  return "a pax extended header (x)";
}
