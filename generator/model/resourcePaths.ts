import { pascalCase, singular } from "../util/caseNames.js";
import type { OperationModel, ResourceHints, ResourceNode } from "./types.js";

/** A spec path split into what the resource tree needs. */
export interface PathShape {
  /** Segments below the version, `.json` dropped: `["Workspaces", "{WorkspaceSid}", "Tasks", "{Sid}"]`. */
  segments: string[];
  kind: "list" | "keyed" | "singleton";
}

export const isParameterSegment = (segment: string): boolean => /^\{.+\}$/.test(segment);
export const parameterName = (segment: string): string => segment.slice(1, -1);

/** Parameters as `{}`: two paths with the same identity address the same resources. */
export function identityOf(segments: readonly string[]): string {
  return "/" + segments.map((segment) => (isParameterSegment(segment) ? "{}" : segment)).join("/");
}

/** The trailing-`}` rule applies when the spec gives no `pathType`. */
export function pathShape(segments: string[], pathType: unknown): PathShape {
  const endsWithParameter = segments.length > 0 && isParameterSegment(segments[segments.length - 1]!);
  const isInstance = pathType === "instance" || (pathType === undefined && endsWithParameter);
  if (!isInstance) return { segments, kind: "list" };
  return { segments, kind: endsWithParameter ? "keyed" : "singleton" };
}

/**
 * The segments of the collection: the path without a trailing key. A list path that ends with a
 * parameter (seen in real specs) keeps that parameter as a required option of its operations.
 */
export function collectionSegments(shape: PathShape): string[] {
  const last = shape.segments[shape.segments.length - 1];
  return shape.kind !== "singleton" && last !== undefined && isParameterSegment(last)
    ? shape.segments.slice(0, -1)
    : shape.segments;
}

/** How errors name a resource: its collection's path below the version, as the spec spells it (`/Workspaces/{WorkspaceSid}/Tasks`). */
export function collectionPath(node: { segments: readonly string[] }): string {
  return `/${node.segments.join("/")}`;
}

export function lastStaticSegment(segments: readonly string[]): string {
  return [...segments].reverse().find((segment) => !isParameterSegment(segment)) ?? "Resource";
}

/** What the spec says names an operation's resource: its and its path's `x-twilio` names, and the path's operation ids. */
export interface NameSources {
  operationMount?: unknown;
  className?: unknown;
  mountName?: unknown;
  operationId?: string;
  /** Every operation id on the operation's path, itself included. */
  pathOperationIds?: readonly string[];
}

/**
 * The hints of an operation's resource: an operation-level `mountName` splits the operation into a
 * resource of its own; otherwise the path's `className` and `mountName`. Hints that are no string
 * are none.
 */
export function resourceHints(collection: readonly string[], sources: NameSources): ResourceHints {
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const operationMount = text(sources.operationMount);
  if (operationMount !== undefined) return { operationMount };
  const className = text(sources.className);
  const shared = sharedPathClass(collection, className, sources);
  if (shared === "own") return {};
  const mountName = text(sources.mountName);
  if (shared === "named" && mountName === undefined) return { className, sharedPath: true };
  return withoutAbsent({ className, mountName });
}

/** Two resources of one collection are one when the spec names them alike. */
export function sameHints(a: ResourceHints, b: ResourceHints): boolean {
  return hintsKey(a) === hintsKey(b);
}

/** The hints as one string, keys in a fixed order: a map key, and a deterministic sort key. */
export function hintsKey(hints: ResourceHints): string {
  const { operationMount, className, mountName, sharedPath } = hints;
  return JSON.stringify([operationMount, className, mountName, sharedPath]);
}

function withoutAbsent(hints: ResourceHints): ResourceHints {
  return Object.fromEntries(Object.entries(hints).filter(([, value]) => value !== undefined));
}

/**
 * Twilio-oai 1.x puts operations of two resources on one path and names only one of them:
 * `Keys.json` with `className: new_key` holds `ListKey`, an operation of the `Key` resource that
 * `Keys/{Sid}.json` declares, and `CreateNewKey`. The operation id tells them apart: when the path's
 * ids name both the path's own resource (`Key`, from its last word) and `className` (`NewKey`), the
 * former's operations are `own` (hints as if the path gave no `className`) and the others `named`
 * (mounted, plan/resourceNames.ts says, under the plural of `className`, `newKeys`, as later specs say
 * with an operation-level `mountName: new_keys`). Undefined for a path whose operations name one resource.
 */
function sharedPathClass(
  collection: readonly string[],
  className: string | undefined,
  sources: NameSources,
): "own" | "named" | undefined {
  if (className === undefined || sources.operationId === undefined) return undefined;
  const named = pascalCase(className);
  const own = singular(pascalCase(lastStaticSegment(collection)));
  const nouns = new Set((sources.pathOperationIds ?? []).map(operationNoun));
  if (named === own || !nouns.has(named) || !nouns.has(own)) return undefined;
  return operationNoun(sources.operationId) === own ? "own" : "named";
}

/** The resource an operation id names: `CreateNewKey` → `NewKey`. */
const operationNoun = (operationId: string): string => operationId.replace(/^[A-Z][a-z]+/, "");

/** The first operation of a resource or, for a namespace, of its first descendant: where errors about it point. */
export function firstOperation(node: ResourceNode): OperationModel | undefined {
  const own = node.listOperations[0] ?? node.instanceOperations[0];
  if (own) return own;
  for (const child of [...node.listChildren, ...node.instanceChildren]) {
    const found = firstOperation(child);
    if (found) return found;
  }
  return undefined;
}
