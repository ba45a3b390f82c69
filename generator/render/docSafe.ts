import type { Schema } from "../model/types.js";
import { docText } from "./escape.js";

/** The keywords whose values openapi-typescript's rules write into doc comments (schemaDoc.ts). */
const DOC_PROSE = ["title", "summary", "description", "format"];
const DOC_DATA = ["default", "example", "examples"];

/**
 * A schema as its type is made from it: the text written into doc comments (descriptions,
 * titles, formats, and the strings of defaults and examples) through the doc-comment rule
 * (escape.ts docText), so that a line of prose cannot open a JSDoc tag. Nested schemas likewise;
 * nothing else changes.
 */
export function docSafe(schema: Schema): Schema {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const copy: Record<string, unknown> = { ...schema };
  for (const key of DOC_PROSE) if (typeof copy[key] === "string") copy[key] = docText(copy[key] as string);
  for (const key of DOC_DATA) if (key in copy) copy[key] = docData(copy[key]);
  for (const key of ["items", "not", "additionalProperties"])
    if (typeof copy[key] === "object") copy[key] = docSafe(copy[key] as Schema);
  for (const key of ["allOf", "anyOf", "oneOf"])
    if (Array.isArray(copy[key])) copy[key] = (copy[key] as Schema[]).map(docSafe);
  if (typeof copy.properties === "object" && copy.properties !== null)
    copy.properties = mapValues(copy.properties as Record<string, Schema>, docSafe);
  return copy as Schema;
}

function docData(value: unknown): unknown {
  if (typeof value === "string") return docText(value);
  if (Array.isArray(value)) return value.map(docData);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, docData(item)]));
}

/** A record with each value mapped, its own keys kept as they are (`__proto__` too). */
export function mapValues<T>(record: Readonly<Record<string, T>>, map: (value: T) => T): Record<string, T> {
  const mapped: Record<string, T> = {};
  for (const key of Object.keys(record))
    Object.defineProperty(mapped, key, {
      value: map(record[key]!),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return mapped;
}
