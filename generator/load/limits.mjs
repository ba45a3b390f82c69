// @ts-check
// Plain JavaScript, shared by the parser threads (parseYaml.mjs) and the checks on the main thread
// (documentTree.ts): how deep a document may nest and what aliases may copy, and what to do about
// a document past those limits.

/**
 * Nesting deeper than this is refused everywhere in a document, data (`example`, `default`, `x-*`)
 * included: Twilio's specs nest 20 levels at most, and every later stage recurses.
 */
export const DEPTH_LIMIT = 64;

/**
 * The nodes that YAML aliases may copy in one document, in all: every use of an alias copies its
 * anchor's whole node. Twilio's specs use no aliases; a spec that reuses a few blocks stays far below.
 */
export const ALIAS_COPY_LIMIT = 10_000;

/** Values that are data, not spec structure, which no stage follows: a `$ref` key inside them is just a key. */
export const DATA_KEYS = new Set(["example", "examples", "default", "enum", "value"]);
/** Mappings whose keys are names (paths, properties, status codes, media types), never keywords. */
export const NAME_MAPS = new Set([
  "paths",
  "properties",
  "responses",
  "content",
  "headers",
  "encoding",
  "links",
  "callbacks",
]);

/** @typedef {readonly (string | number)[]} Path */

/**
 * The refusal of a node that nests deeper than DEPTH_LIMIT, at `path` (its keys and indexes): its fix
 * depends on whether the node is spec structure or data under a data key or an extension.
 * @param {Path} path
 * @returns {{ problem: string, fix: string }}
 */
export function depthProblem(path) {
  const dataKey = dataKeyOf(path);
  return {
    problem: `the document nests deeper than ${DEPTH_LIMIT} levels`,
    fix:
      dataKey === undefined
        ? "flatten the structure: move nested schemas under components.schemas and refer to them"
        : `shorten the \`${dataKey}\` value to at most ${DEPTH_LIMIT} levels, or leave it out`,
  };
}

/**
 * The data key (`example`, `x-...`) that `path` passes through as a keyword, not as a name; undefined
 * when it passes through none. Keys are names below `paths`, `properties` and the like, and in `components`.
 * @param {Path} path
 * @returns {string | undefined}
 */
export function dataKeyOf(path) {
  let named = false;
  for (let index = 0; index < path.length; index++) {
    const key = path[index];
    if (typeof key === "number") {
      named = false;
      continue;
    }
    if (!named && (DATA_KEYS.has(key) || key.startsWith("x-"))) return key;
    const sections = index === 1 && path[0] === "components";
    named = !named && (sections || NAME_MAPS.has(key));
  }
  return undefined;
}
