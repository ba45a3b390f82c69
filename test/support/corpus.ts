import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, with a trailing separator. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Where Twilio's real specs live, relative to the repository root: beside the checkout, never copied in. */
export const CORPUS_LOCATION = "../shared/twilio-oai";

/** The newest dated folder (`YYYY-MM-DD`) of the corpus, or undefined when it is absent. */
export function newestCorpus(): string | undefined {
  const root = join(REPO_ROOT, CORPUS_LOCATION);
  if (!existsSync(root)) return undefined;
  const newest = readdirSync(root)
    .filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name))
    .sort()
    .pop();
  return newest === undefined ? undefined : join(root, newest);
}
