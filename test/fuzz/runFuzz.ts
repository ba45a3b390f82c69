// `npm run fuzz -- --runs N --seed S`: the fuzz test's property over more cases, with figures:
// refused and generated counts, total time and worst-case CPU time, peak memory (--limit-ms bounds a
// case's CPU time).
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { newestRelease } from "../support/corpus.js";
import { checkCase, type CaseOutcome } from "./checkCase.js";
import { readSeeds } from "./seeds.js";
import { fuzzCase } from "./specMutations.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "1000" },
    seed: { type: "string", default: String(Date.now() % 2 ** 31) },
    "limit-ms": { type: "string", default: "5000" },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
const limit = Number(values["limit-ms"]);
const corpus = newestRelease();
const seeds = readSeeds(corpus);
const work = mkdtempSync(join(tmpdir(), "spec-fuzz-"));
const outcomes: CaseOutcome[] = [];
let peakRss = 0;
const started = performance.now();
const result = await fc.check(
  fc.asyncProperty(fuzzCase(seeds), async (fuzz) => {
    const outcome = await checkCase(seeds, fuzz, work);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (outcome.cpuMilliseconds > limit)
      throw new Error(`took ${Math.round(outcome.cpuMilliseconds)} ms of CPU (limit ${limit})`);
    outcomes.push(outcome);
    if (outcomes.length % 250 === 0) console.error(`fuzz: ${outcomes.length} cases`);
  }),
  { numRuns: runs, seed, endOnFailure: true },
);
rmSync(work, { recursive: true, force: true });
const refused = outcomes.filter((outcome) => outcome.verdict === "refused");
const worst = outcomes.reduce((max, outcome) => Math.max(max, outcome.cpuMilliseconds), 0);
console.log(
  [
    `runs: ${outcomes.length} of ${runs}, seed ${seed}`,
    `refused with a located error: ${refused.length} (${refused.filter((o) => o.positioned).length} with line and column or pointer)`,
    `generated a sound SDK: ${outcomes.length - refused.length}`,
    `time: ${((performance.now() - started) / 1000).toFixed(1)} s; worst case ${Math.round(worst)} ms of CPU (generation)`,
    `peak RSS: ${Math.round(peakRss / 2 ** 20)} MB`,
  ].join("\n"),
);
if (result.failed) {
  console.error(fc.defaultReportMessage(result));
  // The report names the case; the property's own error says what went wrong with it.
  console.error(String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance));
  process.exit(1);
}
