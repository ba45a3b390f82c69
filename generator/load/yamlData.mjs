// Plain JavaScript, for the parser threads (see parseWorker.mjs).
// The data of a YAML document read straight off the `yaml` library's concrete syntax tree, for the
// plain block style Twilio's specs are written in. It skips the library's document model, which
// takes about half of a parse. Anything outside that style (anchors, tags, comments, flow
// collections with items, several documents, anything the tree marks as an error or the library
// would reject) answers `undefined`, and the caller parses the text with the library in full.
import { CST, isScalar, Parser, Schema } from "yaml";

class Unsupported extends Error {}

/** The YAML 1.2 core schema's tags for plain scalars, as the library resolves them. */
const PLAIN_TAGS = new Schema({}).tags.filter((tag) => tag.default === true && tag.test);
const TAG_OPTIONS = { intAsBigInt: false };
const KEY_LIMIT = 1000;

const unsupported = () => {
  throw new Unsupported();
};

/** @returns {unknown} the document's data, or undefined when the library must parse it in full */
export function dataFromYaml(text) {
  let document;
  for (const token of new Parser().parse(text)) {
    if (token.type !== "document" || document !== undefined) return undefined;
    document = token;
  }
  if (document === undefined || document.start.length > 0 || !onlyBlanks(document.end)) return undefined;
  try {
    return document.value === undefined ? null : nodeData(document.value);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function nodeData(token) {
  switch (token.type) {
    case "block-map":
      return mapData(token);
    case "block-seq":
      return seqData(token);
    case "flow-collection":
      return emptyFlowData(token);
    case "scalar":
    case "single-quoted-scalar":
    case "double-quoted-scalar":
      if (!onlyBlanks(token.end)) unsupported();
      return scalarData(token);
    case "block-scalar":
      if (token.props[0]?.type !== "block-scalar-header" || !onlyBlanks(token.props, 0)) unsupported();
      return scalarData(token);
    default:
      return unsupported();
  }
}

function scalarData(token) {
  const { value, type } = CST.resolveAsScalar(token, true, unsupported);
  if (type !== "PLAIN") return value;
  const tag = PLAIN_TAGS.find((candidate) => candidate.test.test(value));
  if (tag === undefined) return value;
  // Some tags answer a Scalar node (to keep the source's format), others the value itself.
  const resolved = tag.resolve(value, unsupported, TAG_OPTIONS);
  return isScalar(resolved) ? resolved.value : resolved;
}

function mapData(map) {
  const data = {};
  for (const { start, explicitKey, key, sep, value } of map.items) {
    if (!key || !sep || !isFlowScalar(key)) unsupported();
    const colon = sep.findIndex((token) => token.type === "map-value-ind");
    if (colon < 0 || !onlyBlanks(sep, colon)) unsupported();
    if (explicitKey) {
      // `? key` then `: value` at the start of the next line, both at the map's column.
      const indicator = start.findIndex((token) => token.type === "explicit-key-ind");
      if (indicator < 0 || !onlyBlanks(start, indicator) || start[indicator].indent !== map.indent) unsupported();
      if (sep[0]?.type !== "newline" || sep[colon].indent !== map.indent || !onlyBlanks(key.end)) unsupported();
    } else {
      // An implicit key sits on one line at the map's column, its `:` right after it.
      if (!onlyBlanks(start) || key.indent !== map.indent || colon !== 0) unsupported();
      if (key.source.includes("\n") || key.end !== undefined || sep[0].offset - key.offset > KEY_LIMIT) unsupported();
      if (value?.type === "block-map" && !sep.some((token) => token.type === "newline")) unsupported();
    }
    const name = keyText(scalarData(key));
    const item = value === undefined ? null : nodeData(value);
    if (name in data)
      Object.defineProperty(data, name, { value: item, writable: true, enumerable: true, configurable: true });
    else data[name] = item;
  }
  return data;
}

function seqData(seq) {
  return seq.items.map(({ start, key, sep, value }) => {
    const indicator = start.findIndex((token) => token.type === "seq-item-ind");
    if (indicator < 0 || key !== undefined || sep !== undefined || !onlyBlanks(start, indicator)) unsupported();
    if (start[indicator].indent !== seq.indent) unsupported();
    return value === undefined ? null : nodeData(value);
  });
}

/** `[]` and `{}`; a flow collection with items is left to the library. */
function emptyFlowData({ start, items, end }) {
  const closing = { "flow-seq-start": "flow-seq-end", "flow-map-start": "flow-map-end" }[start.type];
  if (items.length > 0 || end[0]?.type !== closing || !onlyBlanks(end.slice(1))) unsupported();
  return start.type === "flow-seq-start" ? [] : {};
}

/** A map key as the library turns it into a property name: null becomes "", anything else its text. */
function keyText(value) {
  return value === null ? "" : String(value);
}

function isFlowScalar(token) {
  return token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar";
}

/** True when the tokens (all, or all but the one at `except`) are spaces without tabs and newlines. */
function onlyBlanks(tokens = [], except = -1) {
  return tokens.every(
    (token, index) =>
      index === except || token.type === "newline" || (token.type === "space" && !token.source.includes("\t")),
  );
}
