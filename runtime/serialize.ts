/**
 * Query or form parameters before encoding. Values are `unknown` because specs declare
 * schema-less fields (Sync's `Data`); strings, numbers, booleans, dates, arrays and JSON
 * objects are encoded as below.
 */
export type ParamRecord = Record<string, unknown>;

/**
 * Fills `{Name}` placeholders of a spec path with URI-encoded values, so a key
 * containing `/` or `?` cannot change which resource the request addresses.
 */
export function expandPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{([^}]+)\}/g, (_placeholder, name: string) => {
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
  });
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
  if (value instanceof Date) return value.toISOString();
  // Plain objects and arrays nested inside arrays travel as JSON.
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

// Array.isArray narrows to any[]; this keeps the element type.
function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
