import { GeneratorError } from "../util/diagnostics.js";
import { cycleThrough, schemaCycles, type TypeRef } from "../util/schemaGraph.js";
import { isRecord } from "./documentShape.js";
import { locate } from "./locate.js";

const COMPOSITIONS = new Set(["allOf", "anyOf", "oneOf"]);
const compositionOnly = (ref: TypeRef) => !ref.throughItems;

/**
 * Refuses component schemas made of themselves through `$ref`, `allOf`, `anyOf` and `oneOf`
 * alone (`A: {allOf: [B]}`, `B: {allOf: [A]}`): with no object or array in between, such a schema
 * has no type, and TypeScript rejects the alias it would become. Cycles through an object's
 * properties or an array's items have one, and compile (util/schemaGraph.ts).
 */
export function checkSchemaCycles(file: string, document: Record<string, unknown>): void {
  const components = isRecord(document.components) ? document.components : {};
  const schemas = isRecord(components.schemas) ? components.schemas : {};
  const [group] = schemaCycles(schemas, compositionOnly);
  if (group === undefined) return;
  const start = group[0]!;
  const cycle = cycleThrough(schemas, start, compositionOnly)!;
  const names = [...cycle.map((step) => step.from), start].join(" → ");
  // Each step by the composition keyword nearest its `$ref`, or as a bare `$ref`.
  const keyword = (ref: TypeRef) =>
    String([...ref.pointer].reverse().find((key) => COMPOSITIONS.has(String(key))) ?? "$ref");
  const keywords = [...new Set(cycle.map(({ ref }) => keyword(ref)))];
  throw new GeneratorError(
    locate(file, ["components", "schemas", start, ...cycle[0]!.ref.pointer]),
    `the schema ${start} is made of itself through ${listed(keywords)} alone (${names}): with no object or array in between, it has no type`,
    "break the cycle: refer back from a property (an object) or from `items` (an array), or drop the reference",
  );
}

/** `a`, `a and b`, `a, b and c`. */
function listed(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
