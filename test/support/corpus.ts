import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, with a trailing separator. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Where Twilio's real specs live, relative to the repository root: beside the checkout, never copied in. */
export const CORPUS_LOCATION = "../shared/twilio-oai";

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

/** The newest dated folder of the corpus, or undefined when it is absent. */
export function newestCorpus(): string | undefined {
  return corpusFolders().pop();
}
