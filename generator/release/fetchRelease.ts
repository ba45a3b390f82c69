import { join } from "node:path";
import { commandPrefix } from "../util/commandLine.js";
import { GeneratorError } from "../util/diagnostics.js";
import { downloadTarball } from "./download.js";
import { checkLockedFolder, stampFolder } from "./folderHashes.js";
import { DEADLINE_FLAGS, releaseLimits, type LimitOptions, type ReleaseLimits } from "./limits.js";
import {
  compareWithLock,
  differenceLines,
  LOCK_FILE,
  readLock,
  SPECS_FOLDER,
  type FileDifference,
  type ReleaseLock,
} from "./lock.js";
import { packNpmMirror } from "./npmMirror.js";
import { readLocalSource, SourceError, type ReleaseFiles } from "./sources.js";
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
  limits?: LimitOptions;
}): Promise<{ folder: string; tag: string }> {
  const { root, from, log = logToStderr } = options;
  const lock = readLock(root);
  const folder = lockedSpecsFolder(root);
  const count = Object.keys(lock.files).length;
  if (checkLockedFolder(root, lock).status === "locked") {
    log(`${SPECS_FOLDER}: twilio-oai ${lock.tag} already in place (${count} files as locked)`);
    return { folder, tag: lock.tag };
  }
  const release = await obtainRelease(root, lock, from, log, `fetch`, releaseLimits(options.limits));
  try {
    const differences = compareWithLock(release.hashes, lock.files);
    if (differences.length > 0) throw integrityError(release.origin, lock.tag, differences);
    log(`twilio-oai ${lock.tag}: ${count} files match the sha256 of ${LOCK_FILE}`);
    replaceFolder(folder, release.folder);
    stampFolder(root, lock, release.hashes);
  } finally {
    release.discard();
  }
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
 * mirrors, then the tarball URL. `command` is the specs command to suggest with `--from`.
 * The caller discards the files' temporary folder.
 */
export async function obtainRelease(
  root: string,
  release: Pick<ReleaseLock, "repository" | "tag" | "folder" | "mirrors">,
  from: string | undefined,
  log: (line: string) => void,
  command: string,
  limits: ReleaseLimits,
): Promise<ReleaseFiles> {
  const name = `twilio-oai ${release.tag}`;
  if (from !== undefined) {
    log(`${name}: reading ${from}`);
    try {
      return await readLocalSource(from, release.folder, limits.archive);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      const fix = `pass to --from a twilio-oai checkout, its ${release.folder} folder, a folder of the spec files or a release .tar.gz`;
      throw new GeneratorError({ file: error.origin }, error.message, error.fix ?? fix);
    }
  }
  const sources = [
    ...release.mirrors.map((mirror) => ({
      origin: `npm package ${mirror.package}@${mirror.version}`,
      read: () => packNpmMirror(mirror, root, limits),
    })),
    { origin: archiveUrl(release), read: () => downloadTarball(archiveUrl(release), release.folder, limits) },
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
  throw unreachableError(release, failures, command);
}

function unreachableError(
  release: Pick<ReleaseLock, "repository" | "tag">,
  failures: SourceError[],
  command: string,
): GeneratorError {
  const flags = Object.values(DEADLINE_FLAGS).join(", ");
  const moreTime = failures.some((failure) => failure.deadline)
    ? `; on a slow network, allow more time: ${commandPrefix("specs")} ${command} with ${flags} SECONDS`
    : "";
  return new GeneratorError(
    { file: LOCK_FILE },
    `cannot fetch twilio-oai ${release.tag}: no source answered (${failures.map((failure) => `${failure.origin}: ${failure.message}`).join("; ")})`,
    `download ${githubArchiveBase(release.repository)}/${release.tag}.tar.gz where the internet is reachable ` +
      `(or clone https://github.com/${release.repository} at tag ${release.tag}), then run: ` +
      `${commandPrefix("specs")} ${command} --from twilio-oai-${release.tag}.tar.gz${moreTime}`,
  );
}

function integrityError(origin: string, tag: string, differences: FileDifference[]): GeneratorError {
  return new GeneratorError(
    { file: origin },
    `${differences.length} file(s) differ from twilio-oai ${tag} as ${LOCK_FILE} locks it; nothing was written:\n${differenceLines(differences)}`,
    `fetch the release from another source (${commandPrefix("specs")} fetch --from PATH); to move to another release, run ${commandPrefix("specs")} update --tag TAG`,
  );
}

export function logToStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}
