import { GeneratorError } from "../diagnostics.js";
import { componentRef } from "../refs.js";
import { isRecord } from "./documentShape.js";
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
/** Deeper nesting is refused: Twilio's specs nest 21 levels at most, and later stages recurse. */
export const DEPTH_LIMIT = 64;
/** Values that are data, not spec structure, which no stage follows: a `$ref` key inside them is just a key. */
const DATA_KEYS = new Set(["example", "examples", "default", "enum", "value"]);
/** Mappings whose keys are names (paths, properties, status codes, media types), never keywords. */
const NAME_MAPS = new Set(["paths", "properties", "responses", "content", "headers", "encoding", "links", "callbacks"]);

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
 * Walks the parts of a document that the generator and the type renderer follow, once: every
 * `$ref` must name a component of the same file (a chain of references must end in a definition),
 * and nesting stays within the depth limit.
 */
export function checkTree(file: string, document: Record<string, unknown>): void {
  const fail = (pointer: Pointer, problem: string, fix: string): never => {
    throw new GeneratorError(locate(file, pointer), problem, fix);
  };
  const path: (string | number)[] = [];
  /** `named`: the keys of `value` are names (of components, properties, paths), not keywords. */
  const visit = (value: unknown, named: boolean): void => {
    if (typeof value !== "object" || value === null) return;
    if (path.length >= DEPTH_LIMIT)
      fail(
        path,
        `the document nests deeper than ${DEPTH_LIMIT} levels`,
        "flatten the structure: move nested schemas under components.schemas and refer to them",
      );
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        visit(value[index], false);
        path.pop();
      }
      return;
    }
    const record = value as Record<string, unknown>;
    if (!named && Object.hasOwn(record, "$ref")) checkRef(document, record, [...path, "$ref"], fail);
    const sections = path.length === 1 && path[0] === "components";
    for (const key in record) {
      if (!named && (key === "$ref" || DATA_KEYS.has(key) || key.startsWith("x-"))) continue;
      path.push(key);
      visit(record[key], !named && (sections || NAME_MAPS.has(key)));
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
