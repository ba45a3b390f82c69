// The floor row: what reading and parsing the corpus's YAML plus writing the same bytes costs
// (floor-probe.mjs), so the distance of our cold run to the limit is visible.
import { join } from "node:path";
import type { Corpus } from "./paths.js";
import { benchDir } from "./paths.js";
import { measure } from "./spawn.js";
import { median, progress, seconds } from "./stats.js";
import { freshDir } from "./temp.js";

/** `sdkDir`: an SDK generated from the same corpus, whose bytes the probe writes. */
export async function benchFloor(corpus: Corpus, sdkDir: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const probe = join(benchDir, "floor-probe.mjs");
    const result = await measure(`floor ${run}/${runs}`, process.execPath, [
      probe,
      corpus.dir,
      sdkDir,
      freshDir("floor"),
    ]);
    const { excludedSeconds } = JSON.parse(result.stdout) as { excludedSeconds: number };
    times.push(result.seconds - excludedSeconds);
    progress(`floor ${run}/${runs}: ${seconds(times.at(-1)!)}`);
  }
  return median(times);
}
