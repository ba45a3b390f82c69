/** JSON pointers and `$ref`s: the one module every stage and the spec diff use for them. */
import { describe, expect, it } from "vitest";
import {
  componentRef,
  followRefs,
  jsonPointer,
  reachableSchemas,
  resolvePointer,
  schemaRefName,
  unescapeSegment,
} from "../../generator/util/refs.js";

describe("refs", () => {
  it.each([
    // given a key → want its pointer segment, and back
    ["/v1/Tasks", "~1v1~1Tasks"],
    ["a~b", "a~0b"],
    ["~1", "~01"],
  ])("writes %j as the segment %j and reads it back", (key, segment) => {
    expect(jsonPointer([key])).toBe(`/${segment}`);
    expect(unescapeSegment(segment)).toBe(key);
  });

  it.each([
    // given a reference → want the component, and the schema name
    ["#/components/schemas/task", { section: "schemas", name: "task" }, "task"],
    ["#/components/schemas/a~1b~0c", { section: "schemas", name: "a/b~c" }, "a/b~c"],
    ["#/components/parameters/Sid", { section: "parameters", name: "Sid" }, undefined],
    ["#/components/schemas/task/properties/sid", undefined, undefined],
    ["other.yaml#/components/schemas/task", undefined, undefined],
  ])("reads %s", (ref, component, schema) => {
    expect(componentRef(ref)).toEqual(component);
    expect(schemaRefName(ref)).toBe(schema);
  });

  it("resolves a local pointer through escaped keys", () => {
    const document = { paths: { "/v1/Tasks": { get: { operationId: "ListTask" } } } };

    expect(resolvePointer(document, "#/paths/~1v1~1Tasks/get")).toEqual({ operationId: "ListTask" });
    expect(resolvePointer(document, "#/paths/missing/get")).toBeUndefined();
  });

  it.each([
    // given a value and what references point to → want the value reached and the cycle, if any
    [{ $ref: "a" }, { a: { $ref: "b" }, b: { type: "string" } }, { value: { type: "string" } }],
    [{ $ref: "a" }, { a: { $ref: "b" } }, { value: { $ref: "b" } }],
    [{ $ref: "a" }, { a: { $ref: "b" }, b: { $ref: "a" } }, { value: { $ref: "a" }, cycle: "a" }],
    [{ type: "integer" }, {}, { value: { type: "integer" } }],
  ])("follows %j through %j", (value, targets, want) => {
    expect(followRefs(value, (ref) => (targets as Record<string, unknown>)[ref])).toEqual(want);
  });

  it("finds the component schemas that references reach, directly or through others, and only those", () => {
    const components = {
      task: { properties: { worker: { $ref: "#/components/schemas/worker" } } },
      worker: { allOf: [{ $ref: "#/components/schemas/a~1b" }] },
      "a/b": { type: "string" },
      unused: { type: "string" },
    };

    const reached = reachableSchemas([{ items: { $ref: "#/components/schemas/task" } }], components);

    expect(Object.keys(reached)).toEqual(["a/b", "task", "worker"]);
  });
});
