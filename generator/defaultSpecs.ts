import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { commandPrefix } from "./util/commandLine.js";
import { firstOf, GeneratorError } from "./util/diagnostics.js";
import { isSpecFileName } from "./load/specFiles.js";
import { compareText } from "./util/ordering.js";
import { checkLockedFolder, type LockedFolder } from "./release/folderHashes.js";
import { differenceLines, LOCK_FILE, readLock, SPECS_FOLDER, type ReleaseLock } from "./release/lock.js";

/** What `npm run generate` builds when no `--specs` is given. */
export interface DefaultSpecs {
  /** The pinned release's folder (when the project has a lock), then the spec files committed in specs/. */
  specs: string[];
  /** The pinned release's tag, for the SDK's version. */
  specRelease?: string;
}

const SPECS = "specs";

/**
 * The specs of the project in `root`: the twilio-oai release its lock pins, plus every spec file
 * directly under specs/, a beta or private service in Twilio's layout that joins the release as a
 * service of its own. A project without a lock builds only the files of specs/. Paths are relative
 * to `root`, as errors show them.
 */
export async function defaultSpecs(root: string, log: (line: string) => void): Promise<DefaultSpecs> {
  const extensions = extensionSpecs(root);
  const hasLock = existsSync(join(root, LOCK_FILE));
  const folder = join(root, SPECS_FOLDER);
  if (!hasLock && !existsSync(folder)) return { specs: [SPECS] };
  const specRelease = hasLock ? await lockedRelease(root, log) : undefined;
  checkNoClash(folder, extensions);
  return { specs: [SPECS_FOLDER, ...extensions], specRelease };
}

/**
 * Makes specs/twilio-oai/ hold exactly the locked release, checked against the lock's sha256 at every
 * run (a stat per file when the stamp beside it vouches for the rest): fetched when missing, fetched
 * again when the lock moved since (a pull, a checkout), and refused when its files were edited, added
 * or removed, which are never overwritten without being asked. Gives the release's tag.
 */
async function lockedRelease(root: string, log: (line: string) => void): Promise<string> {
  const lock = readLock(root);
  const folder = checkLockedFolder(root, lock);
  if (folder.status === "locked") return lock.tag;
  if (folder.status === "edited") throw editedError(lock, folder);
  if (folder.status === "lock moved") {
    log(`${SPECS_FOLDER} holds twilio-oai ${folder.fetchedTag} as fetched; ${LOCK_FILE} now pins ${lock.tag}`);
  }
  // Loaded only here: the release module is what fetches, and only a fresh clone or a moved lock needs it.
  const release = await import("./release/fetchRelease.js");
  return (await release.fetchLockedRelease({ root, log })).tag;
}

function editedError(lock: ReleaseLock, folder: Extract<LockedFolder, { status: "edited" }>): GeneratorError {
  const { differences, foreign } = folder;
  const listing = [
    ...(differences.length > 0 ? [differenceLines(differences)] : []),
    ...firstOf(
      foreign.map((name) => `not a spec file (a subfolder, a link or a dot file): ${name}`),
      20,
    ).map((line) => `  ${line}`),
  ];
  return new GeneratorError(
    { file: SPECS_FOLDER },
    `differs from twilio-oai ${lock.tag} as ${LOCK_FILE} locks it, and not because the lock moved: ` +
      `edited, added or removed here since it was fetched; not used:\n${listing.join("\n")}`,
    `${commandPrefix("specs")} fetch puts the locked release back, replacing ${SPECS_FOLDER}/ as a whole ` +
      `(copy any edit you want to keep elsewhere first, and generate from it with --specs)`,
  );
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
      `give a new service its own twilio_<domain>_<version> file name; to change a released spec, move the lock (${commandPrefix("specs")} update)`,
    );
  }
}
