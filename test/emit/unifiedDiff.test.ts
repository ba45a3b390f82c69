import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { unifiedDiff } from "../../generator/emit/unifiedDiff.js";

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

const work = mkdtempSync(join(tmpdir(), "unified-diff-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("unifiedDiff", () => {
  const before = Array.from({ length: 40 }, (_, index) => `line ${index + 1}`);
  const after = [...before];
  after.splice(4, 1, "line 5 changed");
  after.splice(30, 0, "inserted after 30");
  const text = (list: string[]) => list.join("\n") + "\n";

  it("prints git's layout: a/ and b/ headers, @@ hunks with three lines of context", () => {
    expect(unifiedDiff("sdk/x.ts", text(before), text(after)).split("\n")).toEqual([
      "--- a/sdk/x.ts",
      "+++ b/sdk/x.ts",
      "@@ -2,7 +2,7 @@",
      " line 2",
      " line 3",
      " line 4",
      "-line 5",
      "+line 5 changed",
      " line 6",
      " line 7",
      " line 8",
      "@@ -28,6 +28,7 @@",
      " line 28",
      " line 29",
      " line 30",
      "+inserted after 30",
      " line 31",
      " line 32",
      " line 33",
    ]);
  });

  /** Applies the diff with `patch` and reads the file back. */
  function applied(original: string[], edited: string[], maxEdits?: number): string {
    writeFileSync(join(work, "file.txt"), text(original));
    const diff = unifiedDiff("file.txt", text(original), text(edited), { maxEdits });
    writeFileSync(join(work, "change.patch"), diff + "\n");
    const result = spawnSync("patch", ["-p1", "-i", "change.patch"], { cwd: work, encoding: "utf8" });
    expect(result.status, result.stderr + result.stdout).toBe(0);
    return readFileSync(join(work, "file.txt"), "utf8");
  }

  it.each([
    ["random edits of a 200-line file", 11, undefined],
    ["the same, past maxEdits: the differing middle replaced wholesale", 13, 5],
  ])("is a patch that `patch` applies: %s", (_title, seed, maxEdits) => {
    const next = random(seed);
    const original = Array.from({ length: 200 }, (_, index) => `line ${index}`);
    const edited = original.flatMap((line) => {
      const roll = next();
      return roll < 0.03 ? [] : roll < 0.06 ? [`${line} edited`] : roll < 0.08 ? [line, "new line"] : [line];
    });
    expect(applied(original, edited, maxEdits)).toBe(text(edited));
  });

  it("past maxEdits replaces the differing middle wholesale, the common start and end kept as context", () => {
    const [before, after] = [text(["k", "x", "a", "m", "b", "y", "z"]), text(["k", "x", "c", "m", "d", "y", "z"])];
    expect(unifiedDiff("x.ts", before, after, { context: 1 }).split("\n").slice(2)).toEqual([
      "@@ -2,5 +2,5 @@",
      " x",
      "-a",
      "+c",
      " m",
      "-b",
      "+d",
      " y",
    ]);
    expect(unifiedDiff("x.ts", before, after, { context: 1, maxEdits: 1 }).split("\n").slice(2)).toEqual([
      "@@ -2,5 +2,5 @@",
      " x",
      "-a",
      "-m",
      "-b",
      "+c",
      "+m",
      "+d",
      " y",
    ]);
  });

  it("shows added and removed files against /dev/null", () => {
    expect(unifiedDiff("new.ts", undefined, "a\nb\n")).toBe("--- /dev/null\n+++ b/new.ts\n@@ -0,0 +1,2 @@\n+a\n+b");
    expect(unifiedDiff("old.ts", "a\n", undefined)).toBe("--- a/old.ts\n+++ /dev/null\n@@ -1 +0,0 @@\n-a");
  });

  it("cuts a long diff after maxLines and says how much is left", () => {
    const shown = unifiedDiff("big.ts", undefined, text(before), { maxLines: 10 }).split("\n");
    expect(shown).toHaveLength(2 + 10 + 1);
    expect(shown.at(-1)).toBe("… 31 more lines");
  });
});
