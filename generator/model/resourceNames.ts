import { camelCase, pascalCase, resourceClassName, singular } from "./naming.js";

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

/**
 * Class and mount names: an operation-level `mountName` splits the operation into a resource of
 * its own; otherwise the path's `className` and `mountName`, otherwise the last path word.
 */
export function resourceNames(
  collection: readonly string[],
  names: { operationMount?: unknown; className?: unknown; mountName?: unknown },
): { className: string; mountName: string } {
  if (typeof names.operationMount === "string") {
    return {
      className: resourceClassName(singular(pascalCase(names.operationMount))),
      mountName: camelCase(names.operationMount),
    };
  }
  const mountSource = typeof names.mountName === "string" ? names.mountName : lastStaticSegment(collection);
  const className =
    typeof names.className === "string" ? pascalCase(names.className) : singular(pascalCase(mountSource));
  return { className: resourceClassName(className), mountName: camelCase(mountSource) };
}
