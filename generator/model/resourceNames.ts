import { camelCase, pascalCase, singular, snakeCase } from "./naming.js";

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

export function lastStaticSegment(segments: readonly string[]): string {
  return [...segments].reverse().find((segment) => !isParameterSegment(segment)) ?? "Resource";
}

/** What names a resource: the operation's and its path's `x-twilio` names, and the path's operation ids. */
export interface NameSources {
  operationMount?: unknown;
  className?: unknown;
  mountName?: unknown;
  operationId?: string;
  /** Every operation id on the operation's path, itself included. */
  pathOperationIds?: readonly string[];
}

/**
 * Class and mount names: an operation-level `mountName` splits the operation into a resource of
 * its own; otherwise the path's `className` and `mountName`, otherwise the last path word.
 */
export function resourceNames(
  collection: readonly string[],
  names: NameSources,
): { className: string; mountName: string } {
  if (typeof names.operationMount === "string") {
    return {
      className: singular(pascalCase(names.operationMount)),
      mountName: camelCase(names.operationMount),
    };
  }
  const shared = sharedPathClass(collection, names);
  if (shared === "own") return resourceNames(collection, {});
  if (shared === "named" && typeof names.mountName !== "string") {
    return resourceNames(collection, { operationMount: plural(snakeCase(String(names.className))) });
  }
  const mountSource = typeof names.mountName === "string" ? names.mountName : lastStaticSegment(collection);
  const className =
    typeof names.className === "string" ? pascalCase(names.className) : singular(pascalCase(mountSource));
  return { className, mountName: camelCase(mountSource) };
}

/**
 * Twilio-oai 1.x puts operations of two resources on one path and names only one of them:
 * `Keys.json` with `className: new_key` holds `ListKey`, an operation of the `Key` resource that
 * `Keys/{Sid}.json` declares, and `CreateNewKey`. The operation id tells them apart: when the path's
 * ids name both the path's own class (`Key`, from its last word) and `className` (`NewKey`), the
 * former's operations are `own` (names as if the path gave no `className`) and the others `named`,
 * mounted under the plural of `className` (`newKeys`) as later specs say with an operation-level
 * `mountName: new_keys`. Undefined for a path whose operations name one resource.
 */
function sharedPathClass(collection: readonly string[], names: NameSources): "own" | "named" | undefined {
  if (typeof names.className !== "string" || names.operationId === undefined) return undefined;
  const named = pascalCase(names.className);
  const own = singular(pascalCase(lastStaticSegment(collection)));
  const nouns = new Set((names.pathOperationIds ?? []).map(operationNoun));
  if (named === own || !nouns.has(named) || !nouns.has(own)) return undefined;
  return operationNoun(names.operationId) === own ? "own" : "named";
}

/** The resource an operation id names: `CreateNewKey` → `NewKey`. */
const operationNoun = (operationId: string): string => operationId.replace(/^[A-Z][a-z]+/, "");

/** Plural of the last English word of a snake_case name: `new_key` → `new_keys`, `policy` → `policies`. */
export function plural(name: string): string {
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(name)) return `${name}es`;
  return `${name}s`;
}
