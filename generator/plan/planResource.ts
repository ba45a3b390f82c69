import { pascalCase } from "../model/naming.js";
import type { OperationModel, ResourceNode, SpecModel } from "../model/types.js";
import { importPath, RUNTIME_INDEX, schemasFile } from "./modulePaths.js";
import type { ChildMount, ImportPlan, OperationPlan, ParameterMapping, ResourcePlan } from "./types.js";

/** Members of generated instances (and of their base class) that resource fields must not shadow. */
const INSTANCE_MEMBERS = new Set([
  "headers",
  "etag",
  "resource",
  "toJSON",
  "keyField",
  "client",
  "listParams",
  "context",
  "constructor",
  "fetch",
  "update",
  "patch",
  "remove",
]);

export interface PlacedResource {
  node: ResourceNode;
  file: string;
}

/** Names, imports and parameter wiring of one resource module. */
export function planResource(
  spec: SpecModel,
  placed: PlacedResource,
  fileOf: (node: ResourceNode) => string,
): ResourcePlan {
  const { node, file } = placed;
  const imports = new Map<string, ImportPlan>();
  const taken = new Set([node.className]);
  const mount = (child: ResourceNode, fromParameters: string[]): ChildMount => {
    const childFile = fileOf(child);
    const prefix = taken.has(child.className) ? uniquePrefix(child, taken) : child.className;
    taken.add(prefix);
    const names = child.keyParameter
      ? [`${child.className}List`, `${child.className}Context`]
      : [`${child.className}List`];
    const aliased = names.map((name) =>
      prefix === child.className ? name : `${name} as ${prefix}${name.slice(child.className.length)}`,
    );
    imports.set(childFile, { from: importPath(file, childFile), names: aliased });
    return {
      mountName: child.mountName,
      keyed: child.keyParameter !== undefined,
      listClass: `${prefix}List`,
      contextClass: `${prefix}Context`,
      mapping: positional(child.listParameters, fromParameters),
    };
  };
  const instanceMembers = new Set<string>(INSTANCE_MEMBERS);
  const contextChildren = node.instanceChildren.map((child) => mount(child, node.instanceParameters));
  for (const child of contextChildren) instanceMembers.add(child.mountName);
  const listChildren = node.listChildren.map((child) => mount(child, node.listParameters));
  return {
    node,
    spec,
    className: node.className,
    runtimeImport: importPath(file, RUNTIME_INDEX),
    schemasImport: importPath(file, schemasFile(spec.name)),
    imports: [...imports.values()],
    resourceSchema: node.resourceSchema,
    listParameters: node.listParameters,
    contextParameters: node.instanceParameters,
    listOperations: node.listOperations.map((operation) => planOperation(node, operation, node.listParameters)),
    contextOperations: node.instanceOperations.map((operation) =>
      planOperation(node, operation, node.instanceParameters),
    ),
    listChildren,
    contextChildren,
    properties: node.properties.map((property) => ({
      ...property,
      member: instanceMembers.has(property.property) ? `${property.property}Field` : property.property,
    })),
    instanceContext:
      node.keyParameter && node.keyProperty
        ? {
            mapping: positional(node.instanceParameters.slice(0, -1), node.listParameters),
            keyProperty: node.keyProperty,
          }
        : undefined,
  };
}

function planOperation(node: ResourceNode, operation: OperationModel, classParameters: string[]): OperationPlan {
  const pathOrder = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const supplied = pathOrder.slice(0, classParameters.length);
  return {
    operation,
    classParameters: supplied.map((name, index) => ({ name, from: classParameters[index]! })),
    optionsType: `${node.className}${pascalCase(operation.kind)}Options`,
    returnsInstance:
      operation.kind !== "remove" && operation.success.schema !== undefined && node.resourceSchema !== undefined,
  };
}

/** Child parameters take their values, by position, from the parent's parameters. */
function positional(names: string[], fromParameters: string[]): ParameterMapping[] {
  return names.map((name, index) => ({ name, from: fromParameters[index] ?? name }));
}

function uniquePrefix(child: ResourceNode, taken: Set<string>): string {
  const base = `${child.mountName.charAt(0).toUpperCase()}${child.mountName.slice(1)}${child.className}`;
  let candidate = base;
  for (let index = 2; taken.has(candidate); index++) candidate = `${base}${index}`;
  return candidate;
}
