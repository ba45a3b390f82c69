/** How component schemas are made of one another: what load refuses and what the plan names. */
import { describe, expect, it } from "vitest";
import { cycleThrough, schemaCycles, typeRefs, type TypeRef } from "../../generator/util/schemaGraph.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const compositionOnly = (typeRef: TypeRef) => !typeRef.throughItems;
const everyRef = () => true;

describe("schema graph", () => {
  it.each([
    // given a schema → want the components its type is made of directly
    ["a reference", ref("A"), [{ name: "A", pointer: ["$ref"], throughItems: false }]],
    [
      "composition members, in document order",
      { allOf: [ref("A")], anyOf: [{ oneOf: [ref("B")] }], oneOf: [ref("C")] },
      [
        { name: "A", pointer: ["allOf", 0, "$ref"], throughItems: false },
        { name: "B", pointer: ["anyOf", 0, "oneOf", 0, "$ref"], throughItems: false },
        { name: "C", pointer: ["oneOf", 0, "$ref"], throughItems: false },
      ],
    ],
    [
      "an array's items",
      { type: "array", items: { allOf: [ref("A")] } },
      [{ name: "A", pointer: ["items", "allOf", 0, "$ref"], throughItems: true }],
    ],
    ["items without `type: array`, which the type ignores", { items: ref("A") }, []],
    [
      "properties and additional properties, which sit inside an object type",
      { type: "object", properties: { a: ref("A") }, additionalProperties: ref("B"), not: ref("C") },
      [],
    ],
  ])("%s", (_, schema, want) => {
    expect(typeRefs(schema)).toEqual(want);
  });

  it.each([
    // given components → want the cycles of composition alone, and the cycles of any reference
    ["allOf both ways", { A: { allOf: [ref("B")] }, B: { allOf: [ref("A")] } }, [["A", "B"]], [["A", "B"]]],
    ["an array of itself", { A: { type: "array", items: ref("A") } }, [], [["A"]]],
    [
      "a oneOf through an array, and a schema outside that refers to it",
      { C: { allOf: [ref("A")] }, A: { oneOf: [ref("B"), { type: "string" }] }, B: { type: "array", items: ref("A") } },
      [],
      [["A", "B"]],
    ],
    ["a property of itself", { A: { type: "object", properties: { next: ref("A") } } }, [], []],
    ["a reference to a schema that does not exist", { A: { allOf: [ref("missing")] } }, [], []],
  ])("%s", (_, schemas, composition, all) => {
    expect(schemaCycles(schemas, compositionOnly)).toEqual(composition);
    expect(schemaCycles(schemas, everyRef)).toEqual(all);
  });

  it("names the steps of a shortest cycle, each with the reference it takes", () => {
    const schemas = { A: { allOf: [ref("B")] }, B: { oneOf: [ref("C"), ref("A")] }, C: { allOf: [ref("A")] } };
    const cycle = cycleThrough(schemas, "A", compositionOnly)!;
    expect(cycle.map((step) => [step.from, step.ref.name, step.ref.pointer.join(".")])).toEqual([
      ["A", "B", "allOf.0.$ref"],
      ["B", "A", "oneOf.1.$ref"],
    ]);
    expect(cycleThrough({ A: { type: "array", items: ref("A") } }, "A", compositionOnly)).toBeUndefined();
  });

  it("follows a chain of 30,000 schemas without recursion", () => {
    const schemas: Record<string, unknown> = {};
    for (let index = 0; index < 30_000; index++) schemas[`s${index}`] = { allOf: [ref(`s${index + 1}`)] };
    schemas.s30000 = { allOf: [ref("s0")] };
    const [group] = schemaCycles(schemas, compositionOnly);
    expect(group).toHaveLength(30_001);
    expect(cycleThrough(schemas, "s0", compositionOnly)).toHaveLength(30_001);
  });
});
