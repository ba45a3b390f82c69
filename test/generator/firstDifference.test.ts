/** The snapshot test's report of a differing file: where it first differs, and the lines of each side from there. */
import { describe, expect, it } from "vitest";
import { firstDifference } from "../support/firstDifference.js";

describe("firstDifference", () => {
  it.each([
    // given committed, generated → want the report
    ["a\nb\nc\nd\ne\n", "a\nb\nX\nd\ne\n", "f.ts:3\n- c\n- d\n- e\n+ X\n+ d\n+ e"],
    ["a\nb\n", "a\nb\nc\n", "f.ts:3\n- \n+ c\n+ "],
    [undefined, "a\n", "f.ts: not committed"],
  ])("%j against %j", (committed, generated, want) => {
    expect(firstDifference("f.ts", committed, generated)).toBe(want);
  });
});
