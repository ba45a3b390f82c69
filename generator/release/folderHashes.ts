import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { compareText } from "../util/ordering.js";
import {
  compareWithLock,
  lockText,
  SAFE_FILE_NAME,
  SPECS_FOLDER,
  type FileDifference,
  type ReleaseLock,
} from "./lock.js";

/**
 * Beside the fetched folder (git-ignored): which lock the folder was fetched for, and each file's size,
 * modification time, inode and sha256 then. A file whose size, time and inode still match is not read
 * again, so checking the folder before every run costs a stat per file.
 */
export const STAMP_FILE = "specs/.twilio-oai.stamp";

interface FileStamp {
  name: string;
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

interface Stamp {
  /** The sha256 of the lock the folder was fetched for (its text as lockText writes it). */
  lock: string;
  tag: string;
  files: Map<string, FileStamp>;
}

export interface FolderHashes {
  /** Spec file name -> sha256. */
  hashes: Map<string, string>;
  stamps: FileStamp[];
  /** What is not a plain spec file: a subfolder, a link, a dot file. */
  foreign: string[];
  /** Files read and hashed (the others' hashes came from the stamp). */
  hashed: number;
}

/** The state of the fetched folder against the lock. */
export type LockedFolder =
  | { status: "missing" }
  | { status: "locked"; hashed: number }
  /** Exactly as fetched for another lock: the lock moved since (a pull, a checkout). */
  | { status: "lock moved"; fetchedTag: string }
  /** Files edited, added or removed since it was fetched (or it was never fetched by us). */
  | { status: "edited"; differences: FileDifference[]; foreign: string[] };

export function checkLockedFolder(root: string, lock: ReleaseLock): LockedFolder {
  const folder = join(root, SPECS_FOLDER);
  if (!existsSync(folder)) return { status: "missing" };
  const stamp = readStamp(root);
  const current = hashFolder(folder, stamp);
  const differences = compareWithLock(current.hashes, lock.files);
  const digest = lockDigest(lock);
  if (differences.length === 0 && current.foreign.length === 0) {
    if (!stamp || stamp.lock !== digest || current.hashed > 0) writeStamp(root, lock, current.stamps);
    return { status: "locked", hashed: current.hashed };
  }
  const asFetched = stamp !== undefined && current.foreign.length === 0 && sameHashes(current.hashes, stamp.files);
  if (asFetched && stamp.lock !== digest) return { status: "lock moved", fetchedTag: stamp.tag };
  return { status: "edited", differences, foreign: current.foreign };
}

/** Records the folder as fetched for `lock`, its files having the given hashes. */
export function stampFolder(root: string, lock: ReleaseLock, hashes: ReadonlyMap<string, string>): void {
  const folder = join(root, SPECS_FOLDER);
  const stamps = [...hashes].map(([name, sha256]) => fileStamp(folder, name, sha256));
  writeStamp(root, lock, stamps);
}

export function lockDigest(lock: ReleaseLock): string {
  return createHash("sha256").update(lockText(lock)).digest("hex");
}

/** The sha256 of a file, read a piece at a time. */
export function sha256File(path: string): string {
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(2 ** 20);
  const descriptor = openSync(path, "r");
  try {
    for (let read; (read = readSync(descriptor, buffer, 0, buffer.length, null)) > 0;) {
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    closeSync(descriptor);
  }
  return hash.digest("hex");
}

function hashFolder(folder: string, stamp: Stamp | undefined): FolderHashes {
  const result: FolderHashes = { hashes: new Map(), stamps: [], foreign: [], hashed: 0 };
  for (const name of readdirSync(folder).sort(compareText)) {
    const stat = lstatSync(join(folder, name));
    if (!stat.isFile() || !SAFE_FILE_NAME.test(name)) {
      result.foreign.push(name);
      continue;
    }
    const known = stamp?.files.get(name);
    const trusted = known && known.size === stat.size && known.mtimeMs === stat.mtimeMs && known.ino === stat.ino;
    const sha256 = trusted ? known.sha256 : sha256File(join(folder, name));
    if (!trusted) result.hashed++;
    result.hashes.set(name, sha256);
    result.stamps.push({ name, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, sha256 });
  }
  return result;
}

function fileStamp(folder: string, name: string, sha256: string): FileStamp {
  const { size, mtimeMs, ino } = lstatSync(join(folder, name));
  return { name, size, mtimeMs, ino, sha256 };
}

function sameHashes(hashes: ReadonlyMap<string, string>, stamped: ReadonlyMap<string, FileStamp>): boolean {
  return hashes.size === stamped.size && [...hashes].every(([name, sha256]) => stamped.get(name)?.sha256 === sha256);
}

/** The stamp, or undefined when there is none or it is not one (then every file is hashed). */
function readStamp(root: string): Stamp | undefined {
  try {
    const data = JSON.parse(readFileSync(join(root, STAMP_FILE), "utf8")) as Record<string, unknown>;
    if (typeof data.lock !== "string" || typeof data.tag !== "string" || !Array.isArray(data.files)) return undefined;
    const files = new Map<string, FileStamp>();
    for (const file of data.files as Partial<FileStamp>[]) {
      const numbers = [file.size, file.mtimeMs, file.ino].every((value) => typeof value === "number");
      if (typeof file.name !== "string" || typeof file.sha256 !== "string" || !numbers) return undefined;
      files.set(file.name, file as FileStamp);
    }
    return { lock: data.lock, tag: data.tag, files };
  } catch {
    return undefined;
  }
}

/** Written by rename, so a reader never sees half of it. */
function writeStamp(root: string, lock: ReleaseLock, stamps: FileStamp[]): void {
  const file = join(root, STAMP_FILE);
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, JSON.stringify({ lock: lockDigest(lock), tag: lock.tag, files: stamps }) + "\n");
  renameSync(temporary, file);
}
