import type { NamedResource } from "./types.js";

/** A resource with the SDK expressions that reach its list and one instance, keys marked `(KEY)`. */
export interface SdkPath {
  node: NamedResource;
  list: string;
  instance: string;
}

/** Every resource below `prefix` (`taskrouter.v1`): `taskrouter.v1.workspaces(KEY).tasks(KEY)`. */
export function sdkPaths(nodes: readonly NamedResource[], prefix: string): SdkPath[] {
  return nodes.flatMap((node) => {
    const list = `${prefix}.${node.mountName}`;
    const instance = node.keyParameter ? `${list}(KEY)` : list;
    return [
      { node, list, instance },
      ...sdkPaths(node.listChildren, list),
      ...sdkPaths(node.instanceChildren, instance),
    ];
  });
}

/** Every resource of a tree, each before its sub-resources. */
export function allNodes<Node extends { listChildren: Node[]; instanceChildren: Node[] }>(
  nodes: readonly Node[],
): Node[] {
  return nodes.flatMap((node) => [node, ...allNodes(node.listChildren), ...allNodes(node.instanceChildren)]);
}

/** Fills the `(KEY)` marks in order with parameter names: `workspaces(WorkspaceSid).tasks(Sid)`. */
export function fillKeys(call: string, parameters: readonly string[]): string {
  let index = 0;
  return call.replace(/\(KEY\)/g, () => `(${parameters[index++] ?? "key"})`);
}
