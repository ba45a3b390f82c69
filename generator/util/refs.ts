/**
 * JSON pointers (RFC 6901) and local `$ref`s: the one place that knows their syntax. In a pointer's
 * segments `~1` stands for `/` and `~0` for `~`. It imports nothing of the pipeline, so every stage
 * (load, model, plan, render) and the spec diff may use it without reaching back up the stages.
 */

import { compareText } from "./ordering.js";

/** A place in a document as keys and indexes: `["paths", "/v1/Tasks", "get"]`. */
export type Pointer = readonly (string | number)[];

/** `#/components/<section>/<name>`, the only `$ref` a spec may write (load/documentTree.ts checks it). */
const COMPONENT_REF = /^#\/components\/([^/]+)\/([^/]+)$/;

/** `a/b~c` → `a~1b~0c`: a key as one segment of a pointer. */
export function escapeSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `a~1b~0c` → `a/b~c`: the key one segment of a pointer stands for. */
export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** `["paths", "/v1/Tasks", "get"]` → `/paths/~1v1~1Tasks/get`. */
export function jsonPointer(pointer: Pointer): string {
  return pointer.map((key) => "/" + escapeSegment(String(key))).join("");
}

/** The section and name a `#/components/<section>/<name>` reference names, unescaped; undefined for any other. */
export function componentRef(ref: string): { section: string; name: string } | undefined {
  const match = COMPONENT_REF.exec(ref);
  return match ? { section: unescapeSegment(match[1]!), name: unescapeSegment(match[2]!) } : undefined;
}

/** The component schema a `$ref` names: `#/components/schemas/a~1b` → `a/b`; undefined for any other reference. */
export function schemaRefName(ref: string): string | undefined {
  const component = componentRef(ref);
  return component?.section === "schemas" ? component.name : undefined;
}

/** What a local reference (`#/a/b`) points to inside `document`, or undefined. */
export function resolvePointer(document: unknown, ref: string): unknown {
  let node: unknown = document;
  for (const segment of ref.replace(/^#\//, "").split("/")) {
    node =
      typeof node === "object" && node !== null
        ? (node as Record<string, unknown>)[unescapeSegment(segment)]
        : undefined;
  }
  return node;
}

/** The `$ref` of `value` when it is a reference object. */
export function refOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const ref = (value as { $ref?: unknown }).$ref;
  return typeof ref === "string" ? ref : undefined;
}

/**
 * Follows `$ref`s from `value` until a value that is no reference remains, asking `lookup` what each
 * points to. Stops at a reference `lookup` cannot answer (that reference is the value), and at one
 * seen before (`cycle` names it).
 */
export function followRefs(value: unknown, lookup: (ref: string) => unknown): { value: unknown; cycle?: string } {
  let current = value;
  const seen = new Set<string>();
  for (let ref = refOf(current); ref !== undefined; ref = refOf(current)) {
    if (seen.has(ref)) return { value: current, cycle: ref };
    seen.add(ref);
    const target = lookup(ref);
    if (target === undefined) return { value: current };
    current = target;
  }
  return { value: current };
}

/**
 * The component schemas that the `$ref`s inside `roots` reach, directly or through other
 * components, by name in code-unit order: all of `components` a rendering of `roots` may read.
 */
export function reachableSchemas<S>(
  roots: readonly unknown[],
  components: Readonly<Record<string, S>>,
): Record<string, S> {
  const reached = new Map<string, S>();
  const pending = [...roots];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null) continue;
    const ref = refOf(value);
    const name = ref === undefined ? undefined : schemaRefName(ref);
    if (name !== undefined && !reached.has(name) && Object.hasOwn(components, name)) {
      reached.set(name, components[name]!);
      pending.push(components[name]);
    }
    pending.push(...Object.values(value));
  }
  return Object.fromEntries([...reached].sort(([a], [b]) => compareText(a, b)));
}
