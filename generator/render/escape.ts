/**
 * The one escaping rule per output context. Every value that comes from a spec or a file name and
 * reaches emitted text goes through exactly one of these; templates reach them as helpers
 * (`str`, `key`, `access`, `id`, `jsdoc`, `code`, `text`). Tested as given/want tables.
 */
import { isBindingName } from "../util/caseNames.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Characters a reader cannot see, or that change what the text around them looks like: the C0 and
 * C1 controls but tab and line feed / carriage return (NUL, ESC, DEL, NEL, ...), and Unicode's
 * bidirectional embeddings, overrides and isolates, which can make code read other than it runs.
 * Also the private-use characters U+E000 to U+E00F, which the templates' layout marks are
 * (render/layoutDoc.ts): from a spec they would be read as layout.
 */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ue000-\ue00f]/g;

/**
 * `text` with every control character written as its escape, `\u0000`: in a string literal the
 * same string, in a comment or Markdown visible text instead of a raw byte.
 */
export function controlEscapes(text: string): string {
  return text.replace(CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** What JSON.stringify leaves raw that a string literal escapes: the controls and the line and paragraph separators. */
const UNQUOTED = new RegExp(`${CONTROLS.source.slice(0, -1)}\u2028\u2029]`);

/** A TypeScript string literal holding `value` exactly: quotes, backslashes, line breaks and controls escaped. */
export function stringLiteral(value: string): string {
  const literal = JSON.stringify(value);
  // Most values hold none of them: one scan instead of three.
  if (!UNQUOTED.test(literal)) return literal;
  return controlEscapes(literal)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Whether `name` can be written bare as a property name: `a.name`, `{ name: 1 }`. */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * A property key as prettier writes it: bare where it is an identifier, quoted otherwise. `__proto__`
 * is computed, `["__proto__"]`: written bare or quoted in an object literal it would set the
 * object's prototype instead of a property.
 */
export function propertyKey(name: string): string {
  if (name === "__proto__") return `[${stringLiteral(name)}]`;
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** `this.params.Sid`, or `this.params["x-y"]` where the name is no identifier. */
export function memberAccess(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${stringLiteral(name)}]`;
}

/**
 * A name declared as a class, constant or type. The plan makes these from spec names by the
 * naming rules (docs/naming.md), so one that is not an identifier is a generator bug: fail loudly
 * rather than emit code that means something else.
 */
export function identifier(name: string): string {
  if (!isBindingName(name)) throw new Error(`internal: ${stringLiteral(name)} is not a valid declaration name`);
  return name;
}

/** What `docText` escapes: `*\/`, an `@` (it looks again for those that start a tag) and the controls. */
const DOC_ESCAPED = new RegExp(`\\*/|@|${CONTROLS.source}`);

/**
 * Prose bound for a doc comment, but its line breaks: `*\/` would end the comment early and turn
 * the rest into code, so it is written `*\\/`; an `@` at the start of a line or after a space would
 * start a JSDoc tag (`@param`, `@deprecated`), so it is written `\\@`, which Markdown shows as `@`;
 * control characters are escaped.
 */
export function docText(text: string): string {
  if (!DOC_ESCAPED.test(text)) return text; // most prose has nothing to escape: one scan instead of three
  return controlEscapes(text.replace(/\*\//g, "*\\/").replace(/(^|\s)@/g, "$1\\@"));
}

/** A doc comment from spec prose (docText), laid out as prettier keeps it at `indent` columns. */
export function docComment(text: string | undefined, indent = 0): string {
  if (!text) return "";
  const lines = docText(text).split(/\r\n|[\r\n\u2028\u2029]/);
  const margin = " ".repeat(indent);
  return lines.length === 1
    ? `/** ${lines[0]!.trim()} */`
    : `/**\n${lines.map((line) => `${margin} * ${line}`.trimEnd()).join("\n")}\n${margin} */`;
}

/**
 * Text inside a `//` comment: a line break would end the comment and start code, so it becomes a
 * space; control characters are escaped.
 */
export function lineComment(text: string): string {
  return controlEscapes(text.replace(/\r\n|[\r\n\u2028\u2029]/g, " "));
}

/** A Markdown code span holding `text` as it is: fenced by more backticks than any run inside it. */
export function markdownCode(text: string): string {
  const flat = lineComment(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Plain Markdown text: one line, every ASCII punctuation mark that Markdown or HTML could read escaped. */
export function markdownText(text: string): string {
  return lineComment(text).replace(/[\\`*_{}[\]()#+\-.!<>|~&"']/g, "\\$&");
}
