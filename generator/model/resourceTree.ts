import { snakeCase } from "../util/caseNames.js";
import { propertyModel } from "./fieldReading.js";
import {
  collectionPath,
  collectionSegments,
  hintsKey,
  identityOf,
  isParameterSegment,
  parameterName,
  type PathShape,
} from "./resourcePaths.js";
import { isRecord, type Pointer, type SpecContext } from "./specContext.js";
import type { OperationModel, ResourceHints, ResourceNode, Schema } from "./types.js";
import { compareText } from "../util/ordering.js";

/** One operation with the shape of its path and the names the x-twilio extensions give its resource. */
export interface PlacedOperation {
  operation: OperationModel;
  shape: PathShape;
  hints: ResourceHints;
}

/**
 * Groups operations into resources (the paths of one collection that the spec names alike) and
 * hangs each resource under the resource its path extends. Path prefixes that no spec path
 * declares become namespace nodes, so `/Organizations/{OrganizationSid}/Accounts` reads
 * `organizations(sid).accounts`.
 */
export function buildResourceTree(context: SpecContext, placed: readonly PlacedOperation[]): ResourceNode[] {
  const nodes = new Map<string, PendingNode>();
  for (const { operation, shape, hints } of placed) {
    const { node } = nodeFor(nodes, collectionSegments(shape), hints);
    if (shape.kind === "keyed") {
      node.instanceOperations.push(operation);
      node.instanceParameters = parameterNames(shape.segments);
      node.keyParameter = parameterName(shape.segments[shape.segments.length - 1]!);
    } else {
      node.listOperations.push(operation);
    }
  }
  const roots: ResourceNode[] = [];
  const pending = [...nodes.values()];
  for (let entry = pending.shift(); entry; entry = pending.shift()) attach(nodes, entry, roots, pending);
  for (const { node } of nodes.values()) {
    describeResource(context, node);
    node.keySchema = keySchema(context, node);
  }
  return sortTree(roots);
}

/** The schema of a node's key parameter as the spec declares it (ResourceNode `keySchema`). */
function keySchema(context: SpecContext, node: ResourceNode): Schema | undefined {
  const key = node.keyParameter;
  if (key === undefined) return undefined;
  const declaredIn = (operations: readonly OperationModel[]) =>
    operations.flatMap((operation) => operation.pathParameters).find((parameter) => parameter.wireName === key);
  const declared = declaredIn(node.instanceOperations) ?? declaredIn(descendantOperations(node.instanceChildren));
  return declared && context.resolve(declared.schema, [...declared.declaredAt, "schema"]);
}

/** The operations of these nodes and of their descendants, depth first: where a namespace's key is declared. */
function descendantOperations(nodes: readonly ResourceNode[]): OperationModel[] {
  return nodes.flatMap((child) => [
    ...child.instanceOperations,
    ...child.listOperations,
    ...descendantOperations([...child.listChildren, ...child.instanceChildren]),
  ]);
}

/** A resource while the tree is built, with the path segments of its collection, which place it. */
interface PendingNode {
  node: ResourceNode;
  collection: string[];
}

function nodeFor(nodes: Map<string, PendingNode>, collection: string[], hints: ResourceHints): PendingNode {
  const key = `${identityOf(collection)}#${hintsKey(hints)}`;
  const existing = nodes.get(key);
  if (existing) return existing;
  const node: ResourceNode = {
    segments: collection,
    identity: identityOf(collection),
    hints,
    listParameters: parameterNames(collection),
    instanceParameters: parameterNames(collection),
    listOperations: [],
    instanceOperations: [],
    properties: [],
    listChildren: [],
    instanceChildren: [],
  };
  const entry = { node, collection };
  nodes.set(key, entry);
  return entry;
}

/** A resource hangs under the resource whose path its own path extends; under the version when none. */
function attach(
  nodes: Map<string, PendingNode>,
  { node, collection }: PendingNode,
  roots: ResourceNode[],
  pending: PendingNode[],
): void {
  const lastStatic = collection.map(isParameterSegment).lastIndexOf(false);
  const parentSegments = collection.slice(0, Math.max(lastStatic, 0));
  if (parentSegments.length === 0) {
    roots.push(node);
    return;
  }
  const identity = identityOf(parentSegments);
  const byKey = isParameterSegment(parentSegments[parentSegments.length - 1]!);
  const candidates = [...nodes.values()]
    .map((entry) => entry.node)
    .filter((candidate) =>
      byKey
        ? candidate.keyParameter !== undefined && `${candidate.identity}/{}` === identity
        : candidate.identity === identity,
    );
  candidates.sort((a, b) => operationCount(b) - operationCount(a) || compareText(hintsKey(a.hints), hintsKey(b.hints)));
  const parent = candidates[0] ?? namespaceFor(nodes, parentSegments, byKey, pending);
  (byKey ? parent.instanceChildren : parent.listChildren).push(node);
}

