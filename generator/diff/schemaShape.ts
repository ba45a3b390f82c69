import type { Schema } from "../model/types.js";
import { followRefs, schemaRefName } from "../util/refs.js";

/** What a schema means to SDK callers, reduced to what can be compared. */
export interface SchemaShape {
  /** `string`, `integer`, `array of string`, `object`, `oneOf(string | integer)`, `any`. */
  type: string;
  /** The format of the value (of the items, for an array): `date-time`, `int64`. */
  format?: string;
  /** The allowed values (of the items, for an array), when the schema lists them. */
  enum?: string[];
}

/** The shape of a schema, following `#/components/schemas/...` references through `components`. */
export function schemaShape(schema: Schema | undefined, components: Readonly<Record<string, Schema>>): SchemaShape {
  const resolved = resolve(schema, components);
  if (resolved.type === "array") {
    const items = schemaShape(resolved.items, components);
    return { ...items, type: `array of ${items.type}` };
  }
  const members = resolved.oneOf ?? resolved.anyOf;
  if (Array.isArray(members)) {
    return {
      type: `oneOf(${members.map((member: Schema) => shapeText(schemaShape(member, components))).join(" | ")})`,
    };
  }
  return {
    type: typeof resolved.type === "string" ? resolved.type : resolved.properties ? "object" : "any",
    format: typeof resolved.format === "string" ? resolved.format : undefined,
    enum: Array.isArray(resolved.enum) ? resolved.enum.map(String) : undefined,
  };
}

/** `string (date-time)`, `array of string enum`: the shape as a reviewer reads it. */
export function shapeText(shape: SchemaShape): string {
  return `${shape.type}${shape.format ? ` (${shape.format})` : ""}${shape.enum ? " enum" : ""}`;
}

/**
 * How the type of `after` relates to that of `before`, ignoring format and enum values: `narrower`
 * when it only makes an `any` concrete (`any` → `object`, `array of any` → `array of string`).
 */
export function typeRelation(before: string, after: string): "same" | "narrower" | "wider" | "different" {
  if (before === after) return "same";
  if (fills(before, after)) return "narrower";
  if (fills(after, before)) return "wider";
  return "different";
}

function fills(general: string, specific: string): boolean {
  if (!general.includes("any")) return false;
  const pattern = general.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\bany\b/g, ".+");
  return new RegExp(`^${pattern}$`).test(specific);
}

/** Follows component references until a schema without `$ref` remains (or the reference is unknown). */
export function resolve(schema: Schema | undefined, components: Readonly<Record<string, Schema>>): Schema {
  const lookup = (ref: string) => {
    const name = schemaRefName(ref);
    return name !== undefined && Object.hasOwn(components, name) ? components[name] : undefined;
  };
  return followRefs(schema ?? {}, lookup).value as Schema;
}
