/**
 * Query or form parameters before encoding. Values are `unknown` because specs declare
 * schema-less fields (Sync's `Data`); strings, numbers, booleans, dates, arrays and JSON
 * objects are encoded as below.
 */
export type ParamRecord = Record<string, unknown>;

/** A spec path split at its `{Name}` placeholders: `literals` has one more entry than `names`. */
export interface PathTemplate {
  readonly template: string;
  readonly literals: readonly string[];
  readonly names: readonly string[];
}

/** Splits `template` once, so that a request fills it without a regular expression. */
export function parsePathTemplate(template: string): PathTemplate {
  const parts = template.split(/\{([^}]+)\}/);
  return {
    template,
    literals: parts.filter((_, index) => index % 2 === 0),
    names: parts.filter((_, index) => index % 2 === 1),
  };
}

/**
 * Fills `{Name}` placeholders of a spec path with URI-encoded values, so a key
 * containing `/` or `?` cannot change which resource the request addresses.
 */
export function expandPath(template: string | PathTemplate, params: Record<string, string | number>): string {
  const { template: text, literals, names } = typeof template === "string" ? parsePathTemplate(template) : template;
  let path = literals[0]!;
  for (let index = 0; index < names.length; index++) {
    path += encodePathValue(text, names[index]!, params) + literals[index + 1]!;
  }
  return path;
}

function encodePathValue(template: string, name: string, params: Record<string, string | number>): string {
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  if (value === undefined || value === null) {
    throw new Error(`Missing path parameter "${name}" for ${template}`);
  }
  const text = String(value);
  // An empty key, or "." and ".." (URL parsers resolve them even as %2E),
  // would silently retarget the request at a parent resource.
  if (text === "" || text === "." || text === "..") {
    throw new Error(`Path parameter "${name}" cannot be "${text}" (in ${template})`);
  }
  return encodeURIComponent(text);
}

/**
 * Encodes parameters the way Twilio expects them in a query string or
 * form body: keys verbatim and in insertion order, arrays as repeated keys.
 */
export function encodeParams(params: ParamRecord): URLSearchParams {
  const encoded = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const elements = isList(value) ? value : [value];
    for (const element of elements) {
      const text = formatValue(element);
      if (text !== undefined) encoded.append(key, text);
    }
  }
  return encoded;
}

function formatValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return isoDateTime(value);
  // Plain objects and arrays nested inside arrays travel as JSON.
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * How a parameter is written where its plain text would be wrong, as the spec's `format` says:
 * `date` (a day, `YYYY-MM-DD`) or `prefixed-collapsible-map-<Prefix>` (an object flattened to
 * `<Prefix>.<key>.<field>` parameters). Generated operations name only the parameters that have one.
 */
export type ParamFormat = "date" | `prefixed-collapsible-map-${string}`;

const MAP_FORMAT = "prefixed-collapsible-map-";

/** The wire parameters for one option value with a format: `{ StartDate: "2024-01-02" }`, `{ "AddOns.x.y": 1 }`. */
export function formatParam(wireName: string, value: unknown, format: ParamFormat): ParamRecord {
  if (format === "date") return { [wireName]: isList(value) ? value.map(isoDate) : isoDate(value) };
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    throw new TypeError(
      `${wireName} must be an object of add-on names to values (it is sent as ${format.slice(MAP_FORMAT.length)}.<name>...)`,
    );
  }
  return flattenMap(value, format.slice(MAP_FORMAT.length));
}

/** `{ a: { b: 1 } }` under `P` → `{ "P.a.b": 1 }`; arrays stay leaves (sent as repeated keys). */
function flattenMap(map: object, prefix: string): ParamRecord {
  const flat: ParamRecord = {};
  for (const [key, value] of Object.entries(map)) {
    const name = prefix === "" ? key : `${prefix}.${key}`;
    if (isPlainObject(value)) Object.assign(flat, flattenMap(value, name));
    else flat[name] = value;
  }
  return flat;
}

/** A day as Twilio reads it: the UTC calendar day of a Date (no time, no zone); strings are sent as given. */
function isoDate(value: unknown): unknown {
  return value instanceof Date ? isoDateTime(value).slice(0, 10) : value;
}

/** `2024-01-02T03:04:05Z`: UTC to the second, as Twilio documents its timestamps. */
function isoDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

// Array.isArray narrows to any[]; this keeps the element type.
function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
