/**
 * A package loaded with V8's compiled code from the cache works as `require` would load it, reuses
 * the code of an earlier run, and a damaged entry is never handed to V8: it is compiled anew and
 * replaced.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { CompiledPackage } from "../../generator/cache/compiledPackage.js";
import { ContentCache } from "../../generator/cache/contentCache.js";

const require = createRequire(import.meta.url);
/** A CommonJS package the generator depends on, loaded afresh by each test. */
const PACKAGE = "js-yaml";
const file = require.resolve(PACKAGE);

const work = mkdtempSync(join(tmpdir(), "compiled-package-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => delete require.cache[file]);

/** The cache's entries (not its marker), by path, with their bytes in base64. */
function entries(root: string): Map<string, string> {
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && entry.name !== "CACHEDIR.TAG",
  );
  return new Map(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [path, readFileSync(path).toString("base64")];
    }),
  );
}

/** Loads the package as a new run would: nothing of it in `require`'s module cache yet. */
function loadAndSave(cache: ContentCache): unknown {
  delete require.cache[file];
  const compiled = new CompiledPackage(cache, PACKAGE);
  compiled.load();
  const loaded = require(PACKAGE) as { load: (text: string) => unknown };
  const value = loaded.load("a: [1, 2]");
  compiled.save();
  return value;
}

describe("a package loaded with its compiled code", () => {
  it("is the one `require` gives, works, and keeps its compiled code once", () => {
    const root = mkdtempSync(join(work, "cache-"));
    const cache = new ContentCache(root, "c".repeat(64));

    expect(loadAndSave(cache)).toEqual({ a: [1, 2] });
    const first = entries(root);
    expect(first.size).toBe(1);

    expect(loadAndSave(cache)).toEqual({ a: [1, 2] });
    expect(entries(root)).toEqual(first);
  });

  it("compiles anew when its entry is damaged, and replaces the entry", () => {
    const root = mkdtempSync(join(work, "cache-"));
    const cache = new ContentCache(root, "d".repeat(64));
    loadAndSave(cache);
    const [entry] = [...entries(root).keys()] as [string];
    const flipped = readFileSync(entry);
    flipped[flipped.length - 1]! ^= 0xff;

    for (const damaged of [flipped, Buffer.from("short")]) {
      writeFileSync(entry, damaged);

      expect(loadAndSave(cache)).toEqual({ a: [1, 2] });
      const replaced = entries(root);
      expect(replaced.get(entry)).not.toBe(damaged.toString("base64"));
      // The replacement is whole: the next run takes it as it is.
      loadAndSave(cache);
      expect(entries(root)).toEqual(replaced);
    }
  });

  it("leaves the package to `require` when the cache has no folder", () => {
    const cache = new ContentCache(undefined, "e".repeat(64));
    delete require.cache[file];

    new CompiledPackage(cache, PACKAGE).load();

    expect(require.cache[file]).toBeUndefined();
    expect(loadAndSave(cache)).toEqual({ a: [1, 2] });
  });
});
