/**
 * Schemas as type nodes (typeNodes.ts), by openapi-typescript 7's rules for the options the SDK
 * uses (no TypeScript enums, no array lengths, mutable, an object without properties
 * `Record<string, unknown>`): a `$ref` is `components["schemas"]["Name"]`, `const` and `enum` are
 * literal types, `allOf` an intersection, `anyOf` and `oneOf` unions, `nullable` adds `| null`,
 * `required` beside a `$ref` in `allOf` makes those properties required, and a property's title,
 * description, format, default and examples become its doc comment (schemaDoc.ts). The recursion
 * follows the schema's own nesting, never a `$ref`: the loader bounds it (load/limits.mjs).
 */
import { literalType, propertyName, schemaDoc } from "./schemaDoc.js";
import { stringLiteralText } from "./typePrinter.js";
import {
  array,
  BOOLEAN,
  intersection,
  intersectionOf,
  isPrimitive,
  isUnknown,
  NEVER,
  NULL,
  NUMBER,
  object,
  reference,
  STRING,
  tuple,
  union,
  unionOf,
  UNKNOWN,
  type Member,
  type TypeNode,
} from "./typeNodes.js";

/** What turns schemas into types besides the schemas themselves. */
export interface TypeContext {
  /** What a `$ref` points to, for the properties a `required` beside it in `allOf` names. */
  resolve: (ref: string) => unknown;
  /** The type that stands for the schema at `path`, where it has one (a named component's name). */
  named?: (path: string) => TypeNode | undefined;
  /** The type that stands for `type` once made, where it has one. */
  renamed?: (type: TypeNode) => TypeNode | undefined;
}

type SchemaObject = Record<string, unknown>;

/** The type of the schema at `path` (a JSON pointer, which `named` is asked about and errors name). */
export function schemaType(schema: unknown, path: string, context: TypeContext): TypeNode {
  const type = composedType(schema, path, context);
  return context.renamed?.(type) ?? type;
}

/** The type of a `components` object holding `schemas`: its other sections `never`. */
export function componentsType(schemas: Readonly<Record<string, unknown>>, context: TypeContext): TypeNode {
  const members: Member[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    const path = createRef(["components", "schemas", name]);
    const own = schemaType(schema, path, context);
    const type = context.named?.(path) ?? own;
    members.push(property(name, type, { optional: false, doc: schemaDoc(schema) }));
  }
  const sections = ["responses", "parameters", "requestBodies", "headers", "pathItems"];
  return object([
    property("schemas", members.length > 0 ? object(members) : NEVER),
    ...sections.map((section) => property(section, NEVER)),
  ]);
}

function composedType(schema: unknown, path: string, context: TypeContext): TypeNode {
  if (!schema) return NEVER;
  if (schema === true) return UNKNOWN;
  if (Array.isArray(schema) || typeof schema !== "object")
    throw new Error(`Expected SchemaObject, received ${Array.isArray(schema) ? "Array" : typeof schema} at ${path}`);
  const object = schema as SchemaObject;
  if ("$ref" in object) return refType(object.$ref as string);
  if (object.const !== null && object.const !== undefined) return literalType(object.const);
  if (isEnum(object)) {
    const values = (object.enum as unknown[]).map((value) => literalType(value));
    const withNull = (Array.isArray(object.type) && object.type.includes("null")) || object.nullable;
    return union(withNull ? [...values, NULL] : values);
  }
  let type = ownType(object, path, context);
  const anyOf = memberTypes((object.anyOf ?? []) as unknown[], "anyOf", path, context);
  if (anyOf.length > 0) type = union([...optional(type), ...anyOf]);
  const enumOf = object.type === "object" && object.enum;
  const oneOf = memberTypes((object.oneOf || enumOf || []) as unknown[], "oneOf", path, context);
  if (oneOf.length > 0)
    type = oneOf.every(isPrimitive)
      ? union([...optional(type), ...oneOf])
      : intersection([...optional(type), union(oneOf)]);
  type ??= "type" in object ? reference("Record", [STRING, UNKNOWN]) : UNKNOWN;
  return !isUnknown(type) && object.nullable ? unionOf([type, NULL]) : type;
}

/** An `enum` that lists the values themselves (of an object type, they are schemas `oneOf`). */
function isEnum(schema: SchemaObject): boolean {
  return (
    Array.isArray(schema.enum) &&
    (!("type" in schema) || schema.type !== "object") &&
    !("properties" in schema) &&
    !("additionalProperties" in schema)
  );
}

/** The schema's type keyword and properties, intersected with its `allOf`; undefined if it has none. */
function ownType(schema: SchemaObject, path: string, context: TypeContext): TypeNode | undefined {
  const core = coreType(schema, path, context);
  const allOf = allOfTypes((schema.allOf ?? []) as unknown[], schema.required as unknown[] | undefined, path, context);
  if (core === undefined && allOf.length === 0) return undefined;
  return intersection([...optional(core), ...(allOf.length > 0 ? [intersection(allOf)] : [])]);
}

