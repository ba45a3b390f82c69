import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, with a trailing separator. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Where Twilio's real specs live, relative to the repository root: beside the checkout, never copied in. */
export const CORPUS_LOCATION = "../shared/twilio-oai";

/** Every dated folder (`YYYY-MM-DD`) of the corpus, oldest first; none when it is absent. */
export function corpusFolders(): string[] {
  const root = join(REPO_ROOT, CORPUS_LOCATION);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name))
    .sort()
    .map((name) => join(root, name));
}

/** The newest dated folder of the corpus, or undefined when it is absent. */
export function newestCorpus(): string | undefined {
  return corpusFolders().pop();
}
