import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { Parser, type ReadEntry } from "tar";
import { quoted } from "../util/diagnostics.js";
import { formatBytes } from "./limits.js";
import { ArchiveError, SpecEntries, type SpecFolderContent, type SpecFolderRequest } from "./specEntries.js";

export { ArchiveError } from "./specEntries.js";

export interface ArchiveRequest extends SpecFolderRequest {
  /** Called for each piece of decompressed archive data (bytes that decompress to nothing do not count). */
  onProgress?: () => void;
}

/**
 * Reads a gzip-compressed tar archive as it streams in, with node-tar's parser, and writes the files of
 * its spec folder to `request.destination` (see SpecEntries). Nothing is held beyond the file being
 * read: decompression follows the parser's pace, and the decompressed bytes are counted against the limit.
 */
export async function readReleaseArchive(compressed: Readable, request: ArchiveRequest): Promise<SpecFolderContent> {
  // pipeline() hands an error of either stream to the gunzip stream, so reading it rejects.
  const gunzip = pipeline(compressed, createGunzip(), () => {});
  const entries = new SpecEntries(request);
  const tar = tarParser(entries, request.limits.metaBytes);
  let decompressed = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      decompressed += chunk.length;
      if (decompressed > request.limits.archiveBytes) {
        throw new ArchiveError(
          `more than ${formatBytes(request.limits.archiveBytes)} uncompressed, over the limit for a release archive; refused`,
        );
      }
      if (chunk.length > 0) request.onProgress?.();
      tar.write(chunk);
    }
    tar.end();
  } finally {
    compressed.destroy();
  }
  return entries.result();
}

/**
 * node-tar's parser, strict (a damaged header or a cut archive is an error, not a warning), fed plain tar:
 * data that is compressed again is refused, and nothing is fed after the archive's end blocks (node-tar
 * would keep all of it in memory). Every problem is thrown from write() or end() as an ArchiveError.
 */
function tarParser(entries: SpecEntries, metaBytes: number): { write(chunk: Buffer): void; end(): void } {
  const parser = new Parser({
    strict: true,
    brotli: false,
    zstd: false,
    maxMetaEntrySize: metaBytes,
    filter: (_path, entry) => entries.filter(entry as ReadEntry),
    onReadEntry: (entry) => entries.keep(entry),
  });
  let ended = false;
  let start = Buffer.alloc(0);
  parser.on("ignoredEntry", (entry: ReadEntry) => entries.ignored(entry));
  parser.on("meta", () => entries.count());
  parser.on("eof", () => (ended = true));
  parser.on("error", (error: Error & { header?: { path?: string }; entry?: { path?: string } }) => {
    const path = error.entry?.path ?? error.header?.path;
    const message = error.message.replace(/^TAR_[A-Z_]+: /, "");
    throw new ArchiveError(`${path ? `${quoted(path)}: ` : ""}not a tar archive, or damaged: ${message}`);
  });
  return {
    write(chunk) {
      if (start.length < 2) {
        start = Buffer.concat([start, chunk]).subarray(0, 2);
        if (start[0] === 0x1f && start[1] === 0x8b) {
          throw new ArchiveError("compressed twice (a .tar.gz inside the gzip stream), not a release archive; refused");
        }
      }
      if (!ended) parser.write(chunk);
    },
    end() {
      if (!ended) parser.end();
    },
  };
}
