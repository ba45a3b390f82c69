import { execFileSync } from "node:child_process";
import {
  constants,
  copyFileSync,
  createReadStream,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { compareText } from "../util/ordering.js";
import { ArchiveError, readReleaseArchive } from "./archive.js";
import { sha256File } from "./folderHashes.js";
import { formatBytes, type ArchiveLimits } from "./limits.js";
import { COMMIT, SAFE_FILE_NAME } from "./lock.js";
import type { SpecFolderContent } from "./specEntries.js";

/**
 * A release's spec files as one source gave them, not yet checked against anything: copied into a
 * temporary folder of their own as they arrived, and hashed on the way.
 */
export interface ReleaseFiles {
  /** Where they came from, for messages: a path, a URL or an npm package. */
  origin: string;
  /** The temporary folder holding the files (flat); discard() removes it. */
  folder: string;
  /** Spec file name -> sha256 of its bytes, hex. */
  hashes: ReadonlyMap<string, string>;
  /** The commit the source records (a `git archive` tarball names it, a git checkout has it), if any. */
  commit?: string;
  discard(): void;
}

/** A source that could not give a file set: unreachable, not found, too slow, damaged. The message says why. */
export class SourceError extends Error {
  constructor(
    readonly origin: string,
    message: string,
    /** What to do about it, when the source is the user's (`--from`). */
    readonly fix?: string,
    /** Whether a download deadline ran out (more time may help). */
    readonly deadline = false,
  ) {
    super(message);
  }
}

/**
 * `--from PATH`: a twilio-oai checkout (its `<folder>`, usually `spec/yaml`; a git checkout tells its commit),
 * that folder itself or any folder of the spec files, or a `.tar.gz` of a release (GitHub's layout, or an
 * npm mirror's).
 */
export async function readLocalSource(path: string, folder: string, limits: ArchiveLimits): Promise<ReleaseFiles> {
  if (!existsSync(path)) throw new SourceError(path, "no such file or folder");
  if (!statSync(path).isDirectory()) {
    if (!/\.(tar\.gz|tgz)$/.test(path)) throw new SourceError(path, "neither a folder nor a .tar.gz / .tgz file");
    return readTarball(createReadStream(path), { origin: path, folder, exact: false, limits });
  }
  const specFolder = existsSync(join(path, folder)) ? join(path, folder) : path;
  const commit = specFolder === path ? undefined : checkoutCommit(path, folder);
  return intoTemporaryFolder(specFolder, (destination) => ({
    hashes: copySpecFolder(specFolder, destination, limits),
    ...(commit ? { commit } : {}),
  }));
}

/**
 * The commit of a git checkout, when its spec folder is exactly as committed there (nothing changed or
 * added); undefined otherwise, or without git. The checkout's own configuration runs nothing: git's
 * file-system monitor, which a repository's config can name, is turned off.
 */
function checkoutCommit(checkout: string, folder: string): string | undefined {
  if (!existsSync(join(checkout, ".git"))) return undefined;
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "core.fsmonitor=false", "-C", checkout, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 30_000,
    }).trim();
  try {
    const commit = git("rev-parse", "--verify", "HEAD");
    const changed = git("status", "--porcelain", "--untracked-files=all", "--", folder);
    return COMMIT.test(commit) && changed === "" ? commit : undefined;
  } catch {
    return undefined;
  }
}

/** Copies a flat folder of specs; anything else in it (a subfolder, a link, a dot file) is refused. */
function copySpecFolder(folder: string, destination: string, limits: ArchiveLimits): Map<string, string> {
  const names = readdirSync(folder).sort(compareText);
  if (names.length > limits.entries) throw new SourceError(folder, `more than ${limits.entries} files; refused`);
  const hashes = new Map<string, string>();
  let total = 0;
  for (const name of names) {
    const path = join(folder, name);
    const stat = lstatSync(path);
    if (!stat.isFile() || !SAFE_FILE_NAME.test(name)) {
      throw new SourceError(path, "not a spec file: a subfolder, a symbolic link, a device or a dot file");
    }
    total += stat.size;
    if (stat.size > limits.specFileBytes || total > limits.specBytes) {
      const limit =
        stat.size > limits.specFileBytes
          ? `${formatBytes(limits.specFileBytes)} for one spec file`
          : `${formatBytes(limits.specBytes)} for a release`;
      throw new SourceError(path, `${formatBytes(stat.size)}, over the limit of ${limit}; refused`);
    }
    copyFileSync(path, join(destination, name), constants.COPYFILE_EXCL);
    hashes.set(name, sha256File(join(destination, name)));
  }
  return hashes;
}

export interface TarballRequest {
  /** The archive, for messages: a path, a URL, an npm package. */
  origin: string;
  folder: string;
  exact: boolean;
  limits: ArchiveLimits;
  onProgress?: () => void;
}

/**
 * The spec files of a release tarball: those of its shallowest `<folder>/` (GitHub: `twilio-oai-<tag>/spec/yaml/`,
 * an npm mirror: `package/twilio-oai/spec/yaml/`), or of exactly `folder` when `exact`. Anything there that
 * is not a plain file is refused.
 */
export function readTarball(stream: Readable, request: TarballRequest): Promise<ReleaseFiles> {
  const { origin, ...archive } = request;
  return intoTemporaryFolder(origin, async (destination) => {
    try {
      return await readReleaseArchive(stream, { ...archive, destination });
    } catch (error) {
      stream.destroy();
      if (error instanceof ArchiveError) throw new SourceError(origin, error.message, archiveFix(origin));
      throw new SourceError(origin, `cannot read: ${reason(error)}`, archiveFix(origin));
    }
  });
}

/** For a damaged or unsafe archive of the user's own. */
function archiveFix(origin: string): string {
  return `${origin} is no usable release archive: download the release's .tar.gz again, or pass a twilio-oai checkout or its spec folder to --from`;
}

/** Runs `fill` on a new temporary folder; the folder is removed if it fails. */
async function intoTemporaryFolder(
  origin: string,
  fill: (destination: string) => Promise<SpecFolderContent> | SpecFolderContent,
): Promise<ReleaseFiles> {
  const folder = mkdtempSync(join(tmpdir(), "twilio-oai-release-"));
  const discard = () => rmSync(folder, { recursive: true, force: true });
  try {
    return { origin, folder, discard, ...(await fill(folder)) };
  } catch (error) {
    discard();
    throw error;
  }
}

export function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause?.message ? `${message} (${cause.message})` : message;
}
