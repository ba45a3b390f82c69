// @ts-check
// Plain JavaScript, for the parser threads (see parseWorker.mjs).
// The data of a YAML document read straight off the `yaml` library's lexer tokens, for the plain
// block style Twilio's specs are written in: nested block maps and sequences, plain and quoted
// scalars, `[]` and `{}`, `? key` for long keys. The library's own parser and document model take
// about three quarters of a parse and are skipped. Anything else (anchors, tags, comments, flow
// collections with items, block scalars, several documents, a repeated key, nesting deeper than the
// limit, any layout the reader does not expect) answers `undefined`, and the caller parses the text
// with the library in full, which also reports every error.
import { CST, isScalar, Lexer, Schema } from "yaml";
import { DEPTH_LIMIT } from "./limits.mjs";

class Unsupported extends Error {}

/** The YAML 1.2 core schema's tags for plain scalars, as the library resolves them. */
/** @typedef {{ test: RegExp, resolve: (text: string, onError: () => never, options: object) => unknown }} PlainTag */
const PLAIN_TAGS = /** @type {PlainTag[]} */ (new Schema({}).tags.filter((tag) => tag.default === true && tag.test));
const TAG_OPTIONS = { intAsBigInt: false };
const DOCUMENT = "\u0002";
const SCALAR = "\u001f";
const FLOW_END = "\u0018";
/** The library refuses an implicit key whose `:` is more than 1024 characters after its start. */
const KEY_LIMIT = 1000;

/** @returns {never} */
function unsupported() {
  throw new Unsupported();
}

/**
 * @param {string} text
 * @returns {unknown} the document's data, or undefined when the library must parse it in full
 */
