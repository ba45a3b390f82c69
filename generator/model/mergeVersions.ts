import { formatLocation, GeneratorError, type SourceLocation } from "../util/diagnostics.js";
import { locate } from "../load/loadSpec.js";
import { compareText } from "../util/ordering.js";
import { fileNameParts } from "./buildModel.js";
import type { OperationModel, ResourceNode, SpecModel } from "./types.js";

/** One version module of a domain, merged from every spec file that defines the version. */
export interface MergedVersion {
  property: string;
  resources: ResourceNode[];
  /** The file each resource comes from: its schemas module types the resource. */
  specOf: ReadonlyMap<ResourceNode, SpecModel>;
}

/**
 * Merges the versions of one domain's specs (one SDK domain: the same host) into one module per
 * version property. The rules, each a located error when broken:
 * - A resource (a path identity and class with operations) comes from one file. Path prefixes a
 *   file only implies (namespaces) join the resource of the same path in another file, so a file
 *   may add sub-resources under another file's resources.
 * - Twilio's `twilio_<domain>_sdk.yaml` is the SDK edition of its domain's specs: the resources it
 *   defines replace those another file of the domain defines at the same path.
 * - Two resources mounted under one name beside each other are refused; so are two paths that
 *   differ only in case (`/v1/Accounts` beside `/v1/accounts`), which would be one SDK member.
 * - One resource takes one operation per method on its list and on its instance.
 * - A top-level resource takes no path parameters (no parent resource would supply them).
 * The specs' own trees are copied, never changed: reports and caches keep reading them.
 */
export function mergeDomainVersions(specs: readonly SpecModel[]): MergedVersion[] {
  const byProperty = new Map<string, VersionMerge>();
  for (const spec of [...specs].sort((a, b) => compareText(a.file, b.file))) {
    for (const version of spec.versions) {
      const merge = byProperty.get(version.property) ?? new VersionMerge();
      byProperty.set(version.property, merge);
      merge.add(spec, version.resources);
    }
  }
  return [...byProperty]
    .sort(([a], [b]) => compareText(a, b))
    .map(([property, merge]) => ({ property, resources: merge.finish(), specOf: merge.specOf }));
}

class VersionMerge {
  readonly specOf = new Map<ResourceNode, SpecModel>();
  private readonly roots: ResourceNode[] = [];

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
        operation ? operationLocation(this.specOf.get(root)!, operation) : { file: this.specOf.get(root)!.file },
        `resource ${root.className} needs path parameters (${root.listParameters.join(", ")}) that no parent resource provides`,
        "give the path a parent path in the spec",
      );
    }
    checkTree(this.roots, this.specOf);
    return sortByMount(this.roots);
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
      `resource ${added.className} (${added.identity}) is defined here and at ${formatLocation(this.where(kept))}`,
      "define each resource in one file, or drop one of the two definitions",
    );
  }

  private where(node: ResourceNode): SourceLocation {
    return operationLocation(this.specOf.get(node)!, firstOperation(node)!);
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
  return a.className === b.className && keyed(a) === keyed(b);
}

/** `twilio_content_sdk.yaml`: Twilio's SDK edition of a domain's spec. */
function isSdkEdition(spec: SpecModel): boolean {
  return fileNameParts(spec.name).version === "sdk";
}

/** Siblings need distinct mount names; one resource one operation per method and side. */
function checkTree(siblings: readonly ResourceNode[], specOf: ReadonlyMap<ResourceNode, SpecModel>): void {
  const byMount = new Map<string, ResourceNode>();
  for (const node of siblings) {
    const other = byMount.get(node.mountName);
    if (other) mountClash(other, node, specOf);
    byMount.set(node.mountName, node);
    for (const operations of [node.listOperations, node.instanceOperations]) {
      const byMethod = new Map<string, OperationModel>();
      for (const operation of operations) {
        const twin = byMethod.get(operation.method);
        if (twin) {
          const spec = specOf.get(node)!;
          throw new GeneratorError(
            operationLocation(spec, operation),
            `resource ${node.className} gets a second ${operation.method} here (${operation.path}); ` +
              `the first is ${twin.path} at ${formatLocation(operationLocation(spec, twin))}`,
            "keep one of the two paths, or give one an x-twilio className of its own",
          );
        }
        byMethod.set(operation.method, operation);
      }
    }
    checkTree(node.listChildren, specOf);
    checkTree(node.instanceChildren, specOf);
  }
}

function mountClash(first: ResourceNode, second: ResourceNode, specOf: ReadonlyMap<ResourceNode, SpecModel>): never {
  const where = (node: ResourceNode): SourceLocation => {
    const operation = firstOperation(node);
    return operation ? operationLocation(specOf.get(node)!, operation) : { file: specOf.get(node)!.file };
  };
  const caseOnly = first.identity.toLowerCase() === second.identity.toLowerCase();
  const other = `${first.identity} at ${formatLocation(where(first))}`;
  throw new GeneratorError(
    where(second),
    caseOnly
      ? `path ${second.identity} differs only in case from ${other}: both would be the SDK member \`${second.mountName}\``
      : `resource ${second.identity} and ${other} would both be the SDK member \`${second.mountName}\``,
    caseOnly
      ? "spell the two paths alike (the SDK cannot tell them apart), or give one an x-twilio mountName"
      : "give one of the two an x-twilio mountName",
  );
}

function operationLocation(spec: SpecModel, operation: OperationModel): SourceLocation {
  return locate(spec.file, ["paths", operation.path, operation.method.toLowerCase()]);
}

/** The first operation of a resource or, for a namespace, of its first descendant. */
function firstOperation(node: ResourceNode): OperationModel | undefined {
  const own = node.listOperations[0] ?? node.instanceOperations[0];
  if (own) return own;
  for (const child of [...node.listChildren, ...node.instanceChildren]) {
    const found = firstOperation(child);
    if (found) return found;
  }
  return undefined;
}

function hasOperations(node: ResourceNode): boolean {
  return node.listOperations.length + node.instanceOperations.length > 0;
}

/** Merged siblings in the order a single spec's tree keeps them. */
function sortByMount(nodes: ResourceNode[]): ResourceNode[] {
  for (const node of nodes) {
    sortByMount(node.listChildren);
    sortByMount(node.instanceChildren);
  }
  return nodes.sort((a, b) => compareText(a.mountName, b.mountName) || compareText(a.className, b.className));
}
