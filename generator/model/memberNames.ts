import { childMount, RESERVED_MEMBERS } from "./naming.js";
import type { ResourceNode } from "./types.js";

/**
 * Renames sub-resources whose mount name their parent class already declares: a field of the
 * instance (Studio's `context`), an operation, or a member of the SDK's (docs/naming.md). The field
 * keeps its name; the sub-resource becomes `<parent><Name>` (`stepContext`), as in Twilio's SDKs.
 * Roots hang on the version class, which declares only `client` and what every object has.
 */
export function renameShadowedChildren(roots: readonly ResourceNode[]): void {
  rename(roots, undefined, RESERVED_MEMBERS.client);
  const visit = (node: ResourceNode): void => {
    const instance = new Set([
      ...RESERVED_MEMBERS.instance,
      ...RESERVED_MEMBERS.context,
      ...node.properties.map((field) => field.property),
      ...node.properties.map((field) => field.wireName),
    ]);
    rename(node.instanceChildren, node.mountName, instance);
    rename(node.listChildren, node.mountName, RESERVED_MEMBERS.list);
    [...node.listChildren, ...node.instanceChildren].forEach(visit);
  };
  roots.forEach(visit);
}

function rename(
  children: readonly ResourceNode[],
  parentMount: string | undefined,
  declared: ReadonlySet<string>,
): void {
  for (const child of children) {
    if (!declared.has(child.mountName)) continue;
    const siblings = children.filter((other) => other !== child).map((other) => other.mountName);
    child.mountName = childMount(child.mountName, parentMount, new Set([...declared, ...siblings]));
  }
}
