// @ts-check
// Plain JavaScript, for the parser threads (see parseWorker.mjs).
// The YAML library composes documents recursively: a document nested a few thousand levels deep
// exhausts the stack in it, or in any later stage. Its parser keeps the open collections on a
// stack of its own, so the nesting is watched there, token by token, and a document that nests too
// deep is refused at its first node past the limit, before anything recurses.
import { CST, Lexer, Parser } from "yaml";
import { DEPTH_LIMIT } from "./limits.mjs";

const COLLECTIONS = new Set(["block-map", "block-seq", "flow-collection"]);

/** Thrown by nestingWatched at the first collection nested deeper than DEPTH_LIMIT. */
export class TooDeep extends Error {
  /**
   * @param {number} offset where the collection starts
   * @param {(string | number)[]} path the keys and indexes leading to it
   */
  constructor(offset, path) {
    super(`nested deeper than ${DEPTH_LIMIT} levels`);
    this.offset = offset;
    this.path = path;
  }
}

/**
 * The parser's tokens of `text`, for the library's Composer, as Parser#parse gives them; throws
 * TooDeep as soon as a collection opens deeper than DEPTH_LIMIT.
 * @param {string} text
 * @param {(offset: number) => void} onNewLine
 * @returns {Generator<CST.Token>}
 */
export function* nestingWatched(text, onNewLine) {
  onNewLine(0); // as Parser#parse does: next() leaves the first line to its caller
  const parser = new Parser(onNewLine);
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    // Most tokens sit far below the limit: only a long stack is worth counting.
    if (parser.stack.length <= DEPTH_LIMIT) continue;
    const open = parser.stack.filter((token) => COLLECTIONS.has(token.type));
    if (open.length > DEPTH_LIMIT) {
      const deepest = /** @type {CST.Token & { offset: number }} */ (open[DEPTH_LIMIT]);
      throw new TooDeep(deepest.offset, open.slice(0, DEPTH_LIMIT).map(childSegment));
    }
  }
  yield* parser.end();
}

/**
 * The key or index of a collection's last item, which holds the next open collection.
 * @param {CST.Token} token
 * @returns {string | number}
 */
function childSegment(token) {
  const items = "items" in token && Array.isArray(token.items) ? token.items : [];
  const last = items[items.length - 1];
  const sequence =
    token.type === "block-seq" || (token.type === "flow-collection" && token.start.type === "flow-seq-start");
  if (sequence || last === undefined) return Math.max(items.length - 1, 0);
  return keyText("key" in last ? last.key : undefined);
}

/**
 * A key as the property name it becomes (a scalar's text), or its source for anything else.
 * @param {CST.Token | null | undefined} key
 * @returns {string}
 */
function keyText(key) {
  if (!key) return "";
  const scalar = CST.isScalar(key) ? CST.resolveAsScalar(key) : null;
  return scalar === null ? CST.stringify(key).trim() : scalar.value;
}
