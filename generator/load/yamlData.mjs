// @ts-check
// Plain JavaScript, for the parser threads (see parseWorker.mjs).
// The quick reading of a YAML spec: js-yaml's loader, about three times as fast as the `yaml`
// library's parse, made to give the library's data. Plain scalars resolve through the library's
// own core-schema tags. A text whose reading could differ from the library's or that could pass a
// bound answers `undefined`, and the caller parses it with the library in full, which reports every
// problem with its place and its fix: anything js-yaml refuses (syntax, a repeated key, several
// documents, nesting past the limit), an anchor or alias, an explicit tag, a `%` directive, a
// carriage return without a line feed, a tab that starts a line, a collection or null as a key,
// an implicit key over the library's 1024 characters, a quoted scalar's line indented too little.
import jsYaml from "js-yaml";
import { isScalar, Schema } from "yaml";
import { DEPTH_LIMIT } from "./limits.mjs";

/** The YAML 1.2 core schema's tags for plain scalars, in the order the library tries them. */
/** @typedef {{ test: RegExp, resolve: (text: string, onError: () => void, options: object) => unknown }} PlainTag */
const PLAIN_TAGS = /** @type {PlainTag[]} */ (new Schema({}).tags.filter((tag) => tag.default === true && tag.test));
const TAG_OPTIONS = { intAsBigInt: false };
/** Whether one of those tags takes a text: one test for the many texts that none takes. */
const ANY_PLAIN_TAG = new RegExp(PLAIN_TAGS.map((tag) => `(?:${tag.test.source})`).join("|"));
/** The library refuses an implicit key whose `:` is more than 1024 characters after its start. */
const KEY_LIMIT = 1024;
/** A property name that js-yaml gives a null key ("" in the library). */
const NULL_KEY = "null";

/**
 * One implicit type for every plain scalar the core schema resolves. Its tag holds a space, which
 * no YAML text can write, so every explicit tag is unknown to js-yaml and sends the text to the
 * library.
 */
const SCHEMA = (() => {
  /** @type {PlainTag | undefined} */
  let matched;
  const plain = new jsYaml.Type("implicit plain scalar", {
    kind: "scalar",
    resolve: (/** @type {unknown} */ text) =>
      typeof text === "string" &&
      ANY_PLAIN_TAG.test(text) &&
      (matched = PLAIN_TAGS.find((tag) => tag.test.test(text))) !== undefined,
    construct: (/** @type {string} */ text) => {
      // Some tags answer a Scalar node (to keep the source's format), others the value itself.
      const value = /** @type {PlainTag} */ (matched).resolve(text, refused, TAG_OPTIONS);
      return isScalar(value) ? value.value : value;
    },
  });
  return new jsYaml.Schema({ implicit: [plain] });
})();

class Refused extends Error {}

/** @returns {never} */
function refused() {
  throw new Refused();
}

/**
 * @param {string} text
 * @returns {unknown} the document's data, or undefined when the library must parse it in full
 */
export function dataFromYaml(text) {
  // A directive may switch the library to YAML 1.1's scalars; a carriage return alone breaks lines
  // for the library, not for js-yaml; the library refuses some tabs in indentation that js-yaml takes.
  if (/^%|^ *\t|\r(?!\n)/m.test(text)) return undefined;
  const watch = new NodeWatch(text);
  let data;
  try {
    // Nodes (scalars included) nest one deeper than the collections around them.
    /** @type {jsYaml.LoadOptions & { maxDepth: number }} js-yaml 4.3's depth limit, which its types lack */
    const options = { schema: SCHEMA, maxDepth: DEPTH_LIMIT + 1, listener: watch.listener };
    data = jsYaml.load(text, options);
    if (watch.refused) return undefined;
    const collections = countCollections(data, 0);
    // With no anchors, every collection read is in the data once, unless it became a key.
    return collections === watch.collections.size ? data : undefined;
  } catch (error) {
    if (error instanceof jsYaml.YAMLException || error instanceof Refused) return undefined;
    throw error;
  }
}

