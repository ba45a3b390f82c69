import type { ApiSurface, ResourceSurface, ServiceSurface, VersionSurface } from "./apiSurface.js";
import { change, type Change, type ChangeKind } from "./changes.js";
import { compareOperations, concurrencyOf, type Scope } from "./compareOperations.js";
import { pairUp } from "./pairUp.js";
import { typeRelation } from "./schemaShape.js";

/**
 * Every change from one API surface to the other. A service or version that comes or goes is one
 * change (with what it holds counted), not one per resource; its operations' `If-Match` and `ETag`
 * support is still listed one by one, because that is what a reviewer must not miss.
 */
export function compareSurfaces(before: ApiSurface, after: ApiSurface): Change[] {
  return pairUp(before.services, after.services, (service) => service.name).flatMap(([, old, now]) => {
    if (old && now) return compareVersions(old, now);
    const service = (old ?? now)!;
    const scope = { service: service.name, spec: service.specs.join(", ") };
    const resources = service.versions.flatMap((version) => version.resources);
    return [
      change({
        ...scope,
        kind: old ? "service-removed" : "service-added",
        subject: service.name,
        values: service.versions.map((version) => version.property),
        size: sizeOf(resources),
      }),
      ...containedConcurrency(scope, resources, old ? "lost" : "gained", old ? "service removed" : "service added"),
    ];
  });
}

function compareVersions(before: ServiceSurface, after: ServiceSurface): Change[] {
  return pairUp(before.versions, after.versions, (version) => version.property).flatMap(([, old, now]) => {
    if (old && now) return compareResources({ service: after.name, spec: now.spec }, old, now);
    const version = (old ?? now)!;
    const scope = { service: after.name, spec: version.spec };
    return [
      change({
        ...scope,
        kind: old ? "version-removed" : "version-added",
        subject: version.call,
        size: sizeOf(version.resources),
      }),
      ...containedConcurrency(
        scope,
        version.resources,
        old ? "lost" : "gained",
        old ? "version removed" : "version added",
      ),
    ];
  });
}

function compareResources(scope: Scope, before: VersionSurface, after: VersionSurface): Change[] {
  const removed: ResourceSurface[] = [];
  const added: ResourceSurface[] = [];
  const changes: Change[] = [];
  for (const [, old, now] of pairUp(before.resources, after.resources, (resource) => resource.key)) {
    if (old && now) changes.push(...compareResource(scope, old, now));
    else if (old && hasOperations(old)) removed.push(old);
    else if (now && hasOperations(now)) added.push(now);
  }
  for (const [old, now] of likelyRenames(removed, added)) {
    removed.splice(removed.indexOf(old), 1);
    added.splice(added.indexOf(now), 1);
    const values = [
      ...(old.className === now.className ? [] : [`class ${old.className} → ${now.className}`]),
      ...(old.identity === now.identity ? [] : [`path ${old.identity} → ${now.identity}`]),
    ];
    changes.push(
      change({ ...scope, kind: "resource-renamed", subject: now.call, before: old.call, after: now.call, values }),
      ...compareResource(scope, old, now),
    );
  }
  for (const resource of removed) changes.push(...resourceChange(scope, resource, "removed"));
  for (const resource of added) changes.push(...resourceChange(scope, resource, "added"));
  return changes;
}

function resourceChange(scope: Scope, resource: ResourceSurface, direction: "removed" | "added"): Change[] {
  return [
    change({
      ...scope,
      kind: `resource-${direction}`,
      subject: resource.call,
      values: resource.operations.map((operation) => operation.operationId),
    }),
    ...containedConcurrency(scope, [resource], direction === "removed" ? "lost" : "gained", `resource ${direction}`),
  ];
}

/** A resource without operations is only a namespace in the SDK path: it comes and goes with its children. */
function hasOperations(resource: ResourceSurface): boolean {
  return resource.operations.length > 0;
}

/** What makes a dropped and an introduced resource probably the same one, strongest evidence first. */
const RENAME_EVIDENCE: ((resource: ResourceSurface) => string)[] = [
  (resource) => resource.call, // the same SDK expression under another class name
  (resource) => resource.identity, // the same path
  (resource) => resource.className, // the same class on another path
  (resource) => resource.operations.map((operation) => operation.operationId).join(), // the same operations
];

/**
 * Pairs resources that one version dropped and the other introduced when they are probably the same
 * resource renamed: for each kind of evidence in turn, a pair that it matches exactly one to one.
 */
function likelyRenames(
  removed: readonly ResourceSurface[],
  added: readonly ResourceSurface[],
): [ResourceSurface, ResourceSurface][] {
  const renames: [ResourceSurface, ResourceSurface][] = [];
  const taken = new Set<ResourceSurface>();
  for (const evidence of RENAME_EVIDENCE) {
    const left = removed.filter((resource) => !taken.has(resource));
    const right = added.filter((resource) => !taken.has(resource));
    for (const old of left) {
      const sameOld = left.filter((resource) => evidence(resource) === evidence(old));
      const sameNew = right.filter((resource) => evidence(resource) === evidence(old));
      if (sameOld.length !== 1 || sameNew.length !== 1) continue;
      renames.push([old, sameNew[0]!]);
      taken.add(old).add(sameNew[0]!);
    }
  }
  return renames;
}

/** Response fields by wire name (their type only: readers do not see formats, and enums grow often), then operations. */
function compareResource(scope: Scope, old: ResourceSurface, now: ResourceSurface): Change[] {
  const fields = pairUp(old.fields, now.fields, (field) => field.name).flatMap(([name, before, after]): Change[] => {
    const at = (kind: ChangeKind, fields: Partial<Change> = {}) =>
      change({ ...scope, ...fields, kind, subject: now.call, name });
    if (!after) return [at("field-removed")];
    if (!before) return [at("field-added")];
    const relation = typeRelation(before.type, after.type);
    if (relation === "same") return [];
    return [
      at(relation === "narrower" ? "field-type-refined" : "field-type-changed", {
        before: before.type,
        after: after.type,
      }),
    ];
  });
  return [...fields, ...compareOperations(scope, old.operations, now.operations)];
}

function containedConcurrency(
  scope: Scope,
  resources: readonly ResourceSurface[],
  direction: "lost" | "gained",
  cause: string,
): Change[] {
  return resources.flatMap((resource) =>
    resource.operations.flatMap((operation) => concurrencyOf(scope, operation, direction, cause)),
  );
}

function sizeOf(resources: readonly ResourceSurface[]): { resources: number; operations: number } {
  const withOperations = resources.filter(hasOperations);
  return {
    resources: withOperations.length,
    operations: withOperations.reduce((sum, resource) => sum + resource.operations.length, 0),
  };
}
