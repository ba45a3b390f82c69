import type { ReleaseLimits } from "./limits.js";
import { compareWithLock, NPM_VERSION, type NpmMirror } from "./lock.js";
import { npmLicense, npmVersions, packNpmMirror } from "./npmMirror.js";
import { SourceError } from "./sources.js";

/** Versions of a package looked into for a release, newest first: each is a download of the package. */
export const MIRROR_CANDIDATES = 5;

export interface MirrorSearch {
  root: string;
  /** The new release's tag, for messages. */
  tag: string;
  /** The new release's files: a mirror holds exactly these. */
  files: Readonly<Record<string, string>>;
  log: (line: string) => void;
  limits: ReleaseLimits;
}

/**
 * The npm mirrors of a new release, for its lock, so that fetch needs no GitHub: for each package that
 * mirrored the old release, the newest version, published after the old mirror's, whose spec folder holds
 * exactly the new release's files, fetched as fetch would (npm pack) and checked file by file. At most
 * MIRROR_CANDIDATES versions of each are fetched. A registry that does not answer or no version that holds
 * the release is said, not fatal: the lock then names no mirror, and fetch takes GitHub's tarball.
 */
export async function findNpmMirrors(previous: readonly NpmMirror[], search: MirrorSearch): Promise<NpmMirror[]> {
  const found: NpmMirror[] = [];
  for (const old of previous) {
    try {
      const mirror = await findVersion(old, search);
      if (mirror) found.push(mirror);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      search.log(`npm mirror: ${error.origin}: ${error.message}; the lock names no mirror of it`);
    }
  }
  return found;
}

async function findVersion(old: NpmMirror, search: MirrorSearch): Promise<NpmMirror | undefined> {
  const { root, tag, files, log, limits } = search;
  const versions = await npmVersions(old.package, root, limits);
  const newer = versions.includes(old.version) ? versions.slice(0, versions.indexOf(old.version)) : versions;
  const candidates = newer.filter((version) => NPM_VERSION.test(version)).slice(0, MIRROR_CANDIDATES);
  for (const version of candidates) {
    const mirror = { ...old, version };
    const release = await packNpmMirror(mirror, root, limits).catch((error: unknown) => {
      if (!(error instanceof SourceError)) throw error;
      log(`npm mirror: ${error.origin}: ${error.message}`);
      return undefined;
    });
    if (release === undefined) continue;
    const differences = compareWithLock(release.hashes, files);
    release.discard();
    const spec = `${old.package}@${version}`;
    if (differences.length > 0) {
      log(`npm mirror: ${spec}: ${differences.length} file(s) differ from twilio-oai ${tag}`);
      continue;
    }
    const license = await npmLicense(spec, root, limits);
    if (license === undefined || !/^[^\n]{1,100}$/.test(license)) {
      log(`npm mirror: ${spec} holds twilio-oai ${tag} but declares no license; not named in the lock`);
      return undefined;
    }
    log(`npm mirror: ${spec} holds twilio-oai ${tag} byte for byte (${license})`);
    return { ...mirror, license };
  }
  const after = versions.includes(old.version) ? ` published after ${old.version}` : "";
  const tried = candidates.length < newer.length ? ` (the newest ${candidates.length} tried)` : "";
  log(`npm mirror: no version of ${old.package}${after} holds twilio-oai ${tag}${tried}`);
  return undefined;
}
