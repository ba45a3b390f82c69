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
    const data = dataFromYaml(text);
    return data === undefined ? parseInFull(text) : { json: JSON.stringify(data) };
  } catch (error) {
    // An engine limit (stack depth, string length) that no check caught: still an answer, never a crash.
    const problem = `the file cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    return { error: { problem, fix: depthProblem([]).fix } };
  }
}

/**
 * @param {string} text
 * @returns {{ json: string } | { error: ParseProblem }}
 */
function parseInFull(text) {
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
  return { json: JSON.stringify(document.toJS({ maxAliasCount: -1 })) };
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
