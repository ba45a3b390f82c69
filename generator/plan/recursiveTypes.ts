import { isBindingName, pascalCase } from "../util/caseNames.js";
import type { Schema } from "../model/types.js";
import { schemaCycles } from "../util/schemaGraph.js";
import type { RecursiveTypeView } from "./views.js";

/**
 * The component schemas that reach themselves through an array's items (load refuses the cycles
 * through composition alone), each as a named type of the schemas module: TypeScript resolves
 * `type SchemaTree = SchemaTree[]`, not a `components` member whose type indexes itself.
 */
export function recursiveTypes(schemas: Readonly<Record<string, Schema>>): RecursiveTypeView[] {
  const order = new Map(Object.keys(schemas).map((name, index) => [name, index]));
  const members = schemaCycles(schemas, () => true)
    .flat()
    .sort((a, b) => order.get(a)! - order.get(b)!);
  const taken = new Set<string>();
  return members.map((schema) => {
    const base = `Schema${pascalCase(schema)}`;
    let name = base;
    for (let suffix = 2; taken.has(name) || !isBindingName(name); suffix++) name = `${base}_${suffix}`;
    taken.add(name);
    const doc = `The schema ${schema} as a type of its own: it contains itself through an array.`;
    return { schema, name, doc };
  });
}
