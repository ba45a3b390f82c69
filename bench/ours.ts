// Our generator on the corpus, on the machine's Node (whatever runs this bench): cold, warm with
// nothing changed, --check on the up-to-date tree, and warm after one spec changed.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Corpus } from "./paths.js";
import { generatorCli } from "./paths.js";
import { measure, type Measured } from "./spawn.js";
import { median, megabytes, progress, seconds } from "./stats.js";
import { freshDir } from "./temp.js";

export interface OursFigures {
  cold: number;
  coldPeakRss: number | undefined;
  nothingChanged: number;
  check: number;
  oneSpecChanged: number;
  /** An SDK generated from the whole corpus, kept for the "as users feel it" step. */
  sdkDir: string;
}

/** The spec edited for the one-spec-changed run (its text changes every run). */
const EDITED_SPEC = "twilio_taskrouter_v1.yaml";

export async function benchOurs(corpus: Corpus, runs: number): Promise<OursFigures> {
  const generate = (step: string, specs: string, out: string, cache: string, ...extra: string[]): Promise<Measured> => {
    const args = [generatorCli, "--specs", specs, "--out", out, "--cache-dir", cache];
    return measure(step, process.execPath, [...args, ...extra]);
  };

  // In a checkout the bin compiles the generator's JavaScript copy on its first run after a source
  // change (generator/run.mjs), as an install does once; that build is not part of a cold run.
  progress("ours: the generator's compiled copy (not timed)");
  await measure("ours, compiled copy", process.execPath, [generatorCli, "help"]);

  const cold: Measured[] = [];
  const warm: Measured[] = [];
  const check: Measured[] = [];
  let sdkDir = "";
  for (let run = 1; run <= runs; run++) {
    const [out, cache] = [freshDir("ours-out"), freshDir("ours-cache")];
    cold.push(await generate(`ours cold ${run}/${runs}`, corpus.dir, out, cache));
    progress(
      `ours cold ${run}/${runs}: ${seconds(cold.at(-1)!.seconds)}, ${megabytes(cold.at(-1)!.peakRssBytes ?? 0)}`,
    );
    warm.push(await generate(`ours warm, nothing changed ${run}/${runs}`, corpus.dir, out, cache));
    progress(`ours warm, nothing changed ${run}/${runs}: ${seconds(warm.at(-1)!.seconds)}`);
    check.push(await generate(`ours --check ${run}/${runs}`, corpus.dir, out, cache, "--check"));
    progress(`ours --check ${run}/${runs}: ${seconds(check.at(-1)!.seconds)}`);
    sdkDir = out;
  }

  // A private copy of the corpus (in the temp root, never the repo) that we are free to edit.
  const specs = freshDir("specs-copy");
  cpSync(corpus.dir, specs, { recursive: true });
  const [out, cache] = [freshDir("ours-edit-out"), freshDir("ours-edit-cache")];
  progress("ours: first generation of the editable copy (not timed)");
  await generate("ours, generate the editable copy", specs, out, cache);
  const original = readFileSync(join(specs, EDITED_SPEC), "utf8");
  const edited: Measured[] = [];
  for (let run = 1; run <= runs; run++) {
    writeFileSync(join(specs, EDITED_SPEC), editDescription(original, `Bench edit ${run} at ${Date.now()}.`));
    edited.push(await generate(`ours warm, one spec changed ${run}/${runs}`, specs, out, cache));
    const written = /files written:\s+(\d+)/.exec(edited.at(-1)!.stdout)?.[1] ?? "?";
    progress(
      `ours warm, one spec changed ${run}/${runs}: ${seconds(edited.at(-1)!.seconds)} (${written} files written)`,
    );
  }

  const time = (list: Measured[]): number => median(list.map((m) => m.seconds));
  const rss = cold.map((m) => m.peakRssBytes).filter((b): b is number => b !== undefined);
  return {
    cold: time(cold),
    coldPeakRss: rss.length ? Math.max(...rss) : undefined, // the worst run: a limit, not a typical value
    nothingChanged: time(warm),
    check: time(check),
    oneSpecChanged: time(edited),
    sdkDir,
  };
}

/** Prefixes the first plain (unquoted) description with `text`, so generated doc comments change. */
function editDescription(spec: string, text: string): string {
  const edited = spec.replace(/^(\s+description: )([A-Za-z])/m, `$1${text} $2`);
  if (edited === spec) throw new Error(`no plain description found to edit in ${EDITED_SPEC}`);
  return edited;
}
