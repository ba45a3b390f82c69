import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";

/**
 * A small reader of gzip-compressed tar archives (ustar, pax and GNU long names), enough for release
 * tarballs from GitHub and npm. Archives are untrusted input: names that are absolute or climb with `..`
 * fail the whole archive, and only the entries the caller asks for are kept in memory.
 */

export type TarEntryKind = "file" | "directory" | "link" | "special";

export interface TarEntry {
  path: string;
  kind: TarEntryKind;
  /** The content, for kept regular files only. */
  data?: Buffer;
}

export interface TarArchive {
  /** The entries whose path the caller asked to keep, in archive order. */
  entries: TarEntry[];
  /** The pax global `comment`: `git archive` records the commit there. */
  comment?: string;
}

export interface TarReadOptions {
  /** Which entries to return (their data is kept for regular files). */
  keep: (path: string) => boolean;
  /** A limit on the decompressed size, against archives that inflate without end. */
  maxBytes: number;
}

/** Thrown for an archive that is damaged or unsafe; the message says what and where. */
export class TarError extends Error {}

const BLOCK = 512;
/** Entries about the next entry (pax `x`, GNU long name `L` and link `K`) or the archive (pax `g`). */
const METADATA = new Set(["x", "g", "L", "K"]);

export async function readTarGz(compressed: Readable, options: TarReadOptions): Promise<TarArchive> {
  // pipeline() hands an error of either stream to the gunzip stream, so reading it rejects.
  const reader = new BlockReader(
    pipeline(compressed, createGunzip(), () => {}),
    options.maxBytes,
  );
  const archive: TarArchive = { entries: [] };
  let longPath: string | undefined;
  let pax: Record<string, string> = {};
  for (;;) {
    const block = await reader.read(BLOCK, true);
    if (block === null || block.every((byte) => byte === 0)) break;
    const header = parseHeader(block, reader.offset - BLOCK);
    const size = pax.size !== undefined ? parseDecimal(pax.size, reader.offset) : header.size;
    if (METADATA.has(header.type)) {
      const data = await reader.read(padded(header.size));
      const text = data!.subarray(0, header.size).toString("utf8");
      // `K`, a long link target, needs nothing: links are refused anyway.
      if (header.type === "L") longPath = text.replace(/\0.*$/s, "");
      else if (header.type === "x") pax = parsePax(text);
      else if (header.type === "g") archive.comment = parsePax(text).comment ?? archive.comment;
      continue;
    }
    const path = safePath(pax.path ?? longPath ?? header.name);
    longPath = undefined;
    pax = {};
    const kind = entryKind(header.type);
    if (!options.keep(path)) {
      await reader.skip(padded(size));
      continue;
    }
    const entry: TarEntry = { path, kind };
    if (kind === "file") entry.data = (await reader.read(padded(size)))!.subarray(0, size);
    else await reader.skip(padded(size));
    archive.entries.push(entry);
  }
  await reader.drain(); // lets gunzip check the stream to its end (a cut download fails here too)
  return archive;
}

interface Header {
  name: string;
  size: number;
  type: string;
}

function parseHeader(block: Buffer, offset: number): Header {
  const stored = parseOctal(block.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  if (stored !== sum) throw new TarError(`not a tar archive, or damaged: bad header checksum at byte ${offset}`);
  const name = cString(block.subarray(0, 100));
  const ustar = block.subarray(257, 263).toString("latin1") === "ustar\0";
  const prefix = ustar ? cString(block.subarray(345, 500)) : "";
  return {
    name: prefix ? `${prefix}/${name}` : name,
    size: parseSize(block.subarray(124, 136)),
    type: String.fromCharCode(block[156]!),
  };
}

function entryKind(type: string): TarEntryKind {
  if (type === "0" || type === "\0" || type === "7") return "file";
  if (type === "5") return "directory";
  if (type === "1" || type === "2") return "link";
  return "special";
}

/** The entry's path without `./` or a trailing slash; absolute paths and `..` are refused. */
function safePath(raw: string): string {
  const path = raw.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  const segments = path.split("/");
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path) || path.includes("\\") || segments.includes("..")) {
    throw new TarError(`unsafe entry ${JSON.stringify(raw)}: absolute, or climbing out with ..`);
  }
  return path;
}

