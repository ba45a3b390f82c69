import { describe } from "./parameters.js";
import { isRecord, type Pointer, type SpecContext } from "./specContext.js";
import type { NestedFields, PropertyModel } from "./types.js";

/** Response fields read as a `Date`: ISO 8601 days and timestamps, and api v2010's RFC 2822 timestamps. */
const DATE_FORMATS = new Set(["date", "date-time", "date-time-rfc-2822"]);

/**
 * A field of a resource and how its instances read it, as twilio-node does (so both serialise
 * alike): dates as `Date`s; integers but `int64` ones through parseInt; an object with declared
 * properties, or a list of such, with those properties renamed one level deep (plan/names.ts),
 * their values as received. Names stay as the spec writes them.
 */
export function propertyModel(context: SpecContext, wireName: string, value: unknown, pointer: Pointer): PropertyModel {
  const schema = isRecord(value) ? context.resolve(value, pointer) : {};
  return {
    wireName,
    description: describe(isRecord(value) ? value.description : undefined),
    date: isRecord(value) && DATE_FORMATS.has(String(value.format)),
    integer: schema.type === "integer" && schema.format !== "int64",
    nested: nestedFields(context, schema, pointer),
  };
}

function nestedFields(
  context: SpecContext,
  schema: Record<string, unknown>,
  pointer: Pointer,
): NestedFields | undefined {
  const list = schema.type === "array";
  const object = list ? (isRecord(schema.items) ? context.resolve(schema.items, pointer) : {}) : schema;
  if (!isRecord(object.properties) || (object.type !== undefined && object.type !== "object")) return undefined;
  const wireNames = Object.keys(object.properties);
  return wireNames.length > 0 ? { list, wireNames } : undefined;
}
