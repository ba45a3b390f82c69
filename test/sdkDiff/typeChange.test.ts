import { describe, expect, it } from "vitest";
import { typeChange, typeDetail } from "../../generator/sdkDiff/typeChange.js";
import type { TypeSurface } from "../../generator/sdkDiff/sdkSurface.js";

const union = (...members: string[]): TypeSurface => ({ text: members.join(" | "), union: [...members].sort() });
const array = (...members: string[]): TypeSurface => ({
  text: `(${members.join(" | ")})[]`,
  elements: [...members].sort(),
});

/** An object type literal: `name?` for an optional property, a type's text or surface for its type. */
function object(properties: Record<string, string | TypeSurface>): TypeSurface {
  const entries = Object.entries(properties).map(([key, type]) => {
    const surface = typeof type === "string" ? { text: type } : type;
    return [key.replace(/\?$/, ""), { optional: key.endsWith("?"), type: surface }] as const;
  });
  const text = `{ ${entries.map(([name, p]) => `${name}${p.optional ? "?" : ""}: ${p.type.text};`).join(" ")} }`;
  return { text, properties: Object.fromEntries(entries) };
}

describe("typeChange: how a type changed, by its union members or its properties", () => {
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
    ["an optional property added", object({ a: "string" }), object({ a: "string", "b?": "string" }), "extended"],
    ["a required property added", object({ a: "string" }), object({ a: "string", b: "string" }), "narrowed"],
    ["a property removed", object({ a: "string", "b?": "string" }), object({ a: "string" }), "changed"],
    ["a property made required", object({ "a?": "string" }), object({ a: "string" }), "narrowed"],
    ["a property made optional", object({ a: "string" }), object({ "a?": "string" }), "widened"],
    ["a property's type changed", object({ a: "string" }), object({ a: "number" }), "changed"],
    ["a property's values widened", object({ a: union('"x"') }), object({ a: union('"x"', '"y"') }), "widened"],
    [
      "an optional property added in a nested object",
      object({ a: object({ b: "string" }) }),
      object({ a: object({ b: "string", "c?": "string" }) }),
      "extended",
    ],
    [
      "one property narrowed, another widened",
      object({ a: union('"x"', '"y"'), b: union('"x"') }),
      object({ a: union('"x"'), b: union('"x"', '"y"') }),
      "changed",
    ],
  ])("%s", (_title, before, after, want) => {
    expect(typeChange(before, after)).toBe(want);
  });
});

describe("typeDetail: a long type is described by what it gained and lost", () => {
  const many = (count: number, extra: string[] = []) =>
    union(...Array.from({ length: count }, (_, index) => `"category-${index}"`), ...extra);
  it.each<[string, TypeSurface, TypeSurface, string]>([
    ["a short type, written out", union('"a"'), union('"a"', '"b"'), '`"a"` → `"a" | "b"`'],
    ["a long union", many(40), many(40, ['"new"']), 'members added: `"new"`'],
    [
      "a long object type",
      object(Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`field_${index}?`, "string | null"]))),
      object({
        ...Object.fromEntries(Array.from({ length: 19 }, (_, index) => [`field_${index}?`, "string | null"])),
        "added?": "string",
        field_0: "string",
      }),
      "properties added: `added`; properties removed: `field_19`; properties changed: `field_0`",
    ],
  ])("%s", (_title, before, after, want) => {
    expect(typeDetail(before, after)).toBe(want);
  });
});
