import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GeneratorError } from "../diagnostics.js";
import { isSpecFileName } from "../load/specFiles.js";
import { PROJECT_ROOT } from "../projectRoot.js";
import {
  compareWithLock,
  folderMatchesLock,
  hashFiles,
  lockedSpecsFolder,
  logToStderr,
  obtainRelease,
} from "./fetchRelease.js";
import {
  COMMIT,
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
import { commitSwap, replaceFolder, rollBackSwap, stageFolder, swapIn } from "./swapFolder.js";

export interface UpdateOptions {
  /** The project root, the folder holding `specs/twilio-oai.lock.json`. */
  root: string;
  tag: string;
  /** A local source of the new release (as for fetch); default: its tarball URL. */
  from?: string;
  /** The release's commit, when the source cannot tell it. */
  commit?: string;
  log?: (line: string) => void;
}

export interface UpdateResult {
  lock: ReleaseLock;
  /** The change report (Markdown) between the old and the new release; undefined when the old one was unavailable. */
  report?: string;
}

/**
 * Moves the lock to another release: fetches it, regenerates the SDK, and reports what changed. The new
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
  const mirrors = tag === old.tag ? old.mirrors : [];
  const release = await obtainRelease(root, { ...old, tag, mirrors }, from, log, `update --tag ${tag}`);
  const lock: ReleaseLock = {
    ...old,
    tag,
    mirrors,
    commit: releaseCommit(release, options.commit),
    files: specHashes(release),
  };
  const folder = lockedSpecsFolder(root);
  const oldLockText = readFileSync(lockPath(root), "utf8");
  const staging = stageFolder(folder, release.files);
  let report: string | undefined;
  try {
    report = await changeReport(root, old, staging, tag, log);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const swap = swapIn(staging, folder);
  try {
    writeLockText(root, lockText(lock));
    log(`${LOCK_FILE}: twilio-oai ${old.tag} -> ${tag} (${Object.keys(lock.files).length} files)`);
    await regenerate(root, log);
  } catch (error) {
    writeLockText(root, oldLockText);
    rollBackSwap(swap);
    throw error;
  }
  commitSwap(swap);
  return { lock, ...(report === undefined ? {} : { report }) };
}

function releaseCommit(release: ReleaseFiles, given: string | undefined): string | null {
  if (given && release.commit && given !== release.commit) {
    throw new GeneratorError(
      { file: release.origin },
      `the archive records commit ${release.commit}, not ${given} as --commit says`,
      "drop --commit, or pass the archive of that commit",
    );
  }
  return given ?? release.commit ?? null;
}

function specHashes(release: ReleaseFiles): Record<string, string> {
  const specs = [...release.files.keys()].filter(isSpecFileName);
  if (specs.length === 0) {
    throw new GeneratorError(
      { file: release.origin },
      "no spec files (.yaml, .yml, .json) in it",
      "pass the release's spec folder, a checkout of twilio-oai or a release .tar.gz to --from",
    );
  }
  return hashFiles(release.files);
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
  log: (line: string) => void,
): Promise<string | undefined> {
  const oldRelease = await oldReleaseFolder(root, old, log);
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
): Promise<{ folder: string; discard: () => void } | undefined> {
  const inPlace = lockedSpecsFolder(root);
  if (folderMatchesLock(inPlace, old)) return { folder: inPlace, discard: () => {} };
  log(`${SPECS_FOLDER} does not hold twilio-oai ${old.tag}; fetching it for the change report`);
  const temporary = mkdtempSync(join(tmpdir(), "twilio-oai-old-"));
  const discard = () => rmSync(temporary, { recursive: true, force: true });
  try {
    const release = await obtainRelease(root, old, undefined, log, "fetch");
    if (compareWithLock(release.files, old.files).length > 0)
      throw new Error(`${release.origin} differs from the lock`);
    replaceFolder(join(temporary, "specs"), release.files);
    return { folder: join(temporary, "specs"), discard };
  } catch (error) {
    discard();
    log(`no change report: twilio-oai ${old.tag} is unavailable (${(error as Error).message.split("\n")[0]})`);
    return undefined;
  }
}

function releaseLabel(tag: string, commit: string | null): string {
  return `twilio-oai ${tag}${commit ? ` (${commit.slice(0, 7)})` : ""}`;
}

async function regenerate(root: string, log: (line: string) => void): Promise<void> {
  // The generator's default run: the lock just written, plus the project's own specs in specs/.
  const args = [join(PROJECT_ROOT, "generator", "run.mjs")];
  log("regenerating: npm run generate");
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
  return new GeneratorError({ file: "npm run specs -- update" }, problem, fix);
}
