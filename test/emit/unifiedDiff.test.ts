import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffLines, unifiedDiff } from "../../generator/emit/unifiedDiff.js";

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

function lines(next: () => number, count: number): string[] {
  return Array.from({ length: count }, () => "abcde"[Math.floor(next() * 5)]!);
}

/** Length of a longest common subsequence, by the textbook table: the yardstick for minimality. */
function lcs(a: readonly string[], b: readonly string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      table[i]![j] = a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
  return table[a.length]![b.length]!;
}

const work = mkdtempSync(join(tmpdir(), "unified-diff-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("diffLines", () => {
  it.each([
    // given before, after → want the edit script
    ["", "", ""],
    ["a", "a", " a"],
    ["a", "", "-a"],
    ["", "a", "+a"],
    ["abc", "abd", " a b-c+d"],
    ["abcabba", "cbabac", "-a-b c+b a b-b a+c"],
  ])("%j → %j", (before, after, want) => {
    const script = diffLines([...before], [...after])
      .map((line) => `${line.op}${line.text}`)
      .join("");
    expect(script).toBe(want);
  });

  it("rebuilds both texts and keeps a longest common subsequence (500 random pairs)", () => {
    const next = random(7);
    for (let round = 0; round < 500; round++) {
      const before = lines(next, Math.floor(next() * 30));
      const after = lines(next, Math.floor(next() * 30));
      const script = diffLines(before, after);
      expect(script.filter((l) => l.op !== "+").map((l) => l.text)).toEqual(before);
      expect(script.filter((l) => l.op !== "-").map((l) => l.text)).toEqual(after);
      expect(script.filter((l) => l.op === " ").length).toBe(lcs(before, after));
    }
  });

  it("stays correct when it gives up on minimality past maxEdits", () => {
    const script = diffLines(["x", "a", "b", "y"], ["x", "c", "d", "y"], 1);
    expect(script.map((line) => `${line.op}${line.text}`)).toEqual([" x", "-a", "-b", "+c", "+d", " y"]);
  });
});

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

  it("is a patch that `patch` applies (random edits of a 200-line file)", () => {
    const next = random(11);
    const original = Array.from({ length: 200 }, (_, index) => `line ${index}`);
    const edited = original.flatMap((line) => {
      const roll = next();
      return roll < 0.03 ? [] : roll < 0.06 ? [`${line} edited`] : roll < 0.08 ? [line, "new line"] : [line];
    });
    writeFileSync(join(work, "file.txt"), text(original));
    writeFileSync(join(work, "change.patch"), unifiedDiff("file.txt", text(original), text(edited)) + "\n");
    const result = spawnSync("patch", ["-p1", "-i", "change.patch"], { cwd: work, encoding: "utf8" });
    expect(result.status, result.stderr + result.stdout).toBe(0);
    expect(readFileSync(join(work, "file.txt"), "utf8")).toBe(text(edited));
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
