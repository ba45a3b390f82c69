import { formatLocation, GeneratorError, type SourceLocation } from "../util/diagnostics.js";
import { fileNameParts, versionKey } from "../model/buildModel.js";
import { collectionPath, firstOperation, hintsKey, sameHints } from "../model/resourcePaths.js";
import type { OperationModel, ResourceNode, SpecModel } from "../model/types.js";
import { compareText } from "../util/ordering.js";
import type { SpecLocator } from "./specLocator.js";

/** One version module of a domain, merged from every spec file that defines the version. */
export interface MergedVersion {
  /** The version as the first of those files spells it (`v1`, `2010-04-01`): the plan names its property. */
  name: string;
  resources: ResourceNode[];
  /** The file each resource comes from: its schemas module types the resource. */
  specOf: ReadonlyMap<ResourceNode, SpecModel>;
}

/**
 * Merges the versions of one domain's specs (one SDK domain: the same host) into one module per
 * version (its spellings meet: `versionKey`). Resources meet by spec facts, their path and the names
 * the spec gives them (`ResourceHints`), never by names the plan makes. The rules, each a located
 * error when broken:
 * - A resource (a path identity and hints with operations) comes from one file. Path prefixes a
 *   file only implies (namespaces) join the resource of the same path in another file, so a file
 *   may add sub-resources under another file's resources.
 * - Twilio's `twilio_<domain>_sdk.yaml` is the SDK edition of its domain's specs: the resources it
 *   defines replace those another file of the domain defines at the same path.
 * - One resource takes one operation per method on its list and on its instance.
 * - A top-level resource takes no path parameters (no parent resource would supply them).
 * The specs' own trees are copied, never changed: reports and caches keep reading them.
 */
export function mergeDomainVersions(specs: readonly SpecModel[], locator: SpecLocator): MergedVersion[] {
  const byKey = new Map<string, { name: string; merge: VersionMerge }>();
  for (const spec of [...specs].sort((a, b) => compareText(a.file, b.file))) {
    for (const version of spec.versions) {
      const key = versionKey(version.name);
      const entry = byKey.get(key) ?? { name: version.name, merge: new VersionMerge(locator) };
      byKey.set(key, entry);
      entry.merge.add(spec, version.resources);
    }
  }
  return [...byKey]
    .sort(([a], [b]) => compareText(a, b))
    .map(([, { name, merge }]) => ({ name, resources: merge.finish(), specOf: merge.specOf }));
}

class VersionMerge {
  readonly specOf = new Map<ResourceNode, SpecModel>();
  private readonly roots: ResourceNode[] = [];

  constructor(private readonly locator: SpecLocator) {}

  add(spec: SpecModel, resources: readonly ResourceNode[]): void {
    this.mergeInto(
      this.roots,
      resources.map((node) => this.copy(node, spec)),
    );
  }

  finish(): ResourceNode[] {
    for (const root of this.roots) {
      if (root.listParameters.length === 0) continue;
      const operation = firstOperation(root);
      throw new GeneratorError(
        operation ? this.locator.operation(this.specOf.get(root)!, operation) : { file: this.specOf.get(root)!.file },
        `resource ${collectionPath(root)} needs path parameters (${root.listParameters.join(", ")}) that no parent resource provides`,
        "give the path a parent path in the spec",
      );
    }
    checkTree(this.roots, this.specOf, this.locator);
    return sortByPath(this.roots);
  }

  private copy(node: ResourceNode, spec: SpecModel): ResourceNode {
    const copied: ResourceNode = {
      ...node,
      listChildren: node.listChildren.map((child) => this.copy(child, spec)),
      instanceChildren: node.instanceChildren.map((child) => this.copy(child, spec)),
    };
    this.specOf.set(copied, spec);
    return copied;
  }

  private mergeInto(siblings: ResourceNode[], nodes: readonly ResourceNode[]): void {
    for (const node of nodes) {
      const index = siblings.findIndex((sibling) => sameResource(sibling, node));
      if (index < 0) siblings.push(node);
      else siblings[index] = this.join(siblings[index]!, node);
    }
  }

