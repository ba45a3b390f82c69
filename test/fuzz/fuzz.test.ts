import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pinnedRelease } from "../support/corpus.js";
import { checkCase, type CaseOutcome } from "./checkCase.js";
import { readSeeds } from "./seeds.js";
import { fuzzCase } from "./specMutations.js";

// A seeded hundred-odd mutations of real specs; `npm run fuzz -- --runs N --seed S` runs more.
const corpus = pinnedRelease();
// 120 keeps this file near 1.5 minutes of the 15-minute CI budget on 2 cores.
const RUNS = 120;
const SEED = 20261130;
/** Far above any sound case (tens of milliseconds of CPU): a case this costly is an exhaustion bug. */
const CASE_LIMIT_MS = 5_000;
const work = mkdtempSync(join(tmpdir(), "spec-fuzz-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("fuzzing real specs", () => {
  it(`${RUNS} mutated specs: each refused with a located error and nothing written, or a sound SDK`, async () => {
    const seeds = readSeeds(corpus);
    const outcomes: CaseOutcome[] = [];
    await fc.assert(
      fc.asyncProperty(fuzzCase(seeds), async (fuzz) => {
        const outcome = await checkCase(seeds, fuzz, work);
        if (outcome.cpuMilliseconds > CASE_LIMIT_MS)
          throw new Error(`took ${Math.round(outcome.cpuMilliseconds)} ms of CPU`);
        outcomes.push(outcome);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Both sides of the property are exercised, not only one.
    expect(outcomes.filter((outcome) => outcome.verdict === "refused").length).toBeGreaterThan(RUNS / 10);
    expect(outcomes.filter((outcome) => outcome.verdict === "generated").length).toBeGreaterThan(RUNS / 10);
  }, 600_000);
});
