import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, commandName, commandPrefix } from "../util/commandLine.js";
import { GeneratorError } from "../util/diagnostics.js";
import { isSpecFileName } from "../load/specFiles.js";
import { compareText } from "../util/ordering.js";
import { PROJECT_ROOT } from "../util/projectRoot.js";
import { lockedSpecsFolder, logToStderr, obtainRelease } from "./fetchRelease.js";
import { findNpmMirrors } from "./findMirror.js";
import { checkLockedFolder, stampFolder, STAMP_FILE } from "./folderHashes.js";
import { releaseLimits, type LimitOptions, type ReleaseLimits } from "./limits.js";
import {
  COMMIT,
  compareWithLock,
  LOCK_FILE,
  lockPath,
  lockText,
  readLock,
  SAFE_TAG,
  SPECS_FOLDER,
  writeLockText,
  type ReleaseLock,
} from "./lock.js";
import type { ReleaseFiles } from "./sources.js";
import { commitSwap, rollBackSwap, stageFolder, swapIn } from "./swapFolder.js";

export interface UpdateOptions {
  /** The project root, the folder holding `specs/twilio-oai.lock.json`. */
  root: string;
  tag: string;
  /** A local source of the new release (as for fetch); default: its tarball URL. */
  from?: string;
  /** The release's commit, when the source cannot tell it. */
  commit?: string;
  log?: (line: string) => void;
  limits?: LimitOptions;
}

export interface UpdateResult {
  lock: ReleaseLock;
  /** The change report (Markdown) between the old and the new release; undefined when the old one was unavailable. */
  report?: string;
}

/**
 * Moves the lock to another release: fetches it, regenerates the SDK, and reports what changed. The new
 * lock is complete where the sources tell it: the commit that a `git archive` tarball records, and the npm
 * mirror of the new release when a later version of the old mirror's package holds it. The new
 * specs are staged beside the old ones and swapped in only once the report is made; if the generator
 * fails, the old specs and lock go back, so a failed update leaves both as they were.
 */
export async function updateLockedRelease(options: UpdateOptions): Promise<UpdateResult> {
  const { root, tag, from, log = logToStderr } = options;
  const old = readLock(root);
  if (!SAFE_TAG.test(tag)) throw usage(`--tag ${JSON.stringify(tag)} is not a release tag`, "pass a tag such as 2.6.7");
  if (options.commit !== undefined && !COMMIT.test(options.commit)) {
    throw usage(`--commit ${JSON.stringify(options.commit)} is not a commit`, "pass the full 40-digit commit id");
  }
  const limits = releaseLimits(options.limits);
  const sameTag = tag === old.tag;
  const sources = { ...old, tag, mirrors: sameTag ? old.mirrors : [] };
  const release = await obtainRelease(root, sources, from, log, `update --tag ${tag}`, limits);
  try {
    const commit = releaseCommit(release, options.commit);
    if (commit === null)
      log(`${release.origin} does not tell the release's commit: the lock records none (--commit SHA)`);
    const files = specHashes(release);
    // The old release's mirror packages may carry the new one in a later version.
    const mirrors = sameTag ? old.mirrors : await findNpmMirrors(old.mirrors, { root, tag, files, log, limits });
    const lock: ReleaseLock = { ...old, tag, mirrors, commit, files };
    const report = await moveLock(root, old, lock, release, { log, limits });
    return { lock, ...(report === undefined ? {} : { report }) };
  } finally {
    release.discard();
  }
}