  /** One node for a resource both trees hold: the side with operations, with the children of both. */
  private join(kept: ResourceNode, added: ResourceNode): ResourceNode {
    const [winner, loser] = this.precedence(kept, added);
    this.mergeInto(winner.listChildren, loser.listChildren);
    this.mergeInto(winner.instanceChildren, loser.instanceChildren);
    return winner;
  }

  private precedence(kept: ResourceNode, added: ResourceNode): [ResourceNode, ResourceNode] {
    if (!hasOperations(kept) && !hasOperations(added))
      return added.keyParameter && !kept.keyParameter ? [added, kept] : [kept, added];
    if (!hasOperations(added)) return [kept, added];
    if (!hasOperations(kept)) return [added, kept];
    const [keptSdk, addedSdk] = [kept, added].map((node) => isSdkEdition(this.specOf.get(node)!));
    if (keptSdk !== addedSdk) return keptSdk ? [kept, added] : [added, kept];
    throw new GeneratorError(
      this.where(added),
      `resource ${collectionPath(added)} is defined here and at ${formatLocation(this.where(kept))}`,
      "define each resource in one file, or drop one of the two definitions",
    );
  }

  private where(node: ResourceNode): SourceLocation {
    return this.locator.operation(this.specOf.get(node)!, firstOperation(node)!);
  }
}

/**
 * The same resource, two namespaces of one path (a keyed one takes the other's children too), or a
 * namespace and the resource at its path (keyed when the namespace is).
 */
function sameResource(a: ResourceNode, b: ResourceNode): boolean {
  if (a.identity !== b.identity) return false;
  const keyed = (node: ResourceNode) => node.keyParameter !== undefined;
  if (!hasOperations(a) && !hasOperations(b)) return true;
  if (!hasOperations(a)) return !keyed(a) || keyed(b);
  if (!hasOperations(b)) return !keyed(b) || keyed(a);
  return sameHints(a.hints, b.hints) && keyed(a) === keyed(b);
}

/** `twilio_content_sdk.yaml`: Twilio's SDK edition of a domain's spec. */
function isSdkEdition(spec: SpecModel): boolean {
  return fileNameParts(spec.name).version === "sdk";
}

/** One resource one operation per method and side (two members of one name are the plan's: it names them). */
function checkTree(
  siblings: readonly ResourceNode[],
  specOf: ReadonlyMap<ResourceNode, SpecModel>,
  locator: SpecLocator,
): void {
  for (const node of siblings) {
    for (const operations of [node.listOperations, node.instanceOperations]) {
      const byMethod = new Map<string, OperationModel>();
      for (const operation of operations) {
        const twin = byMethod.get(operation.method);
        if (twin) {
          const spec = specOf.get(node)!;
          throw new GeneratorError(
            locator.operation(spec, operation),
            `resource ${collectionPath(node)} gets a second ${operation.method} here (${operation.path}); ` +
              `the first is ${twin.path} at ${formatLocation(locator.operation(spec, twin))}`,
            "keep one of the two paths, or give one an x-twilio className of its own",
          );
        }
        byMethod.set(operation.method, operation);
      }
    }
    checkTree(node.listChildren, specOf, locator);
    checkTree(node.instanceChildren, specOf, locator);
  }
}

function hasOperations(node: ResourceNode): boolean {
  return node.listOperations.length + node.instanceOperations.length > 0;
}

/** Merged siblings in the order a single spec's tree keeps them. */
function sortByPath(nodes: ResourceNode[]): ResourceNode[] {
  for (const node of nodes) {
    sortByPath(node.listChildren);
    sortByPath(node.instanceChildren);
  }
  return nodes.sort((a, b) => compareText(a.identity, b.identity) || compareText(hintsKey(a.hints), hintsKey(b.hints)));
}