export function dataFromYaml(text) {
  const tokens = [...new Lexer().lex(text)];
  // One document, no flow-level marks: anything else is the library's to parse.
  if (tokens[0] !== DOCUMENT || tokens.some((token, index) => token === FLOW_END || (index > 0 && token === DOCUMENT)))
    return undefined;
  try {
    const reader = new TokenReader(tokens);
    const column = reader.nextLine();
    if (column === undefined) return undefined;
    if (column !== 0) unsupported();
    const data = reader.node(0);
    if (reader.nextLine() !== undefined) unsupported();
    return data;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class TokenReader {
  /** @param {string[]} tokens the lexer's tokens */
  constructor(tokens) {
    this.tokens = tokens;
    this.index = 1;
    this.column = 0;
    /** The collections open around the current token. */
    this.depth = 0;
  }

  /**
   * The current token; a method, not a getter, since reading on changes it between two calls.
   * @returns {string | undefined}
   */
  peek() {
    return this.tokens[this.index];
  }

  /** @returns {string} */
  advance() {
    const token = this.tokens[this.index++];
    if (token === undefined) unsupported();
    if (token === SCALAR) return this.advance();
    this.column = token === "\n" ? 0 : this.column + token.length;
    return token;
  }

  /**
   * Skips blank lines and the indentation of the next one; answers its column, undefined at the end.
   * @returns {number | undefined}
   */
  nextLine() {
    for (;;) {
      const token = this.peek();
      if (token === undefined) return undefined;
      if (token === "\n") this.advance();
      else if (this.column === 0 && isSpace(token)) this.advance();
      else return this.column === 0 || isSpace(this.tokens[this.index - 1]) ? this.column : unsupported();
    }
  }

  /** The end of a line: optional spaces, then a newline or the end of the text. */
  endOfLine() {
    if (isSpace(this.peek())) this.advance();
    if (this.peek() === "\n") this.advance();
    else if (this.peek() !== undefined) unsupported();
  }

  /**
   * A node that starts at the current token, at `column`: a block map or sequence, or an inline value.
   * @param {number} column
   * @returns {unknown}
   */
  node(column) {
    const sequence = this.peek() === "-";
    if (!sequence && this.peek() !== "?" && !this.isKey()) return this.inlineValue();
    this.enterCollection();
    const data = sequence ? this.sequence(column) : this.map(column);
    this.depth--;
    return data;
  }

  /** One level deeper: past the limit, the full parse places the problem. */
  enterCollection() {
    if (++this.depth > DEPTH_LIMIT) unsupported();
  }

  /** Whether the current token is a scalar followed by `:`, i.e. an implicit key. */
  isKey() {
    const token = this.peek();
    if (token === SCALAR) return this.tokens[this.index + 2] === ":";
    return isQuoted(token) && this.tokens[this.index + 1] === ":";
  }

  /**
   * @param {number} column
   * @returns {Record<string, unknown>}
   */
  map(column) {
    /** @type {Record<string, unknown>} */
    const data = {};
    for (;;) {
      const [key, value] = this.peek() === "?" ? this.explicitEntry(column) : this.implicitEntry(column);
      // A repeated key is an error, which the library's full parse reports with its place.
      if (Object.hasOwn(data, key)) unsupported();
      if (key in data)
        Object.defineProperty(data, key, { value, writable: true, enumerable: true, configurable: true });
      else data[key] = value;
      const next = this.nextLine();
      if (next === undefined || next < column) return data;
      if (next > column || this.peek() === "-") unsupported();
    }
  }

  /**
   * @param {number} column
   * @returns {[string, unknown]}
   */
  implicitEntry(column) {
    if (!this.isKey()) unsupported();
    const key = this.scalar();
    if (key.source.includes("\n") || key.source.length > KEY_LIMIT) unsupported();
    this.advance(); // the `:`
    return [keyText(key.value), this.valueAfterIndicator(column, false)];
  }

  /**
   * `? key` on one line, then `: value` at the same column on the next.
   * @param {number} column
   * @returns {[string, unknown]}
   */
  explicitEntry(column) {
    this.advance();
    if (!isSpace(this.peek())) unsupported();
    this.advance();
    const key = this.scalar();
    this.endOfLine();
    if (this.nextLine() !== column || this.peek() !== ":") unsupported();
    this.advance();
    return [keyText(key.value), this.valueAfterIndicator(column, true)];
  }

  /**
   * The value after a `:` or `-` indicator of a collection at `column`: on the same line (a
   * collection there only where YAML allows a compact one), on the lines below, or none.
   * @param {number} column
   * @param {boolean} compactAllowed
   * @returns {unknown}
   */
  valueAfterIndicator(column, compactAllowed) {
    if (isSpace(this.peek())) {
      this.advance();
      if (this.peek() !== "\n" && this.peek() !== undefined) {
        if (this.peek() === "-" || this.peek() === "?" || this.isKey()) {
          if (!compactAllowed) unsupported();
          return this.node(this.column);
        }
        const value = this.inlineValue();
        this.endOfLine();
        return value;
      }
    }
    if (this.peek() === undefined) return null;
    if (this.peek() !== "\n") unsupported();
    this.advance();
    const start = this.index;
    const next = this.nextLine();
    // A sequence may sit at its key's column; anything else belongs to the value only when deeper.
    if (next !== undefined && (next > column || (next === column && this.peek() === "-" && !compactAllowed))) {
      if (this.peek() !== "-" && this.peek() !== "?" && !this.isKey()) unsupported();
      return this.node(next);
    }
    this.rewind(start);
    return null;
  }

  /**
   * Back to the start of a line already read.
   * @param {number} index
   */
  rewind(index) {
    this.index = index;
    this.column = 0;
  }

  /**
   * @param {number} column
   * @returns {unknown[]}
   */
  sequence(column) {
    /** @type {unknown[]} */
    const data = [];
    for (;;) {
      this.advance(); // the `-`
      data.push(this.valueAfterIndicator(column, true));
      const next = this.nextLine();
      if (next === undefined || next < column || (next === column && this.peek() !== "-")) return data;
      if (next > column) unsupported();
    }
  }

  /**
   * A scalar, `[]` or `{}`.
   * @returns {unknown}
   */
  inlineValue() {
    if (this.peek() === "[" || this.peek() === "{") {
      if (this.depth >= DEPTH_LIMIT) unsupported();
      const closing = this.advance() === "[" ? "]" : "}";
      if (this.peek() !== closing) unsupported();
      this.advance();
      return closing === "]" ? [] : {};
    }
    return this.scalar().value;
  }

  /** @returns {{ source: string, value: unknown }} */
  scalar() {
    const plain = this.peek() === SCALAR;
    const source = this.advance();
    if (!plain && !isQuoted(source)) unsupported();
    const type = plain ? "scalar" : source[0] === "'" ? "single-quoted-scalar" : "double-quoted-scalar";
    const { value } = CST.resolveAsScalar({ type, offset: 0, indent: 0, source }, true, unsupported);
    return { source, value: plain ? plainValue(value) : value };
  }
}

/**
 * @param {string} text
 * @returns {unknown}
 */
function plainValue(text) {
  const tag = PLAIN_TAGS.find((candidate) => candidate.test.test(text));
  if (tag === undefined) return text;
  // Some tags answer a Scalar node (to keep the source's format), others the value itself.
  const resolved = tag.resolve(text, unsupported, TAG_OPTIONS);
  return isScalar(resolved) ? resolved.value : resolved;
}

/**
 * A map key as the library turns it into a property name: null becomes "", anything else its text.
 * @param {unknown} value
 */
function keyText(value) {
  return value === null ? "" : String(value);
}

/** @param {string | undefined} token */
function isSpace(token) {
  return token !== undefined && token[0] === " " && !token.includes("\t") && token.trim() === "";
}

/** @param {string | undefined} token */
function isQuoted(token) {
  return token !== undefined && (token[0] === "'" || token[0] === '"');
}
