import { describe, expect, it } from "vitest";
import { typeChange } from "../../generator/sdkDiff/compareSdk.js";
import type { TypeSurface } from "../../generator/sdkDiff/sdkSurface.js";

const union = (...members: string[]): TypeSurface => ({ text: members.join(" | "), union: [...members].sort() });
const array = (...members: string[]): TypeSurface => ({
  text: `(${members.join(" | ")})[]`,
  elements: [...members].sort(),
});

describe("typeChange: how a type changed, by its union members", () => {
  it.each<[string, TypeSurface, TypeSurface, ReturnType<typeof typeChange>]>([
    ["same text", { text: "string" }, { text: "string" }, "same"],
    ["same union, other order", union('"a"', '"b"'), { text: '"b" | "a"', union: ['"a"', '"b"'] }, "same"],
    ["a value added", union('"a"', '"b"'), union('"a"', '"b"', '"c"'), "widened"],
    ["a value removed", union('"a"', '"b"', '"c"'), union('"a"', '"b"'), "narrowed"],
    ["one value swapped for another", union('"a"', '"b"'), union('"a"', '"c"'), "changed"],
    ["string to number", { text: "string" }, { text: "number" }, "changed"],
    ["Date added beside string", { text: "string" }, union("string", "Date"), "widened"],
    ["array elements widened", array('"a"'), array('"a"', '"b"'), "widened"],
    ["array elements narrowed", array('"a"', '"b"'), array('"b"'), "narrowed"],
    ["array to scalar", array('"a"'), { text: '"a"' }, "changed"],
  ])("%s", (_title, before, after, want) => {
    expect(typeChange(before, after)).toBe(want);
  });
});
