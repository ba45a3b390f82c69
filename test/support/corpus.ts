import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readLock } from "../../generator/release/lock.js";

/** The repository root, with a trailing separator. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Twilio's older releases, relative to the repository root: beside the checkout, never copied in. Only
 * tests about those releases read it (their layouts, updates between them); the others use the pinned one.
 */
export const CORPUS_LOCATION = "../shared/twilio-oai";

/**
 * The release the project's lock pins, as `npm run generate` fetches it (git-ignored). The test set-up
 * (globalSetup.ts) fetches it when absent, so a newcomer's `npm test` needs nothing beside the checkout.
 */
export const PINNED_RELEASE = join(REPO_ROOT, "specs/twilio-oai");

/**
 * Says that real specs a test needs are absent: a warning locally, where the test is skipped, and
 * an error under CI=true, where CI provides them and a skip would hide that it stopped doing so.
 */
export function realSpecsAbsent(what: string, why: string): void {
  if (process.env.CI === "true") {
    throw new Error(`${what}: ${why}, and CI (CI=true) must provide Twilio's real specs: fix the CI set-up`);
  }
  console.warn(`${what} skipped: ${why}`);
}

/** Every dated folder (`YYYY-MM-DD`) of the corpus, oldest first; none when it is absent (an error under CI). */
export function corpusFolders(): string[] {
  const root = join(REPO_ROOT, CORPUS_LOCATION);
  const folders = existsSync(root) ? readdirSync(root).filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name)) : [];
  if (folders.length === 0) realSpecsAbsent("real corpus tests", `${CORPUS_LOCATION} has no dated folder`);
  return folders.sort().map((name) => join(root, name));
}

/** The pinned release's folder: present once the test set-up ran (it fails the run otherwise). */
export function pinnedRelease(): string {
  if (!existsSync(PINNED_RELEASE)) {
    throw new Error(
      `${PINNED_RELEASE} is absent: run the tests with vitest (its set-up fetches it) or npm run specs -- fetch`,
    );
  }
  return PINNED_RELEASE;
}

/** The tag of the release the lock pins (`2.3.4`). */
export function pinnedTag(): string {
  return readLock(REPO_ROOT).tag;
}

/** The newest release at hand: the newest folder beside the checkout, else the pinned one. */
export function newestRelease(): string {
  const folders = existsSync(join(REPO_ROOT, CORPUS_LOCATION)) ? corpusFolders() : [];
  return folders.pop() ?? pinnedRelease();
}
