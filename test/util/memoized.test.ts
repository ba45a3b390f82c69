import { describe, expect, it } from "vitest";
import { memoized } from "../../generator/util/memoized.js";

describe("memoized", () => {
  it("answers as the function does, computing each text once", () => {
    const asked: string[] = [];
    const upper = memoized((text) => (asked.push(text), text.toUpperCase()));
    expect(["a", "b", "a", "a", "b", "__proto__"].map(upper)).toEqual(["A", "B", "A", "A", "B", "__PROTO__"]);
    expect(asked).toEqual(["a", "b", "__proto__"]);
  });

  it("keeps at most `limit` answers: past it, earlier texts are computed again", () => {
    const asked: string[] = [];
    const same = memoized((text) => (asked.push(text), text), 2);
    ["a", "b", "c", "a"].forEach(same);
    expect(asked).toEqual(["a", "b", "c", "a"]);
  });
});
