// @ts-check
// Plain JavaScript, for the parser threads (see parseWorker.mjs).
// Checks a composed YAML document where aliases meet the data, before it becomes data: the library
// bounds alias *uses*, not what they copy (99 uses of a 90,000-entry anchor pass its check and
// expand to 9 million nodes), and compares keys as written, so a key written through an alias
// (`*m :` where `&m post`) silently replaces an earlier `post`.
import { isAlias, isMap, isPair, isScalar, isSeq } from "yaml";
import { ALIAS_COPY_LIMIT } from "./limits.mjs";

/** @typedef {import("yaml").LineCounter} LineCounter */
/** @typedef {{ problem: string, fix: string, line?: number, column?: number, pointer?: (string | number)[] }} NodeProblem */

class Refused extends Error {
  /** @param {NodeProblem} problem */
  constructor(problem) {
    super(problem.problem);
    this.refusal = problem;
  }
}

/**
 * The first problem of a composed document, placed: aliases that copy more than ALIAS_COPY_LIMIT
 * nodes in all (refused at the alias that goes past it), an alias inside the node it copies, an
 * alias that names no anchor, a key that is a collection, and a key that appears twice in one
 * mapping once aliases are resolved (naming both places).
 * @param {import("yaml").Document} document
 * @param {LineCounter} lineCounter
 * @returns {NodeProblem | undefined}
 */
export function nodeProblem(document, lineCounter) {
  try {
    new NodeWalk(lineCounter).size(document.contents);
    return undefined;
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

class NodeWalk {
  /** @param {LineCounter} lineCounter */
  constructor(lineCounter) {
    this.lineCounter = lineCounter;
    /** @type {Map<string, unknown>} each anchor's node so far: an alias copies the last one before it */
    this.anchors = new Map();
    /** @type {Map<unknown, number>} the nodes each finished node stands for, its aliases expanded */
    this.sizes = new Map();
    /** @type {Set<unknown>} the nodes being walked: an alias to one of them would copy itself */
    this.open = new Set();
    this.copied = 0;
    /** @type {(string | number)[]} */
    this.path = [];
  }

  /**
   * The nodes `node` stands for once its aliases are expanded (1 for a scalar).
   * @param {unknown} node
   * @returns {number}
   */
  size(node) {
    if (node === null || node === undefined) return 0;
    if (isAlias(node)) return this.copy(node);
    const anchor = /** @type {{ anchor?: string }} */ (node).anchor;
    if (anchor) this.anchors.set(anchor, node);
    this.open.add(node);
    let size = 1;
    if (isMap(node)) size += this.mapEntries(node);
    else if (isSeq(node))
      node.items.forEach((item, index) => {
        this.path.push(index);
        size += this.size(item);
        this.path.pop();
      });
    // The pairs of a YAML 1.1 `!!omap` or `!!pairs` sequence: their aliases copy too.
    else if (isPair(node)) size += this.size(node.key) + this.size(node.value);
    this.open.delete(node);
    this.sizes.set(node, size);
    return size;
  }

  /**
   * @param {import("yaml").YAMLMap} map
   * @returns {number}
   */
  mapEntries(map) {
    /** @type {Map<string, unknown>} */
    const seen = new Map();
    let size = 0;
    for (const pair of /** @type {import("yaml").Pair[]} */ (map.items)) {
      size += this.size(pair.key);
      const name = this.keyName(pair.key);
      this.path.push(name);
      const first = seen.get(name);
      if (first !== undefined) this.refuse(pair.key, duplicateKey(name, pair.key, this.place(first)));
      seen.set(name, pair.key);
      size += this.size(pair.value);
      this.path.pop();
    }
    return size;
  }

  /**
   * An alias: the nodes it copies, counted against the document's budget.
   * @param {import("yaml").Alias} alias
   * @returns {number}
   */
  copy(alias) {
    const target = this.anchors.get(alias.source);
    if (target === undefined)
      this.refuse(alias, {
        problem: `the alias *${alias.source} names no anchor before it`,
        fix: `define the anchor (&${alias.source}) before the alias (*${alias.source}) that uses it`,
      });
    if (this.open.has(target))
      this.refuse(alias, {
        problem: `the alias *${alias.source} is inside the node it copies (an endless document)`,
        fix: "write the repeated part out in full, or refer to a component with $ref",
      });
    const size = /** @type {number} */ (this.sizes.get(target));
    this.copied += size;
    if (this.copied > ALIAS_COPY_LIMIT)
      this.refuse(alias, {
        problem: `YAML aliases copy more than ${ALIAS_COPY_LIMIT} nodes in all: *${alias.source} here copies ${size}, after ${this.copied - size} before it (a resource exhaustion attack?)`,
        fix: "write the repeated parts out in full, or refer to a component with $ref (Twilio's specs use no anchors or aliases)",
      });
    return size;
  }

  /**
   * A key as the property name it becomes once aliases are resolved: null is "", a scalar its text.
   * @param {unknown} key
   * @returns {string}
   */
  keyName(key) {
    const node = isAlias(key) ? this.anchors.get(key.source) : key;
    if (node === null || node === undefined) return "";
    if (isScalar(node)) return node.value === null || node.value === undefined ? "" : String(node.value);
    return this.refuse(key, {
      problem: "a mapping key is a collection: OpenAPI's keys are names",
      fix: "write the key as a plain string",
    });
  }

  /**
   * @param {unknown} node
   * @returns {{ line?: number, column?: number }}
   */
  place(node) {
    const range = /** @type {{ range?: [number, number, number] | null }} */ (node)?.range;
    if (!range) return {};
    const { line, col } = this.lineCounter.linePos(range[0]);
    return { line, column: col };
  }

  /**
   * @param {unknown} node
   * @param {{ problem: string, fix: string }} refusal
   * @returns {never}
   */
  refuse(node, refusal) {
    throw new Refused({ ...this.place(node), pointer: [...this.path], ...refusal });
  }
}

/**
 * @param {string} name
 * @param {unknown} key
 * @param {{ line?: number, column?: number }} first
 * @returns {{ problem: string, fix: string }}
 */
function duplicateKey(name, key, first) {
  const written = isAlias(key) ? `, written as the alias *${key.source},` : "";
  const where = first.line === undefined ? "" : `, first at ${first.line}:${first.column}`;
  return {
    problem: `the key ${JSON.stringify(name)}${written} appears twice in one mapping${where} (YAML would silently keep only the last)`,
    fix: "merge the two entries into one, or remove one of them",
  };
}
