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
  const within = (): void => {
    if (path.length < DEPTH_LIMIT) return;
    const { problem, fix } = depthProblem(path);
    fail(path, problem, fix);
  };
  /** Data (an example, a default, an extension), where `$ref` is just a key: only its depth counts. */
  const visitData = (value: object): void => {
    within();
    const array = Array.isArray(value);
    for (const key in value) {
      const member = (value as Record<string, unknown>)[key];
      if (typeof member !== "object" || member === null) continue;
      path.push(array ? Number(key) : key);
      visitData(member);
      path.pop();
    }
  };
  /** Spec structure; `named`: the keys of `value` are names (of components, properties, paths), not keywords. */
  const visit = (value: object, named: boolean): void => {
    within();
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const member: unknown = value[index];
        if (typeof member !== "object" || member === null) continue;
        path.push(index);
        visit(member, false);
        path.pop();
      }
      return;
    }
    const record = value as Record<string, unknown>;
    if (!named && Object.hasOwn(record, "$ref")) checkRef(document, record, [...path, "$ref"], fail);
    const sections = path.length === 1 && path[0] === "components";
    for (const key in record) {
      const member = record[key];
      if (typeof member !== "object" || member === null || (!named && key === "$ref")) continue;
      path.push(key);
      if (!named && (DATA_KEYS.has(key) || key.startsWith("x-"))) visitData(member);
      else visit(member, !named && (sections || NAME_MAPS.has(key)));
      path.pop();
    }
  };
  visit(document, false);
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
