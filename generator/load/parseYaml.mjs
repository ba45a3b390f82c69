// @ts-check
// Plain JavaScript, for the parser threads (see parseWorker.mjs).
// The fast reading (yamlData.mjs) comes first; the library's full parse takes what it leaves, and
// reports every problem with its place and its fix: syntax, repeated keys, alias bombs, nesting.
import { isScalar, LineCounter, parseDocument, visit, YAMLParseError } from "yaml";
import { dataFromYaml } from "./yamlData.mjs";

/** Nodes that aliases may copy, in all (the library's default); Twilio's specs use no aliases at all. */
const ALIAS_LIMIT = 100;
const DEPTH_FIX = "flatten the structure: move nested schemas under components.schemas and refer to them";

/** @typedef {{ problem: string, fix: string, line?: number, column?: number }} ParseProblem */

/**
 * A YAML spec's data as JSON text, or its first problem with the place (1-based) and the fix.
 * @param {string} text
 * @returns {{ json: string } | { error: ParseProblem }}
 */
export function parseYaml(text) {
  try {
    const data = dataFromYaml(text);
    return data === undefined ? parseInFull(text) : { json: JSON.stringify(data) };
  } catch (error) {
    // An engine limit (stack depth, string length) that no check caught: still an answer, never a crash.
    const problem = `the file cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    return { error: { problem, fix: DEPTH_FIX } };
  }
}

/**
 * @param {string} text
 * @returns {{ json: string } | { error: ParseProblem }}
 */
function parseInFull(text) {
  const lineCounter = new LineCounter();
  /** @type {string[]} */
  const duplicates = [];
  // Keys compare as the property names they become: `200` and `'200'` are one key.
  /** @type {(a: unknown, b: unknown) => boolean} */
  const sameKey = (a, b) => {
    const same = a === b || (isScalar(a) && isScalar(b) && keyName(a) === keyName(b));
    if (same) duplicates.push(keyName(b));
    return same;
  };
  const document = parseDocument(text, { lineCounter, uniqueKeys: sameKey });
  const error = document.errors[0];
  if (error) return { error: syntaxError(error, duplicates[0]) };
  try {
    return { json: JSON.stringify(document.toJS({ maxAliasCount: ALIAS_LIMIT })) };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return { error: aliasError(document, lineCounter, error) };
  }
}

/**
 * @param {import("yaml").YAMLError} error
 * @param {string | undefined} duplicateKey
 * @returns {ParseProblem}
 */
function syntaxError(error, duplicateKey) {
  const [position] = error instanceof YAMLParseError && error.linePos ? error.linePos : [];
  const at = { line: position?.line, column: position?.col };
  if (error.code === "DUPLICATE_KEY") {
    return {
      ...at,
      problem: `the key ${JSON.stringify(duplicateKey)} appears twice in one mapping (YAML would silently keep only the last)`,
      fix: "merge the two entries into one, or remove one of them",
    };
  }
  const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (message.startsWith("Maximum call stack size exceeded")) {
    return { ...at, problem: "the document nests too deeply to read", fix: DEPTH_FIX };
  }
  return { ...at, problem: `invalid YAML: ${message}`, fix: "correct the YAML syntax at that position" };
}

/** Aliases that expand past the limit (an alias bomb) or that name no anchor: placed at the first alias. */
/**
 * @param {import("yaml").Document} document
 * @param {LineCounter} lineCounter
 * @param {Error} error
 * @returns {ParseProblem}
 */
function aliasError(document, lineCounter, error) {
  /** @type {import("yaml").Alias[]} */
  const aliases = [];
  visit(document, {
    Alias(_key, node) {
      aliases.push(node);
      return visit.BREAK;
    },
  });
  const first = aliases[0];
  const position = first?.range ? lineCounter.linePos(first.range[0]) : undefined;
  const excessive = error.message.startsWith("Excessive alias count");
  return {
    line: position?.line,
    column: position?.col,
    problem: excessive
      ? `YAML aliases here expand to more than ${ALIAS_LIMIT} copies (a resource exhaustion attack?)`
      : `invalid YAML alias: ${error.message}`,
    fix: excessive
      ? "write the repeated parts out in full (Twilio's specs use no anchors or aliases)"
      : "define the anchor (&name) before the alias (*name) that uses it",
  };
}

/**
 * A map key as the property name it becomes: null (or a collection) is "", anything else its text.
 * @param {unknown} node
 */
function keyName(node) {
  const value = isScalar(node) ? node.value : undefined;
  return value === null || value === undefined ? "" : String(value);
}
