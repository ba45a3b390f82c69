// The URL forms a webhook signature is checked against, as twilio-node tries them: the URL as
// received with and without its port, then normalised, then with the query string re-encoded as
// Node's legacy `querystring` module would. Plain string work, so it runs in every runtime.

interface UrlParts {
  scheme: string;
  userInfo: string;
  host: string;
  port: string;
  rest: string;
}

/** Splits a URL without normalising it, so path and query keep the exact characters Twilio signed. */
function splitUrl(url: string): UrlParts | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return undefined;
  const [prefix, scheme, authority] = match as unknown as [string, string, string];
  const userInfoEnd = authority.lastIndexOf("@");
  const hostAndPort = authority.slice(userInfoEnd + 1);
  // A colon starts the port only after the closing bracket of an IPv6 literal.
  const portStart = hostAndPort.indexOf(":", hostAndPort.lastIndexOf("]") + 1);
  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? "" : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

/** The URL with its scheme's standard port, if it names none. */
function withPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.scheme.toLowerCase() === "https://" ? ":443" : ":80";
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

/** The URL without a port. */
function withoutPort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.scheme + parts.userInfo + parts.host + parts.rest : url;
}

/** The URLs to check a signature against, in twilio-node's order: as received first. */
export function receivedUrlForms(url: string): string[] {
  return [withoutPort(url), withPort(url)];
}

/** The normalised forms, for back ends that signed an escaped URL; none when `url` does not parse. */
export function normalisedUrlForms(url: string): string[] {
  let normalised: string;
  try {
    normalised = new URL(url).toString();
  } catch {
    return [];
  }
  const forms = [withoutPort(normalised), withPort(normalised)];
  return [...forms, ...forms.map(withLegacyQuery)];
}

/** How many key/value pairs Node's legacy `querystring.parse` reads by default. */
const MAX_PAIRS = 1000;

/** The URL with everything after its first `?` parsed and written again as Node's `querystring` does. */
function withLegacyQuery(url: string): string {
  const start = url.indexOf("?");
  if (start === -1 || start === url.length - 1) return url;
  const pairs: string[] = [];
  for (const [key, values] of parseLegacyQuery(url.slice(start + 1))) {
    for (const value of values) pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  }
  return `${url.slice(0, start)}?${pairs.join("&")}`;
}

/**
 * Key → values, in the order a plain object keeps its keys: array indices ascending first, then
 * the rest as first seen. Empty pieces count toward the pair limit, as in Node.
 */
function parseLegacyQuery(query: string): [string, string[]][] {
  const found = new Map<string, string[]>();
  for (const piece of query.split("&").slice(0, MAX_PAIRS)) {
    if (piece === "") continue;
    const equals = piece.indexOf("=");
    const key = decodeLegacy(equals === -1 ? piece : piece.slice(0, equals));
    const value = equals === -1 ? "" : decodeLegacy(piece.slice(equals + 1));
    found.set(key, [...(found.get(key) ?? []), value]);
  }
  const indices = [...found.keys()].filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  const others = [...found.keys()].filter((key) => !isArrayIndex(key));
  return [...indices, ...others].map((key) => [key, found.get(key)!]);
}

function isArrayIndex(key: string): boolean {
  return /^(0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/** `+` is a space; percent escapes decode, and a malformed one stays as it is. */
function decodeLegacy(text: string): string {
  const spaced = text.replaceAll("+", " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return decodeLeniently(spaced);
  }
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function decodeLeniently(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const escape = /^%[0-9a-f]{2}/i.test(text.slice(i, i + 3));
    if (escape) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    const code = text.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    bytes.push(...encoder.encode(char));
    i += char.length - 1;
  }
  return decoder.decode(new Uint8Array(bytes));
}

/** The protocols Node's legacy `url.format` writes with `//` (compared as given, with their colon). */
const SLASHED = new Set(["http:", "https:", "ftp:", "gopher:", "file:", "ws:", "wss:"]);

/**
 * The URL a request reached, built as Node's legacy `url.format({ protocol, host, pathname })`
 * builds it (the form twilio-node signs Express requests against).
 */
export function formatRequestUrl(protocol: string | undefined, host: string | undefined, path: string): string {
  const scheme = protocol && !protocol.endsWith(":") ? `${protocol}:` : (protocol ?? "");
  let pathname = path.replaceAll("#", "%23").replaceAll("?", "%3F");
  let authority = host ?? "";
  if (SLASHED.has(scheme) && authority !== "") {
    if (pathname !== "" && !pathname.startsWith("/")) pathname = `/${pathname}`;
    authority = `//${authority}`;
  } else if (scheme === "file:") authority = "//";
  const url = scheme + authority + pathname;
  // twilio-node puts every `?` back when the path had a query.
  return path.includes("?") ? url.replaceAll("%3F", "?") : url;
}
