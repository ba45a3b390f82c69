/**
 * The small parts of schema types that are written from values: a member's doc comment from its
 * schema's keywords, a literal type from a `const` or `enum` value, a property's key. The rules are
 * openapi-typescript 7's (its addJSDocComment, tsLiteral, tsPropertyIndex), so the text is the text its
 * users know.
 */
import { stringLiteralText } from "./typePrinter.js";
import { array, NEVER, NULL, object, reference, STRING, text, tuple, UNKNOWN, type TypeNode } from "./typeNodes.js";

const LINE_BREAK = /\r?\n/g;
/** A continued line of a doc comment entry. */
const CONTINUED = "\n *     ";

/**
 * The text between `/*` and `*\/` of the doc comment of a member whose schema is `schema`, or
 * undefined when it has none: `* text ` for one line, else `*`, a ` * ` line per entry, and ` `.
 */
export function schemaDoc(schema: unknown): string | undefined {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return undefined;
  const keywords = schema as Record<string, unknown>;
  const entries = [...proseEntries(keywords), ...tagEntries(keywords)];
  if (entries.length === 0) return undefined;
  const text =
    entries.length === 1 && !entries[0]!.includes("\n") ? `* ${entries[0]} ` : `*\n * ${entries.join("\n * ")}\n `;
  return text.replace(/\*\//g, "*\\/");
}

/** The title, summary, format and deprecation, each an entry of its own. */
function proseEntries(schema: Record<string, unknown>): string[] {
  const entries: string[] = [];
  if (schema.title) entries.push((schema.title as string).trim().replace(LINE_BREAK, CONTINUED));
  if (schema.summary) entries.push((schema.summary as string).trim().replace(LINE_BREAK, CONTINUED));
  if (schema.format) entries.push(`Format: ${schema.format as string}`);
  if (schema.deprecated) entries.push("@deprecated");
  return entries;
}

/** `@description`, `@default`, `@example` (one per example), `@constant`, `@enum {type}`. */
function tagEntries(schema: Record<string, unknown>): string[] {
  const entries: string[] = [];
  const tag = (name: string, value: unknown) => {
    const serialized = typeof value === "object" ? JSON.stringify(value, null, 2) : value;
    entries.push(`@${name} ${String(serialized).trim().replace(LINE_BREAK, CONTINUED)}`);
  };
  for (const name of ["description", "default", "example"]) {
    const value = schema[name];
    if (value !== undefined && (value !== "" || name !== "description")) tag(name, value);
  }
  if (Array.isArray(schema.examples)) for (const example of schema.examples) tag("example", example);
  if ("const" in schema) entries.push("@constant");
  if (schema.enum) {
    const type = Array.isArray(schema.type)
      ? schema.type.join("|")
      : typeof schema.type === "string"
        ? schema.type
        : "unknown";
    entries.push(`@enum {${type}${schema.nullable ? "|null" : ""}}`);
  }
  return entries;
}

/** The literal type of a `const` or `enum` value: a string as JSON writes it, an object as an object type. */
export function literalType(value: unknown): TypeNode {
  if (typeof value === "string") return text(JSON.stringify(value));
  if (typeof value === "number") return text(value < 0 ? `-${Math.abs(value)}` : String(value));
  if (typeof value === "boolean") return text(String(value));
  if (value === null) return NULL;
  if (Array.isArray(value)) return value.length === 0 ? array(NEVER) : tuple(value.map((item) => literalType(item)));
  if (typeof value !== "object") return UNKNOWN;
  const entries = Object.entries(value);
  if (entries.length === 0) return reference("Record", [STRING, NEVER]);
  return object(
    entries.map(([key, item]) => ({
      kind: "property",
      name: propertyName(key),
      readonly: false,
      optional: false,
      type: literalType(item),
      doc: undefined,
    })),
  );
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z_$0-9]*$/;

/** A property's key: bare where it is a number as JavaScript writes it (`12`, not `-1` or `012`) or an identifier, else a string literal. */
export function propertyName(key: string): string {
  if (String(Number(key)) === key && key[0] !== "-") return key;
  return IDENTIFIER.test(key) ? key : stringLiteralText(key);
}