/** Stages the new release, makes the change report, then swaps it in with the new lock and regenerates. */
async function moveLock(
  root: string,
  old: ReleaseLock,
  lock: ReleaseLock,
  release: ReleaseFiles,
  context: { log: (line: string) => void; limits: ReleaseLimits },
): Promise<string | undefined> {
  const folder = lockedSpecsFolder(root);
  const staging = stageFolder(folder, release.folder);
  let report: string | undefined;
  try {
    report = await changeReport(root, old, staging, lock.tag, context);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const restore = projectRestorer(root);
  const swap = swapIn(staging, folder);
  try {
    writeLockText(root, lockText(lock));
    stampFolder(root, lock, release.hashes);
    context.log(`${LOCK_FILE}: twilio-oai ${old.tag} -> ${lock.tag} (${Object.keys(lock.files).length} files)`);
    await regenerate(root, context.log);
  } catch (error) {
    restore();
    rollBackSwap(swap);
    throw error;
  }
  commitSwap(swap);
  return report;
}

/** Puts the lock and the folder's stamp back as they are now. */
function projectRestorer(root: string): () => void {
  const lockTextBefore = readFileSync(lockPath(root), "utf8");
  const stamp = join(root, STAMP_FILE);
  const stampBefore = existsSync(stamp) ? readFileSync(stamp) : undefined;
  return () => {
    writeLockText(root, lockTextBefore);
    if (stampBefore === undefined) rmSync(stamp, { force: true });
    else writeFileSync(stamp, stampBefore);
  };
}

function releaseCommit(release: ReleaseFiles, given: string | undefined): string | null {
  if (given && release.commit && given !== release.commit) {
    throw new GeneratorError(
      { file: release.origin },
      `the source records commit ${release.commit}, not ${given} as --commit says`,
      "drop --commit, or pass the archive or checkout of that commit",
    );
  }
  return given ?? release.commit ?? null;
}

function specHashes(release: ReleaseFiles): Record<string, string> {
  const specs = [...release.hashes.keys()].filter(isSpecFileName);
  if (specs.length === 0) {
    throw new GeneratorError(
      { file: release.origin },
      "no spec files (.yaml, .yml, .json) in it",
      "pass the release's spec folder, a checkout of twilio-oai or a release .tar.gz to --from",
    );
  }
  const names = [...release.hashes.keys()].sort(compareText);
  return Object.fromEntries(names.map((name) => [name, release.hashes.get(name)!]));
}

/**
 * `spec-diff` between the old release and the staged new one. Without the old release there is no report,
 * which is said, not fatal.
 */
async function changeReport(
  root: string,
  old: ReleaseLock,
  staging: string,
  tag: string,
  { log, limits }: { log: (line: string) => void; limits: ReleaseLimits },
): Promise<string | undefined> {
  const oldRelease = await oldReleaseFolder(root, old, log, limits);
  if (!oldRelease) return undefined;
  try {
    log(`change report: twilio-oai ${old.tag} -> ${tag}`);
    const { specDiff } = await import("../diff/specDiff.js");
    const { renderMarkdown } = await import("../diff/renderReport.js");
    const report = await specDiff([oldRelease.folder], [staging]);
    log(`change report: ${report.breaking} breaking, ${report.additive} additive changes`);
    return renderMarkdown({
      ...report,
      from: { ...report.from, label: releaseLabel(old.tag, old.commit) },
      to: { ...report.to, label: releaseLabel(tag, null) },
    });
  } finally {
    oldRelease.discard();
  }
}

/** The old release's specs: those in place, or, when they are not, fetched again to a temporary folder. */
async function oldReleaseFolder(
  root: string,
  old: ReleaseLock,
  log: (line: string) => void,
  limits: ReleaseLimits,
): Promise<{ folder: string; discard: () => void } | undefined> {
  if (checkLockedFolder(root, old).status === "locked") return { folder: lockedSpecsFolder(root), discard: () => {} };
  log(`${SPECS_FOLDER} does not hold twilio-oai ${old.tag}; fetching it for the change report`);
  try {
    const release = await obtainRelease(root, old, undefined, log, "fetch", limits);
    if (compareWithLock(release.hashes, old.files).length === 0) return release;
    release.discard();
    throw new Error(`${release.origin} differs from the lock`);
  } catch (error) {
    log(`no change report: twilio-oai ${old.tag} is unavailable (${(error as Error).message.split("\n")[0]})`);
    return undefined;
  }
}

function releaseLabel(tag: string, commit: string | null): string {
  return `twilio-oai ${tag}${commit ? ` (${commit.slice(0, 7)})` : ""}`;
}

async function regenerate(root: string, log: (line: string) => void): Promise<void> {
  // The generator's default run: the lock just written, plus the project's own specs in specs/.
  // The generator's bin, as installed or in a checkout; it runs the generate command by default.
  const args = [join(PROJECT_ROOT, "bin", `${BIN}.mjs`), "generate"];
  log(`regenerating: ${commandName("generate")}`);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) {
    throw new GeneratorError(
      { file: SPECS_FOLDER },
      `the generator failed on twilio-oai's new specs (exit ${code}); ${LOCK_FILE} and ${SPECS_FOLDER} are as before:\n${output.trimEnd()}`,
      "fix the generator for these specs, or stay on the current release",
    );
  }
  // The summary only: the generator also shows the start of each new file, which is noise here.
  for (const line of output.split("\n\n")[0]!.trimEnd().split("\n")) log(`  ${line}`);
}

function usage(problem: string, fix: string): GeneratorError {
  return new GeneratorError({ file: `${commandPrefix("specs")} update` }, problem, fix);
}