/**
 * What js-yaml's node events show: anchors, the collections it read, and scalars that the library
 * reads otherwise (an implicit key too long, a quoted scalar's line indented too little).
 */
class NodeWatch {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
    this.refused = false;
    /** @type {Set<unknown>} the collections read (a compact one closes twice: in its entry and as itself) */
    this.collections = new Set();
    /** @type {number[]} where each open node's reading started */
    this.starts = [];
    /** @type {(event: jsYaml.EventType, state: jsYaml.State & { anchor?: string | null }) => void} */
    this.listener = (event, state) => {
      if (event === "open") {
        this.starts.push(state.position);
        return;
      }
      const start = /** @type {number} */ (this.starts.pop());
      if (state.anchor !== null && state.anchor !== undefined) this.refused = true;
      else if (state.kind === "mapping" || state.kind === "sequence") this.collections.add(state.result);
      else if (this.scalarDiffers(start, state.position)) this.refused = true;
    };
  }

  /**
   * Whether the library reads the scalar between `start` and `end` otherwise, or not at all.
   * @param {number} start
   * @param {number} end
   */
  scalarDiffers(start, end) {
    const { text } = this;
    if (end - start > KEY_LIMIT && this.colonAt(end)) return true;
    const quote = this.contentAt(start);
    if (text[quote] !== "'" && text[quote] !== '"') return false;
    // The library wants white space between a quoted scalar and a comment.
    return text[end] === "#" || !this.linesIndented(quote, end);
  }

  /**
   * Whether a `:` follows `position` on its line: the node before it may be an implicit key.
   * @param {number} position
   */
  colonAt(position) {
    let index = position;
    while (this.text[index] === " " || this.text[index] === "\t") index++;
    return this.text[index] === ":";
  }

  /**
   * The first character at or after `position` that is neither white space nor in a comment.
   * @param {number} position
   */
  contentAt(position) {
    const { text } = this;
    let index = position;
    for (;;) {
      const char = text[index];
      if (char === " " || char === "\t" || char === "\n" || char === "\r") index++;
      else if (char === "#") index = text.indexOf("\n", index) === -1 ? text.length : text.indexOf("\n", index);
      else return index;
    }
  }

  /**
   * Whether every line that a quoted scalar starting at `quote` continues on is indented as far as
   * the library requires, or blank: past its first line's key, past the indicator (`- `, `? `, `: `)
   * right before it, or (stricter than the library) to the quote when it starts its line.
   * @param {number} quote
   * @param {number} end
   */
  linesIndented(quote, end) {
    const { text } = this;
    let newline = text.indexOf("\n", quote);
    if (newline === -1 || newline >= end) return true;
    const before = text.slice(text.lastIndexOf("\n", quote) + 1, quote);
    const key = /^(?:[ ]*[-?:][ ]+)*[ ]*/.exec(before)?.[0].length ?? 0;
    const floor = key < before.length ? key : before.trim() === "" ? before.length - 1 : before.trimEnd().length - 1;
    while (newline !== -1 && newline < end) {
      let indent = 0;
      while (text[newline + 1 + indent] === " ") indent++;
      const next = text[newline + 1 + indent];
      if (next !== "\n" && next !== "\r" && indent <= floor) return false;
      newline = text.indexOf("\n", newline + 1);
    }
    return true;
  }
}

/**
 * The collections in `data`; refuses nesting past DEPTH_LIMIT and keys that a null spelled.
 * @param {unknown} data
 * @param {number} depth the collections around `data`
 * @returns {number}
 */
function countCollections(data, depth) {
  if (typeof data !== "object" || data === null) return 0;
  if (depth === DEPTH_LIMIT) refused();
  let count = 1;
  if (Array.isArray(data)) for (const item of data) count += countCollections(item, depth + 1);
  else
    for (const key in data) {
      if (key === NULL_KEY) refused();
      count += countCollections(/** @type {Record<string, unknown>} */ (data)[key], depth + 1);
    }
  return count;
}
