/**
 * A run holds the cache's writes and has them written on a writer thread while it goes on (with
 * the output): held entries are written whole, once, by `flush`; a few are written on the spot;
 * and the staged files of a live writer thread are never taken for a killed run's leftovers.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ContentCache } from "../../generator/cache/contentCache.js";

const work = mkdtempSync(join(tmpdir(), "content-cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FINGERPRINT = "0123456789abcdef".repeat(4);
const GENERATION = FINGERPRINT.slice(0, 16);
const key = (index: number) => index.toString(16).padStart(64, "0");

function freshCache(): { root: string; cache: ContentCache } {
  const root = mkdtempSync(join(work, "cache-"));
  return { root, cache: new ContentCache(root, FINGERPRINT) };
}

describe("held writes", () => {
  it.each([
    // given how many entries are held → want them all written, none staged
    ["a writer thread", 300],
    ["this thread", 3],
  ])("are written by flush (on %s), none before", async (_where, count) => {
    const { root, cache } = freshCache();
    cache.holdWrites();
    for (let index = 0; index < count; index++) cache.write(key(index), `entry ${index}`);
    cache.write(key(count), Buffer.from([0, 1, 2]));

    expect(cache.read(key(0))).toBeUndefined();
    await cache.flush();

    for (let index = 0; index < count; index++) expect(cache.read(key(index))).toBe(`entry ${index}`);
    expect([...cache.readBytes(key(count))!]).toEqual([0, 1, 2]);
    expect(readdirSync(join(root, GENERATION, "staging"))).toEqual([]);
  });

  it("after flush, writes go to disk as they come", async () => {
    const { cache } = freshCache();
    cache.holdWrites();
    await cache.flush();
    cache.write(key(1), "now");
    expect(cache.read(key(1))).toBe("now");
  });
});

describe("pruning the staging folder", () => {
  it("removes what killed processes staged, their writer threads' too, and keeps this process's", () => {
    const { root, cache } = freshCache();
    cache.write(key(1), "claims the folder");
    const staging = join(root, GENERATION, "staging");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    for (const name of [`${dead}`, `${dead}.1`, `${process.pid}`, `${process.pid}.2`]) {
      writeFileSync(join(staging, name), "half an entry");
    }
    mkdirSync(join(root, "unrelated"));

    cache.pruneOtherGenerators();

    expect(readdirSync(staging).sort()).toEqual([`${process.pid}`, `${process.pid}.2`]);
    expect(readdirSync(root)).toContain("unrelated");
  });
});
