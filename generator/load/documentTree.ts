import { GeneratorError } from "../util/diagnostics.js";
import { componentRef } from "../util/refs.js";
import { isRecord } from "./documentShape.js";
import { DATA_KEYS, DEPTH_LIMIT, depthProblem, NAME_MAPS } from "./limits.mjs";
import { locate, type Pointer } from "./locate.js";

/** The sections of an OpenAPI 3.0 `components` object: the only places a `$ref` may point to. */
const COMPONENT_SECTIONS = new Set([
  "schemas",
  "responses",
  "parameters",
  "examples",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
]);

type RefTarget = { target: Record<string, unknown> } | { problem: string; fix: string };

/** What a `$ref` points to, or why it points nowhere usable: only `#/components/<section>/<name>` of the same file. */
export function componentTarget(document: unknown, ref: string): RefTarget {
  if (!ref.startsWith("#")) {
    return {
      problem: `$ref ${ref} points outside this file`,
      fix: "copy the referenced object under components (e.g. components.schemas) and refer to it as #/components/schemas/<Name>",
    };
  }
  const component = componentRef(ref);
  if (!component || !COMPONENT_SECTIONS.has(component.section)) {
    return {
      problem: `$ref ${ref} does not point to a component`,
      fix: "refer to an entry of components, e.g. #/components/schemas/<Name>",
    };
  }
  const { section, name } = component;
  const components = isRecord(document) ? ownValue(document, "components") : undefined;
  const entries = isRecord(components) ? ownValue(components, section) : undefined;
  const target = isRecord(entries) ? ownValue(entries, name) : undefined;
  if (!isRecord(target)) {
    return {
      problem: `$ref ${ref} does not resolve: components.${section} has no ${target === undefined ? "" : "mapping "}${name}`,
      fix: `add ${name} under components.${section}, or correct the reference`,
    };
  }
  return { target };
}

/**
 * Walks the whole document once: nesting stays within the depth limit everywhere, data and
 * extensions included (every later stage recurses, the model cache's encoder too), and every `$ref`
 * in the parts the generator and the type renderer follow names a component of the same file (a
 * chain of references must end in a definition).
 */
export function checkTree(file: string, document: Record<string, unknown>): void {
  const fail = (pointer: Pointer, problem: string, fix: string): never => {
    throw new GeneratorError(locate(file, pointer), problem, fix);
  };
  const path: (string | number)[] = [];
  /**
   * `named`: the keys of `value` are names (of components, properties, paths), not keywords.
   * `data`: `value` is data (an example, a default, an extension), where `$ref` is just a key.
   */
  const visit = (value: unknown, named: boolean, data: boolean): void => {
    if (typeof value !== "object" || value === null) return;
    if (path.length >= DEPTH_LIMIT) {
      const { problem, fix } = depthProblem(path);
      fail(path, problem, fix);
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        visit(value[index], false, data);
        path.pop();
      }
      return;
    }
    const record = value as Record<string, unknown>;
    if (!data && !named && Object.hasOwn(record, "$ref")) checkRef(document, record, [...path, "$ref"], fail);
    const sections = path.length === 1 && path[0] === "components";
    for (const key in record) {
      const keyword = !data && !named;
      if (keyword && key === "$ref") continue;
      path.push(key);
      const dataKey = keyword && (DATA_KEYS.has(key) || key.startsWith("x-"));
      visit(record[key], keyword && (sections || NAME_MAPS.has(key)), data || dataKey);
      path.pop();
    }
  };
  visit(document, false, false);
}

function checkRef(
  document: Record<string, unknown>,
  holder: Record<string, unknown>,
  pointer: Pointer,
  fail: (pointer: Pointer, problem: string, fix: string) => never,
): void {
  const seen = new Set<string>();
  for (let current = holder; Object.hasOwn(current, "$ref");) {
    const ref = current.$ref;
    if (typeof ref !== "string")
      return fail(pointer, "`$ref` must be a string", "write the reference as '#/components/schemas/<Name>'");
    if (seen.has(ref))
      return fail(
        pointer,
        `$ref ${holder.$ref as string} is circular: it never reaches a definition`,
        "break the cycle: let one of the references define the object",
      );
    seen.add(ref);
    const resolved = componentTarget(document, ref);
    if ("problem" in resolved) return seen.size === 1 ? fail(pointer, resolved.problem, resolved.fix) : undefined;
    current = resolved.target;
  }
}

function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