/** A node for a path prefix that no spec path declares: no operations, only children. */
function namespaceFor(
  nodes: Map<string, PendingNode>,
  segments: string[],
  byKey: boolean,
  pending: PendingNode[],
): ResourceNode {
  const collection = byKey ? segments.slice(0, -1) : segments;
  const before = nodes.size;
  const entry = nodeFor(nodes, collection, {});
  const { node } = entry;
  if (byKey) {
    node.keyParameter = parameterName(segments[segments.length - 1]!);
    node.instanceParameters = parameterNames(segments);
  }
  if (nodes.size > before) pending.push(entry);
  return node;
}

function describeResource(context: SpecContext, node: ResourceNode): void {
  const found = resourceSchema(context, node);
  if (!found) return;
  const { schema, pointer } = found;
  const resolved = context.resolve(schema, pointer);
  // Instances wrap the resource as an object (`ResourceInstance<T extends object>`).
  if (!describesObject(context, resolved, pointer))
    context.fail(
      pointer,
      `the schema of the resource ${collectionPath(node)} does not describe an object (\`type: object\`, not nullable)`,
      "give the response schema `type: object` and its properties, or a $ref to such a component",
    );
  node.resourceSchema = schema;
  const properties = isRecord(resolved.properties) ? resolved.properties : {};
  node.properties = Object.entries(properties).map(([wireName, value]) =>
    propertyModel(context, wireName, value, pointer),
  );
  if (node.keyParameter) {
    const candidates = [snakeCase(node.keyParameter), node.keyParameter, "sid", "id"];
    node.keyProperty = candidates.find((name) => name in properties);
  }
}

/**
 * Whether a schema renders as an object type: `type: object` (or properties without a type), not
 * nullable; an `allOf` with such a part; a `oneOf` or `anyOf` of such parts only.
 */
function describesObject(context: SpecContext, schema: Schema, pointer: Pointer, seen = new Set<Schema>()): boolean {
  if (schema.nullable === true) return false;
  if (schema.type !== undefined) return schema.type === "object";
  if (isRecord(schema.properties)) return true;
  if (seen.has(schema)) return false; // a composition that includes itself
  const within = new Set(seen).add(schema);
  const part = (value: unknown) => describesObject(context, context.resolve(value, pointer), pointer, within);
  const parts = (key: "allOf" | "oneOf" | "anyOf") => schema[key] ?? [];
  if (parts("allOf").some(part)) return true;
  const alternatives = [...parts("oneOf"), ...parts("anyOf")];
  return alternatives.length > 0 && alternatives.every(part);
}

/** The shape of one resource, and where it is declared: from a fetch, an update, a create, or the items of a page. */
function resourceSchema(context: SpecContext, node: ResourceNode): { schema: Schema; pointer: Pointer } | undefined {
  const operations = [...node.instanceOperations, ...node.listOperations];
  const responsePointer = ({ path, method, success }: OperationModel) => [
    "paths",
    path,
    method.toLowerCase(),
    "responses",
    String(success.status),
    "content",
    success.contentTypes[0]!,
    "schema",
  ];
  for (const kind of ["fetch", "update", "patch", "create"] as const) {
    const operation = operations.find((candidate) => candidate.kind === kind && candidate.success.schema);
    if (operation) return { schema: operation.success.schema!, pointer: responsePointer(operation) };
  }
  const page = operations.find((operation) => operation.pagination && operation.success.schema);
  if (!page?.pagination) return undefined;
  const pointer = responsePointer(page);
  const list = context.resolve(page.success.schema, pointer);
  const items = isRecord(list.properties) ? list.properties[page.pagination.itemsKey] : undefined;
  const itemSchema = isRecord(items) ? context.resolve(items, pointer).items : undefined;
  return isRecord(itemSchema) ? { schema: itemSchema, pointer } : undefined;
}

function parameterNames(segments: readonly string[]): string[] {
  return segments.filter(isParameterSegment).map(parameterName);
}

function operationCount(node: ResourceNode): number {
  return node.listOperations.length + node.instanceOperations.length;
}

function sortTree(nodes: ResourceNode[]): ResourceNode[] {
  for (const node of nodes) {
    sortTree(node.listChildren);
    sortTree(node.instanceChildren);
    node.listOperations.sort((a, b) => compareText(a.operationId, b.operationId));
    node.instanceOperations.sort((a, b) => compareText(a.operationId, b.operationId));
  }
  return nodes.sort((a, b) => compareText(a.identity, b.identity) || compareText(hintsKey(a.hints), hintsKey(b.hints)));
}