function optional(type: TypeNode | undefined): TypeNode[] {
  return type === undefined ? [] : [type];
}

/** The members of `anyOf` or `oneOf`, each at its own path. */
function memberTypes(schemas: readonly unknown[], key: string, path: string, context: TypeContext): TypeNode[] {
  const base = schemas.length > 0 ? createRef([path, key]) : "";
  return schemas.map((schema, index) => schemaType(schema, `${base}/${index}`, context));
}

/**
 * The members of `allOf`: a `$ref` with `required` beside it as `T & Required<Pick<T, K>>` for the
 * properties its target has (openapi-typescript's `WithRequired<T, K>`, written out), another schema
 * with `required` added to its own; with a `discriminator`, its property left out (`Omit`).
 */
function allOfTypes(
  schemas: readonly unknown[],
  required: readonly unknown[] | undefined,
  path: string,
  context: TypeContext,
): TypeNode[] {
  return schemas.map((schema) => {
    const item = schema as SchemaObject;
    let type: TypeNode;
    if ("$ref" in item) {
      type = schemaType(item, path, context);
      const target = context.resolve(item.$ref as string) as SchemaObject | undefined;
      if (target && typeof target === "object" && "properties" in target) {
        const properties = target.properties as SchemaObject | undefined;
        const keys = (required ?? []).filter((key) => !!properties?.[key as string]);
        if (keys.length > 0) type = withRequired(type, keys);
      }
    } else {
      const own = typeof item === "object" && Array.isArray(item.required) ? item.required : [];
      type = schemaType({ ...item, required: [...(required ?? []), ...own] }, path, context);
    }
    const discriminator = item.discriminator as { propertyName: unknown } | undefined;
    return discriminator ? reference("Omit", [type, unionOf([literalType(discriminator.propertyName)])]) : type;
  });
}

function withRequired(type: TypeNode, keys: readonly unknown[]): TypeNode {
  const required = reference("Required", [reference("Pick", [type, union(keys.map((key) => literalType(key)))])]);
  return intersectionOf([type, required]);
}

/** The type its `type` keyword gives a schema, or its properties; undefined where neither does. */
function coreType(schema: SchemaObject, path: string, context: TypeContext): TypeNode | undefined {
  if ("type" in schema && schema.type) {
    const named = context.named?.(path);
    if (named) return named;
    switch (schema.type) {
      case "null":
        return NULL;
      case "string":
        return STRING;
      case "number":
      case "integer":
        return NUMBER;
      case "boolean":
        return BOOLEAN;
      case "array":
        return arrayType(schema, path, context);
    }
    if (Array.isArray(schema.type)) return typeListType(schema, schema.type, path, context);
  }
  return objectType(schema, path, context);
}

function arrayType(schema: SchemaObject, path: string, context: TypeContext): TypeNode {
  let item = UNKNOWN;
  if (schema.prefixItems || Array.isArray(schema.items)) {
    const prefixItems = (schema.prefixItems ?? schema.items) as unknown[];
    item = tuple(prefixItems.map((entry) => schemaType(entry, path, context)));
  } else if (schema.items) {
    const items = schema.items as SchemaObject;
    const nested = typeof items === "object" && items !== null && "type" in items && items.type === "array";
    item = nested ? array(schemaType(items, path, context)) : schemaType(items, path, context);
  }
  return item.kind === "tuple" || item.kind === "array" ? item : array(item);
}

/** `type: [a, b]` (3.1): the union of the schema as each type, less those a `oneOf` member has. */
function typeListType(schema: SchemaObject, types: readonly unknown[], path: string, context: TypeContext): TypeNode {
  const members: TypeNode[] = [];
  const oneOf = Array.isArray(schema.oneOf) ? (schema.oneOf as unknown[]) : undefined;
  for (const type of types) {
    const scalar = ["boolean", "string", "number", "integer", "null"].includes(type as string);
    const inOneOf = (entry: unknown) =>
      typeof entry === "object" && "type" in (entry as SchemaObject) && (entry as SchemaObject).type === type;
    if (oneOf && scalar && oneOf.find(inOneOf)) continue;
    if (type === "null" || type === null) members.push(NULL);
    else members.push(schemaType(oneOf ? { ...schema, type, oneOf: undefined } : { ...schema, type }, path, context));
  }
  return union(members);
}

