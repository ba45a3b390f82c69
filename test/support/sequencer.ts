/**
 * The order test files start in: the long files first, then the rest. With two workers, a long file
 * that starts last runs alone for its whole length while the other worker idles; started first, the
 * short files fill both workers to the end. Within each group the order is vitest's: shuffled by
 * `--sequence.seed` under `--sequence.shuffle` (as CI runs), else longest or largest first.
 */
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { seededRandom } from "./seededRandom.js";

/** The files that take 20 s or more of a CI run on 2 cores, relative to the root. */
export const LONG_FILES = [
  "test/fuzz/fuzz.test.ts",
  "test/generator/releases.test.ts",
  "test/package/packedSdk.test.ts",
  "test/emit/killedRuns.test.ts",
  "test/package/packInstall.test.ts",
  "test/emit/concurrentRuns.test.ts",
  "test/runtime/proxy.test.ts",
  "test/sdkDiff/sdkDiff.test.ts",
  "test/emit/outputSafety.test.ts",
  "test/generator/corpus.test.ts",
  "test/release/realUpdate.test.ts",
];

export class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { root, sequence } = this.ctx.config;
    const ordered = sequence.shuffle ? seededShuffle(files, sequence.seed) : await super.sort(files);
    const long = new Set(LONG_FILES);
    const isLong = (file: TestSpecification) => long.has(relative(root, file.moduleId).split("\\").join("/"));
    return [...ordered.filter(isLong), ...ordered.filter((file) => !isLong(file))];
  }
}

/** Fisher-Yates: the same seed gives the same order, so that a failing order can be replayed. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const next = seededRandom(seed);
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
  }
  return shuffled;
}
