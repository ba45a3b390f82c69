/**
 * How component schemas are made of one another, as TypeScript types see it. A reference inside an
 * object's properties is resolved lazily by TypeScript, so a schema may reach itself through one
 * (`Note: { parent?: Note }`); a reference that a type is made of directly (a `$ref`, a member of
 * `allOf`, `anyOf` or `oneOf`, an array's `items`) is resolved eagerly. Load refuses the cycles of
 * composition alone, which no value can have; the plan names the schemas on the other cycles, which
 * pass through an array, so that they compile (`type Tree = Tree[]`). No stage, no recursion: specs
 * are untrusted, and a chain of a hundred thousand schemas must not exhaust the stack.
 */
import { refOf, schemaRefName, type Pointer } from "./refs.js";

/** A component schema that another schema's type is made of directly. */
export interface TypeRef {
  /** The component's name under `components.schemas`. */
  name: string;
  /** Where the `$ref` is inside the referring schema. */
  pointer: Pointer;
  /** Whether the reference is inside an array's `items`: a cycle through one still has a type. */
  throughItems: boolean;
}

const COMPOSITIONS = ["allOf", "anyOf", "oneOf"] as const;

/**
 * The components `schema` is made of directly, as its type is rendered: its `$ref` (beside
 * which nothing else counts), its composition members, and the `items` (or `prefixItems`) of a
 * `type: array`; never what sits under `properties`, `additionalProperties` or `not`.
 */
export function typeRefs(schema: unknown): TypeRef[] {
  const found: TypeRef[] = [];
  const pending: { value: unknown; pointer: Pointer; throughItems: boolean }[] = [
    { value: schema, pointer: [], throughItems: false },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, pointer, throughItems } = next;
    if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
    const ref = refOf(value);
    if (ref !== undefined) {
      const name = schemaRefName(ref);
      if (name !== undefined) found.push({ name, pointer: [...pointer, "$ref"], throughItems });
      continue;
    }
    const record = value as Record<string, unknown>;
    const children: typeof pending = [];
    const inside = (key: string, index: number | undefined, item: unknown, items: boolean) =>
      children.push({
        value: item,
        pointer: index === undefined ? [...pointer, key] : [...pointer, key, index],
        throughItems: throughItems || items,
      });
    for (const key of COMPOSITIONS) {
      const members = record[key];
      if (Array.isArray(members)) members.forEach((member, index) => inside(key, index, member, false));
    }
    if (record.type === "array") {
      inside("items", undefined, record.items, true);
      const prefix = record.prefixItems;
      if (Array.isArray(prefix)) prefix.forEach((member, index) => inside("prefixItems", index, member, true));
    }
    // Pending is a stack: the first child on top, so references come in document order.
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
  }
  return found;
}

/**
 * The schemas that reach themselves along the references `follows` keeps: each group (a strongly
 * connected component of the graph) in the order of `schemas`, its members in that order too.
 */
export function schemaCycles(
  schemas: Readonly<Record<string, unknown>>,
  follows: (ref: TypeRef) => boolean,
): string[][] {
  const names = Object.keys(schemas);
  const edges = new Map(names.map((name) => [name, targets(schemas, name, follows)]));
  const order = new Map(names.map((name, index) => [name, index]));
  return stronglyConnected(names, (name) => edges.get(name)!)
    .filter((group) => group.length > 1 || edges.get(group[0]!)!.includes(group[0]!))
    .map((group) => group.sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}

/**
 * One shortest way from `start` back to itself along the references `follows` keeps, as the
 * references taken (each with the schema it leaves); undefined when `start` is on no such cycle.
 */
export function cycleThrough(
  schemas: Readonly<Record<string, unknown>>,
  start: string,
  follows: (ref: TypeRef) => boolean,
): { from: string; ref: TypeRef }[] | undefined {
  const cameBy = new Map<string, { from: string; ref: TypeRef }>();
  const queue = [start];
  for (let index = 0; index < queue.length; index++) {
    const from = queue[index]!;
    for (const ref of typeRefs(schemas[from]).filter((ref) => follows(ref) && Object.hasOwn(schemas, ref.name))) {
      if (ref.name === start) {
        const path = [{ from, ref }];
        for (let step = cameBy.get(from); step !== undefined; step = cameBy.get(step.from)) path.push(step);
        return path.reverse();
      }
      if (cameBy.has(ref.name)) continue;
      cameBy.set(ref.name, { from, ref });
      queue.push(ref.name);
    }
  }
  return undefined;
}

function targets(
  schemas: Readonly<Record<string, unknown>>,
  name: string,
  follows: (ref: TypeRef) => boolean,
): string[] {
  const refs = typeRefs(schemas[name]).filter((ref) => follows(ref) && Object.hasOwn(schemas, ref.name));
  return [...new Set(refs.map((ref) => ref.name))];
}

/** Tarjan's strongly connected components, with an explicit stack instead of recursion. */
function stronglyConnected(nodes: readonly string[], next: (node: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  for (const root of nodes) {
    if (index.has(root)) continue;
    const frames: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, index.size);
    low.set(root, index.get(root)!);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const successors = next(frame.node);
      if (frame.edge < successors.length) {
        const successor = successors[frame.edge++]!;
        if (!index.has(successor)) {
          index.set(successor, index.size);
          low.set(successor, index.get(successor)!);
          stack.push(successor);
          onStack.add(successor);
          frames.push({ node: successor, edge: 0 });
        } else if (onStack.has(successor)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(successor)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const group: string[] = [];
      for (let member = stack.pop()!; ; member = stack.pop()!) {
        onStack.delete(member);
        group.push(member);
        if (member === frame.node) break;
      }
      groups.push(group);
    }
  }
  return groups;
}
