/**
 * Argument values synthesized from a spec's schemas: what a careful caller would send. Enums give
 * their first value, then the spec's example, then a string made to match the `pattern` (Twilio
 * SIDs such as `^WS[0-9a-fA-F]{32}$`), then the default, then a value of the declared type and
 * format.
 */
import { schemaRefName } from "../../generator/util/refs.js";

export type Schema = Record<string, unknown>;

/** `components.schemas` of the spec, to follow `$ref`s. */
export type Components = Record<string, Schema>;

export interface SampleOptions {
  /**
   * Where the value goes. Query and form values may be `Date` objects (the SDK sends them as
   * ISO 8601) and schema-less values are given as small maps; JSON bodies get plain JSON.
   */
  target: "parameter" | "json";
}

const MAX_DEPTH = 8;

/** A `#/components/schemas/...` reference followed (repeatedly), sibling keywords kept. */
export function resolveSchema(schema: Schema, components: Components): Schema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === "string" && hops < 32; hops++) {
    const { $ref, ...siblings } = current;
    const name = schemaRefName($ref as string);
    const target = name === undefined ? undefined : components[name];
    if (target === undefined) throw new Error(`Unresolvable $ref ${String($ref)}`);
    current = { ...target, ...siblings };
  }
  return current;
}

export function sampleValue(schema: Schema, components: Components, options: SampleOptions, depth = 0): unknown {
  const resolved = resolveSchema(schema, components);
  if (Array.isArray(resolved.enum)) {
    const value = resolved.enum.find((entry) => entry !== null);
    if (value !== undefined) return value;
  }
  if (resolved.example !== undefined) return resolved.example;
  if (Array.isArray(resolved.allOf)) {
    const merged = mergeAllOf(resolved, components);
    return sampleValue(merged, components, options, depth + 1);
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const alternatives = resolved[key];
    if (Array.isArray(alternatives) && alternatives.length > 0) {
      return sampleValue(alternatives[0] as Schema, components, options, depth + 1);
    }
  }
  if (typeof resolved.pattern === "string") {
    const value = samplePattern(resolved.pattern);
    if (value !== undefined) return value;
  }
  if (resolved.default !== undefined) return resolved.default;
  return sampleByType(resolved, components, options, depth);
}

function sampleByType(schema: Schema, components: Components, options: SampleOptions, depth: number): unknown {
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== "null") as string) : schema.type;
  switch (type) {
    case "string":
      return sampleString(schema, options);
    case "integer":
    case "number":
      return sampleNumber(schema, type);
    case "boolean":
      return true;
    case "array": {
      const items = (schema.items as Schema | undefined) ?? {};
      return depth >= MAX_DEPTH ? [] : [sampleValue(items, components, options, depth + 1)];
    }
    case "object":
    case undefined: {
      const properties = schema.properties as Record<string, Schema> | undefined;
      if (properties === undefined) {
        // A schema-less value (Sync's `Data`, a JSON string parameter): a small map, which the
        // SDK sends as JSON text in a query or form.
        return options.target === "parameter" ? { key: "value" } : {};
      }
      const object: Record<string, unknown> = {};
      if (depth >= MAX_DEPTH) return object;
      for (const [name, property] of Object.entries(properties)) {
        const resolved = resolveSchema(property, components);
        if (resolved.readOnly === true) continue;
        object[name] = sampleValue(property, components, options, depth + 1);
      }
      return object;
    }
    default:
      return "value";
  }
}

function sampleString(schema: Schema, options: SampleOptions): unknown {
  switch (schema.format) {
    case "date-time":
      return options.target === "parameter" ? new Date("2024-01-02T03:04:05.000Z") : "2024-01-02T03:04:05Z";
    case "date":
      return "2024-01-02";
    case "uri":
    case "url":
    case "endpoint":
      return "https://example.com/callback";
    case "email":
      return "someone@example.com";
    case "uuid":
      return "123e4567-e89b-12d3-a456-426614174000";
    case "phone-number":
      return "+15005550006";
    case "iso-country-code":
      return "US";
    case "http-method":
      return "POST";
    case "twiml":
      return "<Response><Say>Hello</Say></Response>";
    default: {
      const min = typeof schema.minLength === "number" ? schema.minLength : 0;
      const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
      let text = "value";
      while (text.length < min) text += "x";
      return text.slice(0, Math.max(min, Math.min(max, text.length)));
    }
  }
}

