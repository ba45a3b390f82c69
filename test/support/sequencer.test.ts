import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TestSpecification, Vitest } from "vitest/node";
import { REPO_ROOT } from "./corpus.js";
import { LONG_FILES, LongFilesFirst, seededShuffle } from "./sequencer.js";

/** The sequencer's order of `files` (relative paths) under a config of `shuffle` and `seed`. */
async function order(files: string[], sequence: { shuffle: boolean; seed: number }): Promise<string[]> {
  // vitest's own sequencer, for the unshuffled order, reads its results cache: empty here, as in a fresh clone.
  const cache = { getFileTestResults: () => undefined, getFileStats: () => undefined };
  const ctx = { config: { root: REPO_ROOT, sequence }, cache } as unknown as Vitest;
  const project = { name: "", config: { sequence: { groupOrder: 0 }, isolate: true } };
  const specs = files.map((file) => ({ moduleId: join(REPO_ROOT, file), project }) as unknown as TestSpecification);
  const sorted = await new LongFilesFirst(ctx).sort(specs);
  return sorted.map((spec) => spec.moduleId.slice(REPO_ROOT.length));
}

const SHORT = ["test/a.test.ts", "test/b.test.ts", "test/c.test.ts", "test/d.test.ts", "test/e.test.ts"];
const LONG = ["test/fuzz/fuzz.test.ts", "test/generator/releases.test.ts", "test/package/packedSdk.test.ts"];

describe("the order test files start in", () => {
  it("lists only long files that exist, once each, as the config's include finds them", () => {
    expect(
      LONG_FILES.filter((file) => !existsSync(join(REPO_ROOT, file)) || !/^test\/.+\.test\.ts$/.test(file)),
    ).toEqual([]);
    expect(new Set(LONG_FILES).size).toBe(LONG_FILES.length);
  });

  it.each([1, 2, 20261207])(
    "shuffled with seed %i: the long files first, each group shuffled by the seed",
    async (seed) => {
      const files = [SHORT[0]!, LONG[0]!, SHORT[1]!, SHORT[2]!, LONG[1]!, SHORT[3]!, LONG[2]!, SHORT[4]!];
      const sorted = await order(files, { shuffle: true, seed });
      const shuffled = seededShuffle(files, seed);
      expect(sorted).toEqual([
        ...shuffled.filter((file) => LONG.includes(file)),
        ...shuffled.filter((file) => !LONG.includes(file)),
      ]);
      expect(await order(files, { shuffle: true, seed })).toEqual(sorted);
    },
  );

  it("shuffles: some seed changes the order within each group", async () => {
    const files = [...SHORT, ...LONG];
    const orders = new Set<string>();
    for (let seed = 1; seed <= 10; seed++) orders.add((await order(files, { shuffle: true, seed })).join(" "));
    expect(orders.size).toBeGreaterThan(1);
    for (const sorted of orders) expect(new Set(sorted.split(" ").slice(0, LONG.length))).toEqual(new Set(LONG));
  });

  it("unshuffled: the long files first, each group in vitest's order (unknown files as given)", async () => {
    const files = [SHORT[0]!, LONG[0]!, SHORT[1]!, LONG[1]!, SHORT[2]!, LONG[2]!];
    expect(await order(files, { shuffle: false, seed: 0 })).toEqual([...LONG, ...SHORT.slice(0, 3)]);
  });
});
