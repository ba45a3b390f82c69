import type { Schema } from "../model/types.js";
import { docText } from "./escape.js";

/** The keywords whose values openapi-typescript's rules write into doc comments (schemaDoc.ts). */
const DOC_PROSE = ["title", "summary", "description", "format"];
const DOC_DATA = ["default", "example", "examples"];

/**
 * A schema as its type is made from it: the text written into doc comments (descriptions,
 * titles, formats, and the strings of defaults and examples) through the doc-comment rule
 * (escape.ts docText), so that a line of prose cannot open a JSDoc tag. Nested schemas likewise;
 * nothing else changes. A schema with nothing to escape is returned as it is (most are), and a
 * changed one is a copy: `schema` is never written to.
 */
export function docSafe(schema: Schema): Schema {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const given = schema as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  const set = (key: string, value: unknown) => {
    if (value !== given[key]) (copy ??= { ...given })[key] = value;
  };
  for (const key of DOC_PROSE) if (typeof given[key] === "string") set(key, docText(given[key]));
  for (const key of DOC_DATA) if (key in given) set(key, docData(given[key]));
  for (const key of ["items", "not", "additionalProperties"])
    if (typeof given[key] === "object") set(key, docSafe(given[key] as Schema));
  for (const key of ["allOf", "anyOf", "oneOf"])
    if (Array.isArray(given[key])) set(key, mapItems(given[key] as Schema[], docSafe));
  if (typeof given.properties === "object" && given.properties !== null)
    set("properties", mapValues(given.properties as Record<string, Schema>, docSafe));
  return (copy ?? schema) as Schema;
}

function docData(value: unknown): unknown {
  if (typeof value === "string") return docText(value);
  if (Array.isArray(value)) return mapItems(value, docData);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  const mapped = entries.map(([key, item]) => [key, docData(item)] as const);
  return mapped.every(([, item], index) => item === entries[index]![1]) ? value : Object.fromEntries(mapped);
}

/** The items each mapped; `items` itself where none changes. */
function mapItems<T>(items: readonly T[], map: (item: T) => T): readonly T[] {
  const mapped = items.map(map);
  return mapped.every((item, index) => item === items[index]) ? items : mapped;
}

/**
 * A record with each value mapped, its own keys kept as they are (`__proto__` too); `record`
 * itself where no value changes.
 */
export function mapValues<T>(record: Readonly<Record<string, T>>, map: (value: T) => T): Readonly<Record<string, T>> {
  const keys = Object.keys(record);
  const values = keys.map((key) => map(record[key]!));
  if (values.every((value, index) => value === record[keys[index]!])) return record;
  const mapped: Record<string, T> = {};
  keys.forEach((key, index) =>
    Object.defineProperty(mapped, key, { value: values[index], enumerable: true, writable: true, configurable: true }),
  );
  return mapped;
}
