/**
 * The TypeScript types that schema types are made of, as data: the few kinds of type the schemas
 * need, built the way TypeScript's node factory builds them (a union or intersection inside a
 * union, an intersection or an array is parenthesized) and merged the way openapi-typescript merges
 * them (a union or intersection lists `string`, `number`, `boolean`, `never`, `undefined` and `null`
 * once). typePrinter.ts writes them out.
 */

/** Keyword types; `null` among them, a literal type in TypeScript that merges like a keyword. */
export type Keyword = "string" | "number" | "boolean" | "unknown" | "never" | "undefined" | "null";

export type TypeNode =
  | { kind: "keyword"; name: Keyword }
  /** Written as it is: a literal (`"a"`, `1`, `-1`, `true`) or a type's name. */
  | { kind: "text"; text: string }
  | { kind: "reference"; name: string; args: readonly TypeNode[] }
  /** `object[index]`, `index` already written as a string literal. */
  | { kind: "indexed"; object: TypeNode; index: string }
  | { kind: "array"; element: TypeNode }
  | { kind: "tuple"; elements: readonly TypeNode[] }
  | { kind: "union" | "intersection"; members: readonly TypeNode[] }
  | { kind: "parenthesized"; type: TypeNode }
  | { kind: "object"; members: readonly Member[] };

/** A member of an object type: a property (`name` already written as a key) or `[key: string]: type`. */
export type Member =
  | { kind: "property"; name: string; readonly: boolean; optional: boolean; type: TypeNode; doc: string | undefined }
  | { kind: "index"; type: TypeNode };

const keyword = (name: Keyword): TypeNode => ({ kind: "keyword", name });
export const STRING = keyword("string");
export const NUMBER = keyword("number");
export const BOOLEAN = keyword("boolean");
export const UNKNOWN = keyword("unknown");
export const NEVER = keyword("never");
export const NULL = keyword("null");

/** The keywords a union or intersection lists once (openapi-typescript's tsIsPrimitive). */
const PRIMITIVES: ReadonlySet<Keyword> = new Set(["string", "number", "boolean", "never", "undefined", "null"]);

export function isPrimitive(type: TypeNode): boolean {
  return type.kind === "keyword" && PRIMITIVES.has(type.name);
}

export function isUnknown(type: TypeNode): boolean {
  return type.kind === "keyword" && type.name === "unknown";
}

export function text(value: string): TypeNode {
  return { kind: "text", text: value };
}

export function reference(name: string, args: readonly TypeNode[] = []): TypeNode {
  return { kind: "reference", name, args };
}

export function array(element: TypeNode): TypeNode {
  return { kind: "array", element: grouped(element) };
}

export function tuple(elements: readonly TypeNode[]): TypeNode {
  return { kind: "tuple", elements };
}

export function object(members: readonly Member[]): TypeNode {
  return { kind: "object", members };
}

/** `never` for none, the type itself for one, else their union with each primitive once. */
export function union(types: readonly TypeNode[]): TypeNode {
  if (types.length <= 1) return types[0] ?? NEVER;
  return unionOf(primitivesOnce(types));
}

/** `never` for none, the type itself for one, else their intersection with each primitive once. */
export function intersection(types: readonly TypeNode[]): TypeNode {
  if (types.length <= 1) return types[0] ?? NEVER;
  return intersectionOf(primitivesOnce(types));
}

/** The union of `types` as they are, even of one type. */
export function unionOf(types: readonly TypeNode[]): TypeNode {
  return { kind: "union", members: types.map(grouped) };
}

/** The intersection of `types` as they are. */
export function intersectionOf(types: readonly TypeNode[]): TypeNode {
  return { kind: "intersection", members: types.map(grouped) };
}

/** A union or intersection in parentheses, where it is part of a union, intersection or array type. */
function grouped(type: TypeNode): TypeNode {
  return type.kind === "union" || type.kind === "intersection" ? { kind: "parenthesized", type } : type;
}

function primitivesOnce(types: readonly TypeNode[]): TypeNode[] {
  const seen = new Set<Keyword>();
  return types.filter((type) => {
    if (type.kind !== "keyword" || !isPrimitive(type)) return true;
    if (seen.has(type.name)) return false;
    seen.add(type.name);
    return true;
  });
}
