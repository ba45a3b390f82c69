/**
 * What the Twilio double's data says about one response field beyond its name: the schema its
 * type is read from, and the value it holds when nothing set it where its type's empty value
 * (0, []) would not fit the schema. Schemas are in the 3.0 form load gives (openapi31.ts).
 */
import type { Schema } from "../model/types.js";
import { followRefs, schemaRefName } from "../util/refs.js";

type Components = Readonly<Record<string, Schema>>;

/** A schema with its `$ref`s followed; `{}` where one leads nowhere. */
export function resolved(schema: Schema, components: Components): Schema {
  const lookup = (ref: string) => {
    const name = schemaRefName(ref);
    return name !== undefined && Object.hasOwn(components, name) ? components[name] : undefined;
  };
  const value = followRefs(schema, lookup).value;
  return typeof value === "object" && value !== null ? (value as Schema) : {};
}

/**
 * The schema a field's type is read from: its own, or for a composition (`allOf: [$ref]`, a 3.1
 * list of types read as `anyOf`) its first member that holds more than null. Load has refused
 * compositions that hold themselves (schemaCycles.ts), so the descent ends.
 */
export function typedSchema(schema: Schema, components: Components): Schema {
  if (schema.type !== undefined || schema.properties !== undefined || schema.enum !== undefined) return schema;
  const members = (schema.allOf ?? schema.anyOf ?? schema.oneOf ?? []).map((member) => resolved(member, components));
  const member = members.find((each) => !(each.enum?.length === 1 && each.enum[0] === null));
  return member === undefined ? schema : typedSchema(member, components);
}

/**
 * The value a field of `schema` holds when nothing set it, where the empty value of its type is
 * outside the schema: a number nearest zero within its bounds, an array of as many items as
 * `minItems` asks for. Undefined where the empty value fits.
 */
export function constrainedEmpty(schema: Schema, components: Components): unknown {
  if (schema.type === "number" || schema.type === "integer") return boundedNumber(schema);
  if (schema.type !== "array" || !(Number(schema.minItems) > 0)) return undefined;
  const prefix = schema.prefixItems ?? [];
  return Array.from({ length: Number(schema.minItems) }, (_, index) => {
    const item = typedSchema(resolved(prefix[index] ?? schema.items ?? {}, components), components);
    return item.enum?.[0] ?? constrainedEmpty(item, components) ?? emptyOf(item.type);
  });
}

function emptyOf(type: Schema["type"]): unknown {
  const empties: Record<string, unknown> = { string: "", number: 0, integer: 0, boolean: false, array: [], object: {} };
  return type === undefined ? null : empties[type];
}

/** The number nearest zero that `minimum`/`maximum` (exclusive or not) allow; undefined when zero is allowed. */
function boundedNumber(schema: Schema): number | undefined {
  const { minimum: low, maximum: high, exclusiveMinimum: aboveLow, exclusiveMaximum: belowHigh } = schema;
  const integer = schema.type === "integer";
  if (low !== undefined && (aboveLow ? low >= 0 : low > 0)) {
    if (!aboveLow) return integer ? Math.ceil(low) : low;
    if (integer) return Math.floor(low) + 1;
    return high !== undefined ? (low + high) / 2 : low + 1;
  }
  if (high !== undefined && (belowHigh ? high <= 0 : high < 0)) {
    if (!belowHigh) return integer ? Math.floor(high) : high;
    if (integer) return Math.ceil(high) - 1;
    return low !== undefined ? (low + high) / 2 : high - 1;
  }
  return undefined;
}
