// Where things are: the repo, Twilio's spec corpus beside it, and the peer tools. Everything is
// resolved from this file's location so the bench runs from any working directory.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
export const benchDir = join(repoRoot, "bench");
export const peersDir = join(benchDir, "peers");
export const peerBin = (name: string): string => join(peersDir, "node_modules", ".bin", name);
/** Node 22 from the `node` npm package: the peers need it, our generator runs on the machine's Node. */
export const node22 = join(peersDir, "node_modules", "node", "bin", "node");

/** What `npm run generate` runs (without npm's own start-up): the bin, whose default command is generate. */
export const generatorCli = join(repoRoot, "bin", "twilio-etag-sdk-generator.mjs");
export const tscCli = join(repoRoot, "node_modules", "typescript", "bin", "tsc");

/** How the corpus is named in output: relative to the repo, never a machine path. */
export const CORPUS_HOME = "../shared/twilio-oai/";

export interface Corpus {
  dir: string;
  label: string;
  specs: string[];
}

/** The newest dated folder (YYYY-MM-DD) of Twilio's specs beside the repo, or null if absent. */
export function findCorpus(): Corpus | null {
  const home = resolve(repoRoot, CORPUS_HOME);
  if (!existsSync(home)) return null;
  const dated = readdirSync(home)
    .filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name) && statSync(join(home, name)).isDirectory())
    .sort();
  const newest = dated.at(-1);
  if (!newest) return null;
  const dir = join(home, newest);
  const specs = readdirSync(dir).filter((name) => /^twilio_.*\.(ya?ml|json)$/.test(name));
  if (specs.length === 0) return null;
  return { dir, label: `${CORPUS_HOME}${newest}`, specs };
}
