/**
 * A stage wrapped by the cache: outputs the cache holds are read back, the others are made by the
 * stage, and each made output's entry is written as soon as the stage says it is made.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ContentCache } from "../../generator/cache/contentCache.js";
import { cachedStage, type MadeOutput, type StageCaching } from "../../generator/cache/stageCache.js";
import { contentHash } from "../../generator/util/contentHash.js";

const work = mkdtempSync(join(tmpdir(), "stage-cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DOUBLING: StageCaching<number, { doubled: number }> = {
  stage: "doubling",
  key: (input) => String(input),
  encode: (output) => JSON.stringify(output),
  decode: (text) => JSON.parse(text) as { doubled: number },
};

const freshCache = () => new ContentCache(mkdtempSync(join(work, "cache-")), "0123456789abcdef0123");

describe("cachedStage", () => {
  it("writes each output's entry as soon as the stage says it is made, with the text it gives", async () => {
    const cache = freshCache();
    const readBack: (string | undefined)[] = [];
    const stage = async (missing: number[], made: MadeOutput<{ doubled: number }>) => {
      const outputs = missing.map((input) => ({ doubled: input * 2 }));
      made(1, outputs[1]!, '{"doubled":4,"given":"by the stage"}');
      // The stage goes on: the entry of input 2 is there already.
      readBack.push(cache.read(cacheKeyOf(2)));
      await Promise.resolve();
      return outputs;
    };

    const outputs = await cachedStage(cache, [1, 2, 3], DOUBLING, stage);

    expect(outputs).toEqual([{ doubled: 2 }, { doubled: 4 }, { doubled: 6 }]);
    expect(readBack).toEqual(['{"doubled":4,"given":"by the stage"}']);
    // Outputs the stage did not tell are kept when it ends.
    expect(cache.read(cacheKeyOf(1))).toBe('{"doubled":2}');
    expect(cache.read(cacheKeyOf(3))).toBe('{"doubled":6}');
  });

  it("reads back what it kept, and runs the stage only on inputs it does not hold", async () => {
    const cache = freshCache();
    await cachedStage(cache, [1, 2], DOUBLING, async (missing) => missing.map((input) => ({ doubled: input * 2 })));
    const given: number[][] = [];

    const outputs = await cachedStage(cache, [1, 2, 5], DOUBLING, async (missing) => {
      given.push(missing);
      return missing.map((input) => ({ doubled: input * 2 }));
    });

    expect(outputs).toEqual([{ doubled: 2 }, { doubled: 4 }, { doubled: 10 }]);
    expect(given).toEqual([[5]]);
  });
});

/** The key cachedStage gives an input of DOUBLING (contentHash of the stage and the input's key). */
function cacheKeyOf(input: number): string {
  return contentHash(DOUBLING.stage, DOUBLING.key(input));
}
