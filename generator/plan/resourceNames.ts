/**
 * The names of domains, versions and resources, made from the spec's facts the model keeps (a
 * resource's path segments and x-twilio hints, a version as the spec spells it, a domain's host) by
 * the rules of docs/naming.md: the one place these names are made, renames included (names.ts holds
 * the SDK's reserved members and the member rules). Rules tested as given/want tables.
 */
import type { MergedVersion } from "../merge/mergeSpecs.js";
import { SpecLocator } from "../merge/specLocator.js";
import { firstOperation, lastStaticSegment } from "../model/resourcePaths.js";
import type { OperationModel, ResourceHints, ResourceNode, SpecModel } from "../model/types.js";
import type { NamedResource, NamedVersion } from "./types.js";
import { camelCase, pascalCase, plural, singular, snakeCase } from "../util/caseNames.js";
import { formatLocation, GeneratorError, type SourceLocation } from "../util/diagnostics.js";
import { compareText } from "../util/ordering.js";
import {
  childMount,
  domainMember,
  instanceMembers,
  RESERVED_MEMBERS,
  resourceClassName,
  versionMember,
} from "./names.js";
import { allNodes } from "./sdkPaths.js";

/** A domain's property on the root client, from its host: `flex-api` → `flexApi`; `client` → `clientDomain`. */
export function domainProperty(host: string): string {
  return domainMember(camelCase(host));
}

/**
 * A version's name as a property, before the domain's members are reserved (versionMember): `v1`,
 * `2010-04-01` → `v2010`, `HostedNumbers` → `hostedNumbers`.
 */
export function versionName(version: string): string {
  const date = /^(\d{4})-\d{2}-\d{2}$/.exec(version);
  return date ? `v${date[1]}` : camelCase(version);
}

/**
 * A resource's class and mount names from its hints, before the SDK's members are reserved: an
 * operation-level `mountName` names both; a shared path's named resource is mounted under the
 * plural of its `className` (`new_key` → `newKeys`); otherwise the path's `className` and
 * `mountName`, each else from the collection's last static segment (`Tasks` → `Task`, `tasks`).
 */
export function resourceNames(
  segments: readonly string[],
  hints: ResourceHints,
): { className: string; mountName: string } {
  const fromMount = (mount: string) => ({ className: singular(pascalCase(mount)), mountName: camelCase(mount) });
  if (hints.operationMount !== undefined) return fromMount(hints.operationMount);
  if (hints.sharedPath && hints.className !== undefined) return fromMount(plural(snakeCase(hints.className)));
  const mountSource = hints.mountName ?? lastStaticSegment(segments);
  const className = hints.className !== undefined ? pascalCase(hints.className) : singular(pascalCase(mountSource));
  return { className, mountName: camelCase(mountSource) };
}

/**
 * A merged version as the SDK mounts it on its domain (versionMember), its resources named and
 * mounted: a class whose name a runtime type would spell gets `Resource` (resourceClassName), a
 * sub-resource whose mount name its parent's class already declares (a field of the instance, as
 * Studio's `context`, an operation, a member of the SDK's) is renamed (childMount), and siblings are
 * in mount order. A field keeps its name. Roots hang on the version class, which declares only
 * `client` and what every object has. Refused, each at its place: a version or resource the spec
 * gives no name (no letter or digit), and, with a `locator` (the run's, which has every file's
 * siblings merged), two siblings of one mount name. The merged tree is copied, not changed.
 */
export function namedVersion({ name, resources, specOf }: MergedVersion, locator?: SpecLocator): NamedVersion {
  const located = locator ?? new SpecLocator([]);
  const where = (node: ResourceNode, pointer: (operation: OperationModel) => string[]): SourceLocation => {
    const operation = firstOperation(node);
    const spec = specOf.get(node)!;
    return operation ? located.at(spec, pointer(operation)) : { file: spec.file };
  };
  const pathOf = (node: ResourceNode) => where(node, (operation) => ["paths", operation.path]);
  const operationOf = (node: ResourceNode) =>
    where(node, (operation) => ["paths", operation.path, operation.method.toLowerCase()]);
  const property = versionName(name);
  if (!property && resources[0]) throw nameless(pathOf(resources[0]));
  const copies = new Map<NamedResource, SpecModel>();
  /** `declared`: the parent's members, made only for a parent with children (most resources have none). */
  const mount = (
    children: readonly ResourceNode[],
    parentMount: string | undefined,
    declared: () => ReadonlySet<string>,
  ): NamedResource[] => {
    if (children.length === 0) return [];
    const named = children
      .map((node) => ({ node, ...resourceNames(node.segments, node.hints) }))
      .sort((a, b) => compareText(a.mountName, b.mountName) || compareText(a.className, b.className));
    for (const entry of named) if (!entry.className || !entry.mountName) throw nameless(pathOf(entry.node));
    if (locator) checkMounts(named, operationOf);
    const names = named.map((entry) => entry.mountName);
    const members = declared();
    names.forEach((mountName, index) => {
      if (!members.has(mountName)) return;
      const siblings = names.filter((_, other) => other !== index);
      names[index] = childMount(mountName, parentMount, new Set([...members, ...siblings]));
    });
    const mounted = named.map(({ node, className }, index): NamedResource => {
      const mountName = names[index]!;
      const copy = {
        ...node,
        className: resourceClassName(className),
        mountName,
        instanceChildren: mount(node.instanceChildren, mountName, () => instanceMembers(node)),
        listChildren: mount(node.listChildren, mountName, () => RESERVED_MEMBERS.list),
      };
      copies.set(copy, specOf.get(node)!);
      return copy;
    });
    return mounted.sort((a, b) => compareText(a.mountName, b.mountName) || compareText(a.className, b.className));
  };
  return {
    property: versionMember(property),
    resources: mount(resources, undefined, () => RESERVED_MEMBERS.client),
    specOf: copies,
  };
}

/** A spec's own versions as the SDK mounts them: what names its calls in the run's report and in spec-diff. */
export function namedVersions(spec: SpecModel): NamedVersion[] {
  return spec.versions.map(({ name, resources }) => {
    const specOf = new Map(allNodes(resources).map((node) => [node, spec]));
    return namedVersion({ name, resources, specOf });
  });
}

function nameless(location: SourceLocation): GeneratorError {
  return new GeneratorError(
    location,
    "the path gives no name: its version and last static segment (or x-twilio className and mountName) need a letter or digit",
    "name the path's segments with letters and digits, or give the path x-twilio className and mountName",
  );
}

/** Two siblings mounted under one name are refused; so are two paths that differ only in case (`/v1/Accounts`, `/v1/accounts`). */
function checkMounts(
  siblings: readonly { node: ResourceNode; mountName: string }[],
  where: (node: ResourceNode) => SourceLocation,
): void {
  const byMount = new Map<string, ResourceNode>();
  for (const { node, mountName } of siblings) {
    const first = byMount.get(mountName);
    byMount.set(mountName, node);
    if (!first) continue;
    const caseOnly = first.identity.toLowerCase() === node.identity.toLowerCase();
    const other = `${first.identity} at ${formatLocation(where(first))}`;
    throw new GeneratorError(
      where(node),
      caseOnly
        ? `path ${node.identity} differs only in case from ${other}: both would be the SDK member \`${mountName}\``
        : `resource ${node.identity} and ${other} would both be the SDK member \`${mountName}\``,
      caseOnly
        ? "spell the two paths alike (the SDK cannot tell them apart), or give one an x-twilio mountName"
        : "give one of the two an x-twilio mountName",
    );
  }
}