function sampleNumber(schema: Schema, type: "integer" | "number"): number {
  const minimum = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const maximum = typeof schema.maximum === "number" ? schema.maximum : undefined;
  let value = 1;
  if (minimum !== undefined && value < minimum) value = minimum;
  if (maximum !== undefined && value > maximum) value = maximum;
  return type === "integer" ? Math.ceil(value) : value;
}

function mergeAllOf(schema: Schema, components: Components): Schema {
  const { allOf, ...rest } = schema;
  const merged: Schema = { ...rest };
  const properties: Record<string, Schema> = { ...(rest.properties as Record<string, Schema> | undefined) };
  for (const part of allOf as Schema[]) {
    const resolved = resolveSchema(part, components);
    const flat = Array.isArray(resolved.allOf) ? mergeAllOf(resolved, components) : resolved;
    Object.assign(properties, (flat.properties as Record<string, Schema> | undefined) ?? {});
    for (const [key, value] of Object.entries(flat)) {
      if (key !== "properties" && merged[key] === undefined) merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  return merged;
}

/**
 * A string that matches `pattern`, for the shapes specs use: literals, character classes,
 * groups with alternatives (the first is taken), and quantifiers (their minimum count). Twilio's
 * SID patterns (`^WS[0-9a-fA-F]{32}$`, `OR[0-9a-f]{32}`, `^(SM|MM)[0-9a-fA-F]{32}$`) give e.g.
 * `WS0123456789abcdef0123456789abcdef`. Undefined when the result would not match.
 */
export function samplePattern(pattern: string): string | undefined {
  let position = 0;
  let counter = 0;

  const alternation = (): string => {
    const first = sequence();
    while (pattern[position] === "|") {
      position++;
      sequence(); // later alternatives are parsed and dropped
    }
    return first;
  };

  const sequence = (): string => {
    let text = "";
    while (position < pattern.length && pattern[position] !== "|" && pattern[position] !== ")") {
      const choices = atom();
      const count = quantifier();
      for (let index = 0; index < count; index++) text += choices(counter++);
    }
    return text;
  };

  /** The next atom as a function from a running counter to one occurrence. */
  const atom = (): ((index: number) => string) => {
    const char = pattern[position++]!;
    if (char === "^" || char === "$") return () => "";
    if (char === "(") {
      if (pattern.startsWith("?:", position)) position += 2;
      const inner = alternation();
      if (pattern[position] !== ")") throw new Error("unbalanced group");
      position++;
      return () => inner;
    }
    if (char === "[") {
      const set = characterClass();
      return (index) => set[index % set.length]!;
    }
    if (char === "\\") {
      const escaped = pattern[position++]!;
      const sets: Record<string, string> = { d: "0123456789", w: "abcxyz", s: " " };
      const set = sets[escaped] ?? escaped;
      return (index) => set[index % set.length]!;
    }
    if (char === ".") return () => "a";
    return () => char;
  };

  const characterClass = (): string => {
    if (pattern[position] === "^") throw new Error("negated classes are not sampled");
    let set = "";
    while (position < pattern.length && pattern[position] !== "]") {
      let char = pattern[position++]!;
      if (char === "\\") char = pattern[position++]!;
      if (pattern[position] === "-" && pattern[position + 1] !== "]" && position + 1 < pattern.length) {
        const end = pattern[position + 1]!;
        position += 2;
        for (let code = char.charCodeAt(0); code <= end.charCodeAt(0); code++) set += String.fromCharCode(code);
      } else {
        set += char;
      }
    }
    position++; // ]
    if (set === "") throw new Error("empty class");
    return set;
  };

  const quantifier = (): number => {
    const char = pattern[position];
    if (char === "?" || char === "*") {
      position++;
      return 0;
    }
    if (char === "+") {
      position++;
      return 1;
    }
    if (char === "{") {
      const match = /^\{(\d+)(,\d*)?\}/.exec(pattern.slice(position));
      if (match) {
        position += match[0].length;
        return Number(match[1]);
      }
    }
    return 1;
  };

  try {
    const text = alternation();
    if (position !== pattern.length) return undefined;
    return new RegExp(pattern).test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}
