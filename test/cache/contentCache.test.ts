/**
 * The cache writes its entries in the background while the run goes on: `flush` waits for every
 * entry written so far, entries written at once never share a staged file, a failing write is
 * dropped without an error, and pruning leaves the staged files of a live process alone.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ContentCache } from "../../generator/cache/contentCache.js";

const work = mkdtempSync(join(tmpdir(), "content-cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FINGERPRINT = "c".repeat(64);
const GENERATION = FINGERPRINT.slice(0, 16);

/** A key whose fan-out folder is `prefix`. */
const key = (prefix: string, index: number) => `${prefix}${index.toString(16).padStart(62, "0")}`;

describe("a content cache's writes", () => {
  it("are all readable once flushed, each with its own text, however many were written at once", async () => {
    const folder = join(work, "many");
    const cache = new ContentCache(folder, FINGERPRINT);
    const keys = Array.from({ length: 100 }, (_, index) => key(index % 2 === 0 ? "ab" : "cd", index));
    keys.forEach((entry, index) => cache.write(entry, `entry ${index} `.repeat(1000)));

    await cache.flush();

    expect(keys.map((entry) => cache.read(entry))).toEqual(keys.map((_, index) => `entry ${index} `.repeat(1000)));
    expect(readdirSync(join(folder, GENERATION, "staging"))).toEqual([]);
  });

  it("drop an entry that cannot be written, without an error, and write the others", async () => {
    const folder = join(work, "blocked");
    const cache = new ContentCache(folder, FINGERPRINT);
    cache.write(key("00", 0), "first");
    await cache.flush();
    // A file where the fan-out folder "ee" would be: no entry can be written under it.
    writeFileSync(join(folder, GENERATION, "ee"), "not a folder");

    cache.write(key("ee", 1), "blocked");
    cache.write(key("ff", 2), "written");
    await cache.flush();

    expect([cache.read(key("ee", 1)), cache.read(key("ff", 2))]).toEqual([undefined, "written"]);
    expect(readdirSync(join(folder, GENERATION, "staging"))).toEqual([]);
  });

  it("are not pruned while staged: only a dead process's staged entries are removed", async () => {
    const folder = join(work, "pruned");
    const cache = new ContentCache(folder, FINGERPRINT);
    cache.write(key("00", 0), "entry");
    await cache.flush();
    const staging = join(folder, GENERATION, "staging");
    // Staged entries as a live process (this one) and a process that no longer runs leave them.
    mkdirSync(staging, { recursive: true });
    for (const name of [`${process.pid}-7`, "2147483646-0", "2147483646"]) writeFileSync(join(staging, name), "");

    cache.pruneOtherGenerators();

    expect(readdirSync(staging)).toEqual([`${process.pid}-7`]);
  });
});
