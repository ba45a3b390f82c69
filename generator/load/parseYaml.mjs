// @ts-check
// Plain JavaScript, for the parser threads (see parseWorker.mjs).
// The quick reading (yamlData.mjs: js-yaml) comes first; the library's full parse takes what it leaves, and
// reports every problem with its place and its fix: syntax, nesting (yamlNesting.mjs), repeated
// keys and alias bombs (yamlNodes.mjs).
import { Composer, LineCounter, YAMLParseError } from "yaml";
import { depthProblem } from "./limits.mjs";
import { dataFromYaml } from "./yamlData.mjs";
import { nestingWatched, TooDeep } from "./yamlNesting.mjs";
import { nodeProblem } from "./yamlNodes.mjs";

/** @typedef {import("./yamlNodes.mjs").NodeProblem} ParseProblem */

/**
 * A YAML spec's data as JSON text, or its first problem with the place (1-based) and the fix.
 * @param {string} text
 * @returns {{ json: string } | { error: ParseProblem }}
 */
export function parseYaml(text) {
  try {
    const read = yamlData(text);
    return "error" in read ? read : { json: JSON.stringify(read.data) };
  } catch (error) {
    return cannotRead(error);
  }
}

/**
 * A YAML spec's data as JSON.parse would give it back from `parseYaml`'s text (a thread that goes
 * on with the data itself saves the round trip), or its first problem with the place and the fix.
 * @param {string} text
 * @returns {{ data: unknown } | { error: ParseProblem }}
 */
export function readYaml(text) {
  try {
    const quick = dataFromYaml(text);
    if (quick !== undefined) return { data: asJsonData(quick) };
    // The library's data may share a node between the places that alias it: JSON copies them apart.
    const read = readInFull(text);
    return "error" in read ? read : { data: JSON.parse(JSON.stringify(read.data)) };
  } catch (error) {
    return cannotRead(error);
  }
}

/**
 * @param {string} text
 * @returns {{ data: unknown } | { error: ParseProblem }}
 */
function yamlData(text) {
  const data = dataFromYaml(text);
  return data === undefined ? readInFull(text) : { data };
}

/**
 * An engine limit (stack depth, string length) that no check caught: still an answer, never a crash.
 * @param {unknown} error
 * @returns {{ error: ParseProblem }}
 */
function cannotRead(error) {
  const problem = `the file cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  return { error: { problem, fix: depthProblem([]).fix } };
}

/**
 * YAML data read without anchors (no node in two places), changed in place to what a JSON round
 * trip gives: a number JSON cannot write (`.nan`, `.inf`, a float past the largest double) becomes
 * null, and -0 becomes 0. Strings, booleans, null, arrays and plain objects (the only values the
 * YAML core schema gives) stay.
 * @param {unknown} data
 * @returns {unknown}
 */
function asJsonData(data) {
  if (typeof data === "number") return jsonNumber(data);
  /** @type {unknown[]} */
  const collections = [data];
  for (let collection = collections.pop(); collection !== undefined; collection = collections.pop()) {
    if (typeof collection !== "object" || collection === null) continue;
    const values = /** @type {Record<string, unknown>} */ (collection);
    for (const key of Object.keys(values)) {
      const value = values[key];
      if (typeof value === "number") values[key] = jsonNumber(value);
      else if (typeof value === "object" && value !== null) collections.push(value);
    }
  }
  return data;
}

/** @param {number} value */
function jsonNumber(value) {
  return Number.isFinite(value) ? value + 0 : null;
}

/**
 * @param {string} text
 * @returns {{ data: unknown } | { error: ParseProblem }}
 */
function readInFull(text) {
  const lineCounter = new LineCounter();
  const place = (/** @type {number} */ offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  let document;
  try {
    document = composeDocument(text, lineCounter);
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    return { error: { ...place(error.offset), pointer: error.path, ...depthProblem(error.path) } };
  }
  const error = document.errors[0];
  if (error) return { error: { ...place(error.pos[0]), ...syntaxProblem(error) } };
  const problem = nodeProblem(document, lineCounter);
  if (problem) return { error: problem };
  // What aliases copy is bounded above, by the nodes they copy rather than by their count.
  return { data: document.toJS({ maxAliasCount: -1 }) };
}

/**
 * The text's one document, as the library's parseDocument composes it, from tokens whose nesting
 * is watched (yamlNesting.mjs). Repeated keys are left to yamlNodes.mjs, which resolves aliases first.
 * @param {string} text
 * @param {LineCounter} lineCounter
 * @returns {import("yaml").Document.Parsed}
 */
function composeDocument(text, lineCounter) {
  const composer = new Composer({ uniqueKeys: false });
  /** @type {import("yaml").Document.Parsed | undefined} */
  let document;
  for (const next of composer.compose(nestingWatched(text, lineCounter.addNewLine), true, text.length)) {
    if (document === undefined) document = next;
    else {
      const message = "Source contains multiple documents; please use YAML.parseAllDocuments()";
      document.errors.push(new YAMLParseError([next.range[0], next.range[1]], "MULTIPLE_DOCS", message));
      break;
    }
  }
  return /** @type {import("yaml").Document.Parsed} */ (document);
}

/**
 * @param {import("yaml").YAMLError} error
 * @returns {{ problem: string, fix: string }}
 */
function syntaxProblem(error) {
  const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (message.startsWith("Maximum call stack size exceeded")) {
    return { problem: "the document nests too deeply to read", fix: depthProblem([]).fix };
  }
  return { problem: `invalid YAML: ${message}`, fix: "correct the YAML syntax at that position" };
}