/** The object type of the schema's properties, `$defs` and index signature; undefined without any. */
function objectType(schema: SchemaObject, path: string, context: TypeContext): TypeNode | undefined {
  const additional = schema.additionalProperties;
  const patterns = schema.patternProperties;
  const holdsMembers =
    ("properties" in schema && schema.properties && Object.keys(schema.properties).length) ||
    ("additionalProperties" in schema && additional) ||
    ("patternProperties" in schema && patterns) ||
    ("$defs" in schema && schema.$defs);
  if (!holdsMembers) return undefined;
  const members = [...propertyMembers(schema, path, context), ...definitions(schema, path, context)];
  const indexTypes: TypeNode[] = [];
  if (typeof additional === "object" && Object.keys(additional as object).length)
    indexTypes.push(schemaType(additional, path, context));
  if (additional === true || (typeof additional === "object" && Object.keys(additional as object).length === 0))
    indexTypes.push(UNKNOWN);
  if (typeof patterns === "object" && Object.keys(patterns as object).length)
    for (const pattern of Object.values(patterns as object)) indexTypes.push(schemaType(pattern, path, context));
  if (indexTypes.length === 0) return members.length > 0 ? object(members) : undefined;
  const index = object([{ kind: "index", type: union(indexTypes) }]);
  return intersection([...(members.length > 0 ? [object(members)] : []), index]);
}

function propertyMembers(schema: SchemaObject, path: string, context: TypeContext): Member[] {
  const required = schema.required as { includes: (key: string) => boolean } | undefined;
  let base: string | undefined;
  return Object.entries((schema.properties ?? {}) as SchemaObject).map(([key, value]) => {
    if ((typeof value !== "object" && typeof value !== "boolean") || Array.isArray(value))
      throw new Error(
        `${path}: invalid property ${key}. Expected Schema Object or boolean, got ${Array.isArray(value) ? "Array" : typeof value}`,
      );
    const entry = value as SchemaObject;
    const ref = typeof value === "object" ? "$ref" in entry && entry.$ref : undefined;
    const readonly = typeof value === "object" ? "readOnly" in entry && entry.readOnly : undefined;
    base ??= createRef([path]);
    const own = ref ? refType(ref as string) : schemaType(value, base + keyPointer(key), context);
    // openapi-typescript asks `named` about the object's path, not the property's.
    const type = context.named?.(path) ?? own;
    return property(key, type, { readonly: !!readonly, optional: !required?.includes(key), doc: schemaDoc(value) });
  });
}

/** `$defs: { ... }`, a member of the object type. */
function definitions(schema: SchemaObject, path: string, context: TypeContext): Member[] {
  const defs = schema.$defs as SchemaObject | undefined;
  if (!defs || typeof defs !== "object" || Object.keys(defs).length === 0) return [];
  const base = createRef([path, "$defs"]);
  const members = Object.entries(defs).map(([key, value]) => {
    const readonly = "readOnly" in (value as SchemaObject) && !!(value as SchemaObject).readOnly;
    const type = schemaType(value, base + keyPointer(key), context);
    return property(key, type, { readonly, optional: false, doc: schemaDoc(value) });
  });
  return [property("$defs", object(members))];
}

function property(
  key: string,
  type: TypeNode,
  { readonly = false, optional = false, doc = undefined as string | undefined } = {},
): Member {
  return { kind: "property", name: propertyName(key), readonly, optional, type, doc };
}

/**
 * `components["schemas"]["Name"]` for `#/components/schemas/Name`: the pointer's first segment, then
 * the others as indexes, but `properties` (`#/components/schemas/A/properties/b` is `...["A"]["b"]`).
 */
export function refType(ref: string): TypeNode {
  const segments = parseRef(ref);
  if (segments.length === 0) throw new Error(`Error parsing $ref: ${ref}. Is this a valid $ref?`);
  let type = reference(segments[0]!);
  segments.slice(1).forEach((segment, index) => {
    if (index < 2 || segment !== "properties")
      type = { kind: "indexed", object: type, index: stringLiteralText(segment) };
  });
  return type;
}

/**
 * The JSON pointer of `parts`, each a key or a pointer of its own: openapi-typescript's paths, which
 * `named` is asked about, made as it makes them (its pointer segments are URI-decoded).
 */
export function createRef(parts: readonly string[]): string {
  let pointer = "#";
  for (const part of parts) {
    if (part === "") continue;
    const segments = parseRef(part);
    pointer +=
      segments.length > 0
        ? segments.map((segment) => `/${escapeSegment(segment)}`).join("")
        : `/${escapeSegment(part)}`;
  }
  return pointer;
}

/**
 * What `createRef` adds for `key`: `/key`, escaped, as the pointer it is when it holds a `#/`.
 * `createRef([path, key])` is `createRef([path]) + keyPointer(key)`: a parent's path is made once.
 */
function keyPointer(key: string): string {
  if (key.includes("#/")) return createRef([key]).slice(1);
  return key === "" ? "" : `/${escapeSegment(key)}`;
}

/** The segments of the pointer after the first `#/` of `ref` (up to a second `#/`), unescaped and URI-decoded. */
function parseRef(ref: string): string[] {
  const pointer = ref.split("#/")[1] ?? "";
  return pointer
    .split("/")
    .map((segment) => decodeURIComponent(segment.replace(/~1/g, "/").replace(/~0/g, "~")))
    .filter(Boolean);
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
