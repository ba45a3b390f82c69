import type { SpecLocator } from "../merge/mergeSpecs.js";
import type { OperationModel, ResourceNode, SpecModel } from "../model/types.js";
import { GeneratorError, type SourceLocation } from "../util/diagnostics.js";
import type { Pointer } from "../util/refs.js";
import { importPath, RUNTIME_INDEX, schemasFile } from "./modulePaths.js";
import {
  childClassPrefix,
  childImportNames,
  fieldMembers,
  operationConstName,
  optionNames,
  optionsTypeName,
} from "./names.js";
import type { OperationPlan, ResourcePlan } from "./types.js";
import type { ChildMount, ImportPlan, ParameterMapping } from "./views.js";
import type { NamedResource } from "./types.js";

export interface PlacedResource {
  node: NamedResource;
  file: string;
}

/** Names, imports and parameter wiring of one resource module; `locator` places its naming errors. */
export function planResource(
  spec: SpecModel,
  placed: PlacedResource,
  fileOf: (node: NamedResource) => string,
  locator: SpecLocator,
): ResourcePlan {
  const { node, file } = placed;
  const imports = new Map<string, ImportPlan>();
  const taken = new Set([node.className]);
  const mount = (child: NamedResource, fromParameters: string[]): ChildMount => {
    const childFile = fileOf(child);
    const prefix = childClassPrefix(child, taken);
    imports.set(childFile, {
      from: importPath(file, childFile),
      names: childImportNames(child, prefix),
      typeOnly: false,
    });
    return {
      mountName: child.mountName,
      keyed: child.keyParameter !== undefined,
      integerKey: hasIntegerKey(child),
      listClass: `${prefix}List`,
      contextClass: `${prefix}Context`,
      mapping: positional(child.listParameters, fromParameters),
    };
  };
  const contextChildren = node.instanceChildren.map((child) => mount(child, node.instanceParameters));
  const listChildren = node.listChildren.map((child) => mount(child, node.listParameters));
  const members = fieldMembers(node.properties.map((field) => field.wireName));
  const constNames = new Set<string>();
  const operationPlan = (operation: OperationModel, classParameters: string[]) =>
    planOperation(node, operation, classParameters, constNames, (clash) => locator.at(spec, clash));
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
    listOperations: node.listOperations.map((operation) => operationPlan(operation, node.listParameters)),
    contextOperations: node.instanceOperations.map((operation) => operationPlan(operation, node.instanceParameters)),
    listChildren,
    contextChildren,
    properties: node.properties.map((property, index) => ({ ...property, member: members[index]! })),
    instanceContext:
      node.keyParameter && node.keyProperty
        ? {
            mapping: positional(node.instanceParameters.slice(0, -1), node.listParameters),
            keyProperty: node.keyProperty,
          }
        : undefined,
  };
}

/**
 * Whether the spec declares the resource's key an integer (Sync List Item's `Index`): its list is
 * then called with a number too, as twilio-node's is (`syncListItems(item.index)`).
 */
export function hasIntegerKey(node: ResourceNode): boolean {
  // keySchema is set only where there is a key parameter.
  return node.keySchema?.type === "integer";
}

function planOperation(
  node: NamedResource,
  operation: OperationModel,
  classParameters: string[],
  constNames: Set<string>,
  place: (pointer: Pointer) => SourceLocation,
): OperationPlan {
  const { names, clash } = optionNames(operation);
  if (clash) {
    throw new GeneratorError(
      place(clash.second.declaredAt),
      `parameters ${clash.first.wireName} and ${clash.second.wireName} both become the option \`${clash.property}\``,
      "rename one of them, or remove the one the API does not read",
    );
  }
  const constName = operationConstName(operation.operationId, constNames);
  constNames.add(constName);
  const pathOrder = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const supplied = pathOrder.slice(0, classParameters.length);
  return {
    operation,
    constName,
    classParameters: supplied.map((name, index) => ({ name, from: classParameters[index]! })),
    optionNames: names,
    optionsType: optionsTypeName(node.className, operation.kind),
    returnsInstance:
      operation.kind !== "remove" && operation.success.schema !== undefined && node.resourceSchema !== undefined,
  };
}

/** Child parameters take their values, by position, from the parent's parameters. */
function positional(names: string[], fromParameters: string[]): ParameterMapping[] {
  return names.map((name, index) => ({ name, from: fromParameters[index] ?? name }));
}
