import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { GeneratorError } from "./diagnostics.js";
import { isSpecFileName } from "./load/specFiles.js";
import { compareText } from "./ordering.js";
import { LOCK_FILE, readLock, SPECS_FOLDER } from "./release/lock.js";

/** What `npm run generate` builds when no `--specs` is given. */
export interface DefaultSpecs {
  /** The pinned release's folder (when the project has a lock), then the spec files committed in specs/. */
  specs: string[];
  /** The pinned release's tag, for the SDK's version. */
  specRelease?: string;
}

const SPECS = "specs";

/**
 * The specs of the project in `root`: the twilio-oai release its lock pins (fetched first when
 * specs/twilio-oai/ is missing), plus every spec file directly under specs/, a beta or private
 * service in Twilio's layout that joins the release as a service of its own. A project without a
 * lock builds only the files of specs/. Paths are relative to `root`, as errors show them.
 */
export async function defaultSpecs(root: string, log: (line: string) => void): Promise<DefaultSpecs> {
  const extensions = extensionSpecs(root);
  const hasLock = existsSync(join(root, LOCK_FILE));
  const folder = join(root, SPECS_FOLDER);
  if (!hasLock && !existsSync(folder)) return { specs: [SPECS] };
  let specRelease: string | undefined;
  if (!existsSync(folder)) {
    // Loaded only here: the release module is what fetches, and only a fresh clone needs it.
    const release = await import("./release/fetchRelease.js");
    specRelease = (await release.fetchLockedRelease({ root, log })).tag;
  } else if (hasLock) {
    specRelease = lockedTag(root);
  }
  checkNoClash(folder, extensions);
  return { specs: [SPECS_FOLDER, ...extensions], specRelease };
}

/** Spec files directly under specs/ (not the lock, not the release's folder). */
function extensionSpecs(root: string): string[] {
  const folder = join(root, SPECS);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => isSpecFileName(name) && !name.endsWith(".lock.json"))
    .filter((name) => statSync(join(folder, name)).isFile())
    .sort(compareText)
    .map((name) => join(SPECS, name));
}

/** A committed spec named like a file of the pinned release would replace it: a located error. */
function checkNoClash(releaseFolder: string, extensions: readonly string[]): void {
  if (!existsSync(releaseFolder)) return;
  const pinned = new Set(readdirSync(releaseFolder));
  for (const file of extensions) {
    const name = file.slice(SPECS.length + 1);
    if (!pinned.has(name)) continue;
    throw new GeneratorError(
      { file },
      `${name} is also a spec of the pinned release (${join(SPECS_FOLDER, name)})`,
      "give a new service its own twilio_<domain>_<version> file name; to change a released spec, move the lock (npm run specs -- update)",
    );
  }
}

function lockedTag(root: string): string {
  return readLock(root).tag;
}
