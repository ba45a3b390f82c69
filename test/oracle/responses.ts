/**
 * Response side of the oracle: a resource synthesized from a spec's schema (dates in the format
 * the spec declares, some nullable fields null), and the fields both SDKs expose compared as
 * values: dates as instants, numbers, nulls.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import { resolveSchema, sampleValue, type Components } from "../contract/synthesize.js";

const DATES: Record<string, string> = {
  date: "2024-01-02",
  "date-time": "2024-01-02T03:04:05Z",
  "date-time-rfc-2822": "Tue, 02 Jan 2024 03:04:05 +0000",
};

const componentsBySpec = new Map<string, Components>();

/**
 * How a synthesized body spells its values: `typical` as the API does; `text` with every integer
 * as a numeric string (`"7"`) and every date as text that is no date, to compare how both SDKs
 * convert what they do not expect.
 */
export type BodyVariant = "typical" | "text";

export function resourceBody(
  corpus: string,
  spec: string,
  schemaName: string,
  variant: BodyVariant = "typical",
): Record<string, unknown> {
  let components = componentsBySpec.get(spec);
  if (components === undefined) {
    components = parse(readFileSync(join(corpus, spec), "utf8")).components.schemas as Components;
    componentsBySpec.set(spec, components);
  }
  const schema = resolveSchema(components[schemaName] ?? {}, components);
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(
    Object.entries(properties).map(([name, property], index) => {
      const resolved = resolveSchema(property, components!);
      if (resolved.nullable === true && index % 4 === 3) return [name, null];
      const date = DATES[String(resolved.format)];
      const value = sampleValue(property, components!, { target: "json" });
      if (variant === "text" && date !== undefined) return [name, "not a date"];
      if (variant === "text" && resolved.type === "integer") return [name, `${String(value)}7`];
      return [name, date ?? value];
    }),
  );
}

/** The fields twilio-node's instance has and ours exposes too, and those whose values differ. */
export function fieldDifferences(ours: object, theirs: object): { compared: string[]; differences: string[] } {
  // Where twilio-node hands back the parsed body itself (its fetch of a redirect's answer, such as a
  // BulkExports Day), compare it with the body our instance was read from.
  if (Object.getPrototypeOf(theirs) === Object.prototype && "raw" in ours) {
    return fieldDifferences((ours as { raw(): object }).raw(), theirs);
  }
  const compared: string[] = [];
  const differences: string[] = [];
  for (const [field, value] of Object.entries(theirs)) {
    // A field named like a child resource (`passkeys`) is `passkeysField` on our instances.
    const member = `${field}Field` in ours ? `${field}Field` : field;
    if (field.startsWith("_") || typeof value === "function" || !(member in ours)) continue;
    compared.push(field);
    if (!isDeepStrictEqual(comparable((ours as Record<string, unknown>)[member]), comparable(value))) {
      differences.push(`field ${field}`);
    }
  }
  return { compared, differences };
}

function comparable(value: unknown): unknown {
  return value instanceof Date ? { instant: value.getTime() } : value;
}