function parsePax(text: string): Record<string, string> {
  const records: Record<string, string> = {};
  // Each record is "<length> <key>=<value>\n", the length counting the whole record in bytes.
  let rest = Buffer.from(text, "utf8");
  while (rest.length > 0) {
    const space = rest.indexOf(0x20);
    const length = Number(rest.subarray(0, space).toString("latin1"));
    if (space < 1 || !Number.isInteger(length) || length <= space || length > rest.length) {
      throw new TarError("damaged pax extended header");
    }
    const record = rest.subarray(space + 1, length - 1).toString("utf8");
    const equals = record.indexOf("=");
    if (equals > 0) records[record.slice(0, equals)] = record.slice(equals + 1);
    rest = rest.subarray(length);
  }
  return records;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString("utf8");
}

function parseOctal(bytes: Buffer): number {
  const text = bytes
    .toString("latin1")
    .replace(/[\0 ]+$/, "")
    .trim();
  if (!/^[0-7]*$/.test(text)) throw new TarError(`not a tar archive: bad number ${JSON.stringify(text)}`);
  return text === "" ? 0 : parseInt(text, 8);
}

/** Sizes are octal, or (GNU, for 8 GB and more) base-256 with the high bit of the first byte set. */
function parseSize(bytes: Buffer): number {
  if ((bytes[0]! & 0x80) === 0) return parseOctal(bytes);
  let size = bytes[0]! & 0x7f;
  for (const byte of bytes.subarray(1)) size = size * 256 + byte;
  return size;
}

function parseDecimal(text: string, offset: number): number {
  if (!/^\d+$/.test(text)) throw new TarError(`bad pax size ${JSON.stringify(text)} before byte ${offset}`);
  return Number(text);
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

/** Reads exact byte counts from a stream of chunks, counting what it has read. */
class BlockReader {
  private readonly chunks: AsyncIterator<Buffer>;
  private buffered: Buffer[] = [];
  private length = 0;
  private ended = false;
  /** Bytes taken from the stream so far, including buffered ones not yet read. */
  private received = 0;
  /** Bytes handed out by read() and skip(). */
  offset = 0;

  constructor(
    stream: Readable,
    private readonly maxBytes: number,
  ) {
    this.chunks = stream[Symbol.asyncIterator]();
  }

  /** The next `count` bytes; null at a clean end of stream when `endAllowed`. */
  async read(count: number, endAllowed = false): Promise<Buffer | null> {
    await this.fill(count);
    if (this.length === 0 && endAllowed) return null;
    if (this.length < count) throw new TarError(`the archive is cut short at byte ${this.offset + this.length}`);
    const parts: Buffer[] = [];
    for (let needed = count; needed > 0;) {
      const head = this.buffered[0]!;
      const taken = head.subarray(0, needed);
      parts.push(taken);
      needed -= taken.length;
      if (taken.length === head.length) this.buffered.shift();
      else this.buffered[0] = head.subarray(taken.length);
    }
    this.length -= count;
    this.offset += count;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  async skip(count: number): Promise<void> {
    for (let left = count; left > 0;) {
      await this.fill(1);
      if (this.length === 0) throw new TarError(`the archive is cut short at byte ${this.offset}`);
      left -= (await this.read(Math.min(left, this.buffered[0]!.length)))!.length;
    }
  }

  /** Reads the stream to its end, keeping nothing. */
  async drain(): Promise<void> {
    while (!this.ended) {
      this.buffered = [];
      this.length = 0;
      await this.fill(1);
    }
  }

  private async fill(count: number): Promise<void> {
    while (this.length < count && !this.ended) {
      const next = await this.chunks.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      this.received += next.value.length;
      if (this.received > this.maxBytes) {
        throw new TarError(`the archive holds more than ${Math.round(this.maxBytes / 2 ** 20)} MB uncompressed`);
      }
      this.buffered.push(next.value);
      this.length += next.value.length;
    }
  }
}
